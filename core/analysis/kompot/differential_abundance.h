#pragma once
// Kompot differential abundance (spec §5): one Mellon density per condition, both evaluated on
// every cell; log fold change condition2 − condition1 with its uncertainty, z-score, −log10
// posterior tail probability and direction. Dataset-free, so tests and benchmarks call it directly.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::kompot {

enum class DaDirection : std::int8_t { Up = 0, Neutral = 1, Down = 2 }; // category codes of "up","neutral","down"

struct DaOptions {
    // 0 = Kompot's DA default (n_landmarks=None): per condition, a full GP up to 5000 cells, else
    // 5000 k-means landmarks of that condition. m > 0 (< n1 + n2): m shared landmarks from
    // k-means on vstack(X1, X2). m >= n1 + n2: full GPs.
    std::int64_t nLandmarks = 0;
    double lsFactor = 10.0;
    double lfcThreshold = 1.0;
    double ptpThreshold = 0.05;
    std::uint64_t seed = 42; // landmark k-means
};

struct DaConditionFit {
    double lengthScale = 0, dimension = 0, mu = 0;
    std::int64_t nCells = 0, nLandmarks = 0, iterations = 0;
    bool converged = false;
    std::int64_t nSamples = 0; // sample models behind the sample variance (0 = none)
};

struct DaResult {
    Eigen::VectorXd logDensity1, logDensity2; // normalised
    Eigen::VectorXd lfc, lfcVariance, zscore, negLog10Ptp;
    std::vector<DaDirection> direction;
    bool sampleVariance = false;
    DaConditionFit fit1, fit2;
    Eigen::MatrixXd landmarks; // the shared landmarks, empty if none were shared
};

// Direction from LFC and −log10 PTP with Kompot's rule.
DaDirection daDirection(double lfc, double negLog10Ptp, double lfcThreshold, double ptpThreshold);

// samples1/samples2: per-cell sample codes (any integers) of X1/X2, or empty for no sample variance.
// Throws InvalidInput (fewer than two samples of ≥ 2 cells in a condition, too few cells).
DaResult differentialAbundance(const Eigen::MatrixXd& x1, const Eigen::MatrixXd& x2, const Eigen::MatrixXd& eval,
                               const DaOptions& options, const std::vector<std::int64_t>& samples1,
                               const std::vector<std::int64_t>& samples2, ProgressSink* progress = nullptr,
                               const CancelToken* cancel = nullptr);

} // namespace scdesk::kompot
