#pragma once
// ln Φ(z) for the standard normal CDF, accurate in the far lower tail where Φ underflows.
namespace scdesk {

double logNormalCdf(double z);

} // namespace scdesk
