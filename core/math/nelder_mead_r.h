#pragma once
// R's optim(method = "Nelder-Mead") (nmmin), replicated operation by operation so that the QL prior
// (spec §4 S7.4) follows R's path: the optimum is not converged tightly, so only the same path gives
// the same numbers.
#include <functional>
#include <vector>

namespace scdesk {

struct NelderMeadResult {
    std::vector<double> x;
    double value = 0;
    int evaluations = 0;
    int fail = 0; // 0 ok, 1 maxit reached, 10 degenerate simplex
};

NelderMeadResult nelderMeadR(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                             int maxit = 500, double reltol = 1.490116119384765625e-8);

} // namespace scdesk
