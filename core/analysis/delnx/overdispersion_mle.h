#pragma once
// Per-gene Cox–Reid adjusted overdispersion MLE (spec §4 S6): the root of the score in t = log θ,
// found by a bracketed, safeguarded Newton (what §4 S6.8 recommends instead of R's nlminb).
#include <Eigen/Core>

namespace scdesk::delnx {

class OverdispersionMle {
public:
    explicit OverdispersionMle(const Eigen::MatrixXd& design, bool coxReid = true);
    // y, mu: N values (mu unclamped from the pass-1 fit; mu is modified: zeros → 1e-6).
    double estimate(const double* y, double* mu) const;

    // Exposed for tests: score and its derivative in t = log θ.
    double score(double t) const;
    double scoreDerivative(double t) const;

private:
    void prepare(const double* y, const double* mu) const;

    Eigen::MatrixXd m_x;
    bool m_coxReid;
    // Per-call state (an instance is used by one thread at a time).
    mutable const double* m_y = nullptr;
    mutable const double* m_mu = nullptr;
    mutable Eigen::VectorXd m_unique, m_freq; // distinct counts and their multiplicities
    mutable double m_sumY = 0, m_maxY = 0, m_sumYy1 = 0;
};

} // namespace scdesk::delnx
