#include "analysis/kompot/mellon/function_estimator.h"

#include <algorithm>
#include <cmath>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "analysis/kompot/mellon/matern52.h"
#include "util/cancel_token.h"
#include "util/work_items.h"
#include "util/errors.h"

namespace scdesk::kompot {

namespace {

// Points per block when a kernel block is built and whitened; bounds the temporary m × block
// memory and gives the cancel checks a rhythm (m = 5000: about a second per block and thread).
constexpr Eigen::Index kBlock = 256;
// Columns of B = I + AAᵀ/σ² per work item.
constexpr Eigen::Index kTile = 64;

Eigen::MatrixXd lowerCholesky(Eigen::MatrixXd a, const char* what)
{
    Eigen::LLT<Eigen::MatrixXd> llt(a);
    if (llt.info() != Eigen::Success)
        throw InvalidInput(std::string("the ") + what
                           + " is not positive definite (duplicate landmarks or cells?); increase the jitter");
    Eigen::MatrixXd l = llt.matrixL();
    if (!l.allFinite())
        throw InvalidInput(std::string("the ") + what + " factorisation produced NaN; increase the jitter");
    return l;
}

// lhs · rhs in fixed blocks of columns, each a single-threaded Eigen product (Eigen runs serially
// inside a parallel region). Eigen's own threaded GEMM picks its blocking from the thread count,
// which changes the rounding; this way the bits depend on neither the thread count nor the other
// columns' blocks.
Eigen::MatrixXd blockedProduct(const Eigen::MatrixXd& lhs, const Eigen::MatrixXd& rhs)
{
    constexpr Eigen::Index kCols = 64;
    Eigen::MatrixXd out(lhs.rows(), rhs.cols());
    const Eigen::Index nBlocks = (rhs.cols() + kCols - 1) / kCols;
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < nBlocks; ++b) {
        const Eigen::Index c0 = b * kCols, nc = std::min(kCols, rhs.cols() - c0);
        out.middleCols(c0, nc).noalias() = lhs * rhs.middleCols(c0, nc);
    }
    return out;
}

// k(x, x) as matern52Matrix computes it: the distance floor sqrt(1e-12) makes it 1 − O(1e-12/ls²).
double selfCovariance(double ls) { return matern52(std::sqrt(1e-12), ls); }

} // namespace

void FunctionEstimator::fit(const Eigen::MatrixXd& x, const FunctionOptions& options, const CancelToken* cancel)
{
    if (x.rows() < 1 || x.cols() < 1)
        throw InvalidInput("a function estimate needs at least one cell with at least one coordinate");
    if (!x.allFinite())
        throw InvalidInput("the cell coordinates contain NaN or infinite values");
    if (!(options.lengthScale > 0.0) || !std::isfinite(options.lengthScale))
        throw InvalidParameter("the length scale must be a positive number, got " + std::to_string(options.lengthScale));
    if (!(options.sigma >= 0.0) || !std::isfinite(options.sigma))
        throw InvalidParameter("sigma must be a non-negative number, got " + std::to_string(options.sigma));
    if (!(options.jitter > 0.0) || !std::isfinite(options.jitter))
        throw InvalidParameter("the jitter must be a positive number, got " + std::to_string(options.jitter));
    const bool sparse = options.landmarks.size() > 0;
    if (sparse && options.landmarks.cols() != x.cols())
        throw InvalidInput("landmarks have " + std::to_string(options.landmarks.cols()) + " coordinates, cells have "
                           + std::to_string(x.cols()));
    if (sparse && !options.landmarks.allFinite())
        throw InvalidInput("the landmarks contain NaN or infinite values");

    m_ls = options.lengthScale;
    m_sigma = options.sigma;
    m_jitter = options.jitter;
    m_n = x.rows();
    m_exact = !sparse;
    // σ² enters as a divisor (sparse) or a ridge (exact); flooring it at the jitter keeps σ = 0
    // (Mellon's own default) well defined in both.
    const double noise = std::max(m_sigma * m_sigma, m_jitter);

    if (m_exact) {
        m_u = x;
        m_lp.resize(0, 0);
        m_a.resize(0, 0);
        Eigen::MatrixXd k = matern52Matrix(x, x, m_ls);
        throwIfCancelled(cancel);
        k.diagonal().array() += noise;
        m_lb = lowerCholesky(std::move(k), "kernel matrix of the cells");
        throwIfCancelled(cancel);
        return;
    }

    m_u = options.landmarks;
    const Eigen::Index m = m_u.rows();
    Eigen::MatrixXd kuu = matern52Matrix(m_u, m_u, m_ls);
    kuu.diagonal().array() += m_jitter;
    m_lp = lowerCholesky(std::move(kuu), "landmark kernel matrix");
    throwIfCancelled(cancel);

    // A = Lp⁻¹ K_UX, built per block of cells (each block's columns are independent).
    m_a.resize(m, m_n);
    const Eigen::Index nBlocks = (m_n + kBlock - 1) / kBlock;
    const Eigen::Index perCheck = static_cast<Eigen::Index>(workItemsPerCancelCheck());
    for (Eigen::Index first = 0; first < nBlocks; first += perCheck) {
        const Eigen::Index last = std::min(nBlocks, first + perCheck);
#pragma omp parallel for schedule(static)
        for (Eigen::Index b = first; b < last; ++b) {
            const Eigen::Index c0 = b * kBlock, nc = std::min(kBlock, m_n - c0);
            Eigen::MatrixXd block = matern52Matrix(m_u, x.middleRows(c0, nc), m_ls);
            m_lp.triangularView<Eigen::Lower>().solveInPlace(block);
            m_a.middleCols(c0, nc) = block;
        }
        throwIfCancelled(cancel);
    }

    // B = I + AAᵀ/σ², lower triangle only, by column tiles: each tile is one single-threaded
    // product over all cells (Eigen's rank update would run on one core, its threaded GEMM
    // would round differently per thread count).
    Eigen::MatrixXd bm = Eigen::MatrixXd::Zero(m, m);
    const Eigen::Index nTiles = (m + kTile - 1) / kTile;
    for (Eigen::Index first = 0; first < nTiles; first += perCheck) {
        const Eigen::Index last = std::min(nTiles, first + perCheck);
#pragma omp parallel for schedule(dynamic)
        for (Eigen::Index t = first; t < last; ++t) {
            const Eigen::Index c0 = t * kTile, nc = std::min(kTile, m - c0);
            bm.block(c0, c0, m - c0, nc).noalias() = m_a.middleRows(c0, m - c0) * m_a.middleRows(c0, nc).transpose();
        }
        throwIfCancelled(cancel);
    }
    bm /= noise;
    bm.diagonal().array() += 1.0;
    Eigen::LLT<Eigen::MatrixXd> llt(bm);
    if (llt.info() != Eigen::Success)
        throw InvalidInput("the landmark posterior matrix is not positive definite; increase the jitter");
    m_lb = llt.matrixL();
    if (!m_lb.allFinite())
        throw InvalidInput("the landmark posterior factorisation produced NaN; increase the jitter");
}

Eigen::MatrixXd FunctionEstimator::weights(const Eigen::MatrixXd& y) const
{
    if (m_n == 0)
        throw InvalidInput("the function estimator is not fitted");
    if (y.rows() != m_n)
        throw InvalidInput("expression has " + std::to_string(y.rows()) + " cells, the estimator was fitted on "
                           + std::to_string(m_n));
    if (m_exact) {
        // W = (K + σ²I)⁻¹ Y
        Eigen::MatrixXd w = m_lb.triangularView<Eigen::Lower>().solve(y);
        m_lb.transpose().triangularView<Eigen::Upper>().solveInPlace(w);
        return w;
    }
    // W = Lp⁻ᵀ B⁻¹ A Y / σ² = (σ² K_UU + K_UX K_XU)⁻¹ K_UX Y
    const double noise = std::max(m_sigma * m_sigma, m_jitter);
    Eigen::MatrixXd w = blockedProduct(m_a, y) / noise;
    m_lb.triangularView<Eigen::Lower>().solveInPlace(w);
    m_lb.transpose().triangularView<Eigen::Upper>().solveInPlace(w);
    m_lp.transpose().triangularView<Eigen::Upper>().solveInPlace(w);
    return w;
}

Eigen::MatrixXd FunctionEstimator::crossKernel(const Eigen::MatrixXd& points) const
{
    if (m_n == 0)
        throw InvalidInput("the function estimator is not fitted");
    if (points.cols() != m_u.cols())
        throw InvalidInput("points have " + std::to_string(points.cols()) + " coordinates, the estimator has "
                           + std::to_string(m_u.cols()));
    return matern52Matrix(points, m_u, m_ls);
}

Eigen::MatrixXd FunctionEstimator::predict(const Eigen::MatrixXd& points, const Eigen::MatrixXd& w) const
{
    if (w.rows() != m_u.rows())
        throw InvalidInput("weights have " + std::to_string(w.rows()) + " rows, the estimator has "
                           + std::to_string(m_u.rows()) + " inducing points");
    return blockedProduct(crossKernel(points), w);
}

Eigen::VectorXd FunctionEstimator::posteriorVariance(const Eigen::MatrixXd& points) const
{
    if (m_n == 0)
        throw InvalidInput("the function estimator is not fitted");
    if (points.cols() != m_u.cols())
        throw InvalidInput("points have " + std::to_string(points.cols()) + " coordinates, the estimator has "
                           + std::to_string(m_u.cols()));
    const Eigen::Index n = points.rows();
    const double kxx = selfCovariance(m_ls);
    Eigen::VectorXd var(n);
    const Eigen::Index nBlocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < nBlocks; ++b) {
        const Eigen::Index c0 = b * kBlock, nc = std::min(kBlock, n - c0);
        Eigen::MatrixXd a = matern52Matrix(m_u, points.middleRows(c0, nc), m_ls);
        if (m_exact) {
            // k** − ‖L⁻¹ k_X*‖², L = chol(K + σ²I)
            m_lb.triangularView<Eigen::Lower>().solveInPlace(a);
            var.segment(c0, nc) = (kxx - a.colwise().squaredNorm().array()).matrix().transpose();
        } else {
            // k** − ‖a*‖² + ‖L_B⁻¹ a*‖², a* = Lp⁻¹ k_U*
            m_lp.triangularView<Eigen::Lower>().solveInPlace(a);
            const Eigen::RowVectorXd nystrom = a.colwise().squaredNorm();
            m_lb.triangularView<Eigen::Lower>().solveInPlace(a);
            var.segment(c0, nc) = (kxx - nystrom.array() + a.colwise().squaredNorm().array()).matrix().transpose();
        }
    }
    return var;
}

Eigen::MatrixXd FunctionEstimator::posteriorCovariance(const Eigen::MatrixXd& points) const
{
    if (m_n == 0)
        throw InvalidInput("the function estimator is not fitted");
    if (points.cols() != m_u.cols())
        throw InvalidInput("points have " + std::to_string(points.cols()) + " coordinates, the estimator has "
                           + std::to_string(m_u.cols()));
    Eigen::MatrixXd cov = matern52Matrix(points, points, m_ls);
    // The diagonal as posteriorVariance takes it, so the two agree exactly in k**.
    cov.diagonal().setConstant(selfCovariance(m_ls));
    Eigen::MatrixXd a = matern52Matrix(m_u, points, m_ls);
    if (m_exact) {
        m_lb.triangularView<Eigen::Lower>().solveInPlace(a);
        cov -= blockedProduct(a.transpose(), a);
    } else {
        m_lp.triangularView<Eigen::Lower>().solveInPlace(a);
        cov -= blockedProduct(a.transpose(), a);
        m_lb.triangularView<Eigen::Lower>().solveInPlace(a);
        cov += blockedProduct(a.transpose(), a);
    }
    // Symmetrise the rounding.
    return 0.5 * (cov + cov.transpose());
}

Eigen::MatrixXd FunctionEstimator::inducingCovariance() const
{
    if (m_n == 0)
        throw InvalidInput("the function estimator is not fitted");
    if (m_exact)
        return posteriorCovariance(m_u);
    // Lp B⁻¹ Lpᵀ = VᵀV with V = L_B⁻¹ Lpᵀ.
    Eigen::MatrixXd v = m_lp.transpose();
    m_lb.triangularView<Eigen::Lower>().solveInPlace(v);
    Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(v.cols(), v.cols());
    cov.selfadjointView<Eigen::Lower>().rankUpdate(v.transpose());
    return cov.selfadjointView<Eigen::Lower>();
}

} // namespace scdesk::kompot
