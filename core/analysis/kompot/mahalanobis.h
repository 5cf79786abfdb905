#pragma once
// Per-gene Mahalanobis distances between two conditions' smoothed expression at shared
// evaluation points (spec §6.5): D_g = sqrt(δ_gᵀ Σ_g⁻¹ δ_g) with Σ_g = Σ_shared (+ the gene's
// low-rank sample covariance). The shared matrix is factorised once; sample covariance enters
// through the exact Woodbury identity, never as an m × m matrix per gene.
#include <Eigen/Dense>

namespace scdesk {
class CancelToken;
}

namespace scdesk::kompot {

class MahalanobisSolver {
public:
    // `shared` = Σ_GP,1 + Σ_GP,2 at the m evaluation points; `eps` (Kompot's 1e-8) is added to its
    // diagonal. If its Cholesky fails, ok() is false and every distance is NaN (as upstream).
    MahalanobisSolver(const Eigen::MatrixXd& shared, double eps = 1e-8);
    bool ok() const { return m_ok; }

    // δ: m × G (one column per gene) → G distances.
    Eigen::VectorXd distances(const Eigen::MatrixXd& delta, const CancelToken* cancel = nullptr) const;

    // With sample covariance C_g = U_g U_gᵀ. `factors` holds, for each gene g, the r columns
    // factors.col(g * r + j), j < r (m × (G·r)); r = columns per gene (e.g. S1 + S2, each column
    // (P_s − P̄)/√(S−1)). D² = wᵀw − (Qᵀw)ᵀ(I + QᵀQ)⁻¹(Qᵀw), w = Lc⁻¹δ, Q = Lc⁻¹U_g.
    Eigen::VectorXd distancesWithLowRank(const Eigen::MatrixXd& delta, const Eigen::MatrixXd& factors, Eigen::Index r,
                                         const CancelToken* cancel = nullptr) const;

    const Eigen::MatrixXd& choleskyFactor() const { return m_l; }

private:
    Eigen::MatrixXd m_l; // lower Cholesky factor of shared + eps·I
    bool m_ok = false;
};

// Reference: explicit Cholesky of Σ (a dense m × m matrix) per gene; for tests.
double mahalanobisExplicit(const Eigen::VectorXd& delta, const Eigen::MatrixXd& sigma);

} // namespace scdesk::kompot
