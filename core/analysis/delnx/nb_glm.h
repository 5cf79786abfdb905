#pragma once
// Negative-binomial GLM with quasi-likelihood shrinkage: glmGamPoi's glm_gp algorithm
// (../shared/specs/delnx.md §3–§5) behind delnx's nb_fit / nb_test API (§2).
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/delnx/count_source.h"

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::delnx {

enum class SizeFactorMethod { NormedSum, PosCounts, Ratio, None };

struct NbGlmOptions {
    SizeFactorMethod sizeFactors = SizeFactorMethod::NormedSum;
    bool overdispersion = true;          // false: Poisson
    bool overdispersionShrinkage = true; // QL trend + empirical Bayes prior
    bool coxReidAdjustment = true;
};

// The fit (glmGamPoi names in comments). Vectors have one entry per gene, in input order.
struct NbGlmFit {
    std::vector<std::string> featureNames;
    std::vector<std::string> coefNames;
    Eigen::MatrixXd design;            // N × p
    Eigen::VectorXd sizeFactors;       // N
    Eigen::MatrixXd beta;              // G × p, natural log scale (Beta, from the final fit)
    Eigen::VectorXd overdispersion;    // θ̂, the Cox–Reid MLE (overdispersions)
    Eigen::VectorXd dispersionTrend;   // local-median trend (dispersion_trend)
    Eigen::VectorXd qlDispersion;      // ql_disp_estimate
    Eigen::VectorXd qlPrior;           // ql_disp_trend (σ0² per gene)
    Eigen::VectorXd qlShrunken;        // ql_disp_shrunken
    double qlDf0 = 0;                  // ql_df0 (may be +∞)
    Eigen::VectorXd deviance;          // at the final fit (θ = trend)
    Eigen::VectorXd geneMean;          // mean of the pass-1 fitted μ, used by the trend
    std::vector<std::uint8_t> converged;
    int dfResidual = 0;                // N − p
};

// Throws InvalidInput for a design with p >= N, rank deficiency or non-finite entries, and for
// negative or non-integer counts (naming the first offending gene).
NbGlmFit nbFit(const CountSource& counts, const Eigen::MatrixXd& design, std::vector<std::string> coefNames,
               std::vector<std::string> featureNames, const NbGlmOptions& options, ProgressSink& progress,
               const CancelToken& cancel);

struct NbTestResult {
    std::vector<std::string> feature; // gene order (not sorted)
    Eigen::VectorXd log2fc;           // (β·c)/ln 2 clamped to [−10, 10]; NaN with a reduced design
    Eigen::VectorXd coef;             // β·c, natural log
    Eigen::VectorXd stat;             // F statistic
    Eigen::VectorXd pval;
    Eigen::VectorXd padj;             // Benjamini–Hochberg over non-NaN p; NaN p → 1
    double df1 = 0;
    double df2 = 0;                   // ql_df0 + N − p
};

// Quasi-likelihood F-test of contrast c (length p; a unit vector tests one coefficient).
NbTestResult nbTest(const NbGlmFit& fit, const CountSource& counts, const Eigen::VectorXd& contrast,
                    ProgressSink& progress, const CancelToken& cancel);
// Against an explicit reduced design nested in the full one (lfc NaN).
NbTestResult nbTestReduced(const NbGlmFit& fit, const CountSource& counts, const Eigen::MatrixXd& reducedDesign,
                           ProgressSink& progress, const CancelToken& cancel);

} // namespace scdesk::delnx
