#include "math/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "util/cancel_token.h"

namespace scdesk {

LbfgsResult minimizeLbfgs(const LbfgsObjective& objective, Eigen::VectorXd x0, const LbfgsOptions& options,
                          const CancelToken* cancel)
{
    LbfgsResult r;
    const Eigen::Index n = x0.size();
    Eigen::VectorXd x = std::move(x0), g(n), xNew(n), gNew(n), dir(n);
    double f = objective(x, g);
    r.evaluations = 1;
    std::deque<Eigen::VectorXd> sHist, yHist;
    std::deque<double> rhoHist;
    std::vector<double> alpha;
    for (r.iterations = 0; r.iterations < options.maxIterations; ++r.iterations) {
        if (cancel)
            cancel->throwIfCancelled();
        if (!std::isfinite(f)) {
            r.reason = "objective is not finite";
            break;
        }
        if (g.lpNorm<Eigen::Infinity>() <= options.gradientTolerance) {
            r.converged = true;
            r.reason = "gradient below tolerance";
            break;
        }
        // Two-loop recursion: dir = -H g.
        dir = -g;
        const std::size_t m = sHist.size();
        alpha.assign(m, 0.0);
        for (std::size_t i = m; i-- > 0;) {
            alpha[i] = rhoHist[i] * sHist[i].dot(dir);
            dir -= alpha[i] * yHist[i];
        }
        if (m > 0)
            dir *= sHist.back().dot(yHist.back()) / yHist.back().squaredNorm();
        for (std::size_t i = 0; i < m; ++i) {
            const double beta = rhoHist[i] * yHist[i].dot(dir);
            dir += (alpha[i] - beta) * sHist[i];
        }
        double slope = g.dot(dir);
        if (!(slope < 0)) { // not a descent direction: restart from steepest descent
            sHist.clear();
            yHist.clear();
            rhoHist.clear();
            dir = -g;
            slope = -g.squaredNorm();
        }
        double step = m == 0 ? std::min(1.0, 1.0 / std::max(1e-300, g.norm())) : 1.0;
        double fNew = f;
        bool accepted = false;
        for (int ls = 0; ls < options.maxLineSearch; ++ls) {
            xNew = x + step * dir;
            fNew = objective(xNew, gNew);
            ++r.evaluations;
            if (std::isfinite(fNew) && fNew <= f + 1e-4 * step * slope) {
                accepted = true;
                break;
            }
            step *= std::isfinite(fNew) ? 0.5 : 0.1;
        }
        if (!accepted) {
            r.reason = "line search failed";
            r.converged = g.lpNorm<Eigen::Infinity>() <= 100 * options.gradientTolerance;
            break;
        }
        Eigen::VectorXd s = xNew - x, y = gNew - g;
        const double sy = s.dot(y);
        const double decrease = f - fNew;
        x.swap(xNew);
        g.swap(gNew);
        const double fOld = f;
        f = fNew;
        if (sy > 1e-12 * s.norm() * y.norm()) {
            if (static_cast<int>(sHist.size()) == options.memory) {
                sHist.pop_front();
                yHist.pop_front();
                rhoHist.pop_front();
            }
            sHist.push_back(std::move(s));
            yHist.push_back(std::move(y));
            rhoHist.push_back(1.0 / sy);
        }
        if (decrease <= options.relativeTolerance * std::max({std::abs(fOld), std::abs(f), 1.0})) {
            r.converged = true;
            r.reason = "relative decrease below tolerance";
            ++r.iterations;
            break;
        }
    }
    if (r.reason.empty())
        r.reason = "iteration limit";
    r.x = std::move(x);
    r.value = f;
    return r;
}

} // namespace scdesk
