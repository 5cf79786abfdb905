// Moments, goodness of fit, reproducibility and stream independence of scdesk::Rng.
// Tolerances are 5 standard errors computed from the samples themselves.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "math/random.h"
#include "util/errors.h"

using scdesk::Rng;

namespace {

struct Moments {
    double mean = 0.0;
    double var = 0.0;
    double seMean = 0.0;
    double seVar = 0.0;
};

Moments moments(const std::vector<double>& x)
{
    const auto n = static_cast<double>(x.size());
    Moments m;
    for (double v : x)
        m.mean += v;
    m.mean /= n;
    double m2 = 0.0, m4 = 0.0;
    for (double v : x) {
        const double d = (v - m.mean) * (v - m.mean);
        m2 += d;
        m4 += d * d;
    }
    m2 /= n;
    m4 /= n;
    m.var = m2 * n / (n - 1.0);
    m.seMean = std::sqrt(m2 / n);
    m.seVar = std::sqrt(std::max(m4 - m2 * m2, 0.0) / n);
    return m;
}

std::vector<double> draw(std::size_t n, const std::function<double()>& f)
{
    std::vector<double> x(n);
    for (auto& v : x)
        v = f();
    return x;
}

void checkMoments(const std::vector<double>& x, double mean, double var, const char* what)
{
    const Moments m = moments(x);
    const QByteArray label = QByteArray(what) + ": mean " + QByteArray::number(m.mean) + " (expected "
                             + QByteArray::number(mean) + ", se " + QByteArray::number(m.seMean) + "), var "
                             + QByteArray::number(m.var) + " (expected " + QByteArray::number(var) + ", se "
                             + QByteArray::number(m.seVar) + ")";
    QVERIFY2(std::abs(m.mean - mean) <= 5.0 * m.seMean + 1e-12, label.constData());
    QVERIFY2(std::abs(m.var - var) <= 5.0 * m.seVar + 1e-12, label.constData());
}

// Pearson chi-square of integer draws against a pmf, bins pooled until each expects >= 20.
// Returns (statistic - dof) / sqrt(2 dof), roughly standard normal under the null.
double chiSquareZ(const std::vector<std::int64_t>& x, const std::function<double(std::int64_t)>& pmf, std::int64_t maxK)
{
    const auto n = static_cast<double>(x.size());
    std::vector<double> observed(static_cast<std::size_t>(maxK) + 2, 0.0);
    for (auto k : x)
        observed[static_cast<std::size_t>(std::min(k, maxK + 1))] += 1.0;
    std::vector<double> expected(observed.size(), 0.0);
    double tail = 1.0;
    for (std::int64_t k = 0; k <= maxK; ++k) {
        expected[static_cast<std::size_t>(k)] = n * pmf(k);
        tail -= pmf(k);
    }
    expected.back() = n * std::max(tail, 0.0);
    double stat = 0.0;
    int bins = 0;
    double obsAcc = 0.0, expAcc = 0.0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        obsAcc += observed[i];
        expAcc += expected[i];
        if (expAcc >= 20.0 || i + 1 == observed.size()) {
            if (expAcc > 0.0) {
                stat += (obsAcc - expAcc) * (obsAcc - expAcc) / expAcc;
                ++bins;
            }
            obsAcc = expAcc = 0.0;
        }
    }
    const double dof = bins - 1;
    return (stat - dof) / std::sqrt(2.0 * dof);
}

double poissonPmf(double lambda, std::int64_t k)
{
    return std::exp(-lambda + static_cast<double>(k) * std::log(lambda) - scdesk::logFactorial(k));
}

double nbPmf(double mean, double dispersion, std::int64_t k)
{
    const double r = 1.0 / dispersion;
    const double kd = static_cast<double>(k);
    return std::exp(std::lgamma(kd + r) - std::lgamma(r) - scdesk::logFactorial(k) + r * std::log(r / (r + mean))
                    + kd * std::log(mean / (r + mean)));
}

} // namespace

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void reproducible()
    {
        Rng a(42, 7), b(42, 7);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(a.next(), b.next());
        Rng c(42, 7), d(42, 7);
        for (int i = 0; i < 200; ++i) {
            QCOMPARE(c.normal(), d.normal());
            QCOMPARE(c.gamma(0.7, 2.0), d.gamma(0.7, 2.0));
            QCOMPARE(c.poisson(30.0), d.poisson(30.0));
            QCOMPARE(c.negativeBinomialInversion(3.0, 0.2), d.negativeBinomialInversion(3.0, 0.2));
        }
    }

    void knownValues()
    {
        // splitmix64 reference outputs for state 1234567 (from the reference C implementation).
        std::uint64_t s = 1234567;
        QCOMPARE(scdesk::splitmix64(s), 6457827717110365317ULL);
        QCOMPARE(scdesk::splitmix64(s), 3203168211198807973ULL);
        QCOMPARE(scdesk::splitmix64(s), 9817491932198370423ULL);
        QCOMPARE(scdesk::logFactorial(0), 0.0);
        QVERIFY(std::abs(scdesk::logFactorial(10) - std::log(3628800.0)) < 1e-12);
        for (std::int64_t k : {255, 256, 257, 1000, 123456})
            QVERIFY(std::abs(scdesk::logFactorial(k) - std::lgamma(static_cast<double>(k) + 1.0))
                    < 1e-13 * scdesk::logFactorial(k));
    }

    void seedsAndStreamsDiffer()
    {
        const std::uint64_t first = Rng(1, 0).next();
        QVERIFY(Rng(2, 0).next() != first);
        QVERIFY(Rng(1, 1).next() != first);
        QVERIFY(Rng(0, 1).next() != Rng(1, 0).next()); // the seed and stream roles are not symmetric
        // The first output of many neighbouring streams is spread out, without repeats.
        std::vector<std::uint64_t> firsts;
        for (std::uint64_t s = 0; s < 4096; ++s)
            firsts.push_back(Rng(5, s).next());
        std::sort(firsts.begin(), firsts.end());
        QVERIFY(std::adjacent_find(firsts.begin(), firsts.end()) == firsts.end());
    }

    void streamIndependence()
    {
        // Correlation between neighbouring streams, at lag 0 and 1, is within 5 standard errors of 0.
        constexpr int n = 200000;
        for (std::uint64_t s = 0; s < 4; ++s) {
            Rng a(9, s), b(9, s + 1);
            std::vector<double> x(n), y(n);
            for (int i = 0; i < n; ++i) {
                x[static_cast<std::size_t>(i)] = a.uniform() - 0.5;
                y[static_cast<std::size_t>(i)] = b.uniform() - 0.5;
            }
            double lag0 = 0.0, lag1 = 0.0;
            for (int i = 0; i + 1 < n; ++i) {
                lag0 += x[static_cast<std::size_t>(i)] * y[static_cast<std::size_t>(i)];
                lag1 += x[static_cast<std::size_t>(i)] * y[static_cast<std::size_t>(i) + 1];
            }
            const double se = std::sqrt(static_cast<double>(n)) / 12.0; // sd of a sum of n products
            QVERIFY2(std::abs(lag0) < 5.0 * se, qPrintable(QString::number(lag0 / se)));
            QVERIFY2(std::abs(lag1) < 5.0 * se, qPrintable(QString::number(lag1 / se)));
        }
        // Per-cell style usage: the k-th normal of stream s across many streams is N(0,1).
        std::vector<double> firstNormals;
        for (std::uint64_t s = 0; s < 100000; ++s) {
            Rng r(3, s);
            firstNormals.push_back(r.normal());
        }
        checkMoments(firstNormals, 0.0, 1.0, "first normal across streams");
    }

    void uniformAndBelow()
    {
        Rng rng(11);
        auto u = draw(200000, [&] { return rng.uniform(); });
        QVERIFY(*std::min_element(u.begin(), u.end()) >= 0.0);
        QVERIFY(*std::max_element(u.begin(), u.end()) < 1.0);
        checkMoments(u, 0.5, 1.0 / 12.0, "uniform");
        auto uo = draw(200000, [&] { return rng.uniformOpen(); });
        QVERIFY(*std::min_element(uo.begin(), uo.end()) > 0.0);
        QVERIFY(*std::max_element(uo.begin(), uo.end()) < 1.0);
        std::vector<std::int64_t> b(120000);
        for (auto& v : b)
            v = static_cast<std::int64_t>(rng.below(6));
        QVERIFY(*std::max_element(b.begin(), b.end()) == 5);
        QVERIFY(std::abs(chiSquareZ(b, [](std::int64_t k) { return k < 6 ? 1.0 / 6.0 : 0.0; }, 5)) < 5.0);
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.below(0));
    }

    void normal()
    {
        Rng rng(12);
        auto x = draw(400000, [&] { return rng.normal(); });
        checkMoments(x, 0.0, 1.0, "normal");
        // Tail mass beyond 2 sd: 0.0455.
        const double tail = static_cast<double>(std::count_if(x.begin(), x.end(), [](double v) { return std::abs(v) > 2.0; }))
                            / static_cast<double>(x.size());
        QVERIFY(std::abs(tail - 0.0455) < 5.0 * std::sqrt(0.0455 * 0.9545 / static_cast<double>(x.size())));
        auto y = draw(100000, [&] { return rng.normal(3.0, 0.5); });
        checkMoments(y, 3.0, 0.25, "normal(3, 0.5)");
    }

    void gamma_data()
    {
        QTest::addColumn<double>("shape");
        QTest::addColumn<double>("scale");
        QTest::newRow("0.1") << 0.1 << 1.0;
        QTest::newRow("0.5") << 0.5 << 2.0;
        QTest::newRow("1") << 1.0 << 1.0;
        QTest::newRow("2.5") << 2.5 << 0.4;
        QTest::newRow("10") << 10.0 << 3.0;
        QTest::newRow("200") << 200.0 << 0.01;
    }
    void gamma()
    {
        QFETCH(double, shape);
        QFETCH(double, scale);
        Rng rng(13, static_cast<std::uint64_t>(shape * 1000));
        auto x = draw(300000, [&] { return rng.gamma(shape, scale); });
        QVERIFY(*std::min_element(x.begin(), x.end()) >= 0.0);
        checkMoments(x, shape * scale, shape * scale * scale, "gamma");
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.gamma(0.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.gamma(1.0, -1.0));
    }

    void poisson_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::newRow("0.05") << 0.05;
        QTest::newRow("1") << 1.0;
        QTest::newRow("4.5") << 4.5;
        QTest::newRow("9.99") << 9.99;
        QTest::newRow("10 (PTRS)") << 10.0;
        QTest::newRow("37") << 37.0;
        QTest::newRow("1000") << 1000.0;
        QTest::newRow("1e6") << 1e6;
    }
    void poisson()
    {
        QFETCH(double, lambda);
        Rng rng(14, static_cast<std::uint64_t>(lambda * 100));
        std::vector<std::int64_t> k(300000);
        for (auto& v : k)
            v = rng.poisson(lambda);
        std::vector<double> x(k.begin(), k.end());
        QVERIFY(*std::min_element(x.begin(), x.end()) >= 0.0);
        checkMoments(x, lambda, lambda, "poisson");
        // The whole shape, not only two moments (catches a wrong PTRS acceptance step).
        if (lambda <= 1000.0) {
            const auto maxK = static_cast<std::int64_t>(lambda + 8.0 * std::sqrt(lambda) + 10.0);
            const double z = chiSquareZ(k, [&](std::int64_t j) { return poissonPmf(lambda, j); }, maxK);
            QVERIFY2(std::abs(z) < 5.0, qPrintable(QStringLiteral("chi-square z = %1").arg(z)));
        }
        QCOMPARE(rng.poisson(0.0), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.poisson(-1.0));
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.poisson(std::nan("")));
    }

    void negativeBinomial_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("dispersion");
        QTest::newRow("0.02, 0.1") << 0.02 << 0.1;
        QTest::newRow("0.5, 0.2") << 0.5 << 0.2;
        QTest::newRow("3, 0.5") << 3.0 << 0.5;
        QTest::newRow("12, 0.05") << 12.0 << 0.05;
        QTest::newRow("15.9, 1") << 15.9 << 1.0;
        QTest::newRow("16, 1") << 16.0 << 1.0;
        QTest::newRow("50, 0.1") << 50.0 << 0.1;
        QTest::newRow("400, 2") << 400.0 << 2.0;
        QTest::newRow("poisson 5") << 5.0 << 0.0;
    }
    void negativeBinomial()
    {
        QFETCH(double, mean);
        QFETCH(double, dispersion);
        const double var = mean + dispersion * mean * mean;
        for (int method = 0; method < 2; ++method) {
            Rng rng(15, static_cast<std::uint64_t>(mean * 1000 + dispersion * 10) * 2 + static_cast<std::uint64_t>(method));
            std::vector<std::int64_t> k(300000);
            for (auto& v : k)
                v = method == 0 ? rng.negativeBinomial(mean, dispersion) : rng.negativeBinomialInversion(mean, dispersion);
            std::vector<double> x(k.begin(), k.end());
            QVERIFY(*std::min_element(x.begin(), x.end()) >= 0.0);
            checkMoments(x, mean, var, method == 0 ? "NB Poisson-Gamma" : "NB inversion");
            if (mean <= 50.0) {
                const auto maxK = static_cast<std::int64_t>(mean + 12.0 * std::sqrt(var) + 10.0);
                const double z = chiSquareZ(
                    k,
                    [&](std::int64_t j) { return dispersion > 0.0 ? nbPmf(mean, dispersion, j) : poissonPmf(mean, j); },
                    maxK);
                QVERIFY2(std::abs(z) < 5.0, qPrintable(QStringLiteral("method %1: chi-square z = %2").arg(method).arg(z)));
            }
        }
        Rng rng(16);
        QCOMPARE(rng.negativeBinomial(0.0, 0.3), std::int64_t(0));
        QCOMPARE(rng.negativeBinomialInversion(0.0, 0.3), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.negativeBinomial(-1.0, 0.3));
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidParameter, rng.negativeBinomialInversion(1.0, -0.3));
    }
};

QTEST_APPLESS_MAIN(TestRandom)
#include "tst_random.moc"
