#include "analysis/delnx/size_factors.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "util/errors.h"

namespace scdesk::delnx {
namespace {

double medianOf(std::vector<double>& v)
{
    if (v.empty())
        return std::nan("");
    const std::size_t n = v.size();
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n / 2), v.end());
    const double hi = v[n / 2];
    if (n % 2 == 1)
        return hi;
    const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n / 2));
    return (lo + hi) / 2;
}

} // namespace

CountSummary computeSizeFactors(const CountSource& counts, SizeFactorMethod method,
                                const std::vector<std::string>& featureNames)
{
    const std::int64_t G = counts.genes(), N = counts.samples();
    std::vector<double> y(static_cast<std::size_t>(N));
    std::vector<long double> colSums(static_cast<std::size_t>(N), 0.0L);
    std::vector<std::vector<double>> ratios(method == SizeFactorMethod::PosCounts || method == SizeFactorMethod::Ratio
                                                ? static_cast<std::size_t>(N)
                                                : 0);
    for (std::int64_t g = 0; g < G; ++g) {
        counts.gene(g, y.data());
        for (std::int64_t i = 0; i < N; ++i) {
            const double v = y[static_cast<std::size_t>(i)];
            if (!std::isfinite(v) || v < 0 || v != std::floor(v)) {
                const std::string name = g < static_cast<std::int64_t>(featureNames.size())
                                             ? featureNames[static_cast<std::size_t>(g)]
                                             : "#" + std::to_string(g);
                throw InvalidInput("counts must be non-negative integers: gene '" + name + "', sample " +
                                   std::to_string(i) + " holds " + std::to_string(v));
            }
            colSums[static_cast<std::size_t>(i)] += v;
        }
        if (!ratios.empty()) {
            double lgm = 0;
            for (double v : y)
                lgm += method == SizeFactorMethod::PosCounts ? std::log(v + 0.5) : std::log(v);
            lgm /= static_cast<double>(N);
            if (!std::isfinite(lgm))
                continue;
            for (std::int64_t i = 0; i < N; ++i)
                if (y[static_cast<std::size_t>(i)] > 0)
                    ratios[static_cast<std::size_t>(i)].push_back(std::log(y[static_cast<std::size_t>(i)]) - lgm);
        }
    }
    CountSummary out;
    out.sizeFactors = Eigen::VectorXd::Ones(N);
    if (method == SizeFactorMethod::None || G <= 1)
        return out;
    Eigen::VectorXd raw(N);
    for (std::int64_t i = 0; i < N; ++i) {
        if (method == SizeFactorMethod::NormedSum)
            raw(i) = static_cast<double>(colSums[static_cast<std::size_t>(i)]);
        else
            raw(i) = std::exp(medianOf(ratios[static_cast<std::size_t>(i)]));
    }
    if (method == SizeFactorMethod::Ratio)
        for (std::int64_t i = 0; i < N; ++i)
            if (!(raw(i) > 0) || !std::isfinite(raw(i)))
                throw InvalidInput("size factors 'ratio': sample " + std::to_string(i) +
                                   " has no gene expressed in every sample; use 'poscounts' or 'normed_sum'");
    long double logSum = 0;
    int good = 0;
    for (std::int64_t i = 0; i < N; ++i)
        if (raw(i) > 0) {
            logSum += std::log(raw(i));
            ++good;
        }
    const double gm = good > 0 ? std::exp(static_cast<double>(logSum / good)) : 1.0;
    for (std::int64_t i = 0; i < N; ++i) {
        if (raw(i) > 0) {
            out.sizeFactors(i) = raw(i) / gm;
        } else {
            out.sizeFactors(i) = 0.001;
            ++out.badSamples;
        }
    }
    return out;
}

} // namespace scdesk::delnx
