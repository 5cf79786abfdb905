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

// ψ and ψ₁ evaluated in double: Boost's default promotes to long double (x87), several times slower
// for the same double result to within an ulp or two.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
double psi(double x) { return boost::math::digamma(x, DoublePolicy()); }
double psi1(double x) { return boost::math::trigamma(x, DoublePolicy()); }

// The per-sample log(1 + μθ) − μ/(μ + 1/θ) of the score, with glmGamPoi's small-μθ branches.
inline double scoreTerm(double a, double l, double muq)
{
    if (a < 1e-10)
        return a * a * (1 / (1 + a) - 0.5);
    if (a < 1e-4) {
        const double inv = 1 / (1 + a);
        return std::max(std::min(l - muq, a * a * inv), a * a * (inv - 0.5));
    }
    return l - muq;
}

// 1/μ per sample of the current gene (set by prepare(); μ is fixed while θ varies), per thread like the
// OverdispersionMle instances.
thread_local std::vector<double> tInvMu;

// Cox–Reid pieces B = Xᵀ diag(w) X (+1e-6 ridge), dB = Xᵀ diag(w') X and optionally d2B = Xᵀ diag(w'') X,
// with w = 1/(1/μ + θ), w' = −w², w'' = −2w'w, in one pass over the samples: p is small, and Eigen's
// general product allocated and packed three N-length operands per call.
void crMatrices(const Eigen::MatrixXd& x, double th, Eigen::MatrixXd& b, Eigen::MatrixXd& db, Eigen::MatrixXd* d2b)
{
    const double* invMu = tInvMu.data();
    const Eigen::Index n = x.rows(), p = x.cols();
    b.setZero(p, p);
    db.setZero(p, p);
    if (d2b)
        d2b->setZero(p, p);
    constexpr int kMaxP = 8; // register accumulators for the usual small designs, no branches per sample
    if (p <= kMaxP) {
        const int q = static_cast<int>(p * (p + 1) / 2);
        double s0[kMaxP * (kMaxP + 1) / 2] = {}, s1[kMaxP * (kMaxP + 1) / 2] = {}, s2[kMaxP * (kMaxP + 1) / 2] = {};
        int ia[kMaxP * (kMaxP + 1) / 2], ic[kMaxP * (kMaxP + 1) / 2];
        for (int a = 0, k = 0; a < p; ++a)
            for (int c = 0; c <= a; ++c, ++k) {
                ia[k] = a;
                ic[k] = c;
            }
        const double* xd = x.data();
        for (Eigen::Index i = 0; i < n; ++i) {
            const double w = 1 / (invMu[i] + th), dw = -w * w, d2w = -2 * dw * w;
            for (int k = 0; k < q; ++k) {
                const double xac = xd[ia[k] * n + i] * xd[ic[k] * n + i];
                s0[k] += xac * w;
                s1[k] += xac * dw;
                s2[k] += xac * d2w;
            }
        }
        for (int k = 0; k < q; ++k) {
            b(ia[k], ic[k]) = b(ic[k], ia[k]) = s0[k];
            db(ia[k], ic[k]) = db(ic[k], ia[k]) = s1[k];
            if (d2b)
                (*d2b)(ia[k], ic[k]) = (*d2b)(ic[k], ia[k]) = s2[k];
        }
    } else {
        for (Eigen::Index i = 0; i < n; ++i) {
            const double w = 1 / (invMu[i] + th), dw = -w * w, d2w = -2 * dw * w;
            for (Eigen::Index a = 0; a < p; ++a)
                for (Eigen::Index c = 0; c <= a; ++c) {
                    const double xac = x(i, a) * x(i, c);
                    b(a, c) += xac * w;
                    db(a, c) += xac * dw;
                    if (d2b)
                        (*d2b)(a, c) += xac * d2w;
                }
        }
        for (Eigen::Index a = 0; a < p; ++a)
            for (Eigen::Index c = 0; c < a; ++c) {
                b(c, a) = b(a, c);
                db(c, a) = db(a, c);
                if (d2b)
                    (*d2b)(c, a) = (*d2b)(a, c);
            }
    }
    b.diagonal().array() += 1e-6;
}

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
    const int n = static_cast<int>(s.x.rows());
    const double th = std::exp(t), r = 1 / th;
    double crTerm = 0, cr1 = 0, cr2 = 0;
    if (s.coxReid) {
        Eigen::MatrixXd b, db, d2b;
        crMatrices(s.x, th, b, db, &d2b);
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
        sd += s.freq(k) * psi(s.unique(k) + r);
        st += s.freq(k) * psi1(s.unique(k) + r);
    }
    const double digR = psi(r);
    // score
    const double corr = r > 1e5 ? s.sumYy1 / (2 * r) : 0.0;
    const double digS = s.maxY * 1e6 < r ? s.sumY - corr : std::min((sd - n * digR) * r, s.sumY - corr);
    // derivative
    const double dig = sd - n * digR;
    const double tri = r * r * st - r * r * n * psi1(r);
    double part = 0, ypart = 0, p1 = 0, p2 = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = s.mu[i], y = s.y[i], a = mu * th, q = 1 / (mu + r), d = 1 + a;
        const double l = std::log(d);
        part += scoreTerm(a, l, mu * q);
        ypart += y * q;
        p1 += l + (y - mu) * q;
        p2 += (mu * a + y) / (d * d);
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
    tInvMu.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        tInvMu[static_cast<std::size_t>(i)] = 1 / mu[i];
    // Distinct counts × frequency: fewer ψ/ψ₁ calls, same sums.
    std::vector<double> u, f;
    double maxY = 0;
    bool smallInts = true;
    for (int i = 0; i < n; ++i) {
        maxY = std::max(maxY, y[i]);
        smallInts = smallInts && y[i] >= 0 && y[i] == std::floor(y[i]);
    }
    smallInts = smallInts && maxY <= 4.0 * n + 64;
    if (smallInts) {
        // Counting instead of sorting (single-cell counts are small integers); same (u, f), ascending.
        thread_local std::vector<int> count;
        count.assign(static_cast<std::size_t>(maxY) + 1, 0);
        for (int i = 0; i < n; ++i)
            ++count[static_cast<std::size_t>(y[i])];
        for (std::size_t v = 0; v < count.size(); ++v)
            if (count[v] > 0) {
                u.push_back(static_cast<double>(v));
                f.push_back(count[v]);
            }
    } else {
        std::vector<double> s(y, y + n);
        std::sort(s.begin(), s.end());
        for (double v : s) {
            if (!u.empty() && u.back() == v)
                f.back() += 1;
            else {
                u.push_back(v);
                f.push_back(1);
            }
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
    m_maxY = u.back();
}

double OverdispersionMle::score(double t) const
{
    const int n = static_cast<int>(m_x.rows()), p = static_cast<int>(m_x.cols());
    const double th = std::exp(t), r = 1 / th;
    double crTerm = 0;
    if (m_coxReid) {
        Eigen::MatrixXd b, db;
        crMatrices(m_x, th, b, db, nullptr);
        const Eigen::MatrixXd binv = b.inverse();
        crTerm = -0.5 * (binv * db).trace() * kCr;
    }
    (void)p;
    const double corr = r > 1e5 ? m_sumYy1 / (2 * r) : 0.0;
    double dig;
    if (m_maxY * 1e6 < r) {
        dig = m_sumY - corr;
    } else {
        double s = 0;
        for (Eigen::Index k = 0; k < m_unique.size(); ++k)
            s += m_freq(k) * psi(m_unique(k) + r);
        dig = std::min((s - n * psi(r)) * r, m_sumY - corr);
    }
    double part = 0, ypart = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = m_mu[i], a = mu * th, q = 1 / (mu + r);
        part += scoreTerm(a, std::log(1 + a), mu * q);
        ypart += m_y[i] * q;
    }
    return (part + ypart) * r - dig + crTerm * th;
}

double OverdispersionMle::scoreDerivative(double t) const
{
    const int n = static_cast<int>(m_x.rows());
    const double th = std::exp(t), r = 1 / th;
    double cr1 = 0, cr2 = 0;
    if (m_coxReid) {
        Eigen::MatrixXd b, db, d2b;
        crMatrices(m_x, th, b, db, &d2b);
        const Eigen::MatrixXd binv = b.inverse();
        const Eigen::MatrixXd m = binv * db;
        const double ddet = m.trace();
        const double d2det = ddet * ddet - (m * m).trace() + (binv * d2b).trace();
        cr1 = (0.5 * ddet * ddet - 0.5 * d2det) * kCr;
        cr2 = -0.5 * ddet * kCr;
    }
    double sd = 0, st = 0;
    for (Eigen::Index k = 0; k < m_unique.size(); ++k) {
        sd += m_freq(k) * psi(m_unique(k) + r);
        st += m_freq(k) * psi1(m_unique(k) + r);
    }
    const double dig = sd - n * psi(r);
    const double tri = r * r * st - r * r * n * psi1(r);
    double p1 = 0, p2 = 0;
    for (int i = 0; i < n; ++i) {
        const double mu = m_mu[i], y = m_y[i], a = mu * th, d = 1 + a;
        p1 += std::log(d) + (y - mu) * (1 / (mu + r));
        p2 += (mu * a + y) / (d * d);
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
    // Start Newton at the secant point of the bracket (the score is smooth in t): about one iteration
    // fewer than from the midpoint.
    double x = 0.5 * (up + down);
    if (std::isfinite(ga) && std::isfinite(gb) && ga != gb) {
        const double xs = a - ga * (b - a) / (gb - ga);
        if (std::min(a, b) < xs && xs < std::max(a, b))
            x = xs;
    }
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
