#include "math/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace scdesk {

std::vector<double> benjaminiHochberg(const std::vector<double>& p)
{
    std::vector<double> out(p.size(), std::nan(""));
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isnan(p[i]))
            idx.push_back(i);
    const double n = static_cast<double>(idx.size());
    // Decreasing p, stable: the cumulative minimum makes tie order irrelevant.
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
    double running = 1.0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const double rank = n - static_cast<double>(k);
        running = std::min(running, n / rank * p[idx[k]]);
        out[idx[k]] = std::min(1.0, running);
    }
    return out;
}

} // namespace scdesk
