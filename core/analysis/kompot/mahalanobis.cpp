#include "analysis/kompot/mahalanobis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "util/cancel_token.h"
#include "util/work_items.h"
#include "util/errors.h"

namespace scdesk::kompot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Genes per work item. Fixed, so each gene's arithmetic never depends on the thread count.
constexpr Eigen::Index kGeneBlock = 32;

} // namespace

MahalanobisSolver::MahalanobisSolver(const Eigen::MatrixXd& shared, double eps)
{
    if (shared.rows() != shared.cols())
        throw InvalidInput("the covariance at the evaluation points is not square (" + std::to_string(shared.rows())
                           + " × " + std::to_string(shared.cols()) + ")");
    if (!shared.allFinite()) {
        m_ok = false;
        return;
    }
    Eigen::MatrixXd a = shared;
    a.diagonal().array() += eps;
    Eigen::LLT<Eigen::MatrixXd> llt(a);
    if (llt.info() != Eigen::Success)
        return;
    m_l = llt.matrixL();
    m_ok = m_l.allFinite();
    if (!m_ok)
        m_l.resize(0, 0);
}

Eigen::VectorXd MahalanobisSolver::distances(const Eigen::MatrixXd& delta, const CancelToken* cancel) const
{
    const Eigen::Index g = delta.cols();
    if (!m_ok)
        return Eigen::VectorXd::Constant(g, kNaN);
    if (delta.rows() != m_l.rows())
        throw InvalidInput("fold changes have " + std::to_string(delta.rows()) + " points, the covariance has "
                           + std::to_string(m_l.rows()));
    Eigen::VectorXd d(g);
    const Eigen::Index nBlocks = (g + kGeneBlock - 1) / kGeneBlock;
    const Eigen::Index perCheck = static_cast<Eigen::Index>(workItemsPerCancelCheck());
    for (Eigen::Index first = 0; first < nBlocks; first += perCheck) {
        const Eigen::Index last = std::min(nBlocks, first + perCheck);
#pragma omp parallel for schedule(static)
        for (Eigen::Index b = first; b < last; ++b) {
            const Eigen::Index g0 = b * kGeneBlock, ng = std::min(kGeneBlock, g - g0);
            Eigen::MatrixXd w = delta.middleCols(g0, ng);
            m_l.triangularView<Eigen::Lower>().solveInPlace(w);
            d.segment(g0, ng) = w.colwise().norm().transpose();
        }
        throwIfCancelled(cancel);
    }
    return d;
}

Eigen::VectorXd MahalanobisSolver::distancesWithLowRank(const Eigen::MatrixXd& delta, const Eigen::MatrixXd& factors,
                                                        Eigen::Index r, const CancelToken* cancel) const
{
    const Eigen::Index g = delta.cols();
    if (r < 0)
        throw InvalidParameter("the number of sample-variance columns per gene must not be negative");
    if (r == 0)
        return distances(delta, cancel);
    if (!m_ok)
        return Eigen::VectorXd::Constant(g, kNaN);
    const Eigen::Index m = m_l.rows();
    if (delta.rows() != m || factors.rows() != m)
        throw InvalidInput("fold changes or sample-variance factors do not have " + std::to_string(m) + " points");
    if (factors.cols() != g * r)
        throw InvalidInput("expected " + std::to_string(g * r) + " sample-variance columns (" + std::to_string(r)
                           + " per gene), got " + std::to_string(factors.cols()));

    Eigen::VectorXd d(g);
    const Eigen::Index nBlocks = (g + kGeneBlock - 1) / kGeneBlock;
    const Eigen::Index perCheck = static_cast<Eigen::Index>(workItemsPerCancelCheck());
    for (Eigen::Index first = 0; first < nBlocks; first += perCheck) {
        const Eigen::Index last = std::min(nBlocks, first + perCheck);
#pragma omp parallel for schedule(static)
        for (Eigen::Index b = first; b < last; ++b) {
            const Eigen::Index g0 = b * kGeneBlock, ng = std::min(kGeneBlock, g - g0);
            Eigen::MatrixXd w = delta.middleCols(g0, ng);
            Eigen::MatrixXd q = factors.middleCols(g0 * r, ng * r);
            m_l.triangularView<Eigen::Lower>().solveInPlace(w);
            m_l.triangularView<Eigen::Lower>().solveInPlace(q);
            for (Eigen::Index j = 0; j < ng; ++j) {
                // With Σ = Lc(I + QQᵀ)Lcᵀ: D² = wᵀ(I + QQᵀ)⁻¹w. z = (I + QQᵀ)⁻¹w by Woodbury,
                // z = w − Q(I + QᵀQ)⁻¹Qᵀw, then D² = wᵀz = ‖z‖² + ‖Qᵀz‖²: a sum of squares, so
                // no cancellation when the sample variance dominates.
                const auto qg = q.middleCols(j * r, r);
                const auto wg = w.col(j);
                Eigen::MatrixXd small = Eigen::MatrixXd::Identity(r, r);
                small.selfadjointView<Eigen::Lower>().rankUpdate(qg.transpose());
                const Eigen::LLT<Eigen::MatrixXd> llt(small);
                const Eigen::VectorXd qtw = qg.transpose() * wg;
                const Eigen::VectorXd z = wg - qg * llt.solve(qtw);
                const double d2 = z.squaredNorm() + (qg.transpose() * z).squaredNorm();
                d[g0 + j] = (llt.info() == Eigen::Success && std::isfinite(d2)) ? std::sqrt(d2) : kNaN;
            }
        }
        throwIfCancelled(cancel);
    }
    return d;
}

double mahalanobisExplicit(const Eigen::VectorXd& delta, const Eigen::MatrixXd& sigma)
{
    if (sigma.rows() != sigma.cols() || sigma.rows() != delta.size())
        throw InvalidInput("covariance and difference vector sizes do not match");
    const Eigen::LLT<Eigen::MatrixXd> llt(sigma);
    if (llt.info() != Eigen::Success)
        return kNaN;
    const Eigen::VectorXd w = llt.matrixL().solve(delta);
    return w.allFinite() ? w.norm() : kNaN;
}

} // namespace scdesk::kompot
