// Count checks: what was found, and which matrix to choose instead.
#include <QtTest>
#include <cmath>

#include "analysis/delnx/count_validation.h"
#include "util/cancel_token.h"
#include "util/errors.h"

using namespace scdesk;
using namespace scdesk::delnx;

namespace {

CsrMatrix sparse(const std::vector<std::vector<float>>& rows)
{
    CsrMatrix m;
    m.rows = static_cast<std::int64_t>(rows.size());
    m.cols = static_cast<std::int64_t>(rows.front().size());
    m.indptr.push_back(0);
    for (const auto& r : rows) {
        for (std::size_t c = 0; c < r.size(); ++c)
            if (r[c] != 0) {
                m.indices.push_back(static_cast<std::int32_t>(c));
                m.data.push_back(r[c]);
            }
        m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
    }
    return m;
}

Dataset dataset()
{
    Dataset d;
    d.obs.index = {"c1", "c2", "c3"};
    d.var.index = {"g1", "g2"};
    const std::vector<std::vector<float>> counts{{0, 3}, {1, 0}, {2, 5}};
    d.layers["counts"] = Matrix(sparse(counts));
    // log1p(normalised): 0.693 = log(2).
    d.X = Matrix(sparse({{0, 1.386f}, {0.693f, 0}, {1.0986f, 1.79f}}));
    DenseMatrix scaled(3, 2);
    scaled << -0.5f, 1.2f, 0.3f, -1.1f, 0.2f, 0.4f;
    d.layers["scaled"] = Matrix(scaled);
    return d;
}

QString message(const Dataset& d, const std::string& layer)
{
    const NeverCancel cancel;
    try {
        requireCounts(d, layer, cancel);
    } catch (const InvalidInput& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestCountValidation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countsPass()
    {
        const NeverCancel cancel;
        const Dataset d = dataset();
        QVERIFY(checkCounts(d.layers.at("counts"), cancel).ok());
        requireCounts(d, "counts", cancel);
        QCOMPARE(layersWithCounts(d, cancel), (std::vector<std::string>{"counts"}));
    }

    void logNormalisedXNamesTheCountsLayer()
    {
        const NeverCancel cancel;
        const Dataset d = dataset();
        const CountCheck check = checkCounts(d.X, cancel);
        QCOMPARE(check.nonInteger, 4);
        QCOMPARE(check.negative, 0);
        const QString msg = message(d, "X");
        QVERIFY2(msg.startsWith("X does not hold raw counts"), qPrintable(msg));
        QVERIFY2(msg.contains("4 non-integer values"), qPrintable(msg));
        QVERIFY2(msg.contains("1.386"), qPrintable(msg)); // the first stored value found
        QVERIFY2(msg.contains("log-normalised"), qPrintable(msg));
        QVERIFY2(msg.contains("Choose layer 'counts'") && msg.contains("--layer counts"), qPrintable(msg));
        QCOMPARE(message(d, ""), msg);
    }

    void negativeValues()
    {
        const NeverCancel cancel;
        const Dataset d = dataset();
        const CountCheck check = checkCounts(d.layers.at("scaled"), cancel);
        QCOMPARE(check.negative, 2);
        QCOMPARE(check.nonInteger, 4);
        QCOMPARE(check.firstNegative, -0.5);
        const QString msg = message(d, "scaled");
        QVERIFY2(msg.startsWith("layer 'scaled' does not hold raw counts"), qPrintable(msg));
        QVERIFY2(msg.contains("2 negative values (e.g. -0.5)"), qPrintable(msg));
        QVERIFY2(msg.contains("layer 'counts'"), qPrintable(msg));
    }

    void nonFiniteValuesAreNotCounts()
    {
        const NeverCancel cancel;
        DenseMatrix m(1, 3);
        m << 1.0f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN();
        QCOMPARE(checkCounts(Matrix(m), cancel).nonInteger, 2);
    }

    void noCountsAnywhere()
    {
        Dataset d = dataset();
        d.layers.erase("counts");
        const QString msg = message(d, "X");
        QVERIFY2(msg.contains("No matrix in this dataset holds counts"), qPrintable(msg));
    }

    void manyBlocksMatchTheSerialCount()
    {
        // Beyond one parallel block (2^20 values): counts add up and the example is the first one.
        const NeverCancel cancel;
        DenseMatrix m = DenseMatrix::Constant(1500, 1000, 2.0f);
        m(1200, 10) = 0.5f;
        m(1400, 999) = 0.25f;
        m(3, 3) = -1.0f;
        const CountCheck check = checkCounts(Matrix(m), cancel);
        QCOMPARE(check.nonInteger, 2);
        QCOMPARE(check.firstNonInteger, 0.5);
        QCOMPARE(check.negative, 1);
    }

    void cancelStops()
    {
        CancelFlag flag;
        flag.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, checkCounts(dataset().X, flag));
    }
};

QTEST_APPLESS_MAIN(TestCountValidation)
#include "tst_countvalidation.moc"
