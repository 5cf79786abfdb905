#include "analysis/delnx/count_source.h"

#include <algorithm>

#include "util/errors.h"

namespace scdesk::delnx {
namespace {

class DenseSource final : public CountSource {
public:
    explicit DenseSource(Eigen::MatrixXd m) : m_m(std::move(m)) {} // column-major: one gene contiguous
    std::int64_t genes() const override { return m_m.cols(); }
    std::int64_t samples() const override { return m_m.rows(); }
    void gene(std::int64_t g, double* out) const override
    {
        std::copy(m_m.col(g).data(), m_m.col(g).data() + m_m.rows(), out);
    }

private:
    Eigen::MatrixXd m_m;
};

class FloatDenseSource final : public CountSource {
public:
    explicit FloatDenseSource(const DenseMatrix& m) : m_m(m) {} // column-major float copy
    std::int64_t genes() const override { return m_m.cols(); }
    std::int64_t samples() const override { return m_m.rows(); }
    void gene(std::int64_t g, double* out) const override
    {
        for (Eigen::Index i = 0; i < m_m.rows(); ++i)
            out[i] = m_m(i, g);
    }

private:
    Eigen::MatrixXf m_m;
};

class CscSource final : public CountSource {
public:
    explicit CscSource(CscMatrix m) : m_m(std::move(m)) {}
    std::int64_t genes() const override { return m_m.cols; }
    std::int64_t samples() const override { return m_m.rows; }
    void gene(std::int64_t g, double* out) const override
    {
        std::fill(out, out + m_m.rows, 0.0);
        for (std::int64_t k = m_m.indptr[g]; k < m_m.indptr[g + 1]; ++k)
            out[m_m.indices[k]] = m_m.data[k];
    }

private:
    CscMatrix m_m;
};

} // namespace

std::unique_ptr<CountSource> countsFromMatrix(const Matrix& m)
{
    if (const auto* d = m.dense())
        return std::make_unique<FloatDenseSource>(*d);
    if (const auto* c = m.csc())
        return std::make_unique<CscSource>(*c);
    if (const auto* r = m.csr())
        return std::make_unique<CscSource>(toCsc(*r));
    throw InvalidInput("count matrix is absent");
}

std::unique_ptr<CountSource> countsFromDense(Eigen::MatrixXd samplesByGenes)
{
    return std::make_unique<DenseSource>(std::move(samplesByGenes));
}

} // namespace scdesk::delnx
