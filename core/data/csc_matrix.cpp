#include "data/csc_matrix.h"

#include <string>

#include "data/compressed_layout_check.h"

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
    detail::validateCompressedStructure(*this, cols, rows, "column", "row");
}

void CscMatrix::validate() const
{
    validateStructure();
    detail::validateCompressedIndices(*this, rows, "row");
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
