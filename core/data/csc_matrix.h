#pragma once
// Compressed sparse column matrix: the other sparse layout .h5ad files use (anndata writes
// whatever scipy format the user had). indptr runs over columns, indices are row positions.
#include <cstdint>
#include <vector>

#include "data/csr_matrix.h"

namespace scdesk {

struct CscMatrix {
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<std::int64_t> indptr; // cols + 1 entries
    std::vector<std::int32_t> indices; // row of each stored value
    std::vector<float> data;

    std::int64_t nnz() const { return static_cast<std::int64_t>(data.size()); }
    void validateStructure() const; // as CsrMatrix::validateStructure, with the axes swapped
    void validate() const;
};

// The same matrix in row-major layout (one counting pass, one scatter; rows come out sorted).
CsrMatrix toCsr(const CscMatrix& m);
CscMatrix toCsc(const CsrMatrix& m);

} // namespace scdesk
