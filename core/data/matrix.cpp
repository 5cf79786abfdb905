#include "data/matrix.h"

namespace scdesk {

namespace {

template <typename Sparse>
std::int64_t sparseBytes(const Sparse& m)
{
    return static_cast<std::int64_t>(m.indptr.size() * sizeof(std::int64_t) + m.indices.size() * sizeof(std::int32_t)
                                     + m.data.size() * sizeof(float));
}

} // namespace

const char* Matrix::kindName() const
{
    switch (m_storage.index()) {
    case 1: return "csr";
    case 2: return "csc";
    case 3: return "dense";
    default: return "none";
    }
}

std::int64_t Matrix::rows() const
{
    if (const auto* m = csr())
        return m->rows;
    if (const auto* m = csc())
        return m->rows;
    if (const auto* m = dense())
        return m->rows();
    return 0;
}

std::int64_t Matrix::cols() const
{
    if (const auto* m = csr())
        return m->cols;
    if (const auto* m = csc())
        return m->cols;
    if (const auto* m = dense())
        return m->cols();
    return 0;
}

std::int64_t Matrix::storedValues() const
{
    if (const auto* m = csr())
        return m->nnz();
    if (const auto* m = csc())
        return m->nnz();
    if (const auto* m = dense())
        return m->size();
    return 0;
}

std::int64_t Matrix::bytes() const
{
    if (const auto* m = csr())
        return sparseBytes(*m);
    if (const auto* m = csc())
        return sparseBytes(*m);
    if (const auto* m = dense())
        return m->size() * static_cast<std::int64_t>(sizeof(float));
    return 0;
}

} // namespace scdesk
