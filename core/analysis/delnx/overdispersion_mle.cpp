#include "analysis/delnx/overdispersion_mle.h"

#include <Eigen/LU>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace scdesk::delnx {
namespace {
constexpr double kCr = 0.99; // glmGamPoi's deliberate Cox–Reid damping

// score(t) and scoreDerivative(t) in one pass for the Newton step: the ψ sum over distinct counts,
// ψ(r), log(1 + μθ) and the Cox–Reid inverse are shared; each result is computed with the same
// operations in the same order as score() and scoreDerivative() below, so the bits are the same.
struct ScoreState {
    const Eigen::MatrixXd& x;
    bool coxReid;
    const double *y, *mu;
    const Eigen::VectorXd &unique, &freq;
    double sumY, maxY, sumYy1;
};

void scoreAndDerivative(const ScoreState& s, double t, double& g, double& h)
{
    using boost::math::digamma;
    using boost::math::trigamma;
    const int n = static_cast<int>(s.x.rows());
    const double th = std::exp(t), r = 1 / th;
    double crTerm = 0, cr1 = 0, cr2 = 0;
    if (s.coxReid) {
        Eigen::VectorXd w(n), dw(n), d2w(n);
        for (int i = 0; i < n; ++i) {
            w(i) = 1 / (1 / s.mu[i] + th);
            dw(i) = -w(i) * w(i);
            d2w(i) = -2 * dw(i) * w(i);
        }
        Eigen::MatrixXd b = s.x.transpose() * w.asDiagonal() * s.x;
        const Eigen::MatrixXd db = s.x.transpose() * dw.asDiagonal() * s.x;
        const Eigen::MatrixXd d2b = s.x.transpose() * d2w.asDiagonal() * s.x;
        b.diagonal().array() += 1e-6;
        const Eigen::MatrixXd binv = b.inverse();
        const Eigen::MatrixXd m = binv * db;
        const double ddet = m.trace();
        const double d2det = ddet * ddet - (m * m).trace() + (binv * d2b).trace();
        crTerm = -0.5 * ddet * kCr;
        cr1 = (0.5 * ddet * ddet - 0.5 * d2det) * kCr;
        cr2 = -0.5 * ddet * kCr;
    }
    double sd = 0, st = 0;
    for (Eigen::Index k = 0; k < s.unique.size(); ++k) {
        sd += s.freq(k) * digamma(s.unique(k) + r);
        st += s.freq(k) * trigamma(s.unique(k) + r);
    }
    const double digR = digamma(r);
    // score
    const double corr = r > 1e5 ? s.sumYy1 / (2 * r) : 0.0;
    const double digS = s.maxY * 1e6 < r ? s.sumY - corr : std::min((sd - n * digR) * r, s.sumY - corr);
    // derivative
    const double dig = sd - n * digR;
    const double tri = r * r * st - r * r * n * trigamma(r);
    double part = 0, ypart = 0, p1 = 0, p2 = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = s.mu[i], y = s.y[i], a = mu * th;
        const double l = std::log(1 + a);
        double v;
        if (a < 1e-10) {
            v = a * a * (1 / (1 + a) - 0.5);
        } else if (a < 1e-4) {
            const double inv = 1 / (1 + a);
            v = std::max(std::min(l - mu / (mu + r), a * a * inv), a * a * (inv - 0.5));
        } else {
            v = l - mu / (mu + r);
        }
        part += v;
        ypart += y / (mu + r);
        p1 += l + (y - mu) / (mu + r);
        p2 += (mu * mu * th + y) / (1 + mu * th) / (1 + mu * th);
    }
    g = (part + ypart) * r - digS + crTerm * th;
    const double base = -2 * r * (p1 - dig) + (p2 + tri);
    h = base + cr1 * th * th + (p1 - dig) * r + cr2 * th;
}

} // namespace

OverdispersionMle::OverdispersionMle(const Eigen::MatrixXd& design, bool coxReid) : m_x(design), m_coxReid(coxReid) {}

void OverdispersionMle::prepare(const double* y, const double* mu) const
{
    const int n = static_cast<int>(m_x.rows());
    m_y = y;
    m_mu = mu;
    // Distinct counts × frequency: fewer ψ/ψ₁ calls, same sums.
    std::vector<double> s(y, y + n);
    std::sort(s.begin(), s.end());
    std::vector<double> u, f;
    for (double v : s) {
        if (!u.empty() && u.back() == v)
            f.back() += 1;
        else {
            u.push_back(v);
            f.push_back(1);
        }
    }
    m_unique = Eigen::Map<Eigen::VectorXd>(u.data(), static_cast<Eigen::Index>(u.size()));
    m_freq = Eigen::Map<Eigen::VectorXd>(f.data(), static_cast<Eigen::Index>(f.size()));
    m_sumY = 0;
    m_sumYy1 = 0;
    for (int i = 0; i < n; ++i) {
        m_sumY += y[i];
        m_sumYy1 += (y[i] - 1) * y[i];
    }
    m_maxY = s.back();
}

double OverdispersionMle::score(double t) const
{
    using boost::math::digamma;
    const int n = static_cast<int>(m_x.rows()), p = static_cast<int>(m_x.cols());
    const double th = std::exp(t), r = 1 / th;
    double crTerm = 0;
    if (m_coxReid) {
        Eigen::VectorXd w(n), dw(n);
        for (int i = 0; i < n; ++i) {
            w(i) = 1 / (1 / m_mu[i] + th);
            dw(i) = -w(i) * w(i);
        }
        Eigen::MatrixXd b = m_x.transpose() * w.asDiagonal() * m_x;
        const Eigen::MatrixXd db = m_x.transpose() * dw.asDiagonal() * m_x;
        b.diagonal().array() += 1e-6;
        crTerm = -0.5 * (b.inverse() * db).trace() * kCr;
    }
    (void)p;
    const double corr = r > 1e5 ? m_sumYy1 / (2 * r) : 0.0;
    double dig;
    if (m_maxY * 1e6 < r) {
        dig = m_sumY - corr;
    } else {
        double s = 0;
        for (Eigen::Index k = 0; k < m_unique.size(); ++k)
            s += m_freq(k) * digamma(m_unique(k) + r);
        dig = std::min((s - n * digamma(r)) * r, m_sumY - corr);
    }
    double part = 0, ypart = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = m_mu[i], a = mu * th;
        double v;
        if (a < 1e-10) {
            v = a * a * (1 / (1 + a) - 0.5);
        } else if (a < 1e-4) {
            const double inv = 1 / (1 + a);
            v = std::max(std::min(std::log(1 + a) - mu / (mu + r), a * a * inv), a * a * (inv - 0.5));
        } else {
            v = std::log(1 + a) - mu / (mu + r);
        }
        part += v;
        ypart += m_y[i] / (mu + r);
    }
    return (part + ypart) * r - dig + crTerm * th;
}

double OverdispersionMle::scoreDerivative(double t) const
{
    using boost::math::digamma;
    using boost::math::trigamma;
    const int n = static_cast<int>(m_x.rows());
    const double th = std::exp(t), r = 1 / th;
    double cr1 = 0, cr2 = 0;
    if (m_coxReid) {
        Eigen::VectorXd w(n), dw(n), d2w(n);
        for (int i = 0; i < n; ++i) {
            w(i) = 1 / (1 / m_mu[i] + th);
            dw(i) = -w(i) * w(i);
            d2w(i) = -2 * dw(i) * w(i);
        }
        Eigen::MatrixXd b = m_x.transpose() * w.asDiagonal() * m_x;
        const Eigen::MatrixXd db = m_x.transpose() * dw.asDiagonal() * m_x;
        const Eigen::MatrixXd d2b = m_x.transpose() * d2w.asDiagonal() * m_x;
        b.diagonal().array() += 1e-6;
        const Eigen::MatrixXd binv = b.inverse();
        const Eigen::MatrixXd m = binv * db;
        const double ddet = m.trace();
        const double d2det = ddet * ddet - (m * m).trace() + (binv * d2b).trace();
        cr1 = (0.5 * ddet * ddet - 0.5 * d2det) * kCr;
        cr2 = -0.5 * ddet * kCr;
    }
    double sd = 0, st = 0;
    for (Eigen::Index k = 0; k < m_unique.size(); ++k) {
        sd += m_freq(k) * digamma(m_unique(k) + r);
        st += m_freq(k) * trigamma(m_unique(k) + r);
    }
    const double dig = sd - n * digamma(r);
    const double tri = r * r * st - r * r * n * trigamma(r);
    double p1 = 0, p2 = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = m_mu[i], y = m_y[i];
        p1 += std::log(1 + mu * th) + (y - mu) / (mu + r);
        p2 += (mu * mu * th + y) / (1 + mu * th) / (1 + mu * th);
    }
    const double base = -2 * r * (p1 - dig) + (p2 + tri);
    return base + cr1 * th * th + (p1 - dig) * r + cr2 * th;
}

double OverdispersionMle::estimate(const double* y, double* mu) const
{
    const int n = static_cast<int>(m_x.rows());
    bool allZero = true;
    for (int i = 0; i < n; ++i)
        allZero = allZero && y[i] == 0;
    if (allZero)
        return 0.0;
    for (int i = 0; i < n; ++i)
        if (mu[i] == 0)
            mu[i] = 1e-6;
    prepare(y, mu);
    const double lo = std::log(1e-16), hi = std::log(1e16);
    if (score(std::log(1e-8)) < 0)
        return 0.0; // no interior maximum to the right of the Poisson limit
    // Start like glmGamPoi: moments computed as R does (long-double accumulation, mean correction).
    long double s = 0;
    for (int i = 0; i < n; ++i)
        s += y[i];
    long double mean = s / n;
    long double corr = 0;
    for (int i = 0; i < n; ++i)
        corr += y[i] - mean;
    mean += corr / n;
    const double m = static_cast<double>(mean);
    long double ss = 0;
    for (int i = 0; i < n; ++i) {
        const long double d = y[i] - static_cast<long double>(m);
        ss += d * d;
    }
    const double v = n > 1 ? static_cast<double>(ss / (n - 1)) : std::nan("");
    double start = (v - m) / (m * m);
    if (!std::isfinite(start) || start <= 0)
        start = 0.5;
    const double x0 = std::min(std::max(std::log(start), lo), hi);
    const double g0 = score(x0);
    if (g0 == 0)
        return std::exp(x0);
    // Bracket: walk uphill with doubling steps until the score changes sign or a bound is hit.
    double step = g0 > 0 ? 0.5 : -0.5, a = x0, ga = g0, b = x0, gb = g0;
    for (;;) {
        b = std::min(std::max(a + step, lo), hi);
        gb = score(b);
        if ((ga > 0) != (gb > 0) || gb == 0)
            break;
        if (b == lo || b == hi)
            return std::exp(b);
        a = b;
        ga = gb;
        step *= 2;
    }
    double up = a < b ? a : b, down = a < b ? b : a; // score > 0 at `up`, < 0 at `down`
    if ((a < b ? ga : gb) < 0) // the score at `up`, already evaluated
        std::swap(up, down);
    double x = 0.5 * (up + down);
    const ScoreState state{m_x, m_coxReid, m_y, m_mu, m_unique, m_freq, m_sumY, m_maxY, m_sumYy1};
    for (int it = 0; it < 200; ++it) {
        double g, h;
        scoreAndDerivative(state, x, g, h);
        if (g == 0)
            break;
        if (g > 0)
            up = x;
        else
            down = x;
        double xn = h < 0 ? x - g / h : 0.5 * (up + down);
        if (!(std::min(up, down) < xn && xn < std::max(up, down)))
            xn = 0.5 * (up + down);
        if (std::fabs(xn - x) < 1e-12 || std::fabs(down - up) < 1e-12) {
            x = xn;
            break;
        }
        x = xn;
    }
    return std::exp(x);
}

} // namespace scdesk::delnx
