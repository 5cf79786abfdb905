#pragma once
// Per-gene NB GLM coefficients for a fixed overdispersion θ (spec §4 S3, S5): group-wise Newton on
// one intercept per distinct design row when the design has ≤ p distinct rows, else Fisher scoring
// with step halving.
#include <Eigen/Core>

#include <vector>

namespace scdesk::delnx {

class BetaFitter {
public:
    BetaFitter(const Eigen::MatrixXd& design, const Eigen::VectorXd& sizeFactors);

    bool groupWise() const { return m_groupWise; }
    int coefficients() const { return static_cast<int>(m_x.cols()); }

    struct Result {
        double deviance = 0;
        int iterations = 0;
        bool converged = true;
    };
    // beta (p): in = initial values if hasInit, out = the fit. mu (N): fitted means exp(Xβ + o).
    // work: scratch of at least 4·N + 4·p doubles.
    Result fit(const double* y, double theta, double* beta, bool hasInit, double* mu, double* work) const;

private:
    double groupNewton(const double* y, double theta, int group, double b0, bool& ok, int& iterations) const;
    Result fitGroupWise(const double* y, double theta, double* beta, bool hasInit, double* mu) const;
    Result fitFisher(const double* y, double theta, double* beta, bool hasInit, double* mu, double* work) const;

    Eigen::MatrixXd m_x;
    Eigen::VectorXd m_offset, m_sf;
    bool m_groupWise = false;
    std::vector<int> m_groupOf;                 // sample → group
    std::vector<std::vector<int>> m_groupRows;  // group → samples
    Eigen::MatrixXd m_firstRows, m_firstRowsInv; // p × p distinct rows in order of first occurrence
    Eigen::MatrixXd m_olsSolve;                 // p × N: least-squares operator for the initial values
    double m_ridge = 0;                         // N·λ² with λ = 1e-10/N (glmGamPoi's inert ridge)
};

} // namespace scdesk::delnx
