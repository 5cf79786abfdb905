#pragma once
// The data-derived hyper-parameters of a Mellon density estimate (spec §2.2–2.5): nearest-
// neighbour distances, length scale, fractal intrinsic dimension and prior mean.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

namespace scdesk {
class CancelToken;
}

namespace scdesk::kompot {

// Distance to the nearest other cell; invalid values (≤ 0, NaN, inf: duplicates) become the
// smallest positive distance. Throws InvalidInput when no distance is positive.
std::vector<double> validatedNnDistances(const Eigen::MatrixXd& x, const CancelToken* cancel = nullptr);

// ls = exp(mean ln r + 3) · lsFactor.
double lengthScaleFromNn(const std::vector<double>& nnDistances, double lsFactor);

// Mean local correlation dimension over up to `nQueries` random cells (seeded), each from the
// k(k−1)/2 pairwise distances in its k-neighbourhood (itself included): slope of ln(rank) on
// ln(distance). Mellon's defaults: k = 10, 500 queries, seed 432 (our RNG, not JAX's).
double fractalDimension(const Eigen::MatrixXd& x, std::int64_t k = 10, std::int64_t nQueries = 500,
                        std::uint64_t seed = 432, const CancelToken* cancel = nullptr);

// Per-cell MLE of the log intensity: lnΓ(d/2+1) − (d/2) ln π − d ln r.
Eigen::VectorXd nnLogIntensity(const std::vector<double>& nnDistances, double d);

// mu = 1% quantile (linear interpolation) of the per-cell MLE − 10.
double priorMean(const Eigen::VectorXd& mle);

} // namespace scdesk::kompot
