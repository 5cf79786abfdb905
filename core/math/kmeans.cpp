#include "math/kmeans.h"

#include <algorithm>
#include <limits>

#include "math/random.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk {

namespace {

constexpr std::int64_t kBlock = 512;

// Nearest centre of every point; returns the inertia. Per-block GEMMs inside an OpenMP loop run
// single-threaded, so labels do not depend on the thread count.
double assign(const Eigen::MatrixXd& x, const Eigen::MatrixXd& c, std::vector<std::int64_t>& labels,
              std::vector<double>& dist2)
{
    const std::int64_t n = x.rows();
    const Eigen::VectorXd cNorms = c.rowwise().squaredNorm();
    const std::int64_t nBlocks = (n + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < nBlocks; ++b) {
        const std::int64_t r0 = b * kBlock, nr = std::min(kBlock, n - r0);
        Eigen::MatrixXd d = -2.0 * x.middleRows(r0, nr) * c.transpose();
        d.rowwise() += cNorms.transpose();
        for (std::int64_t i = 0; i < nr; ++i) {
            Eigen::Index best = 0;
            d.row(i).minCoeff(&best);
            labels[r0 + i] = best;
            dist2[r0 + i] = (x.row(r0 + i) - c.row(best)).squaredNorm();
        }
    }
    double inertia = 0.0;
    for (double v : dist2)
        inertia += v;
    return inertia;
}

} // namespace

KMeansResult kmeans(const Eigen::MatrixXd& x, const KMeansOptions& options, const CancelToken* cancel)
{
    const std::int64_t n = x.rows(), k = options.k, dims = x.cols();
    if (k < 1 || k > n)
        throw InvalidParameter("k-means: k = " + std::to_string(k) + " with " + std::to_string(n) + " points");
    Rng rng(options.seed, 0x6b6d65616e73ULL);
    KMeansResult r;
    r.centroids.resize(k, dims);
    // k-means++: each next centre drawn with probability proportional to D(x)².
    std::vector<double> minD2(static_cast<std::size_t>(n));
    std::int64_t first = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
    r.centroids.row(0) = x.row(first);
    for (std::int64_t i = 0; i < n; ++i)
        minD2[i] = (x.row(i) - r.centroids.row(0)).squaredNorm();
    for (std::int64_t c = 1; c < k; ++c) {
        if (cancel && c % 64 == 0)
            cancel->throwIfCancelled();
        double total = 0.0;
        for (double v : minD2)
            total += v;
        std::int64_t pick = n - 1;
        if (total > 0) {
            const double target = rng.uniform() * total;
            double acc = 0.0;
            for (std::int64_t i = 0; i < n; ++i) {
                acc += minD2[i];
                if (acc > target) {
                    pick = i;
                    break;
                }
            }
        } else {
            pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
        }
        r.centroids.row(c) = x.row(pick);
#pragma omp parallel for schedule(static)
        for (std::int64_t i = 0; i < n; ++i)
            minD2[i] = std::min(minD2[i], (x.row(i) - r.centroids.row(c)).squaredNorm());
    }
    // sklearn scales tol by the mean per-dimension variance of the data.
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const double meanVar = (x.rowwise() - mean).array().square().sum() / static_cast<double>(n * dims);
    const double tol = options.tolerance * meanVar;

    r.labels.assign(static_cast<std::size_t>(n), -1);
    std::vector<std::int64_t> previous;
    std::vector<double> dist2(static_cast<std::size_t>(n));
    Eigen::MatrixXd sums(k, dims);
    std::vector<std::int64_t> counts(static_cast<std::size_t>(k));
    for (r.iterations = 0; r.iterations < options.maxIterations;) {
        if (cancel)
            cancel->throwIfCancelled();
        previous = r.labels;
        assign(x, r.centroids, r.labels, dist2);
        ++r.iterations;
        if (previous == r.labels)
            break;
        sums.setZero();
        std::fill(counts.begin(), counts.end(), 0);
        for (std::int64_t i = 0; i < n; ++i) { // in point order: deterministic sums
            sums.row(r.labels[i]) += x.row(i);
            ++counts[r.labels[i]];
        }
        double shift = 0.0;
        for (std::int64_t c = 0; c < k; ++c) {
            if (counts[c] == 0)
                continue;
            const Eigen::RowVectorXd centre = sums.row(c) / static_cast<double>(counts[c]);
            shift += (centre - r.centroids.row(c)).squaredNorm();
            r.centroids.row(c) = centre;
        }
        if (shift <= tol) {
            assign(x, r.centroids, r.labels, dist2);
            break;
        }
    }
    r.inertia = assign(x, r.centroids, r.labels, dist2);
    return r;
}

} // namespace scdesk
