// Palantir's diffusion map: the Lanczos eigenpairs against a dense eigendecomposition of T built
// here from the formulas, geometry checks (separated blobs, a 1-D curve), thread-count
// independence, and the diffusion-map / Kompot DA paths that compute DM_EigenVectors from X_pca.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include <Eigen/Eigenvalues>
#include <omp.h>

#include "analysis/analysis_registry.h"
#include "analysis/analysis_runner.h"
#include "analysis/diffusion/diffusion_map_result.h"
#include "analysis/kompot/kompot_da_result.h"
#include "compute/cpu_backend.h"
#include "data/dataset.h"
#include "math/diffusion_map.h"
#include "math/random.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;

namespace {

// Gaussian clusters in `dims` dimensions, close enough to form one neighbour graph.
Eigen::MatrixXd clusters(Eigen::Index n, Eigen::Index dims, int nClusters, double spread, std::uint64_t seed)
{
    Rng rng(seed);
    Eigen::MatrixXd centres(nClusters, dims);
    for (Eigen::Index c = 0; c < nClusters; ++c)
        for (Eigen::Index d = 0; d < dims; ++d)
            centres(c, d) = spread * rng.normal();
    Eigen::MatrixXd x(n, dims);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto c = static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(nClusters)));
        for (Eigen::Index d = 0; d < dims; ++d)
            x(i, d) = centres(c, d) + rng.normal();
    }
    return x;
}

struct DenseReference {
    Eigen::VectorXd values;
    Eigen::MatrixXd vectors;
};

// T = D⁻¹K from the formulas (brute-force distances, each cell's knn − 1 nearest others, σ_i the
// ⌊knn/3⌋-th of them, W_ij = exp(−d_ij/σ_i), K = W + Wᵀ, optional D^−α K D^−α), then a general
// (non-symmetric) dense eigensolver on T itself: the k of largest |λ|, sorted by λ descending.
DenseReference denseReference(const Eigen::MatrixXd& x, int knn, int k, double alpha)
{
    const Eigen::Index n = x.rows();
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        std::vector<std::pair<double, Eigen::Index>> others;
        for (Eigen::Index j = 0; j < n; ++j)
            if (j != i)
                others.push_back({(x.row(i) - x.row(j)).norm(), j});
        std::sort(others.begin(), others.end());
        const double sigma = others[static_cast<std::size_t>(knn / 3 - 1)].first;
        for (int j = 0; j < knn - 1; ++j)
            w(i, others[static_cast<std::size_t>(j)].second) = std::exp(-others[static_cast<std::size_t>(j)].first / sigma);
    }
    Eigen::MatrixXd kernel = w + w.transpose();
    if (alpha > 0) {
        const Eigen::VectorXd s = kernel.rowwise().sum().array().pow(-alpha);
        kernel = s.asDiagonal() * kernel * s.asDiagonal();
    }
    const Eigen::VectorXd d = kernel.rowwise().sum();
    const Eigen::MatrixXd t = d.cwiseInverse().asDiagonal() * kernel;
    const Eigen::EigenSolver<Eigen::MatrixXd> eig(t);
    const Eigen::VectorXd values = eig.eigenvalues().real();
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(),
              [&](Eigen::Index a, Eigen::Index b) { return std::abs(values[a]) > std::abs(values[b]); });
    order.resize(static_cast<std::size_t>(k));
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return values[a] > values[b]; });
    DenseReference ref;
    ref.values.resize(k);
    ref.vectors.resize(n, k);
    for (int i = 0; i < k; ++i) {
        ref.values[i] = values[order[static_cast<std::size_t>(i)]];
        ref.vectors.col(i) = eig.eigenvectors().col(order[static_cast<std::size_t>(i)]).real().normalized();
    }
    return ref;
}

std::vector<double> ranks(const Eigen::VectorXd& v)
{
    std::vector<Eigen::Index> order(static_cast<std::size_t>(v.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return v[a] < v[b]; });
    std::vector<double> r(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        r[static_cast<std::size_t>(order[i])] = static_cast<double>(i);
    return r;
}

double spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b)
{
    const auto ra = ranks(a), rb = ranks(b);
    const Eigen::Map<const Eigen::VectorXd> x(ra.data(), static_cast<Eigen::Index>(ra.size())),
        y(rb.data(), static_cast<Eigen::Index>(rb.size()));
    const Eigen::ArrayXd dx = x.array() - x.mean(), dy = y.array() - y.mean();
    return (dx * dy).sum() / std::sqrt(dx.square().sum() * dy.square().sum());
}

// A dataset with obs "condition" (a/b alternating) and, optionally, obsm X_pca.
Dataset kompotDataset(Eigen::Index n, bool withPca)
{
    Dataset d;
    CategoricalColumn condition;
    condition.categories = {"a", "b"};
    for (Eigen::Index i = 0; i < n; ++i) {
        d.obs.index.push_back("cell" + std::to_string(i));
        condition.codes.push_back(static_cast<std::int32_t>(i % 2));
    }
    d.obs.set({"condition", std::move(condition)});
    if (withPca)
        d.obsm["X_pca"] = DenseMatrix(clusters(n, 5, 3, 2.5, 77).cast<float>());
    return d;
}

nlohmann::json kompotParams()
{
    return {{"groupby", "condition"}, {"condition1", "a"}, {"condition2", "b"}};
}

QString validateMessage(const Analysis& analysis, const Dataset& d, const ParamValues& params)
{
    try {
        analysis.validate(d, params);
    } catch (const InvalidInput& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestDiffusionMap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesDenseReference_data()
    {
        QTest::addColumn<qint64>("denseLimit");
        QTest::addColumn<qint64>("krylov");
        QTest::addColumn<double>("alpha");
        QTest::newRow("lanczos") << qint64(0) << qint64(0) << 0.0;
        QTest::newRow("lanczos alpha 1") << qint64(0) << qint64(0) << 1.0;
        QTest::newRow("lanczos with restarts") << qint64(0) << qint64(16) << 0.0;
        QTest::newRow("dense") << qint64(500) << qint64(0) << 0.0;
    }
    void matchesDenseReference()
    {
        QFETCH(qint64, denseLimit);
        QFETCH(qint64, krylov);
        QFETCH(double, alpha);
        const Eigen::MatrixXd x = clusters(300, 4, 3, 1.5, 5);
        DiffusionMapOptions o;
        o.denseLimit = denseLimit;
        o.krylovSize = krylov;
        o.alpha = alpha;
        const DiffusionMap dm = diffusionMap(x, o);
        const DenseReference ref = denseReference(x, 30, 10, alpha);
        QCOMPARE(dm.graphComponents, std::int64_t(1));
        QVERIFY(dm.converged);
        double valueErr = 0, vectorErr = 0;
        for (int i = 0; i < 10; ++i) {
            valueErr = std::max(valueErr, std::abs(dm.eigenvalues[i] - ref.values[i]));
            const Eigen::VectorXd a = dm.eigenvectors.col(i), b = ref.vectors.col(i);
            vectorErr = std::max(vectorErr, std::min((a - b).cwiseAbs().maxCoeff(), (a + b).cwiseAbs().maxCoeff()));
            QVERIFY(std::abs(a.norm() - 1) < 1e-12);
            Eigen::Index arg = 0;
            a.cwiseAbs().maxCoeff(&arg);
            QVERIFY(a[arg] > 0); // sign convention
        }
        qInfo("n 300: eigenvalues %.6f .. %.6f, max |Δλ| %.2e, max |Δφ| %.2e, residual %.2e, restarts %lld",
              ref.values[0], ref.values[9], valueErr, vectorErr, dm.maxResidual,
              static_cast<long long>(dm.lanczosRestarts));
        QVERIFY(valueErr < 1e-8);
        QVERIFY(vectorErr < 1e-6);
        if (krylov > 0)
            QVERIFY(dm.lanczosRestarts > 0);
        QVERIFY(std::abs(dm.eigenvalues[0] - 1) < 1e-12);
        // The first component is constant.
        QVERIFY((dm.eigenvectors.col(0).array() - 1 / std::sqrt(300.0)).abs().maxCoeff() < 1e-10);
    }

    void separatedBlobs()
    {
        // Far apart: two graph components, one λ = 1 each; the second vector is blob B's indicator.
        Rng rng(9);
        Eigen::MatrixXd x(300, 5);
        for (Eigen::Index i = 0; i < 300; ++i)
            for (Eigen::Index d = 0; d < 5; ++d)
                x(i, d) = (d == 0 && i % 2 ? 20.0 : 0.0) + rng.normal();
        const DiffusionMap dm = diffusionMap(x);
        QCOMPARE(dm.graphComponents, std::int64_t(2));
        QVERIFY(std::abs(dm.eigenvalues[1] - 1) < 1e-12);
        double maxA = -1e300, minA = 1e300, maxB = -1e300, minB = 1e300;
        for (Eigen::Index i = 0; i < 300; ++i) {
            const double v = dm.eigenvectors(i, 1);
            (i % 2 ? maxB : maxA) = std::max(i % 2 ? maxB : maxA, v);
            (i % 2 ? minB : minA) = std::min(i % 2 ? minB : minA, v);
        }
        QVERIFY(maxA < minB || maxB < minA);

        // Closer, one graph (a few bridging edges): λ₂ < 1 and its vector still splits the blobs.
        Rng rng2(10);
        for (Eigen::Index i = 0; i < 300; ++i)
            for (Eigen::Index d = 0; d < 5; ++d)
                x(i, d) = (d == 0 && i % 2 ? 7.0 : 0.0) + rng2.normal();
        const DiffusionMap near = diffusionMap(x);
        QCOMPARE(near.graphComponents, std::int64_t(1));
        QVERIFY(near.eigenvalues[1] < 1 - 1e-4);
        maxA = maxB = -1e300;
        minA = minB = 1e300;
        for (Eigen::Index i = 0; i < 300; ++i) {
            const double v = near.eigenvectors(i, 1);
            (i % 2 ? maxB : maxA) = std::max(i % 2 ? maxB : maxA, v);
            (i % 2 ? minB : minA) = std::min(i % 2 ? minB : minA, v);
        }
        qInfo("blobs at distance 7: λ₂ %.6f, A in [%.4f, %.4f], B in [%.4f, %.4f]", near.eigenvalues[1], minA, maxA,
              minB, maxB);
        QVERIFY(maxA < minB || maxB < minA);
    }

    void curveIsOrdered()
    {
        Rng rng(3);
        const Eigen::Index n = 500;
        Eigen::MatrixXd x(n, 3);
        Eigen::VectorXd t(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            t[i] = rng.uniform();
            x.row(i) << std::cos(4 * t[i]), std::sin(4 * t[i]), 0.5 * t[i];
            for (Eigen::Index d = 0; d < 3; ++d)
                x(i, d) += 0.02 * rng.normal();
        }
        const DiffusionMap dm = diffusionMap(x);
        const double rho = spearman(dm.eigenvectors.col(1), t);
        qInfo("curve: λ₂ %.6f, Spearman(φ₂, t) %.5f", dm.eigenvalues[1], rho);
        QVERIFY(std::abs(rho) > 0.99);
    }

    void threadCountIndependent()
    {
        const Eigen::MatrixXd x = clusters(3000, 10, 6, 2.0, 21);
        DiffusionMapOptions o;
        o.denseLimit = 0;
        const int before = omp_get_max_threads();
        omp_set_num_threads(1);
        const DiffusionMap one = diffusionMap(x, o);
        omp_set_num_threads(2);
        const DiffusionMap two = diffusionMap(x, o);
        omp_set_num_threads(before);
        qInfo("3000 cells: restarts %lld, residual %.2e", static_cast<long long>(one.lanczosRestarts),
              one.maxResidual);
        QVERIFY(one.converged);
        QCOMPARE(one.eigenvectors.rows(), two.eigenvectors.rows());
        QVERIFY(std::memcmp(one.eigenvectors.data(), two.eigenvectors.data(),
                            sizeof(double) * static_cast<std::size_t>(one.eigenvectors.size()))
                == 0);
        QVERIFY(std::memcmp(one.eigenvalues.data(), two.eigenvalues.data(),
                            sizeof(double) * static_cast<std::size_t>(one.eigenvalues.size()))
                == 0);
    }

    void duplicatesAndBadInput()
    {
        // 20 identical cells: σ would be 0 (NaN in Palantir); here the nearest positive distance.
        Eigen::MatrixXd x = clusters(200, 3, 2, 1.0, 4);
        for (Eigen::Index i = 1; i < 20; ++i)
            x.row(i) = x.row(0);
        const DiffusionMap dm = diffusionMap(x);
        QVERIFY(dm.eigenvectors.allFinite());
        QVERIFY(dm.converged);
        QCOMPARE(dm.graphComponents, std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(InvalidInput, diffusionMap(Eigen::MatrixXd::Random(30, 3)));
        x(7, 1) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(InvalidInput, diffusionMap(x));
        CancelFlag cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, diffusionMap(clusters(200, 3, 2, 1.0, 4), {}, &cancel));
    }

    void diffusionMapAnalysis()
    {
        Dataset d = kompotDataset(400, true);
        JobSpec spec;
        spec.analysis = "diffusion-map";
        spec.params = nlohmann::json::object();
        NullProgress progress;
        NeverCancel cancel;
        CpuBackend cpu;
        const auto result = runJobSpec(spec, d, progress, cancel, cpu);
        QCOMPARE(result->tables().front().rowCount(), std::size_t(10));
        result->writeInto(d);
        const DenseMatrix* dm = denseOf(d.obsm.at("DM_EigenVectors"));
        QVERIFY(dm);
        QCOMPARE(dm->rows(), Eigen::Index(400));
        QCOMPARE(dm->cols(), Eigen::Index(10));
        QVERIFY(d.uns.contains("DM_EigenValues"));
        QCOMPARE(d.uns["DM_EigenValues"].size(), std::size_t(10));
        QVERIFY(std::abs(d.uns["DM_EigenValues"][0].get<double>() - 1) < 1e-12);
        const DiffusionMap direct = diffusionMap(denseOf(d.obsm.at("X_pca"))->cast<double>());
        QVERIFY((dm->cast<double>() - direct.eigenvectors).cwiseAbs().maxCoeff() < 1e-6);
        QCOMPARE(eigenvalueKeyFor("DM_EigenVectors"), std::string("DM_EigenValues"));
        QCOMPARE(eigenvalueKeyFor("X_dm"), std::string("X_dm_eigenvalues"));

        const auto analysis = AnalysisRegistry::instance().find("diffusion-map");
        QVERIFY(analysis);
        const Dataset noPca = kompotDataset(400, false);
        const QString message = validateMessage(*analysis, noPca, analysis->schema().resolve({}));
        QVERIFY(message.contains("X_pca") && message.contains("PCA"));
        const QString few = validateMessage(*analysis, kompotDataset(25, true), analysis->schema().resolve({}));
        QVERIFY(few.contains("cells"));
    }

    void kompotDaComputesMissingEmbedding()
    {
        const auto analysis = AnalysisRegistry::instance().find("kompot-da");
        QVERIFY(analysis);
        const ParamValues params = analysis->schema().resolve(kompotParams());
        QCOMPARE(params.at("compute_diffusion_map").get<bool>(), true);
        // Without DM_EigenVectors but with X_pca: valid (the run will compute the diffusion map).
        const Dataset withPca = kompotDataset(200, true);
        QCOMPARE(validateMessage(*analysis, withPca, params), QString());
        // Without either: the message names what is missing and what to do.
        const QString neither = validateMessage(*analysis, kompotDataset(200, false), params);
        qInfo("%s", qPrintable(neither));
        QVERIFY(neither.contains("DM_EigenVectors") && neither.contains("X_pca") && neither.contains("PCA"));
        // Turned off: DM_EigenVectors is required.
        ParamValues off = params;
        off["compute_diffusion_map"] = false;
        const QString offMessage = validateMessage(*analysis, withPca, off);
        QVERIFY(offMessage.contains("DM_EigenVectors") && offMessage.contains("compute_diffusion_map"));

        // The run computes it and the result stores it.
        NullProgress progress;
        NeverCancel cancel;
        CpuBackend cpu;
        RunContext context{progress, cancel, cpu, 1};
        const auto result = analysis->run(withPca, params, context);
        const auto* da = dynamic_cast<const kompot::KompotDaResult*>(result.get());
        QVERIFY(da);
        QCOMPARE(da->computedEmbeddingKey, std::string("DM_EigenVectors"));
        Dataset out = withPca;
        result->writeInto(out);
        const DenseMatrix* dm = denseOf(out.obsm.at("DM_EigenVectors"));
        QVERIFY(dm);
        QCOMPARE(dm->cols(), Eigen::Index(10));
        QCOMPARE(out.uns["DM_EigenValues"].size(), std::size_t(10));
        QVERIFY(out.obs.find("kompot_da_a_to_b_lfc"));
        // A second run on the stored matrix reads it and gives the same DA.
        const auto again = analysis->run(out, params, context);
        const auto* da2 = dynamic_cast<const kompot::KompotDaResult*>(again.get());
        QVERIFY(da2 && da2->computedEmbeddingKey.empty());
        QVERIFY((da2->da.lfc - da->da.lfc).cwiseAbs().maxCoeff() < 1e-9);
    }
};

QTEST_APPLESS_MAIN(TestDiffusionMap)
#include "tst_diffusion_map.moc"
