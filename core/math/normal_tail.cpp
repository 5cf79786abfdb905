#include "math/normal_tail.h"

#include <cmath>

namespace scdesk {

double logNormalCdf(double z)
{
    if (std::isnan(z))
        return z;
    if (z > -30.0)
        return std::log(0.5 * std::erfc(-z / std::sqrt(2.0)));
    // Asymptotic series of the Mills ratio; at |z| >= 30 the truncation error is below 1e-10.
    const double z2 = z * z;
    const double series = 1.0 - 1.0 / z2 + 3.0 / (z2 * z2) - 15.0 / (z2 * z2 * z2);
    return -0.5 * z2 - std::log(-z) - 0.5 * std::log(2.0 * M_PI) + std::log(series);
}

} // namespace scdesk
