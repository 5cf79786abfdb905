#include "analysis/delnx/nb_deviance.h"

namespace scdesk::delnx {

double nbDeviance(const double* y, const double* mu, int n, double theta)
{
    double d = 0;
    for (int i = 0; i < n; ++i)
        d += nbUnitDeviance(y[i], mu[i], theta);
    return d;
}

} // namespace scdesk::delnx
