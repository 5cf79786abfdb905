#include "analysis/delnx/nb_glm.h"

#include <Eigen/QR>

#include <cmath>
#include <string>

#include "analysis/delnx/beta_fit.h"
#include "analysis/delnx/dispersion_trend.h"
#include "analysis/delnx/gene_loop.h"
#include "analysis/delnx/overdispersion_mle.h"
#include "analysis/delnx/size_factors.h"
#include "analysis/delnx/variance_prior.h"
#include "util/errors.h"

namespace scdesk::delnx {

void validateDesign(const Eigen::MatrixXd& design, const std::vector<std::string>& coefNames, std::int64_t samples)
{
    if (design.rows() != samples)
        throw InvalidInput("design has " + std::to_string(design.rows()) + " rows but the counts have " +
                           std::to_string(samples) + " samples");
    if (!design.allFinite())
        throw InvalidInput("design contains missing or non-finite values");
    if (design.cols() >= design.rows())
        throw InvalidInput("design has " + std::to_string(design.cols()) + " coefficients for " +
                           std::to_string(design.rows()) + " samples: need more samples than coefficients");
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(design);
    qr.setThreshold(1e-7);
    if (qr.rank() < design.cols()) {
        std::string names;
        const auto perm = qr.colsPermutation().indices();
        for (Eigen::Index k = qr.rank(); k < design.cols(); ++k) {
            const int c = perm(k);
            names += (names.empty() ? "" : ", ") +
                     (c < static_cast<int>(coefNames.size()) ? coefNames[c] : "column " + std::to_string(c));
        }
        throw InvalidInput("design is rank deficient; aliased column(s): " + names);
    }
}

NbGlmFit nbFit(const CountSource& counts, const Eigen::MatrixXd& design, std::vector<std::string> coefNames,
               std::vector<std::string> featureNames, const NbGlmOptions& options, ProgressSink& progress,
               const CancelToken& cancel)
{
    const std::int64_t G = counts.genes();
    const int N = static_cast<int>(counts.samples());
    validateDesign(design, coefNames, N);
    const int p = static_cast<int>(design.cols());
    NbGlmFit fit;
    fit.featureNames = std::move(featureNames);
    fit.coefNames = std::move(coefNames);
    fit.design = design;
    fit.dfResidual = N - p;

    progress.setRange(0);
    progress.setProgress(0, "size factors");
    const CountSummary summary = computeSizeFactors(counts, options.sizeFactors, fit.featureNames);
    if (summary.badSamples > 0)
        progress.log(LogLevel::Warning, std::to_string(summary.badSamples) +
                                            " sample(s) with zero total counts: size factor set to 0.001");
    fit.sizeFactors = summary.sizeFactors;
    cancel.throwIfCancelled();

    const BetaFitter fitter(design, fit.sizeFactors);
    const double xim = 1.0 / fit.sizeFactors.mean();
    Eigen::MatrixXd beta1(G, p);
    fit.overdispersion.resize(G);
    fit.geneMean.resize(G);
    fit.converged.assign(static_cast<std::size_t>(G), 1);

    struct Scratch {
        std::vector<double> y, mu, work, beta;
        OverdispersionMle odMle; // holds per-gene state: one per thread
    };
    auto makeScratch = [&] {
        return Scratch{std::vector<double>(N), std::vector<double>(N), std::vector<double>(4 * N + 4 * p),
                       std::vector<double>(p), OverdispersionMle(design, options.coxReidAdjustment)};
    };
    // Pass 1: rough θ, β for it, pass-1 means, θ̂ (S4'–S6).
    forEachGene(G, progress, cancel, "fitting dispersions", makeScratch, [&](std::int64_t g, Scratch& s) {
        counts.gene(g, s.y.data());
        double theta0 = 0;
        if (options.overdispersion) {
            double m = 0;
            for (double v : s.y)
                m += v;
            m /= N;
            double var = 0;
            for (double v : s.y)
                var += (v - m) * (v - m);
            var /= N - 1;
            theta0 = (var - xim * m) / (m * m);
            if (std::isnan(theta0) || theta0 < 0)
                theta0 = 0;
        }
        const auto r = fitter.fit(s.y.data(), theta0, s.beta.data(), false, s.mu.data(), s.work.data());
        for (int k = 0; k < p; ++k)
            beta1(g, k) = s.beta[k];
        long double sum = 0; // rowMeans2: long-double accumulation, one rounding
        for (double v : s.mu)
            sum += v;
        fit.geneMean(g) = static_cast<double>(sum / N);
        if (std::isnan(r.deviance) || std::isnan(s.beta[0])) {
            fit.overdispersion(g) = std::nan("");
            fit.converged[g] = 0;
        } else {
            fit.overdispersion(g) = options.overdispersion ? s.odMle.estimate(s.y.data(), s.mu.data()) : 0.0;
        }
    });

    // S7: trend, QL dispersion, prior.
    progress.setRange(0);
    progress.setProgress(0, "shrinking dispersions");
    Eigen::VectorXd thetaFinal = fit.overdispersion;
    fit.dispersionTrend = Eigen::VectorXd::Constant(G, std::nan(""));
    fit.qlDispersion = Eigen::VectorXd::Constant(G, std::nan(""));
    fit.qlPrior = Eigen::VectorXd::Constant(G, std::nan(""));
    fit.qlShrunken = Eigen::VectorXd::Constant(G, std::nan(""));
    fit.qlDf0 = std::nan("");
    if (options.overdispersion && options.overdispersionShrinkage) {
        std::vector<double> m, v;
        std::vector<std::int64_t> idx;
        for (std::int64_t g = 0; g < G; ++g)
            if (!std::isnan(fit.overdispersion(g)) && !std::isnan(fit.geneMean(g))) {
                idx.push_back(g);
                m.push_back(fit.geneMean(g));
                v.push_back(fit.overdispersion(g));
            }
        const std::vector<double> trend =
            localMedianTrend(m, v, std::max(0.1 * static_cast<double>(G), 100.0));
        for (std::size_t k = 0; k < idx.size(); ++k)
            fit.dispersionTrend(idx[k]) = trend[k];
        std::vector<double> ql(static_cast<std::size_t>(G)), cov(static_cast<std::size_t>(G));
        for (std::int64_t g = 0; g < G; ++g) {
            const double mg = fit.geneMean(g);
            ql[g] = (1 + mg * fit.overdispersion(g)) / (1 + mg * fit.dispersionTrend(g));
            fit.qlDispersion(g) = ql[g];
            cov[g] = mg;
        }
        cancel.throwIfCancelled();
        std::int64_t nonZero = 0;
        for (double c : cov)
            nonZero += c > 1e-8;
        const VariancePrior prior = variancePrior(ql, fit.dfResidual, cov, G >= 100 && nonZero >= 10);
        for (std::int64_t g = 0; g < G; ++g) {
            fit.qlPrior(g) = prior.prior[g];
            fit.qlShrunken(g) = prior.posterior[g];
        }
        fit.qlDf0 = prior.df0;
        thetaFinal = fit.dispersionTrend;
    }
    cancel.throwIfCancelled();

    // S8: final β with θ = trend, from β1.
    fit.beta.resize(G, p);
    fit.deviance.resize(G);
    forEachGene(G, progress, cancel, "fitting coefficients", makeScratch, [&](std::int64_t g, Scratch& s) {
        const double theta = thetaFinal(g);
        if (std::isnan(theta) || std::isnan(beta1(g, 0))) {
            fit.beta.row(g).setConstant(std::nan(""));
            fit.deviance(g) = std::nan("");
            fit.converged[g] = 0;
            return;
        }
        counts.gene(g, s.y.data());
        for (int k = 0; k < p; ++k)
            s.beta[k] = beta1(g, k);
        const auto r = fitter.fit(s.y.data(), theta, s.beta.data(), true, s.mu.data(), s.work.data());
        for (int k = 0; k < p; ++k)
            fit.beta(g, k) = s.beta[k];
        fit.deviance(g) = r.deviance;
        if (!r.converged)
            fit.converged[g] = 0;
    });
    return fit;
}

} // namespace scdesk::delnx
