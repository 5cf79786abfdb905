#pragma once
// Empirical-Bayes prior for the QL dispersions (spec §4 S7.3–S7.5): stage 1 a scalar (σ0², d0),
// stage 2 σ0² as a natural-spline trend in log mean, both by R's Nelder–Mead.
#include <vector>

namespace scdesk::delnx {

struct VariancePrior {
    std::vector<double> prior;     // σ0² per gene (NaN where s² is NaN)
    double df0 = 0;                // may be +∞
    std::vector<double> posterior; // (d0 σ0² + d s²)/(d0 + d)
};

// log density of F(d1, d2) at x (d2 = +∞: the chi-square limit).
double logFDensity(double x, double d1, double d2);

VariancePrior variancePrior(const std::vector<double>& s2, double df, const std::vector<double>& covariate,
                            bool abundanceTrend);

} // namespace scdesk::delnx
