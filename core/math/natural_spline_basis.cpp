#include "math/natural_spline_basis.h"

#include <cmath>

namespace scdesk {
namespace {

// Order-1 B-spline indicator with R splineDesign's rule: x at the last knot belongs to the last
// non-empty interval.
double indicator(const std::vector<double>& t, int j, double x)
{
    if (t[j] <= x && x < t[j + 1])
        return 1.0;
    const double last = t.back();
    if (x == last) {
        int lastInterval = static_cast<int>(t.size()) - 2;
        while (lastInterval > 0 && !(t[lastInterval] < t[lastInterval + 1]))
            --lastInterval;
        return j == lastInterval ? 1.0 : 0.0;
    }
    return 0.0;
}

// deriv-th derivative of B-spline j of order k (Cox–de Boor; 0/0 terms are 0).
double bspline(const std::vector<double>& t, int j, int k, int deriv, double x)
{
    if (k == 1)
        return deriv == 0 ? indicator(t, j, x) : 0.0;
    const double d1 = t[j + k - 1] - t[j];
    const double d2 = t[j + k] - t[j + 1];
    if (deriv > 0) {
        double v = 0;
        if (d1 > 0)
            v += bspline(t, j, k - 1, deriv - 1, x) / d1;
        if (d2 > 0)
            v -= bspline(t, j + 1, k - 1, deriv - 1, x) / d2;
        return (k - 1) * v;
    }
    double v = 0;
    if (d1 > 0)
        v += (x - t[j]) / d1 * bspline(t, j, k - 1, 0, x);
    if (d2 > 0)
        v += (t[j + k] - x) / d2 * bspline(t, j + 1, k - 1, 0, x);
    return v;
}

} // namespace

Eigen::MatrixXd naturalSplineBasis(const std::vector<double>& x, const std::vector<double>& interior, double lower,
                                   double upper)
{
    constexpr int order = 4;
    std::vector<double> t(order, lower);
    t.insert(t.end(), interior.begin(), interior.end());
    t.insert(t.end(), order, upper);
    const int nb = static_cast<int>(t.size()) - order;

    // Cᵀ: nb × 2 second derivatives at the boundaries, QR'd LINPACK style (dqrdc2, no pivoting needed).
    Eigen::MatrixXd qr(nb, 2);
    for (int j = 0; j < nb; ++j) {
        qr(j, 0) = bspline(t, j, order, 2, lower);
        qr(j, 1) = bspline(t, j, order, 2, upper);
    }
    Eigen::Vector2d qraux = Eigen::Vector2d::Zero();
    for (int l = 0; l < 2; ++l) {
        double nrm = qr.col(l).tail(nb - l).norm();
        if (nrm == 0.0)
            continue;
        if (qr(l, l) != 0.0)
            nrm = std::copysign(nrm, qr(l, l));
        qr.col(l).tail(nb - l) /= nrm;
        qr(l, l) += 1.0;
        for (int j = l + 1; j < 2; ++j) {
            const double tt = -qr.col(l).tail(nb - l).dot(qr.col(j).tail(nb - l)) / qr(l, l);
            qr.col(j).tail(nb - l) += tt * qr.col(l).tail(nb - l);
        }
        qraux(l) = qr(l, l);
        qr(l, l) = -nrm;
    }

    Eigen::MatrixXd out(static_cast<Eigen::Index>(x.size()), nb - 2);
    Eigen::VectorXd row(nb);
    for (std::size_t r = 0; r < x.size(); ++r) {
        for (int j = 0; j < nb; ++j)
            row(j) = bspline(t, j, order, 0, x[r]);
        for (int l = 0; l < 2; ++l) { // Qᵀ row (dqrsl, job qty)
            if (qraux(l) == 0.0)
                continue;
            Eigen::VectorXd u = qr.col(l).tail(nb - l);
            u(0) = qraux(l);
            const double tt = -u.dot(row.tail(nb - l)) / u(0);
            row.tail(nb - l) += tt * u;
        }
        out.row(static_cast<Eigen::Index>(r)) = row.tail(nb - 2).transpose();
    }
    return out;
}

} // namespace scdesk
