#include "analysis/delnx/beta_fit.h"

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <Eigen/QR>
#include <boost/math/tools/minima.hpp>

#include <cmath>
#include <limits>

#include "analysis/delnx/nb_deviance.h"

namespace scdesk::delnx {

BetaFitter::BetaFitter(const Eigen::MatrixXd& design, const Eigen::VectorXd& sizeFactors)
    : m_x(design), m_offset(sizeFactors.array().log()), m_sf(sizeFactors)
{
    const int n = static_cast<int>(m_x.rows()), p = static_cast<int>(m_x.cols());
    const double lambda = 1e-10 / n;
    m_ridge = n * lambda * lambda;
    // S3: a row joins the first earlier reference row within L1 distance 1e-10.
    std::vector<int> refs;
    m_groupOf.assign(n, -1);
    for (int i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < refs.size(); ++k)
            if ((m_x.row(i) - m_x.row(refs[k])).cwiseAbs().sum() < 1e-10) {
                m_groupOf[i] = static_cast<int>(k);
                break;
            }
        if (m_groupOf[i] < 0) {
            m_groupOf[i] = static_cast<int>(refs.size());
            refs.push_back(i);
        }
    }
    m_groupWise = static_cast<int>(refs.size()) <= p;
    if (m_groupWise) {
        m_groupRows.assign(refs.size(), {});
        for (int i = 0; i < n; ++i)
            m_groupRows[m_groupOf[i]].push_back(i);
        m_firstRows.resize(static_cast<Eigen::Index>(refs.size()), p);
        for (std::size_t k = 0; k < refs.size(); ++k)
            m_firstRows.row(static_cast<Eigen::Index>(k)) = m_x.row(refs[k]);
        // Square when the design has full rank (#distinct rows ≥ rank = p).
        m_firstRowsInv = m_firstRows.fullPivLu().inverse();
    }
    m_olsSolve = m_x.colPivHouseholderQr().solve(Eigen::MatrixXd::Identity(n, n));
}

double BetaFitter::groupNewton(const double* y, double theta, int group, double b, bool& ok, int& iterations) const
{
    const auto& rows = m_groupRows[group];
    ok = true;
    for (iterations = 0; iterations < 100;) {
        ++iterations;
        double dl = 0, ddl = 0;
        const double eb = std::exp(b); // μ_i = e^b · s_i: one exp per iteration, not one per sample
        for (int i : rows) {
            const double mu = eb * m_sf(i);
            const double den = 1 + mu * theta;
            dl += (y[i] - mu) / den;
            ddl += mu * (1 + y[i] * theta) / (den * den);
        }
        const double step = dl / ddl;
        b += step;
        if (std::fabs(step) < 1e-8 || std::isnan(b))
            break;
        if (iterations == 100)
            ok = false;
    }
    if (!ok || std::isnan(b)) {
        // Rare: bounded 1-D maximisation of the NB log-likelihood (R optimize on [-30, 30]).
        auto nll = [&](double bb) {
            double ll = 0;
            for (int i : rows) {
                const double mu = std::exp(bb + m_offset(i));
                ll += theta < 1e-10 ? y[i] * std::log(mu) - mu : y[i] * std::log(mu) - (y[i] + 1 / theta) * std::log(1 + mu * theta);
            }
            return -ll;
        };
        b = boost::math::tools::brent_find_minima(nll, -30.0, 30.0, 14).first;
        ok = true;
    }
    return b;
}

BetaFitter::Result BetaFitter::fitGroupWise(const double* y, double theta, double* beta, bool hasInit, double* mu) const
{
    const int p = static_cast<int>(m_x.cols()), n = static_cast<int>(m_x.rows());
    const int groups = static_cast<int>(m_groupRows.size());
    Eigen::Map<Eigen::VectorXd> bvec(beta, p);
    Eigen::VectorXd b(groups);
    Result res;
    for (int k = 0; k < groups; ++k) {
        const auto& rows = m_groupRows[k];
        bool allZero = true;
        for (int i : rows)
            allZero = allZero && y[i] == 0;
        if (allZero) {
            b(k) = -std::numeric_limits<double>::infinity();
            continue;
        }
        double b0;
        if (hasInit) {
            b0 = m_firstRows.row(k).dot(bvec);
        } else {
            double s = 0;
            for (int i : rows)
                s += y[i] / m_sf(i);
            b0 = std::log(s / static_cast<double>(rows.size()));
        }
        bool ok = true;
        int it = 0;
        b(k) = groupNewton(y, theta, k, b0, ok, it);
        res.iterations += it;
        double dev = 0;
        const double eb = std::exp(b(k));
        for (int i : rows)
            dev += nbUnitDeviance(y[i], eb * m_sf(i), theta);
        res.deviance += dev;
    }
    b = b.cwiseMax(-1e8);
    bvec = m_firstRowsInv * b;
    for (int i = 0; i < n; ++i)
        mu[i] = std::exp(m_x.row(i).dot(bvec) + m_offset(i));
    return res;
}

BetaFitter::Result BetaFitter::fitFisher(const double* y, double theta, double* beta, bool hasInit, double* mu,
                                         double* work) const
{
    const int p = static_cast<int>(m_x.cols()), n = static_cast<int>(m_x.rows());
    Eigen::Map<Eigen::VectorXd> b(beta, p);
    Eigen::Map<Eigen::VectorXd> muOld(work, n), z(work + n, n), eta(work + 2 * n, n);
    Eigen::Map<const Eigen::VectorXd> yv(y, n);
    if (!hasInit) {
        for (int i = 0; i < n; ++i)
            z(i) = std::log(y[i] / m_sf(i) + 1);
        b = m_olsSolve * z;
    }
    auto computeMu = [&](const Eigen::VectorXd& bb, double* out) {
        eta.noalias() = m_x * bb;
        for (int i = 0; i < n; ++i)
            out[i] = std::min(std::max(std::exp(eta(i)) * m_sf(i), 1e-50), 1e50);
    };
    auto penalty = [&](const Eigen::VectorXd& bb) { return m_ridge * bb.squaredNorm(); };
    Eigen::VectorXd bCur = b, bNew(p), step(p), w(n);
    computeMu(bCur, mu);
    double devOld = nbDeviance(y, mu, n, theta) + penalty(bCur);
    Result res;
    res.converged = false;
    Eigen::MatrixXd xtwx(p, p);
    for (int iter = 0; iter < 1000; ++iter) {
        ++res.iterations;
        for (int i = 0; i < n; ++i) {
            w(i) = mu[i] / (1 + theta * mu[i]);
            z(i) = (y[i] - mu[i]) / mu[i];
        }
        xtwx.noalias() = m_x.transpose() * w.asDiagonal() * m_x;
        xtwx.diagonal().array() += m_ridge;
        const Eigen::VectorXd rhs = m_x.transpose() * (w.array() * z.array()).matrix() - m_ridge * bCur;
        step = xtwx.ldlt().solve(rhs);
        std::copy(mu, mu + n, muOld.data());
        bNew = bCur + step;
        double factor = 1.0, dev = 0;
        for (int line = 0;; ++line) {
            computeMu(bNew, mu);
            dev = nbDeviance(y, mu, n, theta) + penalty(bNew);
            const double conv = std::fabs(dev - devOld) / (std::fabs(dev) + 0.1);
            double maxRatio = 0;
            for (int i = 0; i < n; ++i)
                maxRatio = std::max(maxRatio, mu[i] / muOld(i));
            if ((dev < devOld && maxRatio < 1e5) || conv < 1e-8)
                break;
            if (line >= 100) {
                dev = std::nan("");
                break;
            }
            factor /= 2;
            bNew -= step * factor;
        }
        bCur = bNew;
        const double conv = std::fabs(dev - devOld) / (std::fabs(dev) + 0.1);
        devOld = dev;
        if (std::isnan(conv)) {
            b.setConstant(std::nan(""));
            res.deviance = std::nan("");
            res.iterations = 1000;
            for (int i = 0; i < n; ++i)
                mu[i] = std::nan("");
            return res;
        }
        if (conv < 1e-8) {
            res.converged = true;
            break;
        }
    }
    (void)yv;
    b = bCur;
    res.deviance = devOld;
    // Unclamped μ, as glmGamPoi computes it from Beta for the later stages.
    eta.noalias() = m_x * bCur;
    for (int i = 0; i < n; ++i)
        mu[i] = std::exp(eta(i) + m_offset(i));
    return res;
}

BetaFitter::Result BetaFitter::fit(const double* y, double theta, double* beta, bool hasInit, double* mu,
                                   double* work) const
{
    return m_groupWise ? fitGroupWise(y, theta, beta, hasInit, mu) : fitFisher(y, theta, beta, hasInit, mu, work);
}

} // namespace scdesk::delnx
