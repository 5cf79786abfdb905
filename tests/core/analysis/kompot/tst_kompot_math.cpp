// kNN against a direct double loop, k-means determinism, L-BFGS on convex functions, and the
// Mellon density assertions (spec §9.2) that apply to the L-BFGS + Laplace path.
#include <QtTest>
#include <cmath>

#include "analysis/kompot/mellon/density_estimator.h"
#include "math/kmeans.h"
#include "math/knn.h"
#include "math/lbfgs.h"
#include "math/random.h"

using namespace scdesk;

namespace {
Eigen::MatrixXd gaussian(Eigen::Index n, Eigen::Index d, std::uint64_t seed, double shift = 0)
{
    Rng rng(seed);
    Eigen::MatrixXd x(n, d);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < d; ++j)
            x(i, j) = rng.normal() + shift;
    return x;
}
} // namespace

class TestKompotMath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knnMatchesBruteForce()
    {
        const Eigen::MatrixXd data = gaussian(700, 7, 1), queries = gaussian(90, 7, 2);
        const KnnResult r = exactKnn(data, queries, 5);
        for (Eigen::Index q = 0; q < queries.rows(); ++q) {
            std::vector<std::pair<double, std::int64_t>> all;
            for (Eigen::Index i = 0; i < data.rows(); ++i)
                all.push_back({(data.row(i) - queries.row(q)).norm(), i});
            std::sort(all.begin(), all.end());
            for (int j = 0; j < 5; ++j) {
                QCOMPARE(r.index(q, j), all[j].second);
                QVERIFY(std::abs(r.distance(q, j) - all[j].first) < 1e-12);
            }
        }
        const auto nn = nearestOtherDistances(data);
        for (Eigen::Index i = 0; i < 50; ++i) {
            double best = 1e300;
            for (Eigen::Index j = 0; j < data.rows(); ++j)
                if (j != i)
                    best = std::min(best, (data.row(i) - data.row(j)).norm());
            QVERIFY(std::abs(nn[i] - best) < 1e-12);
        }
    }

    void kmeansDeterministic()
    {
        const Eigen::MatrixXd x = gaussian(2000, 4, 3);
        const KMeansResult a = kmeans(x, {.k = 25, .seed = 7});
        const KMeansResult b = kmeans(x, {.k = 25, .seed = 7});
        QVERIFY(a.centroids == b.centroids);
        QVERIFY(a.labels == b.labels);
        const KMeansResult c = kmeans(x, {.k = 25, .seed = 8});
        QVERIFY(!(a.centroids == c.centroids));
        // Lloyd fixed point: every centre is the mean of its points.
        for (std::int64_t k = 0; k < 25; ++k) {
            Eigen::RowVectorXd s = Eigen::RowVectorXd::Zero(4);
            int n = 0;
            for (Eigen::Index i = 0; i < x.rows(); ++i)
                if (a.labels[i] == k) {
                    s += x.row(i);
                    ++n;
                }
            QVERIFY(n > 0);
            QVERIFY((s / n - a.centroids.row(k)).norm() < 0.05);
        }
    }

    void lbfgsConvex()
    {
        // f(x) = ½ xᵀAx − bᵀx + Σ exp(x_i/4), strictly convex; check the gradient at the optimum.
        const int n = 30;
        Eigen::MatrixXd m = gaussian(n, n, 4);
        const Eigen::MatrixXd a = m.transpose() * m / n + Eigen::MatrixXd::Identity(n, n);
        const Eigen::VectorXd b = gaussian(n, 1, 5).col(0);
        auto f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
            const Eigen::ArrayXd e = (x.array() / 4).exp();
            g = a * x - b + (e / 4).matrix();
            return 0.5 * x.dot(a * x) - b.dot(x) + e.sum();
        };
        LbfgsOptions o;
        o.gradientTolerance = 1e-9;
        o.relativeTolerance = 0;
        const LbfgsResult r = minimizeLbfgs(f, Eigen::VectorXd::Zero(n), o);
        QVERIFY2(r.converged, r.reason.c_str());
        Eigen::VectorXd g(n);
        f(r.x, g);
        QVERIFY2(g.norm() < 1e-6, qPrintable(QString::number(g.norm())));
    }

    void densityPredictorMatchesFit()
    {
        const Eigen::MatrixXd x = gaussian(100, 2, 6);
        kompot::DensityEstimator est;
        kompot::DensityOptions o;
        o.lsFactor = 1.0; // Mellon's standalone default
        est.fit(x, o);
        const auto p = est.predict(x, false);
        const Eigen::VectorXd diff = p.logDensity - est.trainingLogDensity();
        const double sd = std::sqrt((est.trainingLogDensity().array() - est.trainingLogDensity().mean()).square().mean());
        const double dsd = std::sqrt((diff.array() - diff.mean()).square().mean());
        QVERIFY2(dsd / sd < 1e-5, qPrintable(QString::number(dsd / sd)));
        const auto pn = est.predict(x, true);
        QVERIFY(((p.logDensity - pn.logDensity).array() - std::log(100.0)).abs().maxCoeff() < 1e-12);
        // Laplace: std > 0, uncertainty = covariance + mean_covariance, all finite and >= 0.
        QVERIFY((est.zStd().array() > 0).all());
        QVERIFY(p.meanCovariance.allFinite() && (p.meanCovariance.array() >= 0).all());
        QVERIFY((p.uncertainty() - p.covariance - p.meanCovariance).cwiseAbs().maxCoeff() < 1e-12);
        // Convex MAP (§9.3.2) with tight stopping rules: gradient norm < 1e-6·√p.
        kompot::DensityEstimator tight;
        o.optimizer.gradientTolerance = 1e-9;
        o.optimizer.relativeTolerance = 0;
        o.optimizer.maxIterations = 5000;
        tight.fit(x, o);
        Eigen::VectorXd g;
        tight.objective(tight.z(), &g);
        QVERIFY2(g.norm() < 1e-6 * std::sqrt(100.0), qPrintable(QString::number(g.norm())));
    }

    void landmarksApproximateFullGp()
    {
        const Eigen::MatrixXd x = gaussian(300, 2, 9);
        kompot::DensityEstimator full, sparse;
        kompot::DensityOptions o;
        o.lsFactor = 1.0;
        full.fit(x, o);
        o.landmarks = kmeans(x, {.k = 80, .seed = 1}).centroids;
        sparse.fit(x, o);
        const Eigen::VectorXd a = full.predict(x).logDensity, b = sparse.predict(x).logDensity;
        const double sd = std::sqrt((a.array() - a.mean()).square().mean());
        const Eigen::VectorXd d = a - b;
        const double dsd = std::sqrt((d.array() - d.mean()).square().mean());
        QVERIFY2(dsd / sd < 0.2, qPrintable(QString::number(dsd / sd)));
    }
};

QTEST_APPLESS_MAIN(TestKompotMath)
#include "tst_kompot_math.moc"
