#include "analysis/kompot/mellon/matern52.h"

#include <algorithm>
#include <cmath>

namespace scdesk::kompot {

double matern52(double distance, double lengthScale)
{
    const double r = std::sqrt(5.0) * distance / lengthScale;
    return (1.0 + r + r * r / 3.0) * std::exp(-r);
}

Eigen::MatrixXd matern52Matrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double lengthScale)
{
    constexpr Eigen::Index kBlock = 256;
    const Eigen::VectorXd aNorms = a.rowwise().squaredNorm();
    const Eigen::VectorXd bNorms = b.rowwise().squaredNorm();
    Eigen::MatrixXd k(a.rows(), b.rows());
    const Eigen::Index nBlocks = (a.rows() + kBlock - 1) / kBlock;
    const double scale = std::sqrt(5.0) / lengthScale;
#pragma omp parallel for schedule(static)
    for (Eigen::Index blk = 0; blk < nBlocks; ++blk) {
        const Eigen::Index r0 = blk * kBlock, nr = std::min(kBlock, a.rows() - r0);
        Eigen::MatrixXd cross = a.middleRows(r0, nr) * b.transpose(); // single-threaded in the loop
        for (Eigen::Index j = 0; j < b.rows(); ++j)
            for (Eigen::Index i = 0; i < nr; ++i) {
                const double d2 = aNorms[r0 + i] - 2.0 * cross(i, j) + bNorms[j] + 1e-12;
                const double r = scale * std::sqrt(std::max(d2, 0.0));
                k(r0 + i, j) = (1.0 + r + r * r / 3.0) * std::exp(-r);
            }
    }
    return k;
}

} // namespace scdesk::kompot
