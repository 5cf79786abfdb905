#pragma once
// Mellon's FunctionEstimator (spec §4): GP regression of many outputs (genes) over cell states
// with a Matérn-5/2 kernel, Gaussian noise σ and mean 0. With landmarks U ("fixed" type) it is the
// DTC/SoR posterior of §4.2; without, the exact GP of §4.3. The factorisations do not depend on
// the outputs, so one estimator serves any number of gene batches: `fit` once, then `weights`
// per batch. float64 throughout.
#include <Eigen/Dense>

namespace scdesk {
class CancelToken;
}

namespace scdesk::kompot {

struct FunctionOptions {
    Eigen::MatrixXd landmarks{}; // m × D inducing points; empty = exact GP on the training cells
    double lengthScale = 1.0;    // required: Kompot's DE supplies the shared ls
    double sigma = 1.0;          // observation-noise std (Kompot's value)
    double jitter = 1e-6;
};

class FunctionEstimator {
public:
    // Factorises for the training cells `x` (n × D). Throws InvalidInput on a failed Cholesky
    // ("increase jitter") or a dimension mismatch, Cancelled when `cancel` fires.
    void fit(const Eigen::MatrixXd& x, const FunctionOptions& options, const CancelToken* cancel = nullptr);

    // Posterior-mean weights W (m × G; n × G for the exact GP) for outputs `y` (n × G, one column
    // per gene, rows in the order of `x`). Columns are independent: appending columns never
    // changes the others.
    Eigen::MatrixXd weights(const Eigen::MatrixXd& y) const;

    // k(points, U), N × m; the mean at `points` is crossKernel(points) · W.
    Eigen::MatrixXd crossKernel(const Eigen::MatrixXd& points) const;
    // (Out of line: a blocked product whose bits do not depend on the thread count.)
    Eigen::MatrixXd predict(const Eigen::MatrixXd& points, const Eigen::MatrixXd& w) const;

    // Noise-free posterior variance of the latent function at each point (diagonal of Σ), shared
    // by all genes.
    Eigen::VectorXd posteriorVariance(const Eigen::MatrixXd& points) const;
    // Full noise-free posterior covariance Σ(P, P) (N × N) at arbitrary points.
    Eigen::MatrixXd posteriorCovariance(const Eigen::MatrixXd& points) const;
    // Σ at the inducing points in its closed form Lp (I + AAᵀ/σ²)⁻¹ Lpᵀ (§4.2); for the exact GP,
    // Σ at the training cells.
    Eigen::MatrixXd inducingCovariance() const;

    const Eigen::MatrixXd& inducingPoints() const { return m_u; }
    double lengthScale() const { return m_ls; }
    double sigma() const { return m_sigma; }
    Eigen::Index nTraining() const { return m_n; }

private:
    Eigen::MatrixXd m_u;  // inducing points (the training cells for the exact GP)
    Eigen::MatrixXd m_lp; // chol(K_UU + jI), lower
    Eigen::MatrixXd m_a;  // Lp⁻¹ K_UX (m × n); sparse case only
    Eigen::MatrixXd m_lb; // chol(I + AAᵀ/σ²) (sparse) or chol(K + max(σ², j)I) (exact), lower
    double m_ls = 0, m_sigma = 1, m_jitter = 1e-6;
    Eigen::Index m_n = 0;
    bool m_exact = false;
};

} // namespace scdesk::kompot
