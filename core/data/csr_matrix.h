#pragma once
// Compressed sparse row matrix, the in-memory form of most .h5ad X matrices (cells × genes).
#include <cstdint>
#include <vector>

namespace scdesk {

struct CsrMatrix {
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<std::int64_t> indptr; // rows + 1 entries
    std::vector<std::int32_t> indices; // column of each stored value
    std::vector<float> data;

    std::int64_t nnz() const { return static_cast<std::int64_t>(data.size()); }
    // Throws InvalidInput when indptr/indices are inconsistent with the shape.
    void validate() const;
};

} // namespace scdesk
