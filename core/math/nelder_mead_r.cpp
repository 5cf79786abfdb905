#include "math/nelder_mead_r.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace scdesk {

NelderMeadResult nelderMeadR(const std::function<double(const std::vector<double>&)>& fn, std::vector<double> b,
                             int maxit, double reltol)
{
    constexpr double alpha = 1.0, beta = 0.5, gamma = 2.0, big = 1.0e35;
    const double abstol = -std::numeric_limits<double>::infinity();
    const int n = static_cast<int>(b.size());
    const int n1 = n + 1, c = n + 2;
    // p[i][j]: coordinate i (row n holds f) of vertex j (column n+1 is the centroid).
    std::vector<std::vector<double>> p(n1, std::vector<double>(c, 0.0));
    auto eval = [&](const std::vector<double>& x) {
        const double v = fn(x);
        return std::isfinite(v) ? v : big;
    };
    NelderMeadResult res;
    double f = fn(b);
    if (!std::isfinite(f))
        throw std::invalid_argument("Nelder-Mead: function cannot be evaluated at initial parameters");
    int funcount = 1;
    const double convtol = reltol * (std::fabs(f) + reltol);
    p[n1 - 1][0] = f;
    for (int i = 0; i < n; ++i)
        p[i][0] = b[i];
    int L = 1, H = 1;
    double step = 0.0;
    for (int i = 0; i < n; ++i)
        if (0.1 * std::fabs(b[i]) > step)
            step = 0.1 * std::fabs(b[i]);
    if (step == 0.0)
        step = 0.1;
    double size = 0.0;
    for (int j = 2; j <= n1; ++j) {
        for (int i = 0; i < n; ++i)
            p[i][j - 1] = b[i];
        double trystep = step;
        while (p[j - 2][j - 1] == b[j - 2]) {
            p[j - 2][j - 1] = b[j - 2] + trystep;
            trystep *= 10;
        }
        size += trystep;
    }
    double oldsize = size;
    bool calcvert = true;
    do {
        if (calcvert) {
            for (int j = 0; j < n1; ++j) {
                if (j + 1 != L) {
                    for (int i = 0; i < n; ++i)
                        b[i] = p[i][j];
                    p[n1 - 1][j] = eval(b);
                    ++funcount;
                }
            }
            calcvert = false;
        }
        double VL = p[n1 - 1][L - 1], VH = VL;
        H = L;
        for (int j = 1; j <= n1; ++j) {
            if (j != L) {
                const double fj = p[n1 - 1][j - 1];
                if (fj < VL) {
                    L = j;
                    VL = fj;
                }
                if (fj > VH) {
                    H = j;
                    VH = fj;
                }
            }
        }
        if (VH <= VL + convtol || VL <= abstol)
            break;
        for (int i = 0; i < n; ++i) {
            double temp = -p[i][H - 1];
            for (int j = 0; j < n1; ++j)
                temp += p[i][j];
            p[i][c - 1] = temp / n;
        }
        for (int i = 0; i < n; ++i)
            b[i] = (1.0 + alpha) * p[i][c - 1] - alpha * p[i][H - 1];
        f = eval(b);
        ++funcount;
        const double VR = f;
        if (VR < VL) {
            p[n1 - 1][c - 1] = f;
            for (int i = 0; i < n; ++i) {
                const double e = gamma * b[i] + (1 - gamma) * p[i][c - 1];
                p[i][c - 1] = b[i];
                b[i] = e;
            }
            f = eval(b);
            ++funcount;
            if (f < VR) {
                for (int i = 0; i < n; ++i)
                    p[i][H - 1] = b[i];
                p[n1 - 1][H - 1] = f;
            } else {
                for (int i = 0; i < n; ++i)
                    p[i][H - 1] = p[i][c - 1];
                p[n1 - 1][H - 1] = VR;
            }
        } else {
            if (VR < VH) {
                for (int i = 0; i < n; ++i)
                    p[i][H - 1] = b[i];
                p[n1 - 1][H - 1] = VR;
            }
            for (int i = 0; i < n; ++i)
                b[i] = (1 - beta) * p[i][H - 1] + beta * p[i][c - 1];
            f = eval(b);
            ++funcount;
            if (f < p[n1 - 1][H - 1]) {
                for (int i = 0; i < n; ++i)
                    p[i][H - 1] = b[i];
                p[n1 - 1][H - 1] = f;
            } else if (VR >= VH) {
                calcvert = true;
                size = 0.0;
                for (int j = 0; j < n1; ++j) {
                    if (j + 1 != L) {
                        for (int i = 0; i < n; ++i) {
                            p[i][j] = beta * (p[i][j] - p[i][L - 1]) + p[i][L - 1];
                            size += std::fabs(p[i][j] - p[i][L - 1]);
                        }
                    }
                }
                if (size < oldsize) {
                    oldsize = size;
                } else {
                    res.fail = 10;
                    break;
                }
            }
        }
    } while (funcount <= maxit);
    res.value = p[n1 - 1][L - 1];
    res.x.resize(n);
    for (int i = 0; i < n; ++i)
        res.x[i] = p[i][L - 1];
    if (funcount > maxit)
        res.fail = 1;
    res.evaluations = funcount;
    return res;
}

} // namespace scdesk
