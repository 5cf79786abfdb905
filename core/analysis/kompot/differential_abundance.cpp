#include "analysis/kompot/differential_abundance.h"

#include <cmath>
#include <map>

#include "analysis/kompot/mellon/density_estimator.h"
#include "math/kmeans.h"
#include "math/normal_tail.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {

namespace {

constexpr std::int64_t kAutoLandmarks = 5000; // Mellon's per-estimator cap
constexpr double kEps = 1e-12;

Eigen::MatrixXd rowsOf(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows)
{
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = x.row(rows[i]);
    return out;
}

// Unbiased (S−1) variance across per-sample normalised log densities, evaluated on `eval`.
Eigen::VectorXd sampleVariance(const Eigen::MatrixXd& x, const std::vector<std::int64_t>& samples,
                               const DensityOptions& base, const Eigen::MatrixXd& eval, const char* condition,
                               std::int64_t& nUsed, const CancelToken* cancel)
{
    std::map<std::int64_t, std::vector<Eigen::Index>> groups;
    for (std::size_t i = 0; i < samples.size(); ++i)
        groups[samples[i]].push_back(static_cast<Eigen::Index>(i));
    std::vector<Eigen::VectorXd> preds;
    for (const auto& [code, rows] : groups) {
        if (rows.size() < 3)
            continue; // Kompot's min_cells is 2; our fractal d needs 3 cells, so 3 is the floor
        DensityEstimator est;
        est.fit(rowsOf(x, rows), base, cancel);
        preds.push_back(est.predict(eval, true, cancel).logDensity);
    }
    nUsed = static_cast<std::int64_t>(preds.size());
    if (preds.size() < 2)
        throw InvalidInput(std::string("condition ") + condition + " has fewer than two samples with enough cells ("
                           + std::to_string(preds.size()) + ") for the sample variance");
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(eval.rows());
    for (const auto& p : preds)
        mean += p;
    mean /= static_cast<double>(preds.size());
    Eigen::VectorXd var = Eigen::VectorXd::Zero(eval.rows());
    for (const auto& p : preds)
        var.array() += (p - mean).array().square();
    return var / static_cast<double>(preds.size() - 1);
}

} // namespace

DaDirection daDirection(double lfc, double negLog10Ptp, double lfcThreshold, double ptpThreshold)
{
    const bool significant = negLog10Ptp > -std::log10(ptpThreshold);
    if (significant && lfc > lfcThreshold)
        return DaDirection::Up;
    if (significant && lfc < -lfcThreshold)
        return DaDirection::Down;
    return DaDirection::Neutral;
}

DaResult differentialAbundance(const Eigen::MatrixXd& x1, const Eigen::MatrixXd& x2, const Eigen::MatrixXd& eval,
                               const DaOptions& options, const std::vector<std::int64_t>& samples1,
                               const std::vector<std::int64_t>& samples2, ProgressSink* progress,
                               const CancelToken* cancel)
{
    const std::int64_t n1 = x1.rows(), n2 = x2.rows();
    const bool withSamples = !samples1.empty() || !samples2.empty();
    if (withSamples && (static_cast<std::int64_t>(samples1.size()) != n1
                        || static_cast<std::int64_t>(samples2.size()) != n2))
        throw InvalidParameter("sample labels must be given for every cell of both conditions");
    const int steps = withSamples ? 5 : 3;
    auto report = [&](int step, const char* text) {
        if (progress)
            progress->setProgress(step, text);
    };
    if (progress)
        progress->setRange(steps);

    DaResult r;
    DensityOptions base1, base2;
    base1.lsFactor = base2.lsFactor = options.lsFactor;
    const std::int64_t total = n1 + n2;
    report(0, "landmarks");
    if (options.nLandmarks > 0 && options.nLandmarks < total) {
        Eigen::MatrixXd both(total, x1.cols());
        both << x1, x2; // row order as Kompot stacks them
        r.landmarks = kmeans(both, {.k = options.nLandmarks, .seed = options.seed}, cancel).centroids;
        base1.landmarks = base2.landmarks = r.landmarks;
    } else if (options.nLandmarks == 0) {
        if (n1 > kAutoLandmarks)
            base1.landmarks = kmeans(x1, {.k = kAutoLandmarks, .seed = options.seed}, cancel).centroids;
        if (n2 > kAutoLandmarks)
            base2.landmarks = kmeans(x2, {.k = kAutoLandmarks, .seed = options.seed}, cancel).centroids;
    }

    auto fitOne = [&](const Eigen::MatrixXd& x, const DensityOptions& o, DaConditionFit& info, Eigen::VectorXd& logDens,
                      Eigen::VectorXd& var) {
        DensityEstimator est;
        est.fit(x, o, cancel);
        const DensityPrediction p = est.predict(eval, true, cancel);
        logDens = p.logDensity;
        var = p.uncertainty();
        info.lengthScale = est.lengthScale();
        info.dimension = est.dimension();
        info.mu = est.mu();
        info.nCells = x.rows();
        info.nLandmarks = o.landmarks.rows() > 0 ? o.landmarks.rows() : x.rows();
        info.iterations = est.optimizerResult().iterations;
        info.converged = est.optimizerResult().converged;
    };
    Eigen::VectorXd u1, u2;
    report(1, "density of condition 1");
    fitOne(x1, base1, r.fit1, r.logDensity1, u1);
    report(2, "density of condition 2");
    fitOne(x2, base2, r.fit2, r.logDensity2, u2);
    if (withSamples) {
        report(3, "sample variance, condition 1");
        u1 += sampleVariance(x1, samples1, base1, eval, "1", r.fit1.nSamples, cancel);
        report(4, "sample variance, condition 2");
        u2 += sampleVariance(x2, samples2, base2, eval, "2", r.fit2.nSamples, cancel);
        r.sampleVariance = true;
    }

    const Eigen::Index n = eval.rows();
    r.lfc = r.logDensity2 - r.logDensity1;
    r.lfcVariance = u1 + u2;
    r.zscore.resize(n);
    r.negLog10Ptp.resize(n);
    r.direction.resize(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        const double z = r.lfc[i] / std::sqrt(r.lfcVariance[i] + kEps);
        r.zscore[i] = z;
        // One-sided PTP = Φ(−|z|); ln Φ of a non-positive argument is stable.
        r.negLog10Ptp[i] = -logNormalCdf(-std::abs(z)) / std::log(10.0);
        r.direction[static_cast<std::size_t>(i)] =
            daDirection(r.lfc[i], r.negLog10Ptp[i], options.lfcThreshold, options.ptpThreshold);
    }
    report(steps, "done");
    return r;
}

} // namespace scdesk::kompot
