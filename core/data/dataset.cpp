#include "data/dataset.h"

#include "util/errors.h"

namespace scdesk {

std::int64_t matrixRows(const Matrix& m)
{
    if (auto* csr = std::get_if<CsrMatrix>(&m))
        return csr->rows;
    return std::get<DenseMatrix>(m).rows();
}

std::int64_t matrixCols(const Matrix& m)
{
    if (auto* csr = std::get_if<CsrMatrix>(&m))
        return csr->cols;
    return std::get<DenseMatrix>(m).cols();
}

std::int64_t matrixBytes(const Matrix& m)
{
    if (auto* csr = std::get_if<CsrMatrix>(&m))
        return static_cast<std::int64_t>(csr->indptr.size() * sizeof(std::int64_t)
                                         + csr->indices.size() * sizeof(std::int32_t)
                                         + csr->data.size() * sizeof(float));
    return std::get<DenseMatrix>(m).size() * static_cast<std::int64_t>(sizeof(float));
}

const Matrix& Dataset::matrix(const std::string& layer) const
{
    if (layer.empty() || layer == "X")
        return X;
    auto it = layers.find(layer);
    if (it == layers.end())
        throw InvalidInput("layer '" + layer + "' not found in the dataset");
    return it->second;
}

std::int64_t Dataset::memoryBytes() const
{
    std::int64_t total = matrixBytes(X);
    for (const auto& [name, m] : layers)
        total += matrixBytes(m);
    for (const auto& [name, m] : obsm)
        total += m.size() * static_cast<std::int64_t>(sizeof(float));
    for (const auto& [name, m] : varm)
        total += m.size() * static_cast<std::int64_t>(sizeof(float));
    return total;
}

} // namespace scdesk
