// Kompot DE: planted DE ground truth and null-gene invariance (§9.3.6–7), swap/mirror (§9.1),
// sample variance against an explicit per-gene Cholesky (§9.3.8–9), the χ² tail against R's
// pchisq, the analysis' dataset fields and messages, and the demo's planted genes.
#include <QtTest>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "analysis/analysis_registry.h"
#include "analysis/analysis_runner.h"
#include "analysis/kompot/de_cost.h"
#include "analysis/kompot/differential_expression.h"
#include "analysis/kompot/kompot_de_result.h"
#include "analysis/kompot/mahalanobis.h"
#include "analysis/kompot/mellon/function_estimator.h"
#include "compute/cpu_backend.h"
#include "data/dataset.h"
#include "data/demo_generator.h"
#include "math/kmeans.h"
#include "math/random.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;
using namespace scdesk::kompot;

namespace {

// Two conditions of n cells, uniform on [0, 4]², and `genes` smooth functions of the state with
// Gaussian noise; every 10th of the first 10·nPlanted genes gets +shift in condition 2 where
// x₀ > 2.6. With donorSd > 0, each of 4 samples per condition adds its own per-gene offset.
struct Planted {
    Eigen::MatrixXd x1, x2, eval, expr; // expr rows: condition-1 cells, then condition-2 cells
    std::vector<Eigen::Index> cells1, cells2;
    std::vector<std::int64_t> planted, samples1, samples2;
    double regionFraction = 0; // among the evaluation cells (all cells)
};

Planted makePlanted(Eigen::Index n, int genes, int nPlanted, double noise, double shift, double donorSd,
                    std::uint64_t seed)
{
    Planted p;
    Rng rng(seed);
    auto cells = [&](Eigen::Index count) {
        Eigen::MatrixXd x(count, 2);
        for (Eigen::Index i = 0; i < count; ++i)
            x.row(i) << rng.uniform(0, 4), rng.uniform(0, 4);
        return x;
    };
    p.x1 = cells(n);
    p.x2 = cells(n);
    p.eval.resize(2 * n, 2);
    p.eval << p.x1, p.x2;
    std::vector<double> a1(genes), a2(genes), w1(genes), w2(genes), f1(genes), f2(genes);
    for (int g = 0; g < genes; ++g) {
        a1[g] = rng.uniform(0.5, 1.5);
        a2[g] = rng.uniform(0.5, 1.5);
        w1[g] = rng.uniform(0.3, 1.2);
        w2[g] = rng.uniform(0.3, 1.2);
        f1[g] = rng.uniform(0, 6.283);
        f2[g] = rng.uniform(0, 6.283);
    }
    for (int k = 0; k < nPlanted; ++k)
        p.planted.push_back(10 * k);
    std::vector<bool> isPlanted(genes, false);
    for (auto g : p.planted)
        isPlanted[g] = true;
    const int samplesPer = 4;
    Eigen::MatrixXd donor(2 * samplesPer, genes);
    for (int s = 0; s < 2 * samplesPer; ++s)
        for (int g = 0; g < genes; ++g)
            donor(s, g) = donorSd * rng.normal();
    p.expr.resize(2 * n, genes);
    int inRegion = 0;
    for (Eigen::Index i = 0; i < 2 * n; ++i) {
        const bool cond2 = i >= n;
        const double x0 = p.eval(i, 0), x1 = p.eval(i, 1);
        const bool region = x0 > 2.6;
        inRegion += region;
        const int sample = static_cast<int>(i % samplesPer) + (cond2 ? samplesPer : 0);
        (cond2 ? p.samples2 : p.samples1).push_back(sample);
        (cond2 ? p.cells2 : p.cells1).push_back(i);
        for (int g = 0; g < genes; ++g) {
            double v = a1[g] * std::sin(w1[g] * x0 + f1[g]) + a2[g] * std::cos(w2[g] * x1 + f2[g]);
            if (cond2 && region && isPlanted[g])
                v += shift;
            p.expr(i, g) = v + noise * rng.normal() + donor(sample, g);
        }
    }
    p.regionFraction = double(inRegion) / double(2 * n);
    return p;
}

ExpressionSource denseSource(const Eigen::MatrixXd& expr)
{
    ExpressionSource s;
    s.nGenes = expr.cols();
    s.block = [&expr](const std::vector<Eigen::Index>& cells, const std::vector<std::int64_t>& genes) {
        Eigen::MatrixXd out(static_cast<Eigen::Index>(cells.size()), static_cast<Eigen::Index>(genes.size()));
        for (std::size_t j = 0; j < genes.size(); ++j)
            for (std::size_t i = 0; i < cells.size(); ++i)
                out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = expr(cells[i], genes[j]);
        return out;
    };
    return s;
}

DeResult runPlanted(const Planted& p, DeOptions o, bool withSamples = false)
{
    return differentialExpression(p.x1, p.x2, p.cells1, p.cells2, p.eval, denseSource(p.expr), {}, o,
                                  withSamples ? p.samples1 : std::vector<std::int64_t>{},
                                  withSamples ? p.samples2 : std::vector<std::int64_t>{});
}

std::vector<std::int64_t> topByDistance(const Eigen::VectorXd& d, std::size_t k)
{
    std::vector<std::int64_t> idx(static_cast<std::size_t>(d.size()));
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](auto a, auto b) { return d[a] > d[b]; });
    idx.resize(std::min(k, idx.size()));
    return idx;
}

bool allClose(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double rtol, double atol)
{
    return a.size() == b.size() && ((a - b).array().abs() <= atol + rtol * b.array().abs()).all();
}

class RecordingProgress final : public ProgressSink {
public:
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t, std::string_view) override {}
    void log(LogLevel, std::string_view message) override { lines.emplace_back(message); }
    std::vector<std::string> lines;
};

std::shared_ptr<const AnalysisResult> runDe(const Dataset& d, nlohmann::json params, ProgressSink* progress = nullptr)
{
    JobSpec spec;
    spec.analysis = "kompot-de";
    spec.params = std::move(params);
    spec.seed = 3;
    NullProgress none;
    NeverCancel cancel;
    CpuBackend cpu;
    return runJobSpec(spec, d, progress ? *progress : none, cancel, cpu);
}

template <class T> const T& col(const Dataset& d, const std::string& name)
{
    const Column* c = d.var.find(name);
    if (!c)
        throw std::runtime_error("missing var column " + name);
    return std::get<T>(c->data);
}

} // namespace

class TestKompotDe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chiSquareTail()
    {
        // R 4.x: -pchisq(q, df, lower.tail = FALSE, log.p = TRUE) / log(10).
        struct Ref {
            double df, q, expected;
        };
        const Ref refs[] = {
            {1, 0.5, 0.31921127782572029},   {1, 3, 1.0795400346112227},       {1, 50, 11.813196232486758},
            {1, 5000, 1087.6838365143219},   {1, 1e-6, 0.0003466551179578636}, {2, 10, 2.1714724095162588},
            {2, 1000, 217.14724095162589},   {5, 0.5, 0.0034343538101970473}, {5, 3, 0.1549107477885846},
            {5, 18.307, 2.5874948620445015}, {5, 1e-6, 2.3101115879765743e-17}, {10, 3, 0.0081432976513998792},
            {10, 10, 0.35606070764092845},   {10, 18.307, 1.3010248789112526}, {10, 200, 36.792115161981357},
            {10, 5000, 1073.5239608161075},  {10, 1e-6, 1.1309747420501467e-34}, {30, 10, 9.827184067576363e-05},
            {30, 50, 1.9065061467337125},    {30, 1000, 190.28976114072617},   {30, 0.01, 1.0087859584418458e-47},
        };
        for (const Ref& r : refs) {
            const double got = chiSquareNegLog10Sf(r.q, r.df);
            if (std::abs(got - r.expected) > 1e-10 * std::abs(r.expected))
                qWarning("df %g q %g: got %.17g expected %.17g", r.df, r.q, got, r.expected);
            QVERIFY(std::abs(got - r.expected) <= 1e-10 * std::abs(r.expected));
        }
        QCOMPARE(chiSquareNegLog10Sf(0.0, 10), 0.0);
        QVERIFY(std::isinf(chiSquareNegLog10Sf(std::numeric_limits<double>::infinity(), 10)));
        QVERIFY(std::isnan(chiSquareNegLog10Sf(std::nan(""), 10)));
        // Monotone far into the tail, where the survival function itself underflows.
        double last = 0;
        for (double q = 1; q < 1e5; q *= 1.7) {
            const double v = chiSquareNegLog10Sf(q, 10);
            QVERIFY(v > last);
            last = v;
        }
    }

    // §9.3.6 and §9.3.7.
    void plantedSignalAndNullInvariance()
    {
        const Planted p = makePlanted(500, 200, 20, 0.5, 1.0, 0.0, 101);
        DeOptions o; // Kompot's defaults: 5000 landmarks ≥ 1000 cells, so every cell is a landmark
        o.nullGenes = 2000;
        const DeResult r = runPlanted(p, o);
        QCOMPARE(r.nLandmarks, std::int64_t(1000));
        QCOMPARE(r.mahalanobis.size(), Eigen::Index(200));
        QCOMPARE(r.nullMahalanobis.size(), Eigen::Index(2000));
        QVERIFY(r.mahalanobis.allFinite() && r.nullMahalanobis.allFinite());

        const auto top = topByDistance(r.mahalanobis, 25);
        int plantedInTop = 0;
        for (auto g : top)
            plantedInTop += std::find(p.planted.begin(), p.planted.end(), g) != p.planted.end();
        int called = 0, falseCalls = 0;
        for (std::size_t g = 0; g < r.isDe.size(); ++g)
            if (r.isDe[g]) {
                ++called;
                falseCalls += std::find(p.planted.begin(), p.planted.end(), std::int64_t(g)) == p.planted.end();
            }
        const double fdp = called ? double(falseCalls) / called : 0.0;
        // mean LFC of the planted genes: shift × region fraction (over the evaluation cells).
        const double expected = 1.0 * p.regionFraction;
        double worst = 0, meanPlanted = 0, maxOther = 0;
        for (auto g : p.planted) {
            worst = std::max(worst, std::abs(r.meanLfc[g] - expected) / expected);
            meanPlanted += r.meanLfc[g] / double(p.planted.size());
        }
        for (Eigen::Index g = 0; g < 200; ++g)
            if (g % 10 != 0 || g >= 200)
                maxOther = std::max(maxOther, std::abs(r.meanLfc[g]));
        qInfo("planted DE: %d of 20 in the top 25; %d called, FDP %.3f; mean LFC planted %.3f (expected %.3f, worst "
              "rel. error %.3f), max |LFC| other %.3f; ls %.2f",
              plantedInTop, called, fdp, meanPlanted, expected, worst, maxOther, r.lengthScale);
        QVERIFY(plantedInTop >= 18);
        QVERIFY(called > 0);
        QVERIFY(fdp < 0.1);
        // §9.3.6 asks for 20 % on the recovered shift: the mean over the planted genes (measured
        // 1 %); single genes carry their own noise (measured worst 18 %), so they get 30 %.
        QVERIFY(std::abs(meanPlanted - expected) < 0.2 * expected);
        QVERIFY(worst < 0.3);
        for (Eigen::Index g = 0; g < 200; ++g) {
            QVERIFY(r.pvalue[g] >= 0 && r.pvalue[g] <= 1);
            QVERIFY(r.localFdr[g] >= 0 && r.localFdr[g] <= 1);
            QVERIFY(r.tailFdr[g] >= 0 && r.tailFdr[g] <= 1);
            QVERIFY(r.negLog10Ptp[g] >= 0);
        }
        // Layers: the fold change is the difference of the smoothed surfaces, and its mean the mean LFC.
        QCOMPARE(r.foldChange.rows(), Eigen::Index(1000));
        QCOMPARE(r.foldChange.cols(), Eigen::Index(200));
        const Eigen::MatrixXd fc = r.foldChange.cast<double>();
        QVERIFY(allClose(fc.colwise().mean().transpose(), r.meanLfc, 1e-5, 1e-6));
        QVERIFY(((r.smoothed2 - r.smoothed1) - r.foldChange).cwiseAbs().maxCoeff() < 1e-5);
        QCOMPARE(r.std1.size(), Eigen::Index(1000));
        QVERIFY((r.std1.array() > 0).all() && (r.std2.array() > 0).all());

        // §9.3.7: appending null genes does not change the real genes' distances.
        o.nullGenes = 0;
        const DeResult plain = runPlanted(p, o);
        QVERIFY(plain.localFdr.size() == 0 && plain.isDe.empty());
        double worstRel = 0;
        for (Eigen::Index g = 0; g < 200; ++g)
            worstRel = std::max(worstRel, std::abs(plain.mahalanobis[g] - r.mahalanobis[g]) / r.mahalanobis[g]);
        qInfo("null-gene invariance: max relative difference %.3g", worstRel);
        QVERIFY(worstRel < 1e-12);
    }

    // Results must not depend on the OpenMP thread count.
    void threadCountIndependence()
    {
        const Planted p = makePlanted(400, 60, 6, 0.5, 1.0, 0.0, 31);
        DeOptions o;
        o.nullGenes = 100;
        o.nLandmarks = 150;
        const int threads = omp_get_max_threads();
        omp_set_num_threads(1);
        const DeResult one = runPlanted(p, o);
        omp_set_num_threads(std::max(2, threads));
        const DeResult many = runPlanted(p, o);
        omp_set_num_threads(threads);
        QVERIFY(one.landmarks == many.landmarks);
        QVERIFY(one.mahalanobis == many.mahalanobis);
        QVERIFY(one.nullMahalanobis == many.nullMahalanobis);
        QVERIFY(one.meanLfc == many.meanLfc);
        QVERIFY(one.localFdr == many.localFdr);
        QVERIFY(one.std1 == many.std1);
        QVERIFY(one.foldChange == many.foldChange);
    }

    // §9.1: de(X, Y, "condition1") ≡ de(Y, X, "condition2") given shared landmarks.
    void swapMirror()
    {
        const Planted p = makePlanted(300, 40, 4, 0.5, 1.0, 0.0, 7);
        Eigen::MatrixXd both(600, 2);
        both << p.x1, p.x2;
        DeOptions o;
        o.nullGenes = 0;
        o.landmarks = kmeans(both, {.k = 80, .seed = 5}).centroids;
        o.lsScheme = LengthScaleScheme::Condition1;
        const ExpressionSource src = denseSource(p.expr);
        const DeResult f = differentialExpression(p.x1, p.x2, p.cells1, p.cells2, p.eval, src, {}, o, {}, {});
        o.lsScheme = LengthScaleScheme::Condition2;
        const DeResult r = differentialExpression(p.x2, p.x1, p.cells2, p.cells1, p.eval, src, {}, o, {}, {});
        QCOMPARE(f.lengthScale, r.lengthScale);
        QVERIFY(allClose(f.meanLfc, -r.meanLfc, 1e-6, 1e-10));
        QVERIFY(allClose(f.mahalanobis, r.mahalanobis, 1e-6, 1e-10));
        QVERIFY(allClose(f.negLog10Ptp, r.negLog10Ptp, 1e-6, 1e-10));
        QVERIFY(allClose(f.std1, r.std2, 1e-6, 1e-10));
        auto flat = [](const DenseMatrix& m) {
            return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXf>(m.data(), m.size()).cast<double>());
        };
        QVERIFY(allClose(flat(f.smoothed1), flat(r.smoothed2), 1e-5, 1e-6));
        QVERIFY(allClose(flat(f.smoothed2), flat(r.smoothed1), 1e-5, 1e-6));
        QVERIFY(allClose(flat(f.foldChange), -flat(r.foldChange), 1e-5, 1e-6));
        // The one-sided schemes differ; symmetric and pooled are swap-invariant and ordered.
        o.lsScheme = LengthScaleScheme::Condition1;
        const double ls1 = f.lengthScale;
        const double ls2 =
            differentialExpression(p.x2, p.x1, p.cells2, p.cells1, p.eval, src, {0}, o, {}, {}).lengthScale;
        QVERIFY(ls1 != ls2);
        for (auto scheme : {LengthScaleScheme::Symmetric, LengthScaleScheme::Pooled}) {
            o.lsScheme = scheme;
            const DeResult a = differentialExpression(p.x1, p.x2, p.cells1, p.cells2, p.eval, src, {0, 1}, o, {}, {});
            const DeResult b = differentialExpression(p.x2, p.x1, p.cells2, p.cells1, p.eval, src, {0, 1}, o, {}, {});
            QVERIFY(std::abs(a.lengthScale - b.lengthScale) <= 1e-12 * a.lengthScale);
            QVERIFY(allClose(a.mahalanobis, b.mahalanobis, 1e-6, 1e-10));
            if (scheme == LengthScaleScheme::Symmetric)
                QVERIFY(a.lengthScale > std::min(ls1, ls2) && a.lengthScale < std::max(ls1, ls2));
            else
                QVERIFY(a.lengthScale < std::min(ls1, ls2));
        }
    }

    // §9.3.9 and §9.3.8 end to end: donor shifts inflate the distances without sample variance;
    // the Woodbury distances equal an explicit per-gene covariance and Cholesky.
    void sampleVariance()
    {
        const Planted p = makePlanted(300, 30, 0, 0.3, 0.0, 0.5, 17);
        Eigen::MatrixXd both(600, 2);
        both << p.x1, p.x2;
        DeOptions o;
        o.nullGenes = 0;
        o.landmarks = kmeans(both, {.k = 60, .seed = 5}).centroids;
        const DeResult without = runPlanted(p, o, false);
        const DeResult with = runPlanted(p, o, true);
        QVERIFY(with.sampleVariance && !without.sampleVariance);
        QCOMPARE(with.samples1, std::int64_t(4));
        QCOMPARE(with.samples2, std::int64_t(4));
        qInfo("sample variance: mean distance %.3f without, %.3f with", without.mahalanobis.mean(),
              with.mahalanobis.mean());
        QVERIFY(with.mahalanobis.mean() < without.mahalanobis.mean());
        QVERIFY(allClose(with.meanLfc, without.meanLfc, 1e-12, 1e-12)); // the LFC is unchanged

        // Explicit reference for a few genes: Σ_g = Σ_UU,1 + Σ_UU,2 + C_1,g + C_2,g + εI.
        const FunctionOptions fo{.landmarks = with.landmarks, .lengthScale = with.lengthScale, .sigma = 1.0};
        FunctionEstimator fe1, fe2;
        fe1.fit(p.x1, fo);
        fe2.fit(p.x2, fo);
        const Eigen::MatrixXd kuu = fe1.crossKernel(with.landmarks);
        const Eigen::MatrixXd y1 = p.expr(p.cells1, Eigen::all), y2 = p.expr(p.cells2, Eigen::all);
        auto sampleCov = [&](const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const std::vector<std::int64_t>& s,
                             Eigen::Index g) {
            std::map<std::int64_t, std::vector<Eigen::Index>> rows;
            for (std::size_t i = 0; i < s.size(); ++i)
                rows[s[i]].push_back(static_cast<Eigen::Index>(i));
            std::vector<Eigen::VectorXd> preds;
            for (const auto& [code, r] : rows) {
                FunctionEstimator fe;
                fe.fit(x(r, Eigen::all), fo);
                preds.push_back(kuu * fe.weights(y(r, Eigen::all).col(g)));
            }
            Eigen::VectorXd mean = Eigen::VectorXd::Zero(kuu.rows());
            for (const auto& v : preds)
                mean += v / double(preds.size());
            Eigen::MatrixXd c = Eigen::MatrixXd::Zero(kuu.rows(), kuu.rows());
            for (const auto& v : preds)
                c += (v - mean) * (v - mean).transpose() / double(preds.size() - 1);
            return c;
        };
        double worst = 0;
        for (Eigen::Index g : {0, 7, 19}) {
            Eigen::MatrixXd sigma = fe1.inducingCovariance() + fe2.inducingCovariance()
                                    + sampleCov(p.x1, y1, p.samples1, g) + sampleCov(p.x2, y2, p.samples2, g);
            sigma.diagonal().array() += 1e-8;
            const Eigen::VectorXd delta = kuu * (fe2.weights(y2.col(g)) - fe1.weights(y1.col(g)));
            const double ref = mahalanobisExplicit(delta, sigma);
            worst = std::max(worst, std::abs(with.mahalanobis[g] - ref) / ref);
        }
        qInfo("Woodbury vs explicit per-gene Cholesky: max relative difference %.3g", worst);
        QVERIFY(worst < 1e-8);

        // Too few samples.
        std::vector<std::int64_t> one(p.samples1.size(), 0);
        QVERIFY_THROWS_EXCEPTION(InvalidInput, differentialExpression(p.x1, p.x2, p.cells1, p.cells2, p.eval,
                                                                      denseSource(p.expr), {0}, o, one, p.samples2));
    }

    void groups()
    {
        const Planted p = makePlanted(300, 30, 3, 0.5, 1.0, 0.0, 23);
        DeOptions o;
        o.nullGenes = 300;
        o.nLandmarks = 200; // between the two groups' sizes (≈ 195 right of x₀ = 2.6, ≈ 405 left)
        DeGroup left{"left", {}}, right{"right", {}};
        for (Eigen::Index i = 0; i < p.eval.rows(); ++i)
            (p.eval(i, 0) > 2.6 ? right : left).cells.push_back(i);
        o.groups = {left, right};
        const DeResult r = runPlanted(p, o);
        QCOMPARE(r.groups.size(), std::size_t(2));
        const DeGroupResult& gl = r.groups[0];
        const DeGroupResult& gr = r.groups[1];
        QCOMPARE(gl.nPoints, std::int64_t(200)); // more cells than landmarks: k-means points
        QCOMPARE(gr.nCells, gr.nPoints);          // fewer: the cells themselves
        // Planted genes (0, 10, 20) change only on the right: mean LFC ≈ 1 there, ≈ 0 on the left.
        for (Eigen::Index g : {0, 10, 20}) {
            qInfo("group LFC gene %lld: left %.3f right %.3f; distance left %.4f right %.4f all %.4f",
                  static_cast<long long>(g), gl.meanLfc[g], gr.meanLfc[g], gl.mahalanobis[g], gr.mahalanobis[g],
                  r.mahalanobis[g]);
            QVERIFY(gr.meanLfc[g] > 0.5);
            QVERIFY(gr.meanLfc[g] > gl.meanLfc[g] + 0.3);
        }
        // Mean LFC of all cells is the cell-weighted mean of the groups'.
        const double nl = double(gl.nCells), nr = double(gr.nCells);
        QVERIFY(allClose(r.meanLfc, (nl * gl.meanLfc + nr * gr.meanLfc) / (nl + nr), 1e-9, 1e-12));
        QCOMPARE(gr.localFdr.size(), Eigen::Index(30));
        QCOMPARE(gr.isDe.size(), std::size_t(30));
    }

    void analysisFields()
    {
        Dataset d = generateDemoDataset({.seed = 1, .nCells = 400, .nGenes = 100});
        RecordingProgress log;
        const nlohmann::json params = {{"groupby", "condition"}, {"condition1", "control"},
                                       {"condition2", "stimulated"}, {"n_landmarks", 60},
                                       {"null_genes", 150},         {"groups", "cell_type"}};
        auto res = runDe(d, params, &log);
        QVERIFY(std::any_of(log.lines.begin(), log.lines.end(),
                            [](const std::string& l) { return l.find("raw counts") != std::string::npos; }));
        QVERIFY(std::any_of(log.lines.begin(), log.lines.end(),
                            [](const std::string& l) { return l.find("estimated") != std::string::npos; }));
        const auto tables = res->tables();
        QCOMPARE(tables.size(), std::size_t(2));
        const ResultTable& t = tables[0];
        QCOMPARE(t.name, std::string("kompot-de control → stimulated"));
        const std::vector<std::string> cols = {"gene", "mean_lfc", "mahalanobis", "neg_log10_ptp",
                                               "pvalue", "local_fdr", "tail_fdr", "is_de"};
        QVERIFY(t.columnNames == cols);
        QCOMPARE(t.rowCount(), std::size_t(100));
        QCOMPARE(t.attributes.at("kind"), std::string("kompot-de"));
        QCOMPARE(t.attributes.at("layer_condition1"), std::string("kompot_de_control_smoothed"));
        QCOMPARE(t.attributes.at("layer_condition2"), std::string("kompot_de_stimulated_smoothed"));
        QCOMPARE(t.attributes.at("layer_fold_change"), std::string("kompot_de_control_to_stimulated_fold_change"));
        QCOMPARE(t.attributes.at("fdr_threshold"), std::string("0.05"));
        QCOMPARE(t.attributes.at("has_fdr"), std::string("true"));
        QCOMPARE(t.attributes.at("groups_table"), tables[1].name);
        QCOMPARE(tables[1].name, std::string("kompot-de groups control → stimulated"));
        const std::vector<std::string> gcols = {"group", "gene", "mean_lfc", "mahalanobis",
                                                "neg_log10_ptp", "local_fdr", "is_de"};
        QVERIFY(tables[1].columnNames == gcols);
        QCOMPARE(tables[1].attributes.at("kind"), std::string("kompot-de-groups"));
        for (const auto& v : std::get<std::vector<std::string>>(t.columns[7]))
            QVERIFY(v == "True" || v == "False");

        res->writeInto(d);
        const std::string p = "kompot_de_control_to_stimulated";
        for (const char* k : {"_mean_lfc", "_mahalanobis", "_neg_log10_ptp", "_mahalanobis_pvalue",
                              "_mahalanobis_local_fdr", "_mahalanobis_tail_fdr"})
            QCOMPARE(col<NumericColumn>(d, p + k).values.size(), std::size_t(100));
        QCOMPARE(col<BoolColumn>(d, p + "_is_de").values.size(), std::size_t(100));
        for (const std::string& l : std::vector<std::string>{"kompot_de_control_smoothed", "kompot_de_stimulated_smoothed",
                                                            p + "_fold_change"}) {
            QVERIFY(d.layers.count(l));
            QVERIFY(d.layers.at(l).dense());
            QCOMPARE(d.layers.at(l).rows(), std::int64_t(400));
        }
        QVERIFY(d.obs.find("kompot_de_control_std") && d.obs.find("kompot_de_stimulated_std"));
        for (const std::string& k : std::vector<std::string>{p + "_mean_lfc_groups", p + "_mahalanobis_groups", p + "_neg_log10_ptp_groups",
                                    p + "_mahalanobis_local_fdr_groups", p + "_is_de_groups"}) {
            QVERIFY2(d.varm.count(k), k.c_str());
            QVERIFY(std::holds_alternative<DataFrame>(d.varm.at(k)));
            QVERIFY(d.modified.count("varm/" + k));
        }
        QVERIFY(d.uns["kompot_de"].contains("last_run_info"));
        QVERIFY(d.uns["kompot_de"].contains("landmarks_info"));

        // A gene subset: CSR layers holding only those columns; sample variance renames with _sample_var.
        Dataset d2 = generateDemoDataset({.seed = 1, .nCells = 400, .nGenes = 100});
        nlohmann::json sub = params;
        sub.erase("groups");
        sub["genes"] = d2.var.index[3] + ", " + d2.var.index[50];
        sub["sample_col"] = "sample";
        sub["null_genes"] = -1; // auto with samples: no FDR
        auto res2 = runDe(d2, sub);
        const auto t2 = res2->tables();
        QCOMPARE(t2.size(), std::size_t(1));
        QCOMPARE(t2[0].rowCount(), std::size_t(2));
        QCOMPARE(t2[0].columnNames.size(), std::size_t(4));
        QCOMPARE(t2[0].attributes.at("has_fdr"), std::string("false"));
        res2->writeInto(d2);
        const CsrMatrix* fc = d2.layers.at(p + "_fold_change").csr();
        QVERIFY(fc);
        QCOMPARE(fc->nnz(), std::int64_t(800));
        QCOMPARE(fc->indices[0], 3);
        QCOMPARE(fc->indices[1], 50);
        const auto& dist = col<NumericColumn>(d2, p + "_mahalanobis_sample_var").values;
        QVERIFY(std::isnan(dist[0]) && std::isfinite(dist[3]) && std::isfinite(dist[50]));
        QVERIFY(!d2.var.find(p + "_is_de_sample_var"));
    }

    void badInput()
    {
        Dataset d = generateDemoDataset({.seed = 1, .nCells = 300, .nGenes = 100});
        const nlohmann::json base = {{"groupby", "condition"}, {"condition1", "control"},
                                     {"condition2", "stimulated"}, {"n_landmarks", 30}, {"null_genes", 0}};
        auto message = [&](const Dataset& data, nlohmann::json p) -> QString {
            try {
                runDe(data, p);
            } catch (const Error& e) {
                return QString::fromUtf8(e.what());
            }
            return {};
        };
        nlohmann::json p = base;
        p["condition2"] = "treated";
        QVERIFY(message(d, p).contains("'treated'"));
        QVERIFY(message(d, p).contains("0 cells"));

        Dataset tiny = d; // only 2 stimulated cells left
        for (Column& c : tiny.obs.columns)
            if (c.name == "condition") {
                auto& cat = std::get<CategoricalColumn>(c.data);
                const auto stim = static_cast<std::int32_t>(
                    std::find(cat.categories.begin(), cat.categories.end(), "stimulated") - cat.categories.begin());
                const auto ctrl = static_cast<std::int32_t>(
                    std::find(cat.categories.begin(), cat.categories.end(), "control") - cat.categories.begin());
                int kept = 0;
                for (auto& code : cat.codes)
                    if (code == stim && kept++ >= 2)
                        code = ctrl;
            }
        QVERIFY(message(tiny, base).contains("2 cells"));

        p = base;
        p["obsm_key"] = "X_missing";
        QVERIFY(message(d, p).contains("X_missing"));
        Dataset nanData = d;
        std::get<DenseMatrix>(nanData.obsm["DM_EigenVectors"])(5, 2) = std::nanf("");
        QVERIFY(message(nanData, base).contains("NaN"));
        p = base;
        p["sample_col"] = "condition"; // one "sample" per condition
        QVERIFY(message(d, p).contains("sample"));
        p = base;
        p["genes"] = d.var.index[0] + ",NOT_A_GENE,ALSO_MISSING";
        const QString unknown = message(d, p);
        QVERIFY(unknown.contains("NOT_A_GENE") && unknown.contains("ALSO_MISSING"));
        QVERIFY(!unknown.contains(QString::fromStdString("'" + d.var.index[0] + "'")));
        p = base;
        p["layer"] = "no_such_layer";
        QVERIFY(message(d, p).contains("no_such_layer"));
        p = base;
        p["normalize"] = "log1p_cp10k";
        Dataset negative = d;
        negative.layers["logged"] = Matrix(DenseMatrix(DenseMatrix::Constant(300, 100, -1.0f)));
        p["layer"] = "logged";
        QVERIFY(message(negative, p).contains("negative"));
    }

    void costEstimate()
    {
        DeCostInputs small{.cells1 = 500, .cells2 = 500, .evalCells = 1000, .dims = 10, .landmarks = 300,
                           .genes = 200, .nullGenes = 200};
        DeCostInputs big = small;
        big.cells1 = big.cells2 = 10000;
        big.evalCells = 20000;
        big.landmarks = 2000;
        big.genes = 2000;
        big.nullGenes = 2000;
        const DeCostEstimate a = estimateDeCost(small), b = estimateDeCost(big);
        QVERIFY(a.seconds > 0 && a.bytes > 0);
        QVERIFY(b.seconds > 50 * a.seconds);
        QCOMPARE(b.landmarks, std::int64_t(2000));
        DeCostInputs all = small;
        all.landmarks = 5000;
        QCOMPARE(estimateDeCost(all).landmarks, std::int64_t(1000));
        DeCostInputs withSamples = big;
        withSamples.samples1 = withSamples.samples2 = 4;
        QVERIFY(estimateDeCost(withSamples).seconds > b.seconds);
    }

    // The built-in demo's planted DE genes (var truth_de) should lead the Mahalanobis ranking.
    void demoPlantedGenes()
    {
        Dataset d = generateDemoDataset({.seed = 0, .nCells = 3000, .nGenes = 300});
        auto res = runDe(d, {{"groupby", "condition"}, {"condition1", "control"}, {"condition2", "stimulated"},
                             {"n_landmarks", 300}});
        res->writeInto(d);
        const auto& truth = col<BoolColumn>(d, "truth_de").values;
        const auto& dist = col<NumericColumn>(d, "kompot_de_control_to_stimulated_mahalanobis").values;
        const auto& isDe = col<BoolColumn>(d, "kompot_de_control_to_stimulated_is_de").values;
        const auto nTrue = static_cast<std::size_t>(std::count(truth.begin(), truth.end(), 1));
        std::vector<std::size_t> order(dist.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return dist[a] > dist[b]; });
        std::size_t hits = 0, called = 0, calledTrue = 0;
        for (std::size_t k = 0; k < nTrue; ++k)
            hits += truth[order[k]] != 0;
        for (std::size_t g = 0; g < isDe.size(); ++g)
            if (isDe[g]) {
                ++called;
                calledTrue += truth[g] != 0;
            }
        const double precisionTop = double(hits) / double(nTrue);
        const double precisionDe = called ? double(calledTrue) / double(called) : 0.0;
        qInfo("demo 3000 × 300: %zu planted; precision in the top %zu %.3f; %zu called, precision %.3f", nTrue, nTrue,
              precisionTop, called, precisionDe);
        // Measured (seed 0, 300 landmarks): 30 planted, 29 of them in the top 30 (0.967); 20 called,
        // all planted (1.000).
        QVERIFY(nTrue > 0);
        QVERIFY(precisionTop >= 0.8);
        QVERIFY(called >= 10);
        QVERIFY(precisionDe >= 0.85);
    }
};

QTEST_APPLESS_MAIN(TestKompotDe)
#include "tst_kompot_de.moc"
