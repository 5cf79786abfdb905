#include "analysis/kompot/mellon/density_parameters.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "math/knn.h"
#include "math/random.h"
#include "util/errors.h"

namespace scdesk::kompot {

std::vector<double> validatedNnDistances(const Eigen::MatrixXd& x, const CancelToken* cancel)
{
    std::vector<double> r = nearestOtherDistances(x, cancel);
    double minPositive = std::numeric_limits<double>::infinity();
    for (double v : r)
        if (std::isfinite(v) && v > 0)
            minPositive = std::min(minPositive, v);
    if (!std::isfinite(minPositive))
        throw InvalidInput("all nearest-neighbour distances are zero or invalid (are all cells identical?)");
    for (double& v : r)
        if (!(std::isfinite(v) && v > 0))
            v = minPositive;
    return r;
}

double lengthScaleFromNn(const std::vector<double>& nnDistances, double lsFactor)
{
    double meanLog = 0.0;
    for (double v : nnDistances)
        meanLog += std::log(v);
    meanLog /= static_cast<double>(nnDistances.size());
    return std::exp(meanLog + 3.0) * lsFactor;
}

double fractalDimension(const Eigen::MatrixXd& x, std::int64_t k, std::int64_t nQueries, std::uint64_t seed,
                        const CancelToken* cancel)
{
    const std::int64_t n = x.rows();
    k = std::min(k, n);
    if (k < 3)
        throw InvalidInput("too few cells (" + std::to_string(n) + ") to estimate the intrinsic dimension");
    // Queries without replacement: a partial Fisher–Yates shuffle, sorted for a stable order.
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    const std::int64_t q = std::min(nQueries, n);
    Rng rng(seed, 0x66726163ULL);
    for (std::int64_t i = 0; i < q; ++i)
        std::swap(order[i], order[i + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n - i)))]);
    order.resize(static_cast<std::size_t>(q));
    Eigen::MatrixXd queries(q, x.cols());
    for (std::int64_t i = 0; i < q; ++i)
        queries.row(i) = x.row(order[i]);
    const KnnResult nn = exactKnn(x, queries, k, cancel);
    const std::int64_t pairs = k * (k - 1) / 2;
    std::vector<double> slopes(static_cast<std::size_t>(q), 0.0);
    std::vector<char> valid(static_cast<std::size_t>(q), 0);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < q; ++i) {
        std::vector<double> dist;
        dist.reserve(static_cast<std::size_t>(pairs));
        for (std::int64_t a = 0; a < k; ++a)
            for (std::int64_t b = a + 1; b < k; ++b)
                dist.push_back((x.row(nn.index(i, a)) - x.row(nn.index(i, b))).norm());
        std::sort(dist.begin(), dist.end());
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        std::int64_t m = 0;
        for (std::int64_t j = 0; j < pairs; ++j) {
            if (!(dist[j] > 0))
                continue; // duplicates have no log
            const double lx = std::log(dist[j]), ly = std::log(static_cast<double>(j + 1));
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
            ++m;
        }
        const double denom = static_cast<double>(m) * sxx - sx * sx;
        if (m >= 2 && denom > 0) {
            slopes[i] = (static_cast<double>(m) * sxy - sx * sy) / denom;
            valid[i] = 1;
        }
    }
    double sum = 0;
    std::int64_t count = 0;
    for (std::int64_t i = 0; i < q; ++i)
        if (valid[i]) {
            sum += slopes[i];
            ++count;
        }
    if (count == 0)
        throw InvalidInput("the intrinsic dimension could not be estimated (duplicate cells?)");
    const double d = sum / static_cast<double>(count);
    if (d > 50)
        throw InvalidInput("the estimated intrinsic dimension " + std::to_string(d) + " exceeds 50");
    return d;
}

Eigen::VectorXd nnLogIntensity(const std::vector<double>& nnDistances, double d)
{
    const double c = std::lgamma(d / 2.0 + 1.0) - (d / 2.0) * std::log(M_PI);
    Eigen::VectorXd mle(static_cast<Eigen::Index>(nnDistances.size()));
    for (std::size_t i = 0; i < nnDistances.size(); ++i)
        mle[static_cast<Eigen::Index>(i)] = c - d * std::log(nnDistances[i]);
    return mle;
}

double priorMean(const Eigen::VectorXd& mle)
{
    std::vector<double> v(mle.data(), mle.data() + mle.size());
    std::sort(v.begin(), v.end());
    const double pos = 0.01 * static_cast<double>(v.size() - 1); // numpy's linear rule
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    const double q = v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
    return q - 10.0;
}

} // namespace scdesk::kompot
