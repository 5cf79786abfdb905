#include "analysis/kompot/mellon/density_estimator.h"

#include <algorithm>
#include <cmath>

#include "analysis/kompot/mellon/density_parameters.h"
#include "analysis/kompot/mellon/matern52.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::kompot {

namespace {

constexpr Eigen::Index kBlock = 512;

Eigen::MatrixXd lowerCholesky(const Eigen::MatrixXd& k, double jitter)
{
    Eigen::MatrixXd a = k;
    a.diagonal().array() += jitter;
    Eigen::LLT<Eigen::MatrixXd> llt(a);
    if (llt.info() != Eigen::Success || !llt.matrixL().toDenseMatrix().allFinite())
        throw InvalidInput("the kernel matrix is not positive definite (duplicate landmarks?); increase the jitter");
    return llt.matrixL();
}

// Lp⁻¹ K(U, P) for a block of points, one triangular solve per column.
Eigen::MatrixXd whitenedCross(const Eigen::MatrixXd& lp, const Eigen::MatrixXd& u, const Eigen::MatrixXd& points,
                              double ls)
{
    Eigen::MatrixXd a = matern52Matrix(u, points, ls);
    lp.triangularView<Eigen::Lower>().solveInPlace(a);
    return a;
}

} // namespace

void DensityEstimator::fit(const Eigen::MatrixXd& x, const DensityOptions& options, const CancelToken* cancel)
{
    m_n = x.rows();
    if (m_n < 3)
        throw InvalidInput("a density needs at least 3 cells, got " + std::to_string(m_n));
    if (options.landmarks.size() > 0 && options.landmarks.cols() != x.cols())
        throw InvalidInput("landmarks and cells differ in dimension");
    const std::vector<double> nn = validatedNnDistances(x, cancel);
    m_ls = options.lengthScale ? *options.lengthScale : lengthScaleFromNn(nn, options.lsFactor);
    m_d = options.dimension ? *options.dimension : fractalDimension(x, 10, 500, options.fractalSeed, cancel);
    const Eigen::VectorXd mle = nnLogIntensity(nn, m_d);
    m_mu = options.mu ? *options.mu : priorMean(mle);
    if (cancel)
        cancel->throwIfCancelled();

    // Low-rank (fixed landmarks) or full factor.
    m_u = options.landmarks.size() > 0 ? options.landmarks : x;
    m_lp = lowerCholesky(matern52Matrix(m_u, m_u, m_ls), options.jitter);
    if (options.landmarks.size() > 0) {
        m_l.resize(m_n, m_u.rows());
        const Eigen::Index nBlocks = (m_n + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
        for (Eigen::Index b = 0; b < nBlocks; ++b) {
            const Eigen::Index r0 = b * kBlock, nr = std::min(kBlock, m_n - r0);
            m_l.middleRows(r0, nr) = whitenedCross(m_lp, m_u, x.middleRows(r0, nr), m_ls).transpose();
        }
    } else {
        m_l = m_lp;
    }
    if (cancel)
        cancel->throwIfCancelled();

    // V_i = d ln r + c, W_i = ln d + (d−1) ln r + c with c = (d/2) ln π − lnΓ(d/2+1).
    const double c = (m_d / 2.0) * std::log(M_PI) - std::lgamma(m_d / 2.0 + 1.0);
    m_v.resize(m_n);
    m_w.resize(m_n);
    for (Eigen::Index i = 0; i < m_n; ++i) {
        const double lr = std::log(nn[static_cast<std::size_t>(i)]);
        m_v[i] = m_d * lr + c;
        m_w[i] = std::log(m_d) + (m_d - 1.0) * lr + c;
    }

    // Ridge start: z0 = (LᵀL + I)⁻¹ Lᵀ (mle − mu).
    const Eigen::Index p = m_l.cols();
    Eigen::MatrixXd gram = Eigen::MatrixXd::Identity(p, p);
    gram.selfadjointView<Eigen::Lower>().rankUpdate(m_l.transpose());
    Eigen::VectorXd z0 = gram.selfadjointView<Eigen::Lower>().llt().solve(m_l.transpose() * (mle.array() - m_mu).matrix());

    m_opt = minimizeLbfgs([this](const Eigen::VectorXd& z, Eigen::VectorXd& g) { return objective(z, &g); },
                          std::move(z0), options.optimizer, cancel);
    m_z = m_opt.x;
    m_trainF = m_l * m_z;
    m_trainF.array() += m_mu;
    // Diagonal Laplace: H_jj = 1 + Σ_i L_ij² e_i.
    const Eigen::VectorXd e = (m_trainF + m_v).array().exp().matrix();
    const Eigen::VectorXd hDiag = (m_l.array().square().colwise() * e.array()).colwise().sum().transpose().array() + 1.0;
    m_zStd = hDiag.array().max(1e-8).rsqrt().matrix();
    m_weights = m_lp.transpose().triangularView<Eigen::Upper>().solve(m_z);
}

double DensityEstimator::objective(const Eigen::VectorXd& z, Eigen::VectorXd* gradient) const
{
    Eigen::VectorXd f = m_l * z;
    f.array() += m_mu;
    const Eigen::ArrayXd e = (f + m_v).array().exp();
    const double logLik = (f + m_w).sum() - e.sum();
    const double p = static_cast<double>(z.size());
    if (gradient)
        *gradient = z + m_l.transpose() * (e - 1.0).matrix();
    return 0.5 * z.squaredNorm() + 0.5 * p * std::log(2.0 * M_PI) - logLik;
}

DensityPrediction DensityEstimator::predict(const Eigen::MatrixXd& points, bool normalize,
                                            const CancelToken* cancel) const
{
    if (points.cols() != m_u.cols())
        throw InvalidInput("prediction points have " + std::to_string(points.cols()) + " dimensions, the model "
                           + std::to_string(m_u.cols()));
    const Eigen::Index n = points.rows();
    DensityPrediction out;
    out.logDensity.resize(n);
    out.covariance.resize(n);
    out.meanCovariance.resize(n);
    const double offset = m_mu - (normalize ? std::log(static_cast<double>(m_n)) : 0.0);
    const double kSelf = matern52(std::sqrt(1e-12), m_ls); // Mellon's distance floor on the diagonal
    const Eigen::ArrayXd s2 = m_zStd.array().square();
    const Eigen::Index nBlocks = (n + kBlock - 1) / kBlock;
    bool cancelled = false;
#pragma omp parallel for schedule(dynamic)
    for (Eigen::Index b = 0; b < nBlocks; ++b) {
        if (cancelled || (cancel && cancel->isCancelled())) {
            cancelled = true;
            continue;
        }
        const Eigen::Index r0 = b * kBlock, nr = std::min(kBlock, n - r0);
        // a = Lp⁻¹ k(U, x*) once per block, reused for the mean (a·z) and both variances.
        const Eigen::MatrixXd a = whitenedCross(m_lp, m_u, points.middleRows(r0, nr), m_ls);
        out.logDensity.segment(r0, nr) = (a.transpose() * m_z).array() + offset;
        // Rounding can push the Nyström residual a hair below zero at landmarks; a variance is >= 0.
        out.covariance.segment(r0, nr) = (kSelf - a.array().square().colwise().sum()).max(0.0).transpose();
        out.meanCovariance.segment(r0, nr) = (a.array().square().colwise() * s2).colwise().sum().transpose();
    }
    if (cancelled)
        throw Cancelled();
    return out;
}

} // namespace scdesk::kompot
