#pragma once
// Seeded k-means: k-means++ initialisation drawn from our Rng, then Lloyd iterations with
// sklearn's stopping rule (total squared centre shift <= tol · mean per-dimension variance, or
// unchanged labels). Deterministic for a seed whatever the thread count.
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

namespace scdesk {

class CancelToken;

struct KMeansOptions {
    std::int64_t k = 8;
    int maxIterations = 300;
    double tolerance = 1e-4;
    std::uint64_t seed = 42;
};

struct KMeansResult {
    Eigen::MatrixXd centroids; // k × D
    std::vector<std::int64_t> labels;
    double inertia = 0.0;
    int iterations = 0;
};

// Rows of `x` are points; 1 <= k <= rows. An empty cluster keeps its previous centre.
KMeansResult kmeans(const Eigen::MatrixXd& x, const KMeansOptions& options, const CancelToken* cancel = nullptr);

} // namespace scdesk
