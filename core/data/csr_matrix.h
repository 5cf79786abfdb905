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
    // Shape and indptr checks, O(rows): what kernels that check column indices while they work
    // need. A default-constructed 0-row matrix (no indptr) counts as valid. Throws InvalidInput.
    void validateStructure() const;
    // validateStructure() plus every column index, O(nnz).
    void validate() const;
};

} // namespace scdesk
