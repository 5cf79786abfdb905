#pragma once
// Multiple-testing correction (R p.adjust semantics).
#include <vector>

namespace scdesk {

// Benjamini–Hochberg like R's p.adjust(p, "BH"): n = number of non-NaN p; NaN stays NaN.
std::vector<double> benjaminiHochberg(const std::vector<double>& p);

} // namespace scdesk
