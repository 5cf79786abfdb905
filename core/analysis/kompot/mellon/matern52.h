#pragma once
// Mellon's default covariance, Matérn-5/2 with unit amplitude:
// k(x, y) = (1 + r + r²/3)·exp(−r), r = √5·‖x − y‖ / ls, the distance taken as
// sqrt(max(‖x‖² − 2x·y + ‖y‖² + 1e-12, 0)) as Mellon does (so k(x, x) is 1 − O(1e-6/ls)).
#include <Eigen/Dense>

namespace scdesk::kompot {

double matern52(double distance, double lengthScale);

// K(A, B), rows are points. Blocked and parallel; the result does not depend on the thread count.
Eigen::MatrixXd matern52Matrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double lengthScale);

} // namespace scdesk::kompot
