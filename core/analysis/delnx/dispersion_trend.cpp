#include "analysis/delnx/dispersion_trend.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace scdesk::delnx {
namespace {

// R's seq(-3, 3, length.out = n): exact endpoints.
std::vector<double> rSeq(double a, double b, int n)
{
    std::vector<double> out(static_cast<std::size_t>(n));
    if (n == 1)
        return {a};
    const double by = (b - a) / (n - 1);
    for (int k = 0; k < n; ++k)
        out[static_cast<std::size_t>(k)] = a + k * by;
    out.front() = a;
    out.back() = b;
    return out;
}

std::vector<double> gaussWeights(int n)
{
    std::vector<double> w = rSeq(-3, 3, n);
    for (double& u : w)
        u = 0.398942280401432677939946059934 * std::exp(-0.5 * u * u); // R dnorm
    return w;
}

// matrixStats::weightedMedian(interpolate = FALSE) on values already sorted ascending (ties by window
// position); wNorm[k] = w/W of the k-th sorted value.
template <class ValueAt, class WeightAt>
double sortedWeightedMedian(int n, ValueAt value, WeightAt wNorm)
{
    if (n == 1)
        return value(0);
    double cum = 0, prev = 0;
    int half = n;
    for (int k = 0; k < n; ++k) {
        prev = cum;
        cum += wNorm(k);
        if (cum > 0.5) {
            half = k;
            break;
        }
    }
    if (half == 0)
        return value(0);
    if (half == n)
        return value(n - 1);
    const double whigh = 1 - prev;
    if (whigh > 0.5)
        return value(half);
    return prev * value(half - 1) + whigh * value(half);
}

struct Prepared {
    std::vector<int> order; // gene indices by mean, stable
    std::vector<double> sorted;
    int half = 0, start = 0, end = -1;
    std::vector<double> wNorm; // w/W per window position
};

Prepared prepare(const std::vector<double>& means, const std::vector<double>& values, double npoints)
{
    Prepared p;
    const int n = static_cast<int>(means.size());
    npoints = std::min(static_cast<double>(n), std::max(1.0, npoints));
    p.order.resize(static_cast<std::size_t>(n));
    std::iota(p.order.begin(), p.order.end(), 0);
    std::stable_sort(p.order.begin(), p.order.end(), [&](int a, int b) { return means[a] < means[b]; });
    p.sorted.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        p.sorted[i] = values[p.order[i]];
    p.half = static_cast<int>(std::floor(npoints / 2));
    p.start = p.half;
    p.end = n - 1 - p.half;
    const std::vector<double> w = gaussWeights(p.end < p.start ? n : 2 * p.half + 1);
    double total = 0;
    for (double v : w)
        total += v; // window order, as matrixStats sums them
    p.wNorm.resize(w.size());
    for (std::size_t k = 0; k < w.size(); ++k)
        p.wNorm[k] = w[k] / total;
    return p;
}

std::vector<double> finish(const Prepared& p, std::vector<double>& res)
{
    const int n = static_cast<int>(p.sorted.size());
    for (int i = 0; i < p.start; ++i)
        res[i] = res[p.start];
    for (int i = p.end + 1; i < n; ++i)
        res[i] = res[p.end];
    std::vector<double> out(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        out[p.order[i]] = res[i];
    return out;
}

// All values together (n ≤ 100, even): weights on the mean-sorted values (glmGamPoi ≥ 1.11).
std::vector<double> wholeMedian(const Prepared& p)
{
    const int n = static_cast<int>(p.sorted.size());
    std::vector<int> idx(static_cast<std::size_t>(n));
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return p.sorted[a] < p.sorted[b]; });
    const double m = sortedWeightedMedian(n, [&](int k) { return p.sorted[idx[k]]; },
                                          [&](int k) { return p.wNorm[idx[k]]; });
    return std::vector<double>(static_cast<std::size_t>(n), m);
}

} // namespace

std::vector<double> localMedianTrendNaive(const std::vector<double>& means, const std::vector<double>& values,
                                          double npoints)
{
    if (means.empty())
        return {};
    Prepared p = prepare(means, values, npoints);
    if (p.end < p.start)
        return wholeMedian(p);
    const int width = 2 * p.half + 1;
    std::vector<double> res(p.sorted.size());
    std::vector<int> idx(static_cast<std::size_t>(width));
    for (int i = p.start; i <= p.end; ++i) {
        const int first = i - p.half;
        std::iota(idx.begin(), idx.end(), 0);
        std::stable_sort(idx.begin(), idx.end(),
                         [&](int a, int b) { return p.sorted[first + a] < p.sorted[first + b]; });
        res[i] = sortedWeightedMedian(width, [&](int k) { return p.sorted[first + idx[k]]; },
                                      [&](int k) { return p.wNorm[idx[k]]; });
    }
    return finish(p, res);
}

std::vector<double> localMedianTrend(const std::vector<double>& means, const std::vector<double>& values,
                                     double npoints)
{
    if (means.empty())
        return {};
    Prepared p = prepare(means, values, npoints);
    if (p.end < p.start)
        return wholeMedian(p);
    const int width = 2 * p.half + 1;
    std::vector<double> res(p.sorted.size());
    const int positions = p.end - p.start + 1;
    // Chunks of window positions; each chunk sorts its first window once, then slides (one leaves,
    // one arrives). Results per position do not depend on the chunking.
    const int chunk = std::max(256, positions / 64 + 1);
    const int chunks = (positions + chunk - 1) / chunk;
#pragma omp parallel for schedule(dynamic, 1)
    for (int c = 0; c < chunks; ++c) {
        const int i0 = p.start + c * chunk, i1 = std::min(p.end, i0 + chunk - 1);
        // Window entries are sorted-gene indices j ordered by (value, j): the index order equals
        // window-position order, i.e. the stable tie order of the per-window sort. 4-byte entries, and
        // one slide moves only the entries between the leaving and the arriving one.
        const double* v = p.sorted.data();
        auto less = [v](int a, int b) { return v[a] < v[b] || (v[a] == v[b] && a < b); };
        std::vector<int> win(static_cast<std::size_t>(width));
        std::iota(win.begin(), win.end(), i0 - p.half);
        std::sort(win.begin(), win.end(), less);
        for (int i = i0; i <= i1; ++i) {
            if (i > i0) {
                const int out = i - p.half - 1, in = i + p.half;
                const auto po = std::lower_bound(win.begin(), win.end(), out, less);
                const auto pi = std::upper_bound(win.begin(), win.end(), in, less);
                if (pi > po) {
                    std::move(po + 1, pi, po);
                    *(pi - 1) = in;
                } else {
                    std::move_backward(pi, po, po + 1);
                    *pi = in;
                }
            }
            const int first = i - p.half;
            const double* w = p.wNorm.data();
            res[i] = sortedWeightedMedian(width, [&](int k) { return v[win[k]]; },
                                          [&](int k) { return w[win[k] - first]; });
        }
    }
    return finish(p, res);
}

} // namespace scdesk::delnx
