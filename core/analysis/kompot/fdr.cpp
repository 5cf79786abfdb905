#include "analysis/kompot/fdr.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "util/errors.h"

namespace scdesk::kompot {

namespace {

std::vector<double> finiteValues(const std::vector<double>& values)
{
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values)
        if (std::isfinite(v))
            out.push_back(v);
    return out;
}

double trapezoid(const std::vector<double>& f, double step)
{
    double s = 0.0;
    for (std::size_t k = 1; k < f.size(); ++k)
        s += 0.5 * (f[k - 1] + f[k]);
    return s * step;
}

// The fallback when the KDE has no spread: a histogram with one bin per grid point, bins of
// equal width spanning [grid₀, grid_last], as a density.
std::vector<double> histogramDensity(const std::vector<double>& sample, const std::vector<double>& grid)
{
    const auto bins = grid.size();
    const double width = (grid.back() - grid.front()) / static_cast<double>(bins);
    std::vector<double> f(bins, 0.0);
    for (double v : sample) {
        if (v < grid.front() || v > grid.back())
            continue;
        const auto k = std::min(static_cast<std::size_t>((v - grid.front()) / width), bins - 1);
        f[k] += 1.0;
    }
    for (double& v : f)
        v /= static_cast<double>(sample.size()) * width;
    return f;
}

// Linear interpolation of `values` on the equally spaced `grid` at x; 1 below the grid, 0 above
// (a distance beyond all observed ones is as far from the null as it gets).
double interpolateOnGrid(const std::vector<double>& grid, const std::vector<double>& values, double x)
{
    if (x < grid.front())
        return 1.0;
    if (x > grid.back())
        return 0.0;
    const double step = grid[1] - grid[0];
    const auto last = grid.size() - 1;
    const auto k = std::min(static_cast<std::size_t>((x - grid.front()) / step), last - 1);
    const double t = std::clamp((x - grid[k]) / step, 0.0, 1.0);
    return values[k] + t * (values[k + 1] - values[k]);
}

// ratio = num/den where den > `floor`, else 1; clip to [0, 1]; make non-increasing.
std::vector<double> monotoneRatio(const std::vector<double>& num, const std::vector<double>& den, double floor)
{
    std::vector<double> r(num.size(), 1.0);
    for (std::size_t k = 0; k < num.size(); ++k)
        if (den[k] > floor)
            r[k] = std::clamp(num[k] / den[k], 0.0, 1.0);
    return antitonic(r);
}

// S(t_k) = Σ_{j ≥ k} f_j · Δ
std::vector<double> survival(const std::vector<double>& f, double step)
{
    std::vector<double> s(f.size());
    double acc = 0.0;
    for (std::size_t k = f.size(); k-- > 0;) {
        acc += f[k] * step;
        s[k] = acc;
    }
    return s;
}

} // namespace

std::vector<double> antitonic(const std::vector<double>& values)
{
    // Blocks of pooled values (mean, size); a new value that rises above the last block's mean
    // merges with it, and merging continues while the order is violated.
    std::vector<double> mean;
    std::vector<std::size_t> size;
    mean.reserve(values.size());
    size.reserve(values.size());
    for (double v : values) {
        double m = v;
        std::size_t n = 1;
        while (!mean.empty() && mean.back() <= m) {
            const auto total = static_cast<double>(size.back() + n);
            m = (mean.back() * static_cast<double>(size.back()) + m * static_cast<double>(n)) / total;
            n += size.back();
            mean.pop_back();
            size.pop_back();
        }
        mean.push_back(m);
        size.push_back(n);
    }
    std::vector<double> out;
    out.reserve(values.size());
    for (std::size_t b = 0; b < mean.size(); ++b)
        out.insert(out.end(), size[b], mean[b]);
    return out;
}

std::vector<double> fdrGrid(const std::vector<double>& real, const std::vector<double>& null, int points)
{
    if (points < 2)
        throw InvalidParameter("the FDR grid needs at least 2 points, got " + std::to_string(points));
    double maxValue = 0.0;
    for (const auto* values : {&real, &null})
        for (double v : *values)
            if (std::isfinite(v))
                maxValue = std::max(maxValue, v);
    const double top = 1.05 * maxValue;
    std::vector<double> grid(static_cast<std::size_t>(points));
    for (int k = 0; k < points; ++k)
        grid[static_cast<std::size_t>(k)] = top * static_cast<double>(k) / static_cast<double>(points - 1);
    return grid;
}

std::vector<double> monotoneDensity(const std::vector<double>& sample, const std::vector<double>& grid)
{
    if (sample.empty())
        throw InvalidInput("a density estimate needs at least one value");
    if (grid.size() < 2 || !(grid.back() > grid.front()))
        throw InvalidInput("the density grid must have at least 2 increasing points");
    const double step = grid[1] - grid[0];
    const auto n = static_cast<double>(sample.size());

    // The reflected sample {−d, +d} has mean 0, so its ddof-1 variance is 2Σd² / (2N − 1).
    double sumSq = 0.0;
    for (double d : sample)
        sumSq += d * d;
    const double sd = std::sqrt(2.0 * sumSq / (2.0 * n - 1.0));
    const double bandwidth = std::pow(2.0 * n, -0.2) * sd; // scipy's Scott factor × std

    std::vector<double> f;
    if (bandwidth > 0.0 && std::isfinite(bandwidth)) {
        f.assign(grid.size(), 0.0);
        const double norm = 2.0 / (2.0 * n * bandwidth * std::sqrt(2.0 * std::numbers::pi));
        const double inv = 1.0 / bandwidth;
        const auto nGrid = static_cast<std::ptrdiff_t>(grid.size());
#pragma omp parallel for schedule(static)
        for (std::ptrdiff_t k = 0; k < nGrid; ++k) {
            const double t = grid[static_cast<std::size_t>(k)];
            double s = 0.0;
            for (double d : sample) {
                const double a = (t - d) * inv, b = (t + d) * inv;
                s += std::exp(-0.5 * a * a) + std::exp(-0.5 * b * b);
            }
            f[static_cast<std::size_t>(k)] = norm * s;
        }
    } else {
        f = histogramDensity(sample, grid); // no spread: every value is 0
    }

    f = antitonic(f);
    for (double& v : f)
        v = std::max(v, 0.0);
    const double integral = trapezoid(f, step);
    if (integral > 0.0 && std::isfinite(integral))
        for (double& v : f)
            v /= integral;
    return f;
}

FdrResult computeFdr(const std::vector<double>& real, const std::vector<double>& null, double threshold)
{
    const std::size_t g = real.size();
    FdrResult out;
    out.pvalue.assign(g, 1.0);
    out.localFdr.assign(g, 1.0);
    out.tailFdr.assign(g, 1.0);
    out.isDe.assign(g, false);

    std::vector<double> null0 = finiteValues(null);
    const std::vector<double> realFinite = finiteValues(real);
    std::sort(null0.begin(), null0.end());

    // Empirical p-values: #{D0 ≥ D} / |D0|, zeros floored to the smallest non-zero p.
    if (!null0.empty()) {
        const auto n0 = static_cast<double>(null0.size());
        double smallest = 2.0;
        for (std::size_t i = 0; i < g; ++i) {
            if (!std::isfinite(real[i]))
                continue;
            const auto atLeast = null0.end() - std::lower_bound(null0.begin(), null0.end(), real[i]);
            out.pvalue[i] = static_cast<double>(atLeast) / n0;
            if (out.pvalue[i] > 0.0)
                smallest = std::min(smallest, out.pvalue[i]);
        }
        const double floor = smallest <= 1.0 ? smallest : 1.0 / n0;
        for (std::size_t i = 0; i < g; ++i)
            if (out.pvalue[i] == 0.0)
                out.pvalue[i] = floor;
    }

    if (realFinite.size() < 2 || null0.size() < 2)
        return out;
    const std::vector<double> grid = fdrGrid(realFinite, null0);
    if (!(grid.back() > 0.0))
        return out; // every distance is 0: nothing separates real from null
    const double step = grid[1] - grid[0];

    const std::vector<double> f0 = monotoneDensity(null0, grid);
    const std::vector<double> f = monotoneDensity(realFinite, grid);
    // One guard for both ratios: the mixture density's scale (as upstream).
    const double floor = 1e-10 * *std::max_element(f.begin(), f.end());
    const std::vector<double> lfdrGrid = monotoneRatio(f0, f, floor);
    const std::vector<double> tailGrid = monotoneRatio(survival(f0, step), survival(f, step), floor);

    for (std::size_t i = 0; i < g; ++i) {
        if (!std::isfinite(real[i]))
            continue;
        out.localFdr[i] = std::clamp(interpolateOnGrid(grid, lfdrGrid, real[i]), 0.0, 1.0);
        out.tailFdr[i] = std::clamp(interpolateOnGrid(grid, tailGrid, real[i]), 0.0, 1.0);
        out.isDe[i] = out.localFdr[i] < threshold;
    }
    return out;
}

} // namespace scdesk::kompot
