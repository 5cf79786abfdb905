#include "analysis/delnx/variance_prior.h"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <limits>

#include "math/natural_spline_basis.h"
#include "math/nelder_mead_r.h"

namespace scdesk::delnx {
namespace {

// Constant part of log F(d1, d2) density; ∞ d2 handled by the caller.
struct FDensity {
    double d1, d2, c, a, b; // log f = c + a·log x − b·log(d2 + d1 x)
    FDensity(double m, double n) : d1(m), d2(n)
    {
        a = m / 2 - 1;
        if (std::isinf(n)) {
            // Gamma(m/2, scale 2/m): log f = (m/2) log(m/2) − lgamma(m/2) + a log x − (m/2) x
            c = m / 2 * std::log(m / 2) - std::lgamma(m / 2);
            b = 0;
        } else {
            b = (m + n) / 2;
            c = std::lgamma((m + n) / 2) - std::lgamma(m / 2) - std::lgamma(n / 2) + m / 2 * std::log(m) +
                n / 2 * std::log(n);
        }
    }
    double operator()(double x, double logx) const
    {
        if (x < 0)
            return -std::numeric_limits<double>::infinity();
        if (std::isinf(d2))
            return c + a * logx - d1 / 2 * x;
        return c + a * logx - b * std::log(d2 + d1 * x);
    }
};

// R's sum(): long-double accumulation; NaN terms dropped (na.rm = TRUE in glmGamPoi).
template <class Term>
double sumTerms(std::size_t n, Term term)
{
    long double s = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = term(i);
        if (!std::isnan(v))
            s += v;
    }
    return static_cast<double>(s);
}

} // namespace

double logFDensity(double x, double d1, double d2)
{
    return FDensity(d1, d2)(x, std::log(x));
}

VariancePrior variancePrior(const std::vector<double>& s2, double df, const std::vector<double>& covariate,
                            bool abundanceTrend)
{
    const std::size_t G = s2.size();
    VariancePrior out;
    out.prior.assign(G, std::nan(""));
    out.posterior.assign(G, std::nan(""));
    std::vector<std::size_t> ok;
    for (std::size_t g = 0; g < G; ++g)
        if (!std::isnan(s2[g]))
            ok.push_back(g);
    if (ok.empty()) {
        out.df0 = std::nan("");
        return out;
    }
    bool allOne = true;
    for (std::size_t g : ok)
        allOne = allOne && s2[g] == 1.0;
    if (allOne) {
        for (std::size_t g : ok) {
            out.prior[g] = 1.0;
            out.posterior[g] = s2[g];
        }
        out.df0 = std::numeric_limits<double>::infinity();
        return out;
    }
    std::vector<double> sub(ok.size()), logSub(ok.size());
    for (std::size_t k = 0; k < ok.size(); ++k) {
        sub[k] = s2[ok[k]];
        logSub[k] = std::log(sub[k]);
    }
    auto stage1 = [&](const std::vector<double>& par) {
        const double v0 = std::exp(par[0]);
        const FDensity f(df, std::exp(par[1]));
        // log(s²/v0) = log s² − log v0, log s² computed once: Nelder–Mead evaluates this hundreds of times.
        return -sumTerms(sub.size(), [&](std::size_t k) { return f(sub[k] / v0, logSub[k] - par[0]) - par[0]; });
    };
    const NelderMeadResult r1 = nelderMeadR(stage1, {0.0, 0.0}, 500);
    std::vector<double> variance0(ok.size(), std::exp(r1.x[0]));
    double df0 = std::exp(r1.x[1]);

    if (abundanceTrend) {
        std::vector<std::size_t> nz; // positions in `ok` with covariate > 1e-8
        for (std::size_t k = 0; k < ok.size(); ++k)
            if (covariate[ok[k]] > 1e-8)
                nz.push_back(k);
        if (nz.size() >= 10) {
            std::vector<double> z(nz.size());
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (std::size_t k = 0; k < nz.size(); ++k) {
                z[k] = std::log(covariate[ok[nz[k]]]);
                lo = std::min(lo, z[k]);
                hi = std::max(hi, z[k]);
            }
            const std::vector<double> knots{lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3};
            const Eigen::MatrixXd D = naturalSplineBasis(z, knots, lo, hi);
            Eigen::VectorXd target(static_cast<Eigen::Index>(nz.size()));
            for (std::size_t k = 0; k < nz.size(); ++k)
                target(static_cast<Eigen::Index>(k)) = logSub[nz[k]];
            const Eigen::VectorXd init = D.householderQr().solve(target);
            const int q = static_cast<int>(D.cols());
            std::vector<double> x0(init.data(), init.data() + q);
            x0.push_back(0.0);
            Eigen::VectorXd eta(D.rows());
            auto stage2 = [&](const std::vector<double>& par) {
                const Eigen::Map<const Eigen::VectorXd> coef(par.data(), q);
                eta.noalias() = D * coef;
                const FDensity f(df, std::exp(par[static_cast<std::size_t>(q)]));
                return -sumTerms(nz.size(), [&](std::size_t k) {
                    const double e = eta(static_cast<Eigen::Index>(k)); // log v0
                    return f(sub[nz[k]] / std::exp(e), logSub[nz[k]] - e) - e;
                });
            };
            const NelderMeadResult r2 = nelderMeadR(stage2, x0, 5000);
            const Eigen::Map<const Eigen::VectorXd> coef(r2.x.data(), q);
            eta.noalias() = D * coef;
            for (std::size_t k = 0; k < nz.size(); ++k)
                variance0[nz[k]] = std::exp(eta(static_cast<Eigen::Index>(k)));
            df0 = std::exp(r2.x[static_cast<std::size_t>(q)]);
        }
    }
    out.df0 = df0;
    for (std::size_t k = 0; k < ok.size(); ++k) {
        out.prior[ok[k]] = variance0[k];
        out.posterior[ok[k]] = std::isinf(df0) ? variance0[k] : (df0 * variance0[k] + df * sub[k]) / (df0 + df);
    }
    return out;
}

} // namespace scdesk::delnx
