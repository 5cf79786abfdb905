#pragma once
// Mellon's DensityEstimator (spec §3): log density f = L z + mu as a GP over cell states, fitted
// by L-BFGS on the convex nearest-neighbour-distance Poisson likelihood with a closed-form
// gradient, a diagonal Laplace posterior for z, and a predictor with uncertainty.
#include <cstdint>
#include <optional>

#include <Eigen/Dense>

#include "math/lbfgs.h"

namespace scdesk {
class CancelToken;
}

namespace scdesk::kompot {

struct DensityOptions {
    // Inducing points (m × D, "fixed" type). Empty: a full GP on the training cells.
    Eigen::MatrixXd landmarks{};
    double lsFactor = 10.0;           // Kompot's value (Mellon's own is 1)
    std::optional<double> lengthScale{}; // explicit ls wins over the rule
    std::optional<double> dimension{};   // explicit d; otherwise fractal
    std::optional<double> mu{};          // explicit prior mean
    double jitter = 1e-6;
    std::uint64_t fractalSeed = 432;
    LbfgsOptions optimizer{};
};

struct DensityPrediction {
    Eigen::VectorXd logDensity;  // normalised: minus ln(n training cells)
    Eigen::VectorXd covariance;  // GP conditional variance k** − ‖a‖²
    Eigen::VectorXd meanCovariance; // Σ a_j² s_j²
    Eigen::VectorXd uncertainty() const { return covariance + meanCovariance; }
};

class DensityEstimator {
public:
    // Throws InvalidInput for fewer than 3 cells, a failed Cholesky or a dimension mismatch.
    void fit(const Eigen::MatrixXd& x, const DensityOptions& options, const CancelToken* cancel = nullptr);

    // `normalize` subtracts ln n (Kompot always normalises).
    DensityPrediction predict(const Eigen::MatrixXd& points, bool normalize = true,
                              const CancelToken* cancel = nullptr) const;

    // Objective ℓ(z) and its gradient at `z` for the fitted factor (for tests and diagnostics).
    double objective(const Eigen::VectorXd& z, Eigen::VectorXd* gradient) const;

    double lengthScale() const { return m_ls; }
    double dimension() const { return m_d; }
    double mu() const { return m_mu; }
    const Eigen::VectorXd& z() const { return m_z; }
    const Eigen::VectorXd& zStd() const { return m_zStd; }
    const Eigen::VectorXd& trainingLogDensity() const { return m_trainF; } // L z + mu (unnormalised)
    const LbfgsResult& optimizerResult() const { return m_opt; }
    std::int64_t nTraining() const { return m_n; }

private:
    Eigen::MatrixXd m_u;  // inducing points (the training cells for the full GP)
    Eigen::MatrixXd m_lp; // chol(K_UU + jI), lower
    Eigen::MatrixXd m_l;  // n × p factor with L Lᵀ ≈ K_XX
    Eigen::VectorXd m_v, m_w; // per-cell log volume V_i and W_i
    Eigen::VectorXd m_z, m_zStd, m_weights, m_trainF;
    LbfgsResult m_opt;
    double m_ls = 0, m_d = 0, m_mu = 0;
    std::int64_t m_n = 0;
};

} // namespace scdesk::kompot
