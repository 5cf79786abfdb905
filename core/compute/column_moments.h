#pragma once
// Per-column (per-gene) sums over a cells × genes matrix: the reduction behind mean, variance and
// the fraction of cells expressing each gene.
#include <cstdint>
#include <vector>

namespace scdesk {

struct ColumnMoments {
    std::vector<double> sum;          // Σ x
    std::vector<double> sumSquares;   // Σ x²
    std::vector<std::int64_t> nonZero; // # x ≠ 0
};

} // namespace scdesk
