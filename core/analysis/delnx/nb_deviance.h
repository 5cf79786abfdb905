#pragma once
// Negative-binomial unit deviance (spec §4 S4), written like glmGamPoi (log(1 + x), not log1p, for parity).
#include <algorithm>
#include <cmath>

namespace scdesk::delnx {

inline double nbUnitDeviance(double y, double mu, double theta)
{
    if (theta < 1e-6) {
        if (y == 0)
            return 2 * mu;
        return std::max(2 * (y * std::log(y / mu) - (y - mu)), 0.0);
    }
    if (y == 0)
        return 2 / theta * std::log(1 + mu * theta);
    const double s1 = y * std::log((mu + y * mu * theta) / (y + y * mu * theta));
    const double s2 = 1 / theta * std::log((1 + mu * theta) / (1 + y * theta));
    return std::max(-2 * (s1 - s2), 0.0);
}

// Σ_i unit deviance.
double nbDeviance(const double* y, const double* mu, int n, double theta);

} // namespace scdesk::delnx
