#include "data/csc_matrix.h"

#include <string>

#include "util/errors.h"

namespace scdesk {

namespace {

// CSR and CSC are the same arrays read along different axes: transposing one gives the other.
template <typename To, typename From>
To transposeLayout(const From& m, std::int64_t major, std::int64_t minor)
{
    To out;
    out.rows = m.rows;
    out.cols = m.cols;
    out.indptr.assign(static_cast<std::size_t>(minor) + 1, 0);
    for (auto i : m.indices)
        ++out.indptr[static_cast<std::size_t>(i) + 1];
    for (std::int64_t k = 0; k < minor; ++k)
        out.indptr[k + 1] += out.indptr[k];
    out.indices.resize(m.indices.size());
    out.data.resize(m.data.size());
    std::vector<std::int64_t> next(out.indptr.begin(), out.indptr.end() - 1);
    for (std::int64_t j = 0; j < major; ++j)
        for (auto k = m.indptr[j]; k < m.indptr[j + 1]; ++k) {
            const auto at = next[static_cast<std::size_t>(m.indices[k])]++;
            out.indices[at] = static_cast<std::int32_t>(j);
            out.data[at] = m.data[k];
        }
    return out;
}

} // namespace

void CscMatrix::validateStructure() const
{
    if (rows < 0 || cols < 0)
        throw InvalidInput("sparse matrix has a negative shape");
    if (rows > std::int64_t{1} << 31)
        throw InvalidInput("sparse matrix has " + std::to_string(rows) + " rows, more than 32-bit indices address");
    if (indices.size() != data.size())
        throw InvalidInput("sparse matrix indices and data differ in length");
    if (cols == 0 && indptr.empty() && data.empty())
        return;
    if (static_cast<std::int64_t>(indptr.size()) != cols + 1)
        throw InvalidInput("sparse matrix indptr has " + std::to_string(indptr.size())
                           + " entries, expected columns + 1 = " + std::to_string(cols + 1));
    if (indptr.front() != 0 || indptr.back() != nnz())
        throw InvalidInput("sparse matrix indptr does not start at 0 and end at nnz");
    for (std::int64_t c = 0; c < cols; ++c)
        if (indptr[c] > indptr[c + 1])
            throw InvalidInput("sparse matrix indptr decreases at column " + std::to_string(c));
}

void CscMatrix::validate() const
{
    validateStructure();
    for (auto r : indices)
        if (r < 0 || r >= rows)
            throw InvalidInput("sparse matrix row index " + std::to_string(r) + " is outside [0, "
                               + std::to_string(rows) + ")");
}

CsrMatrix toCsr(const CscMatrix& m)
{
    if (m.indptr.empty())
        return CsrMatrix{m.rows, m.cols, std::vector<std::int64_t>(static_cast<std::size_t>(m.rows) + 1, 0), {}, {}};
    return transposeLayout<CsrMatrix>(m, m.cols, m.rows);
}

CscMatrix toCsc(const CsrMatrix& m)
{
    if (m.indptr.empty())
        return CscMatrix{m.rows, m.cols, std::vector<std::int64_t>(static_cast<std::size_t>(m.cols) + 1, 0), {}, {}};
    return transposeLayout<CscMatrix>(m, m.rows, m.cols);
}

} // namespace scdesk
