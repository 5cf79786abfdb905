// Gene statistics against a direct dense computation (numpy's mean / var with ddof 0 and 1).
#include <QtTest>
#include <cmath>
#include <random>

#include "analysis/analysis_registry.h"
#include "analysis/analysis_runner.h"
#include "compute/cpu_backend.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;

namespace {

Dataset randomDataset(int cells, int genes, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    Dataset d;
    CsrMatrix m;
    m.rows = cells;
    m.cols = genes;
    m.indptr.push_back(0);
    for (int c = 0; c < cells; ++c) {
        for (int g = 0; g < genes; ++g)
            if (u(rng) < 0.2 + 0.6 * (g % 3 == 0)) {
                m.indices.push_back(g);
                m.data.push_back(static_cast<float>(1 + std::floor(20 * u(rng))));
            }
        m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
    }
    d.X = Matrix(m);
    for (int c = 0; c < cells; ++c)
        d.obs.index.push_back("c" + std::to_string(c));
    for (int g = 0; g < genes; ++g)
        d.var.index.push_back("g" + std::to_string(g));
    return d;
}

DenseMatrix toDense(const CsrMatrix& m)
{
    DenseMatrix dense = DenseMatrix::Zero(m.rows, m.cols);
    for (std::int64_t r = 0; r < m.rows; ++r)
        for (auto k = m.indptr[r]; k < m.indptr[r + 1]; ++k)
            dense(r, m.indices[k]) = m.data[k];
    return dense;
}

struct Run {
    std::shared_ptr<const AnalysisResult> result;
    ResultTable table;
    const std::vector<double>& column(const char* name) const
    {
        for (std::size_t c = 0; c < table.columnNames.size(); ++c)
            if (table.columnNames[c] == name)
                return std::get<std::vector<double>>(table.columns[c]);
        throw std::runtime_error(name);
    }
};

Run run(const Dataset& d, nlohmann::json params)
{
    JobSpec spec;
    spec.analysis = "gene-stats";
    spec.params = std::move(params);
    NullProgress progress;
    NeverCancel cancel;
    CpuBackend cpu;
    Run r;
    r.result = runJobSpec(spec, d, progress, cancel, cpu);
    r.table = r.result->tables().at(0);
    return r;
}

} // namespace

class TestGeneStatsAnalysis : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesDenseReference_data()
    {
        QTest::addColumn<QString>("variance");
        QTest::addColumn<double>("ddof");
        QTest::newRow("sample") << "sample" << 1.0;
        QTest::newRow("population") << "population" << 0.0;
    }

    void matchesDenseReference()
    {
        QFETCH(QString, variance);
        QFETCH(double, ddof);
        const Dataset d = randomDataset(300, 40, 1);
        const DenseMatrix dense = toDense(*d.X.csr());
        const Run r = run(d, {{"variance", variance.toStdString()}, {"min_cells", 0}});
        for (int g = 0; g < 40; ++g) {
            const Eigen::VectorXd col = dense.col(g).cast<double>();
            const double mean = col.mean();
            const double var = (col.array() - mean).square().sum() / (col.size() - ddof);
            const double frac = static_cast<double>((col.array() != 0).count()) / col.size();
            QVERIFY(std::abs(r.column("mean")[g] - mean) <= 1e-12 * std::max(1.0, mean));
            QVERIFY(std::abs(r.column("variance")[g] - var) <= 1e-10 * std::max(1.0, var));
            QCOMPARE(r.column("fraction_expressing")[g], frac);
            QCOMPARE(r.column("dispersion")[g], r.column("variance")[g] / r.column("mean")[g]);
        }
    }

    void densePathAgreesWithSparse()
    {
        Dataset sparse = randomDataset(120, 25, 2);
        Dataset dense = sparse;
        dense.X = toDense(*sparse.X.csr());
        Dataset csc = sparse;
        csc.X = toCsc(*sparse.X.csr());
        const Run a = run(sparse, {}), b = run(dense, {}), c = run(csc, {});
        for (const char* col : {"mean", "variance", "fraction_expressing", "n_cells", "total"})
            for (int g = 0; g < 25; ++g) {
                QVERIFY(std::abs(a.column(col)[g] - b.column(col)[g]) <= 1e-12 * std::max(1.0, std::abs(a.column(col)[g])));
                QVERIFY(std::abs(a.column(col)[g] - c.column(col)[g]) <= 1e-12 * std::max(1.0, std::abs(a.column(col)[g])));
            }
    }

    void filterAndWriteInto()
    {
        Dataset d = randomDataset(200, 30, 3);
        const Run r = run(d, {{"min_cells", 100}});
        const auto& n = r.column("n_cells");
        const auto& pass = r.column("passes_filter");
        int passing = 0;
        for (int g = 0; g < 30; ++g) {
            QCOMPARE(pass[g] == 1.0, n[g] >= 100);
            passing += pass[g] == 1.0;
        }
        QVERIFY(passing > 0 && passing < 30); // the fixture has both kinds of gene
        r.result->writeInto(d);
        QVERIFY(d.var.find("mean_counts"));
        QVERIFY(d.var.find("n_cells_by_counts"));
        QVERIFY(d.var.find("gene_stats_pass"));
        QVERIFY(d.modified.count("var/mean_counts") && d.modified.count("uns/gene_stats"));
        QCOMPARE(d.uns["gene_stats"]["params"]["min_cells"].get<int>(), 100);
    }

    void badInputIsNamed()
    {
        const Dataset d = randomDataset(10, 5, 4);
        try {
            run(d, {{"layer", "counts"}});
            QFAIL("no exception");
        } catch (const InvalidParameter& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("counts")), e.what());
        }
    }

    void cancelledBeforeStartThrows()
    {
        const Dataset d = randomDataset(5000, 50, 5);
        JobSpec spec;
        spec.analysis = "gene-stats";
        CancelFlag cancel;
        cancel.cancel();
        NullProgress progress;
        CpuBackend cpu;
        QVERIFY_THROWS_EXCEPTION(Cancelled, runJobSpec(spec, d, progress, cancel, cpu));
    }
};

QTEST_APPLESS_MAIN(TestGeneStatsAnalysis)
#include "tst_genestatsanalysis.moc"
