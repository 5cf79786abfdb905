#pragma once
// glmGamPoi's loc_median_fit (spec §4 S7.1): for genes sorted by mean, the non-interpolated weighted
// median of θ̂ in a window of 2h+1 neighbours with Gaussian weights attached to window positions.
// Exact, but O(G·W) (sliding sorted window) instead of R's O(G·W log W) re-sort per window.
#include <vector>

namespace scdesk::delnx {

// means/values: the genes to use (no NaN). npoints: glmGamPoi's max(0.1·G, 100) (not rounded).
// Returns the trend in input order. Thread-count independent.
std::vector<double> localMedianTrend(const std::vector<double>& means, const std::vector<double>& values,
                                     double npoints);
// The same, one sort per window (reference for tests).
std::vector<double> localMedianTrendNaive(const std::vector<double>& means, const std::vector<double>& values,
                                          double npoints);

} // namespace scdesk::delnx
