// Pseudobulk sums and filters on a hand-made dataset (numbers checked by hand), the three storage
// layouts agreeing, and the per-sample consistency check of condition and covariates.
#include <QtTest>

#include "analysis/delnx/pseudobulk.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;
using namespace scdesk::delnx;

namespace {

// 10 cells × 3 genes. Samples: s1 = cells 0-3, s2 = cells 4-7, s3 = cells 8-9 (2 cells).
// Types: T (even cells) and U (odd cells).
DenseMatrix denseCounts()
{
    DenseMatrix m(10, 3);
    m << 1, 0, 100, //
        2, 0, 200,  //
        3, 1, 300,  //
        4, 0, 400,  //
        0, 5, 10,   //
        0, 6, 20,   //
        7, 0, 30,   //
        0, 8, 40,   //
        9, 9, 9,    //
        1, 1, 1;
    return m;
}

CsrMatrix toCsrMatrix(const DenseMatrix& d)
{
    CsrMatrix m;
    m.rows = d.rows();
    m.cols = d.cols();
    m.indptr.push_back(0);
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        for (Eigen::Index c = 0; c < d.cols(); ++c)
            if (d(r, c) != 0) {
                m.indices.push_back(static_cast<std::int32_t>(c));
                m.data.push_back(d(r, c));
            }
        m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
    }
    return m;
}

Dataset handMade(Matrix x)
{
    Dataset d;
    d.X = std::move(x);
    for (int i = 0; i < 10; ++i)
        d.obs.index.push_back(std::string("c").append(std::to_string(i))); // GCC 12 -Wrestrict false positive on "c" + …
    d.var.index = {"g1", "g2", "g3"};
    d.obs.set({"sample", CategoricalColumn{{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}, {"s1", "s2", "s3"}, false}});
    d.obs.set({"type", StringColumn{.values = {"T", "U", "T", "U", "T", "U", "T", "U", "T", "U"}}});
    d.obs.set({"cond", CategoricalColumn{{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, {"ctrl", "stim"}, false}});
    d.obs.set({"age", NumericColumn{.values = {30, 30, 30, 30, 40, 40, 40, 40, 50, 50}}});
    d.obs.set({"qc", NumericColumn{.values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}}); // varies within samples
    return d;
}

PseudobulkOptions noFilters()
{
    PseudobulkOptions o;
    o.sampleKey = "sample";
    o.carry = {"cond", "age"};
    o.minCells = 0;
    o.minCounts = 0;
    return o;
}

const NumericColumn& numeric(const DataFrame& f, const char* name)
{
    return std::get<NumericColumn>(f.require(name, "obs").data);
}

} // namespace

class TestPseudobulk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sumsPerSampleAreExact()
    {
        NullProgress progress;
        const NeverCancel cancel;
        const Pseudobulk pb = pseudobulk(handMade(Matrix(toCsrMatrix(denseCounts()))), noFilters(), progress, cancel);
        QCOMPARE(pb.counts.rows(), 3);
        Eigen::MatrixXd expected(3, 3);
        expected << 10, 1, 1000, 7, 19, 100, 10, 10, 10;
        QCOMPARE(pb.counts, expected);
        QCOMPARE(pb.obs.index, (std::vector<std::string>{"s1", "s2", "s3"}));
        QCOMPARE(numeric(pb.obs, "n_cells").values, (std::vector<double>{4, 4, 2}));
        QCOMPARE(numeric(pb.obs, "total_counts").values, (std::vector<double>{1011, 126, 30}));
        const auto& cond = std::get<CategoricalColumn>(pb.obs.require("cond", "obs").data);
        QCOMPARE(cond.categories, (std::vector<std::string>{"ctrl", "stim"}));
        QCOMPARE(cond.codes, (std::vector<std::int32_t>{0, 1, 1}));
        QCOMPARE(numeric(pb.obs, "age").values, (std::vector<double>{30, 40, 50}));
        QCOMPARE(pb.droppedFewCells, 0);
        QCOMPARE(pb.droppedFewCounts, 0);
    }

    void layoutsAgree()
    {
        NullProgress progress;
        const NeverCancel cancel;
        const DenseMatrix dense = denseCounts();
        const auto a = pseudobulk(handMade(Matrix(toCsrMatrix(dense))), noFilters(), progress, cancel);
        const auto b = pseudobulk(handMade(Matrix(toCsc(toCsrMatrix(dense)))), noFilters(), progress, cancel);
        const auto c = pseudobulk(handMade(Matrix(dense)), noFilters(), progress, cancel);
        QCOMPARE(a.counts, b.counts);
        QCOMPARE(a.counts, c.counts);
    }

    void withinGroups()
    {
        NullProgress progress;
        const NeverCancel cancel;
        PseudobulkOptions o = noFilters();
        o.groupKey = "type";
        const Pseudobulk pb = pseudobulk(handMade(Matrix(toCsrMatrix(denseCounts()))), o, progress, cancel);
        // Group T first (sorted text levels), samples within.
        QCOMPARE(pb.obs.index, (std::vector<std::string>{"s1_T", "s2_T", "s3_T", "s1_U", "s2_U", "s3_U"}));
        QCOMPARE(pb.groupLevels, (std::vector<std::string>{"T", "U"}));
        QCOMPARE(pb.groupOf, (std::vector<int>{0, 0, 0, 1, 1, 1}));
        Eigen::MatrixXd expected(6, 3);
        expected << 4, 1, 400, 7, 5, 40, 9, 9, 9, //
            6, 0, 600, 0, 14, 60, 1, 1, 1;
        QCOMPARE(pb.counts, expected);
        QCOMPARE(numeric(pb.obs, "n_cells").values, (std::vector<double>{2, 2, 1, 2, 2, 1}));
    }

    void filtersDropAndCount()
    {
        NullProgress progress;
        const NeverCancel cancel;
        PseudobulkOptions o = noFilters();
        o.minCells = 3;   // drops s3 (2 cells)
        o.minCounts = 500; // then drops s2 (126 counts)
        const Pseudobulk pb = pseudobulk(handMade(Matrix(toCsrMatrix(denseCounts()))), o, progress, cancel);
        QCOMPARE(pb.obs.index, (std::vector<std::string>{"s1"}));
        QCOMPARE(pb.droppedFewCells, 1);
        QCOMPARE(pb.droppedFewCounts, 1);
        QCOMPARE(pb.counts.rows(), 1);
        // delnx defaults: 5 cells, 5000 counts.
        const PseudobulkOptions defaults;
        QCOMPARE(defaults.minCells, 5);
        QCOMPARE(defaults.minCounts, 5000.0);
    }

    void inconsistentCovariateIsNamed()
    {
        NullProgress progress;
        const NeverCancel cancel;
        PseudobulkOptions o = noFilters();
        o.carry = {"cond", "qc"};
        try {
            pseudobulk(handMade(Matrix(toCsrMatrix(denseCounts()))), o, progress, cancel);
            QFAIL("expected InvalidInput");
        } catch (const InvalidInput& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("'qc'") && msg.contains("not constant") && msg.contains("'s1'"), qPrintable(msg));
        }
    }

    void missingSampleIsAnError()
    {
        NullProgress progress;
        const NeverCancel cancel;
        Dataset d = handMade(Matrix(toCsrMatrix(denseCounts())));
        d.obs.set({"sample", CategoricalColumn{{0, 0, 0, 0, 1, 1, 1, -1, 2, 2}, {"s1", "s2", "s3"}, false}});
        QVERIFY_THROWS_EXCEPTION(InvalidInput, pseudobulk(d, noFilters(), progress, cancel));
    }
};

QTEST_APPLESS_MAIN(TestPseudobulk)
#include "tst_pseudobulk.moc"
