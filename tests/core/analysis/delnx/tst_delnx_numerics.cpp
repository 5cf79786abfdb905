// Building blocks of the NB GLM: deviance, size factors, BH, R's Nelder–Mead, ns basis, local-median trend.
#include <QtTest>

#include <cmath>
#include <random>

#include "analysis/delnx/count_source.h"
#include "analysis/delnx/dispersion_trend.h"
#include "analysis/delnx/nb_deviance.h"
#include "analysis/delnx/size_factors.h"
#include "math/multiple_testing.h"
#include "math/natural_spline_basis.h"
#include "math/nelder_mead_r.h"
#include "util/errors.h"

using namespace scdesk;
using namespace scdesk::delnx;

class TestDelnxNumerics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deviance()
    {
        QCOMPARE(nbUnitDeviance(0, 2.0, 0.0), 4.0);
        QVERIFY(std::fabs(nbUnitDeviance(3, 2.0, 0.0) - 2 * (3 * std::log(1.5) - 1)) < 1e-14);
        QVERIFY(std::fabs(nbUnitDeviance(0, 2.0, 0.5) - 4 * std::log(2.0)) < 1e-14);
        // y = μ → 0 deviance
        QVERIFY(std::fabs(nbUnitDeviance(5, 5.0, 0.3)) < 1e-13);
        // NB deviance → Poisson as θ → 0 (continuity across the 1e-6 switch)
        QVERIFY(std::fabs(nbUnitDeviance(7, 3.0, 1.01e-6) - nbUnitDeviance(7, 3.0, 0.0)) < 1e-4);
    }
    void sizeFactorsNormedSum()
    {
        Eigen::MatrixXd m(3, 2); // samples × genes
        m << 1, 3, 2, 6, 4, 12;  // column sums over genes: 4, 8, 16 → geometric mean 8
        auto src = countsFromDense(m);
        const auto sf = computeSizeFactors(*src, SizeFactorMethod::NormedSum, {"a", "b"}).sizeFactors;
        QVERIFY(std::fabs(sf(0) - 0.5) < 1e-15 && std::fabs(sf(1) - 1) < 1e-15 && std::fabs(sf(2) - 2) < 1e-15);
        Eigen::MatrixXd bad = m;
        bad(1, 1) = 2.5;
        auto src2 = countsFromDense(bad);
        bool thrown = false;
        try {
            computeSizeFactors(*src2, SizeFactorMethod::NormedSum, {"a", "b"});
        } catch (const InvalidInput&) {
            thrown = true;
        }
        QVERIFY(thrown);
    }
    void benjaminiHochbergMatchesR()
    {
        const std::vector<double> p{0.01, 0.04, 0.03, 0.2, std::nan(""), 0.5, 0.04, 0.9};
        const std::vector<double> r{0.07, 0.07, 0.07, 0.28, std::nan(""), 0.58333333333333337, 0.07, 0.9};
        const auto a = benjaminiHochberg(p);
        for (std::size_t i = 0; i < p.size(); ++i)
            QVERIFY(std::isnan(r[i]) ? std::isnan(a[i]) : std::fabs(a[i] - r[i]) < 1e-15);
    }
    void nelderMeadRosenbrockMatchesR()
    {
        auto fr = [](const std::vector<double>& x) {
            return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
        };
        const auto r = nelderMeadR(fr, {-1.2, 1}, 500);
        // R: optim(c(-1.2, 1), fr)
        QCOMPARE(r.evaluations, 195);
        QVERIFY(std::fabs(r.x[0] - 1.0002601387256695) < 1e-15);
        QVERIFY(std::fabs(r.x[1] - 1.0005059993037650) < 1e-15);
        QVERIFY(std::fabs(r.value - 8.8252410967227472e-08) < 1e-20);
    }
    void naturalSplineMatchesR()
    {
        // R: ns(c(0, .5, 1.3, 2, 3), knots = c(1, 2), Boundary.knots = c(0, 3), intercept = TRUE)
        const double r[5][4] = {{-0.267261241912424397, -0.214285714285714302, 0.642857142857142905, -0.428571428571428603},
                                {0.297800383679251157, -0.109367468382005992, 0.390602405146017961, -0.260401603430678641},
                                {0.547417300924402883, 0.288379016167024327, 0.179362951498927087, -0.115075300999284730},
                                {0.158908708063747461, 0.589017890285331136, 0.232946329144006509, 0.011369113903995668},
                                {0.0, -0.142857142857142877, 0.428571428571428603, 0.714285714285714191}};
        const Eigen::MatrixXd b = naturalSplineBasis({0, 0.5, 1.3, 2, 3}, {1, 2}, 0, 3);
        QCOMPARE(b.cols(), Eigen::Index(4));
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 4; ++j)
                QVERIFY2(std::fabs(b(i, j) - r[i][j]) < 1e-14, qPrintable(QString("%1,%2: %3").arg(i).arg(j).arg(b(i, j))));
    }
    void trendFastEqualsNaive()
    {
        std::mt19937_64 rng(42);
        for (int n : {1, 7, 50, 100, 101, 999, 3000}) {
            std::vector<double> m(n), v(n);
            std::uniform_int_distribution<int> small(0, 9);
            for (int i = 0; i < n; ++i) {
                m[i] = small(rng) * 0.5;              // many tied means
                v[i] = small(rng) < 3 ? 0.0 : small(rng) * 0.1; // many tied values
            }
            const double np = std::max(0.1 * n, 100.0);
            QCOMPARE(localMedianTrend(m, v, np), localMedianTrendNaive(m, v, np));
            QCOMPARE(localMedianTrend(m, v, 0.1 * n + 3), localMedianTrendNaive(m, v, 0.1 * n + 3));
        }
    }
};

QTEST_APPLESS_MAIN(TestDelnxNumerics)
#include "tst_delnx_numerics.moc"
