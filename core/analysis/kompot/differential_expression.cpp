#include "analysis/kompot/differential_expression.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include "analysis/kompot/fdr.h"
#include "analysis/kompot/kompot_inputs.h"
#include "analysis/kompot/mahalanobis.h"
#include "analysis/kompot/mellon/density_parameters.h"
#include "analysis/kompot/mellon/function_estimator.h"
#include "analysis/kompot/null_genes.h"
#include "math/kmeans.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Eigen::Index kRowChunk = 4096; // cells per block when kernel rows are averaged or variances taken


// ln Q(a, x), Q the regularised upper incomplete gamma function, without ever forming Q itself
// (it underflows long before the distances of strongly DE genes stop growing). Below x = a + 1
// the series of P = 1 − Q converges fast and Q is not small; above, the continued fraction of
// Q (modified Lentz) is evaluated and only its logarithm is taken.
double logUpperRegularizedGamma(double a, double x)
{
    if (std::isnan(a) || std::isnan(x))
        return kNaN;
    if (x <= 0)
        return 0.0;
    if (std::isinf(x))
        return -std::numeric_limits<double>::infinity();
    constexpr double kEpsilon = 1e-16;
    constexpr double kTiny = 1e-300;
    constexpr int kMaxTerms = 100000;
    if (x < a + 1.0) {
        // P = e^{−x} x^a / Γ(a + 1) · Σ_n x^n / ((a + 1)…(a + n))
        double term = 1.0, sum = 1.0;
        for (int n = 1; n < kMaxTerms; ++n) {
            term *= x / (a + n);
            sum += term;
            if (term < sum * kEpsilon)
                break;
        }
        const double logP = -x + a * std::log(x) - std::lgamma(a + 1.0) + std::log(sum);
        return std::log1p(-std::exp(logP));
    }
    // Q = e^{−x} x^a / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …)))
    double b = x + 1.0 - a;
    double c = 1.0 / kTiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < kMaxTerms; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::abs(d) < kTiny)
            d = kTiny;
        c = b + an / c;
        if (std::abs(c) < kTiny)
            c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEpsilon)
            break;
    }
    return -x + a * std::log(x) - std::lgamma(a) + std::log(h);
}

// Mean of k(x, U) over the given rows of `points` (all rows when `rows` is null): the mean of a
// prediction over those cells is this row times the weights, so mean fold changes never need the
// N × G predictions. Fixed chunks summed in order: independent of the thread count.
Eigen::RowVectorXd meanKernelRow(const FunctionEstimator& fe, const Eigen::MatrixXd& points,
                                 const std::vector<Eigen::Index>* rows, const CancelToken* cancel)
{
    const Eigen::Index n = rows ? static_cast<Eigen::Index>(rows->size()) : points.rows();
    Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(fe.inducingPoints().rows());
    for (Eigen::Index c0 = 0; c0 < n; c0 += kRowChunk) {
        const Eigen::Index nc = std::min(kRowChunk, n - c0);
        Eigen::MatrixXd chunk(nc, points.cols());
        for (Eigen::Index i = 0; i < nc; ++i)
            chunk.row(i) = points.row(rows ? (*rows)[static_cast<std::size_t>(c0 + i)] : c0 + i);
        sum += fe.crossKernel(chunk).colwise().sum();
        throwIfCancelled(cancel);
    }
    return n > 0 ? Eigen::RowVectorXd(sum / static_cast<double>(n)) : sum;
}

// One FunctionEstimator per sample of a condition (§6.2), on the shared landmarks, ls and σ.
struct SampleModels {
    std::vector<std::vector<Eigen::Index>> rows; // each sample's rows within its condition
    std::vector<FunctionEstimator> models;
};

SampleModels fitSampleModels(const Eigen::MatrixXd& x, const std::vector<std::int64_t>& samples,
                             const FunctionOptions& options, int condition, const CancelToken* cancel)
{
    std::map<std::int64_t, std::vector<Eigen::Index>> bySample; // ordered by code: deterministic
    for (std::size_t i = 0; i < samples.size(); ++i)
        bySample[samples[i]].push_back(static_cast<Eigen::Index>(i));
    SampleModels s;
    for (auto& [code, rows] : bySample) {
        (void)code;
        if (static_cast<std::int64_t>(rows.size()) < kMinCellsPerCondition)
            continue;
        FunctionEstimator fe;
        fe.fit(selectRows(x, rows), options, cancel);
        s.models.push_back(std::move(fe));
        s.rows.push_back(std::move(rows));
    }
    if (s.models.size() < 2)
        throw InvalidInput("condition " + std::to_string(condition) + " has " + std::to_string(s.models.size())
                           + " sample(s) with at least " + std::to_string(kMinCellsPerCondition)
                           + " cells; the sample variance needs two");
    return s;
}

// The low-rank sample covariance of every gene in weight space: for gene g, column g·r + j is
// (W_s − W̄)/√(S − 1) of sample j (condition-1 samples first). Multiplied by k(P, U) it gives
// the factor U_g of C_1,g + C_2,g at the points P, since predictions are linear in the weights.
Eigen::MatrixXd sampleWeightFactors(const SampleModels& s1, const SampleModels& s2, const Eigen::MatrixXd& y1,
                                    const Eigen::MatrixXd& y2, const CancelToken* cancel)
{
    const Eigen::Index b = y1.cols();
    const auto r1 = static_cast<Eigen::Index>(s1.models.size()), r2 = static_cast<Eigen::Index>(s2.models.size());
    const Eigen::Index r = r1 + r2;
    const Eigen::Index m = s1.models.front().inducingPoints().rows();
    Eigen::MatrixXd factors(m, b * r);
    Eigen::Index offset = 0;
    for (const auto& [s, y] : {std::pair{&s1, &y1}, std::pair{&s2, &y2}}) {
        const auto count = static_cast<Eigen::Index>(s->models.size());
        std::vector<Eigen::MatrixXd> w;
        w.reserve(s->models.size());
        Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(m, b);
        for (std::size_t k = 0; k < s->models.size(); ++k) {
            w.push_back(s->models[k].weights((*y)(s->rows[k], Eigen::all)));
            mean += w.back();
            throwIfCancelled(cancel);
        }
        mean /= static_cast<double>(count);
        const double scale = 1.0 / std::sqrt(static_cast<double>(count - 1));
        for (Eigen::Index k = 0; k < count; ++k)
            for (Eigen::Index g = 0; g < b; ++g)
                factors.col(g * r + offset + k) = (w[static_cast<std::size_t>(k)].col(g) - mean.col(g)) * scale;
        offset += count;
    }
    return factors;
}

// Per-group evaluation (§6.8): its points, the covariance solver there and its mean kernel row.
struct GroupModel {
    Eigen::MatrixXd kpu;                       // k(P, U)
    std::optional<MahalanobisSolver> solver;   // Σ_GP,1(P) + Σ_GP,2(P)
    Eigen::RowVectorXd meanRow;                // mean k(x, U) over the group's cells
    std::vector<double> realDistance, nullDistance, meanLfc;
};

// A batch's columns: real genes (source columns) or null genes (index into the draw).
struct BatchColumns {
    std::vector<std::int64_t> sourceGenes;       // per column
    std::vector<std::uint64_t> permutationSeeds; // per column; empty for real genes
};

// Y1 / Y2 (cells × columns) of a batch from the source: one block per condition; a null column is
// its gene's values stacked condition 1 then 2, permuted with its own seed and split back.
void loadBatch(const ExpressionSource& source, const std::vector<Eigen::Index>& cells1,
               const std::vector<Eigen::Index>& cells2, const BatchColumns& cols, Eigen::MatrixXd& y1,
               Eigen::MatrixXd& y2)
{
    std::vector<std::int64_t> unique = cols.sourceGenes;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    const Eigen::MatrixXd b1 = source.block(cells1, unique);
    const Eigen::MatrixXd b2 = source.block(cells2, unique);
    const auto n1 = static_cast<Eigen::Index>(cells1.size()), n2 = static_cast<Eigen::Index>(cells2.size());
    const auto u = static_cast<Eigen::Index>(unique.size());
    if (b1.rows() != n1 || b2.rows() != n2 || b1.cols() != u || b2.cols() != u)
        throw InvalidInput("the expression source returned a block of the wrong shape");
    if (!b1.allFinite() || !b2.allFinite())
        throw InvalidInput("the expression contains NaN or infinite values");
    const auto nc = static_cast<Eigen::Index>(cols.sourceGenes.size());
    y1.resize(n1, nc);
    y2.resize(n2, nc);
    Eigen::VectorXd stacked(n1 + n2);
    for (Eigen::Index j = 0; j < nc; ++j) {
        const auto pos = static_cast<Eigen::Index>(
            std::lower_bound(unique.begin(), unique.end(), cols.sourceGenes[static_cast<std::size_t>(j)])
            - unique.begin());
        if (cols.permutationSeeds.empty()) {
            y1.col(j) = b1.col(pos);
            y2.col(j) = b2.col(pos);
            continue;
        }
        stacked << b1.col(pos), b2.col(pos);
        const std::vector<std::int64_t> perm =
            nullPermutation(n1 + n2, cols.permutationSeeds[static_cast<std::size_t>(j)]);
        for (Eigen::Index i = 0; i < n1; ++i)
            y1(i, j) = stacked[perm[static_cast<std::size_t>(i)]];
        for (Eigen::Index i = 0; i < n2; ++i)
            y2(i, j) = stacked[perm[static_cast<std::size_t>(n1 + i)]];
    }
}

double autoLengthScale(const Eigen::MatrixXd& x, double lsFactor, const CancelToken* cancel)
{
    return lengthScaleFromNn(validatedNnDistances(x, cancel), lsFactor);
}

} // namespace

double chiSquareNegLog10Sf(double d2, double df)
{
    if (std::isnan(d2) || !(df > 0))
        return kNaN;
    return -logUpperRegularizedGamma(0.5 * df, 0.5 * std::max(d2, 0.0)) / std::log(10.0);
}

DeResult differentialExpression(const Eigen::MatrixXd& x1, const Eigen::MatrixXd& x2,
                                const std::vector<Eigen::Index>& cells1, const std::vector<Eigen::Index>& cells2,
                                const Eigen::MatrixXd& eval, const ExpressionSource& source,
                                const std::vector<std::int64_t>& genes, const DeOptions& options,
                                const std::vector<std::int64_t>& samples1, const std::vector<std::int64_t>& samples2,
                                ProgressSink* progress, const CancelToken* cancel)
{
    // ---- checks ----
    const Eigen::Index n1 = x1.rows(), n2 = x2.rows(), dims = x1.cols(), nEval = eval.rows();
    if (x2.cols() != dims || eval.cols() != dims)
        throw InvalidInput("the two conditions and the evaluation cells must have the same embedding dimension");
    if (static_cast<Eigen::Index>(cells1.size()) != n1 || static_cast<Eigen::Index>(cells2.size()) != n2)
        throw InvalidParameter("every cell of both conditions needs its row in the expression source");
    for (const auto& [n, c] : {std::pair{n1, 1}, std::pair{n2, 2}})
        if (n < kMinCellsPerCondition)
            throw InvalidInput("condition " + std::to_string(c) + " has " + std::to_string(n)
                               + " cells; Kompot DE needs at least " + std::to_string(kMinCellsPerCondition));
    const bool withSamples = !samples1.empty() || !samples2.empty();
    if (withSamples && (static_cast<Eigen::Index>(samples1.size()) != n1
                        || static_cast<Eigen::Index>(samples2.size()) != n2))
        throw InvalidParameter("sample labels must be given for every cell of both conditions");
    if (options.nullGenes < 0)
        throw InvalidParameter("the number of null genes must not be negative");
    if (options.batchSize < 1)
        throw InvalidParameter("the gene batch size must be at least 1");
    if (source.nGenes < 1 || !source.block)
        throw InvalidInput("the expression source has no genes");
    std::vector<std::int64_t> analysed = genes;
    if (analysed.empty()) {
        analysed.resize(static_cast<std::size_t>(source.nGenes));
        for (std::int64_t g = 0; g < source.nGenes; ++g)
            analysed[static_cast<std::size_t>(g)] = g;
    }
    for (std::int64_t g : analysed)
        if (g < 0 || g >= source.nGenes)
            throw InvalidParameter("gene index " + std::to_string(g) + " is outside the expression source");
    for (const DeGroup& grp : options.groups) {
        if (grp.cells.empty())
            throw InvalidParameter("group '" + grp.name + "' has no cells");
        for (Eigen::Index c : grp.cells)
            if (c < 0 || c >= nEval)
                throw InvalidParameter("group '" + grp.name + "' names a cell outside the evaluation cells");
    }

    const auto nReal = static_cast<std::int64_t>(analysed.size());
    const std::int64_t batch = options.batchSize;
    const std::int64_t realBatches = (nReal + batch - 1) / batch;
    const std::int64_t nullBatches = (options.nullGenes + batch - 1) / batch;
    const std::int64_t setupSteps = 4 + (withSamples ? 1 : 0) + (options.groups.empty() ? 0 : 1);
    const std::int64_t totalSteps = setupSteps + realBatches + nullBatches + 2;
    std::int64_t step = 0;
    auto report = [&](const std::string& text) {
        if (progress)
            progress->setProgress(step, text);
        ++step;
    };
    if (progress)
        progress->setRange(totalSteps);

    DeResult r;
    r.genes = analysed;
    r.embeddingDims = dims;
    r.sampleVariance = withSamples;

    // ---- shared landmarks (§6.3 step 1): k-means on vstack(X1, X2), the row order Kompot uses ----
    report("landmarks");
    const std::int64_t total = n1 + n2;
    if (options.landmarks.size() > 0) {
        if (options.landmarks.cols() != dims)
            throw InvalidInput("the given landmarks have " + std::to_string(options.landmarks.cols())
                               + " coordinates, the embedding " + std::to_string(dims));
        r.landmarks = options.landmarks;
    } else {
        Eigen::MatrixXd both(total, dims);
        both << x1, x2;
        if (options.nLandmarks <= 0 || options.nLandmarks >= total)
            r.landmarks = std::move(both);
        else
            r.landmarks = kmeans(both, {.k = options.nLandmarks, .seed = options.seed}, cancel).centroids;
    }
    r.nLandmarks = r.landmarks.rows();

    // ---- length scale by scheme (§6.3 step 2) ----
    report("length scale");
    switch (options.lsScheme) {
    case LengthScaleScheme::Condition1:
        r.lengthScale = autoLengthScale(x1, options.lsFactor, cancel);
        break;
    case LengthScaleScheme::Condition2:
        r.lengthScale = autoLengthScale(x2, options.lsFactor, cancel);
        break;
    case LengthScaleScheme::Symmetric: {
        // Size-weighted geometric mean: swap-invariant, between the two conditions' values.
        const double l1 = autoLengthScale(x1, options.lsFactor, cancel);
        const double l2 = autoLengthScale(x2, options.lsFactor, cancel);
        const double w1 = static_cast<double>(n1) / static_cast<double>(total);
        r.lengthScale = std::exp(w1 * std::log(l1) + (1.0 - w1) * std::log(l2));
        break;
    }
    case LengthScaleScheme::Pooled: {
        Eigen::MatrixXd both(total, dims);
        both << x1, x2;
        r.lengthScale = autoLengthScale(both, options.lsFactor, cancel);
        break;
    }
    }

    // ---- one GP per condition (§6.1), σ = 1, fixed shared landmarks ----
    const FunctionOptions fo{.landmarks = r.landmarks, .lengthScale = r.lengthScale, .sigma = options.sigma};
    FunctionEstimator fe1, fe2;
    report("expression model, condition 1");
    fe1.fit(x1, fo, cancel);
    report("expression model, condition 2");
    fe2.fit(x2, fo, cancel);
    // Σ_UU of each condition in its closed form (§4.2). Exact Cholesky for every distance: the
    // upstream "nearly diagonal" shortcut is an approximation that silently drops correlations
    // between landmarks (and the empirical variance), and with the factor computed once per run its
    // saving is small next to the GP fits, so it is not offered.
    const MahalanobisSolver solver(fe1.inducingCovariance() + fe2.inducingCovariance(), options.eps);
    throwIfCancelled(cancel);
    const Eigen::MatrixXd kuu = fe1.crossKernel(r.landmarks); // K_UU: predictions at the landmarks
    throwIfCancelled(cancel);

    // ---- sample variance (§6.2): per-sample GPs on the same landmarks, ls and σ ----
    SampleModels s1, s2;
    Eigen::Index rank = 0;
    if (withSamples) {
        report("sample models");
        s1 = fitSampleModels(x1, samples1, fo, 1, cancel);
        s2 = fitSampleModels(x2, samples2, fo, 2, cancel);
        r.samples1 = static_cast<std::int64_t>(s1.models.size());
        r.samples2 = static_cast<std::int64_t>(s2.models.size());
        rank = r.samples1 + r.samples2;
    }

    // ---- groups (§6.8) ----
    std::vector<GroupModel> groupModels(options.groups.size());
    if (!options.groups.empty()) {
        report("groups");
        const std::int64_t groupLandmarks = options.landmarks.size() > 0 ? options.landmarks.rows() : options.nLandmarks;
        for (std::size_t k = 0; k < options.groups.size(); ++k) {
            const DeGroup& grp = options.groups[k];
            GroupModel& gm = groupModels[k];
            Eigen::MatrixXd points = selectRows(eval, grp.cells);
            if (groupLandmarks > 0 && static_cast<std::int64_t>(grp.cells.size()) > groupLandmarks)
                points = kmeans(points, {.k = groupLandmarks, .seed = options.seed}, cancel).centroids;
            gm.kpu = fe1.crossKernel(points);
            gm.solver.emplace(fe1.posteriorCovariance(points) + fe2.posteriorCovariance(points), options.eps);
            gm.meanRow = meanKernelRow(fe1, eval, &grp.cells, cancel);
            DeGroupResult out;
            out.name = grp.name;
            out.nCells = static_cast<std::int64_t>(grp.cells.size());
            out.nPoints = points.rows();
            r.groups.push_back(std::move(out));
            throwIfCancelled(cancel);
        }
    }

    // ---- null genes (§6.7) ----
    NullGeneDraw draw;
    if (options.nullGenes > 0) {
        draw = drawNullGenes(source.nGenes, options.nullGenes, options.nullSeed);
        r.nullSources = draw.genes;
        r.nullWithReplacement = draw.withReplacement;
    }

    // ---- gene batches ----
    const Eigen::RowVectorXd meanRow = meanKernelRow(fe1, eval, nullptr, cancel);
    Eigen::MatrixXd kx; // k(eval, U), once, for the stored layers
    if (options.storeLayers && nReal > 0) {
        kx = fe1.crossKernel(eval);
        r.smoothed1.resize(nEval, nReal);
        r.smoothed2.resize(nEval, nReal);
        r.foldChange.resize(nEval, nReal);
    }
    r.meanLfc.resize(nReal);
    r.mahalanobis.resize(nReal);
    r.nullMahalanobis.resize(options.nullGenes);
    for (GroupModel& gm : groupModels) {
        gm.realDistance.resize(static_cast<std::size_t>(nReal));
        gm.meanLfc.resize(static_cast<std::size_t>(nReal));
        gm.nullDistance.resize(static_cast<std::size_t>(options.nullGenes));
    }

    // Real and null genes never share a batch, so a gene's arithmetic is the same with or without
    // null genes (§9.3.7), whatever the batch size of the other kind.
    auto runBatch = [&](bool isNull, std::int64_t first, std::int64_t count) {
        BatchColumns cols;
        for (std::int64_t j = first; j < first + count; ++j) {
            const auto ju = static_cast<std::size_t>(j);
            cols.sourceGenes.push_back(isNull ? draw.genes[ju] : analysed[ju]);
            if (isNull)
                cols.permutationSeeds.push_back(draw.permutationSeeds[ju]);
        }
        Eigen::MatrixXd y1, y2;
        loadBatch(source, cells1, cells2, cols, y1, y2);
        throwIfCancelled(cancel);
        const Eigen::MatrixXd w1 = fe1.weights(y1);
        const Eigen::MatrixXd w2 = fe2.weights(y2);
        const Eigen::MatrixXd dw = w2 - w1;
        throwIfCancelled(cancel);
        Eigen::MatrixXd factorW;
        if (withSamples)
            factorW = sampleWeightFactors(s1, s2, y1, y2, cancel);
        const Eigen::MatrixXd delta = kuu * dw; // δ at the landmarks
        const Eigen::VectorXd d = withSamples ? solver.distancesWithLowRank(delta, kuu * factorW, rank, cancel)
                                              : solver.distances(delta, cancel);
        if (isNull)
            r.nullMahalanobis.segment(first, count) = d;
        else {
            r.mahalanobis.segment(first, count) = d;
            r.meanLfc.segment(first, count) = (meanRow * dw).transpose();
        }
        for (GroupModel& gm : groupModels) {
            const Eigen::MatrixXd gd = gm.kpu * dw;
            const Eigen::VectorXd dg = withSamples
                                           ? gm.solver->distancesWithLowRank(gd, gm.kpu * factorW, rank, cancel)
                                           : gm.solver->distances(gd, cancel);
            auto& target = isNull ? gm.nullDistance : gm.realDistance;
            std::copy(dg.data(), dg.data() + count, target.begin() + first);
            if (!isNull) {
                const Eigen::RowVectorXd lfc = gm.meanRow * dw;
                std::copy(lfc.data(), lfc.data() + count, gm.meanLfc.begin() + first);
            }
        }
        throwIfCancelled(cancel);
        if (!isNull && kx.size() > 0) {
            const Eigen::MatrixXd p1 = kx * w1;
            const Eigen::MatrixXd p2 = kx * w2;
            r.smoothed1.middleCols(first, count) = p1.cast<float>();
            r.smoothed2.middleCols(first, count) = p2.cast<float>();
            r.foldChange.middleCols(first, count) = (p2 - p1).cast<float>();
        }
    };
    for (std::int64_t b = 0; b < realBatches; ++b) {
        report("genes " + std::to_string(b * batch + 1) + "–" + std::to_string(std::min(nReal, (b + 1) * batch))
               + " of " + std::to_string(nReal));
        runBatch(false, b * batch, std::min(batch, nReal - b * batch));
    }
    for (std::int64_t b = 0; b < nullBatches; ++b) {
        report("null genes " + std::to_string(b * batch + 1) + "–"
               + std::to_string(std::min(options.nullGenes, (b + 1) * batch)) + " of "
               + std::to_string(options.nullGenes));
        runBatch(true, b * batch, std::min(batch, options.nullGenes - b * batch));
    }
    kx.resize(0, 0);

    // ---- per-cell uncertainty: the GP posterior std of each condition ----
    report("posterior variance");
    // In chunks of cells (a multiple of the estimator's blocks), so a cancel request is seen.
    auto stdOf = [&](const FunctionEstimator& fe) {
        Eigen::VectorXd out(nEval);
        for (Eigen::Index c0 = 0; c0 < nEval; c0 += kRowChunk) {
            const Eigen::Index nc = std::min(kRowChunk, nEval - c0);
            const Eigen::VectorXd v = fe.posteriorVariance(eval.middleRows(c0, nc));
            out.segment(c0, nc) = (v.array().max(0.0) + options.eps).sqrt().matrix();
            throwIfCancelled(cancel);
        }
        return out;
    };
    r.std1 = stdOf(fe1);
    r.std2 = stdOf(fe2);

    // ---- tail probabilities (§6.6) and FDR (§6.7) ----
    report("tail probabilities and FDR");
    const auto df = static_cast<double>(dims);
    auto ptp = [df](const Eigen::VectorXd& dist) {
        Eigen::VectorXd out(dist.size());
        for (Eigen::Index i = 0; i < dist.size(); ++i)
            out[i] = chiSquareNegLog10Sf(dist[i] * dist[i], df);
        return out;
    };
    auto toVec = [](const auto& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
    r.negLog10Ptp = ptp(r.mahalanobis);
    if (options.nullGenes > 0) {
        const FdrResult fdr = computeFdr(toVec(r.mahalanobis), toVec(r.nullMahalanobis), options.fdrThreshold);
        r.pvalue = Eigen::Map<const Eigen::VectorXd>(fdr.pvalue.data(), nReal);
        r.localFdr = Eigen::Map<const Eigen::VectorXd>(fdr.localFdr.data(), nReal);
        r.tailFdr = Eigen::Map<const Eigen::VectorXd>(fdr.tailFdr.data(), nReal);
        r.isDe = fdr.isDe;
    }
    for (std::size_t k = 0; k < groupModels.size(); ++k) {
        const GroupModel& gm = groupModels[k];
        DeGroupResult& out = r.groups[k];
        out.meanLfc = Eigen::Map<const Eigen::VectorXd>(gm.meanLfc.data(), nReal);
        out.mahalanobis = Eigen::Map<const Eigen::VectorXd>(gm.realDistance.data(), nReal);
        out.negLog10Ptp = ptp(out.mahalanobis);
        if (options.nullGenes > 0) {
            const FdrResult fdr = computeFdr(gm.realDistance, gm.nullDistance, options.fdrThreshold);
            out.localFdr = Eigen::Map<const Eigen::VectorXd>(fdr.localFdr.data(), nReal);
            out.isDe = fdr.isDe;
        }
    }
    if (progress)
        progress->setProgress(totalSteps, "done");
    return r;
}

} // namespace scdesk::kompot
