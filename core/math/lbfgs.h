#pragma once
// Limited-memory BFGS for smooth unconstrained minimisation, with scipy L-BFGS-B's stopping
// rules (no bounds): max |g_i| <= gradientTolerance, or a relative decrease below
// relativeTolerance, or maxIterations. The line search is backtracking Armijo from the unit step
// (scaled on the first iteration); pairs with non-positive curvature are skipped.
#include <functional>
#include <string>

#include <Eigen/Dense>

namespace scdesk {

class CancelToken;

struct LbfgsOptions {
    int maxIterations = 500; // jaxopt ScipyMinimize default
    int memory = 10;         // scipy maxcor
    double gradientTolerance = 1e-5; // scipy gtol (infinity norm)
    double relativeTolerance = 2.220446049250313e-09; // scipy ftol
    int maxLineSearch = 20; // scipy maxls
};

struct LbfgsResult {
    Eigen::VectorXd x;
    double value = 0.0;
    int iterations = 0;
    int evaluations = 0;
    bool converged = false;
    std::string reason;
};

// Returns f(x) and writes the gradient into `gradient` (already sized).
using LbfgsObjective = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& gradient)>;

LbfgsResult minimizeLbfgs(const LbfgsObjective& objective, Eigen::VectorXd x0, const LbfgsOptions& options = {},
                          const CancelToken* cancel = nullptr);

} // namespace scdesk
