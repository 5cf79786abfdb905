#pragma once
// splines::ns(x, knots = interior, Boundary.knots = boundary, intercept = TRUE) for x inside the
// boundary: the cubic B-spline basis with the second derivative at both boundaries projected out by a
// LINPACK-convention Householder QR (R's qr / dqrdc2), so the columns match R's signs exactly.
#include <Eigen/Core>

#include <vector>

namespace scdesk {

// n × (interior.size() + 2) basis matrix.
Eigen::MatrixXd naturalSplineBasis(const std::vector<double>& x, const std::vector<double>& interior, double lower,
                                   double upper);

} // namespace scdesk
