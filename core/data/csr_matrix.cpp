#include "data/csr_matrix.h"

#include <string>

#include "util/errors.h"

namespace scdesk {

void CsrMatrix::validateStructure() const
{
    if (rows < 0 || cols < 0)
        throw InvalidInput("sparse matrix has a negative shape");
    if (cols > std::int64_t{1} << 31)
        throw InvalidInput("sparse matrix has " + std::to_string(cols) + " columns, more than 32-bit indices address");
    if (indices.size() != data.size())
        throw InvalidInput("sparse matrix indices and data differ in length");
    if (rows == 0 && indptr.empty() && data.empty())
        return;
    if (static_cast<std::int64_t>(indptr.size()) != rows + 1)
        throw InvalidInput("sparse matrix indptr has " + std::to_string(indptr.size())
                           + " entries, expected rows + 1 = " + std::to_string(rows + 1));
    if (indptr.front() != 0 || indptr.back() != nnz())
        throw InvalidInput("sparse matrix indptr does not start at 0 and end at nnz");
    for (std::int64_t r = 0; r < rows; ++r)
        if (indptr[r] > indptr[r + 1])
            throw InvalidInput("sparse matrix indptr decreases at row " + std::to_string(r));
}

void CsrMatrix::validate() const
{
    validateStructure();
    for (auto c : indices)
        if (c < 0 || c >= cols)
            throw InvalidInput("sparse matrix column index " + std::to_string(c) + " is outside [0, "
                               + std::to_string(cols) + ")");
}

} // namespace scdesk
