// nbTest / nbTestReduced (declared in nb_glm.h): spec §4 S9.
#include <Eigen/QR>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>

#include "analysis/delnx/beta_fit.h"
#include "analysis/delnx/gene_loop.h"
#include "analysis/delnx/nb_glm.h"
#include "math/multiple_testing.h"
#include "util/errors.h"

namespace scdesk::delnx {
namespace {

// Upper tail of F(df1, df2) at f, like R's pf(lower.tail = FALSE).
double fUpperTail(double f, double df1, double df2)
{
    if (std::isnan(f))
        return std::nan("");
    if (f <= 0)
        return 1.0;
    if (std::isinf(df2))
        return boost::math::gamma_q(df1 / 2, df1 * f / 2);
    if (df1 * f > df2)
        return boost::math::ibeta(df2 / 2, df1 / 2, df2 / (df2 + df1 * f));
    return boost::math::ibetac(df1 / 2, df2 / 2, df1 * f / (df2 + df1 * f));
}

NbTestResult runTest(const NbGlmFit& fit, const CountSource& counts, const Eigen::MatrixXd& reduced,
                     ProgressSink& progress, const CancelToken& cancel)
{
    const std::int64_t G = fit.beta.rows();
    const int N = static_cast<int>(fit.design.rows()), p = static_cast<int>(fit.design.cols());
    if (counts.genes() != G || counts.samples() != N)
        throw InvalidInput("nbTest: the counts do not match the fit");
    const int pr = static_cast<int>(reduced.cols());
    NbTestResult res;
    res.feature = fit.featureNames;
    res.df1 = p - pr;
    const bool shrink = !std::isnan(fit.qlDf0);
    res.df2 = shrink ? fit.qlDf0 + fit.dfResidual : std::nan("");
    res.stat.resize(G);
    res.pval.resize(G);
    const Eigen::VectorXd& theta = shrink ? fit.dispersionTrend : fit.overdispersion;
    const BetaFitter fitter(reduced, fit.sizeFactors);
    struct Scratch {
        std::vector<double> y, mu, work, beta;
    };
    auto makeScratch = [&] {
        return Scratch{std::vector<double>(N), std::vector<double>(N), std::vector<double>(4 * N + 4 * pr + 4),
                       std::vector<double>(std::max(pr, 1))};
    };
    forEachGene(G, progress, cancel, "testing", makeScratch, [&](std::int64_t g, Scratch& s) {
        if (std::isnan(fit.deviance(g)) || std::isnan(theta(g))) {
            res.stat(g) = res.pval(g) = std::nan("");
            return;
        }
        counts.gene(g, s.y.data());
        const auto r = fitter.fit(s.y.data(), theta(g), s.beta.data(), false, s.mu.data(), s.work.data());
        const double lr = r.deviance - fit.deviance(g);
        if (shrink) {
            const double f = lr / res.df1 / fit.qlShrunken(g);
            res.stat(g) = f;
            res.pval(g) = fUpperTail(f, res.df1, res.df2);
        } else {
            res.stat(g) = lr / res.df1;
            res.pval(g) = lr <= 0 ? 1.0 : boost::math::gamma_q(res.df1 / 2, lr / 2);
        }
    });
    std::vector<double> pv(res.pval.data(), res.pval.data() + G);
    const std::vector<double> adj = benjaminiHochberg(pv);
    res.padj.resize(G);
    for (std::int64_t g = 0; g < G; ++g)
        res.padj(g) = std::isnan(adj[g]) ? 1.0 : adj[g];
    return res;
}

} // namespace

NbTestResult nbTest(const NbGlmFit& fit, const CountSource& counts, const Eigen::VectorXd& contrast,
                    ProgressSink& progress, const CancelToken& cancel)
{
    const int p = static_cast<int>(fit.design.cols());
    if (contrast.size() != p)
        throw InvalidParameter("contrast has " + std::to_string(contrast.size()) + " entries, the design " +
                               std::to_string(p) + " columns");
    if (contrast.isZero(0))
        throw InvalidParameter("contrast is all zero");
    // Reduced design X·Q⊥(c): any orthonormal basis of c⊥ gives the same reduced model.
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(contrast);
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(p, p);
    const Eigen::MatrixXd reduced = fit.design * q.rightCols(p - 1);
    NbTestResult res = runTest(fit, counts, reduced, progress, cancel);
    const std::int64_t G = fit.beta.rows();
    res.coef = fit.beta * contrast;
    res.log2fc.resize(G);
    for (std::int64_t g = 0; g < G; ++g)
        res.log2fc(g) = std::isnan(res.coef(g)) ? res.coef(g) : std::clamp(res.coef(g) / std::log(2.0), -10.0, 10.0);
    return res;
}

NbTestResult nbTestReduced(const NbGlmFit& fit, const CountSource& counts, const Eigen::MatrixXd& reducedDesign,
                           ProgressSink& progress, const CancelToken& cancel)
{
    const Eigen::MatrixXd& x = fit.design;
    if (reducedDesign.rows() != x.rows() || reducedDesign.cols() >= x.cols())
        throw InvalidInput("reduced design must have the same samples and fewer columns than the full design");
    // Nesting: X_red must lie in the column space of X.
    const Eigen::MatrixXd b = x.colPivHouseholderQr().solve(reducedDesign);
    if ((x * b - reducedDesign).norm() > 1e-8 * std::max(1.0, reducedDesign.norm()))
        throw InvalidInput("reduced design is not nested in the full design");
    NbTestResult res = runTest(fit, counts, reducedDesign, progress, cancel);
    res.coef = Eigen::VectorXd::Constant(fit.beta.rows(), std::nan(""));
    res.log2fc = res.coef;
    return res;
}

} // namespace scdesk::delnx
