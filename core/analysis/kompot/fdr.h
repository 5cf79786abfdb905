#pragma once
// Kompot's FDR from null genes (spec §6.7, the newest "fdrtool-like" form with π0 = 1): empirical
// p-values of the real Mahalanobis distances against the null distances, monotone (PAVA) density
// estimates of the reflected Gaussian KDE on a 500-point grid, local fdr f0/f and tail Fdr S0/S,
// both clipped, made monotone and interpolated at each distance; is_de = lfdr < threshold.
#include <vector>

namespace scdesk::kompot {

struct FdrResult {
    std::vector<double> pvalue;   // #{D0 ≥ D} / |D0|, zeros floored
    std::vector<double> localFdr; // in [0, 1]
    std::vector<double> tailFdr;  // in [0, 1]
    std::vector<bool> isDe;       // localFdr < threshold
};

// Fewer than 2 real or 2 null values: every fdr is 1 and nothing is called. Non-finite distances
// get p = 1, fdr = 1.
FdrResult computeFdr(const std::vector<double>& real, const std::vector<double>& null, double threshold = 0.05);

// Building blocks, exposed for tests.
// Grid of `points` equally spaced values on [0, 1.05 · max(values)].
std::vector<double> fdrGrid(const std::vector<double>& real, const std::vector<double>& null, int points = 500);
// Non-increasing, non-negative density on `grid` integrating to 1 (trapezoid): 2 × the Gaussian
// KDE (Scott's bandwidth, as scipy) of {−d, +d}, antitonic regression, clip, renormalise; a
// histogram when the sample has no spread.
std::vector<double> monotoneDensity(const std::vector<double>& sample, const std::vector<double>& grid);
// Least-squares non-increasing fit with unit weights (pool adjacent violators).
std::vector<double> antitonic(const std::vector<double>& values);

} // namespace scdesk::kompot
