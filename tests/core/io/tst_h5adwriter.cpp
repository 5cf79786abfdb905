// writeH5ad, `scdesk-cli convert` and `scdesk-cli demo --out`: files are read back with Python's
// anndata / h5py (check_h5ad_with_anndata.py next to this file) and compared with the model.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "data/demo_generator.h"
#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/h5ad_writer.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;
using nlohmann::json;

// JSON comparison that prints both sides on failure.
#define JCOMPARE(actual, expected)                                                                                     \
    QCOMPARE(QString::fromStdString(json(actual).dump()), QString::fromStdString(json(expected).dump()))

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

QString scriptPath()
{
    return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/check_h5ad_with_anndata.py");
}

QString corpus(const char* name)
{
    return QStringLiteral(SCDESK_SHARED_DIR "/data/h5ad/") + QString::fromUtf8(name);
}

class RecordingProgress final : public ProgressSink {
public:
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t, std::string_view) override
    {
        if (++m_steps == cancelAtStep && flag)
            flag->cancel();
    }
    void log(LogLevel level, std::string_view message) override
    {
        std::lock_guard lock(m_mutex);
        if (level == LogLevel::Warning)
            warnings.emplace_back(message);
    }
    std::vector<std::string> warnings;
    CancelFlag* flag = nullptr;
    int cancelAtStep = -1;

private:
    std::mutex m_mutex;
    int m_steps = 0;
};

QByteArray fileChecksum(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

bool relClose(double a, double b, double tol = 1e-6)
{
    return std::abs(a - b) <= tol * std::max({1.0, std::abs(a), std::abs(b)});
}

double matrixSum(const Matrix& m)
{
    double s = 0;
    if (const auto* c = m.csr())
        for (float v : c->data)
            s += v;
    else if (const auto* d = m.csc())
        for (float v : d->data)
            s += v;
    else if (const auto* e = m.dense())
        for (Eigen::Index i = 0; i < e->size(); ++i)
            s += e->data()[i];
    return s;
}

std::vector<std::string> indexNames(const char* prefix, int n)
{
    std::vector<std::string> v;
    for (int i = 0; i < n; ++i)
    {
        std::string name(prefix); // (prefix + to_string trips a GCC 12 -Wrestrict false positive)
        name += std::to_string(i);
        v.push_back(std::move(name));
    }
    return v;
}

CsrMatrix smallCsr(int rows, int cols, float scale)
{
    CsrMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.indptr.push_back(0);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
            if ((r + 2 * c) % 3 == 0) {
                m.indices.push_back(c);
                m.data.push_back(scale * static_cast<float>(r + c + 1));
            }
        m.indptr.push_back(static_cast<std::int64_t>(m.data.size()));
    }
    return m;
}

// Every column type, sparse and dense matrices, obsm of all kinds, raw and a nested uns.
Dataset everyTypeDataset()
{
    Dataset d;
    d.obs.indexName = "cell";
    d.obs.index = indexNames("c", 6);
    d.obs.columns.push_back({"cat", CategoricalColumn{{0, 1, -1, 2, 0, 1}, {"B", "A", "T"}, true}});
    CategoricalColumn wide;
    for (int i = 0; i < 200; ++i) {
        std::string name("k");
        name += std::to_string(i);
        wide.categories.push_back(std::move(name));
    }
    wide.codes = {0, 150, 199, -1, 7, 150};
    d.obs.columns.push_back({"wide_cat", wide});
    d.obs.columns.push_back({"nint", NumericColumn{{1, 2, 0, 4, -5, 6}, {0, 0, 1, 0, 0, 0}, true}});
    d.obs.columns.push_back({"nbool", BoolColumn{{1, 0, 0, 1, 1, 0}, {0, 0, 0, 0, 1, 0}}});
    d.obs.columns.push_back({"nstr", StringColumn{{"x", "", "y", "x", "z", "ü"}, {0, 1, 0, 0, 0, 0}}});
    d.obs.columns.push_back({"flag", BoolColumn{{1, 0, 1, 1, 0, 0}, {}}});
    d.obs.columns.push_back({"count", NumericColumn{{3, 1, 4, 1, 5, 9}, {}, true}});
    d.obs.columns.push_back({"score", NumericColumn{{0.5, std::nan(""), -1.25, 1e10, 0, 2}, {}, false}});
    d.obs.columns.push_back({"label", StringColumn{{"a", "b", "c", "d", "e", "naïve"}, {}}});
    d.var.index = indexNames("g", 4);
    d.var.columns.push_back({"mean", NumericColumn{{0.1, 0.2, 0.3, 0.4}, {}, false}});
    d.X = Matrix(smallCsr(6, 4, 1.0f), "int64");
    d.layers["csc"] = Matrix(toCsc(smallCsr(6, 4, 0.5f)));
    DenseMatrix dense(6, 4);
    for (int i = 0; i < 24; ++i)
        dense.data()[i] = 0.25f * static_cast<float>(i);
    d.layers["dense"] = Matrix(dense);
    DenseMatrix pca(6, 3);
    for (int i = 0; i < 18; ++i)
        pca.data()[i] = static_cast<float>(i) - 4.5f;
    d.obsm["X_pca"] = pca;
    d.obsm["sparse"] = smallCsr(6, 5, 2.0f);
    DataFrame f;
    f.index = d.obs.index;
    f.columns.push_back({"u", NumericColumn{{1, 2, 3, 4, 5, 6}, {}, false}});
    d.obsm["frame"] = f;
    d.varm["PCs"] = DenseMatrix(DenseMatrix::Constant(4, 3, 0.5f));
    d.obsp["connectivities"] = Matrix(smallCsr(6, 6, 0.1f));
    RawData raw;
    raw.X = Matrix(smallCsr(6, 5, 1.0f));
    raw.var.index = indexNames("rg", 5);
    raw.var.columns.push_back({"gene_ids", StringColumn{{"e1", "e2", "e3", "e4", "e5"}, {}}});
    d.raw = raw;
    d.uns = json::parse(R"({
        "title": "every type", "n": 5, "pi": 3.25, "flag": true,
        "nested": {"a": {"b": [1, 2, 3]}, "s": ["x", "y"], "empty": {}},
        "matrix": [[1.5, 2], [3, 4]], "smat": [["a", "b"], ["c", "d"]],
        "cat_colors": ["#ff0000", "#00ff00", "#0000ff"], "bools": [true, false],
        "none": null, "mixed": [1, "a"]})");
    return d;
}

} // namespace

class TestH5adWriter : public QObject {
    Q_OBJECT

    // Runs the check script; QSKIPs (via the return value) when python/anndata are missing.
    bool runScript(const QStringList& args, json& out, QString& why)
    {
        if (!QFileInfo::exists(kPython) || !QFileInfo::exists(scriptPath())) {
            why = QStringLiteral("/usr/bin/python3 or the check script is missing");
            return false;
        }
        QProcess p;
        p.start(kPython, QStringList{scriptPath()} + args);
        if (!p.waitForFinished(240000)) {
            why = QStringLiteral("the check script did not finish");
            return false;
        }
        if (p.exitCode() == 3) {
            why = QStringLiteral("python3 lacks anndata/h5py: ") + QString::fromUtf8(p.readAllStandardOutput());
            return false;
        }
        const QByteArray stdoutText = p.readAllStandardOutput();
        if (p.exitCode() != 0) {
            qWarning().noquote() << p.readAllStandardError();
            out = json();
            return true;
        }
        out = json::parse(stdoutText.toStdString(), nullptr, false);
        return true;
    }

#define SCDESK_RUN_SCRIPT(args, out)                                                                                    \
    do {                                                                                                               \
        QString why_;                                                                                                  \
        if (!runScript(args, out, why_))                                                                               \
            QSKIP(qPrintable(why_));                                                                                   \
        QVERIFY2(out.is_object(), "the check script failed (see the warning above)");                                 \
    } while (0)

    static QString cli()
    {
        const QString path = QStringLiteral(SCDESK_BIN_DIR "/scdesk-cli");
        if (!QFileInfo::exists(path))
            qWarning("scdesk-cli is not built: %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void demoDatasetReadsInAnndata()
    {
        QTemporaryDir dir;
        const Dataset d = generateDemoDataset(DemoOptions{3, 300, 120});
        const QString out = dir.filePath(QStringLiteral("demo.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(d, out.toStdString(), progress, never);
        json s;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), s);
        QCOMPARE(s["root_attrs"]["encoding-type"], "anndata");
        QCOMPARE(s["root_attrs"]["encoding-version"], "0.1.0");
        QCOMPARE(s["n_obs"].get<int>(), 300);
        QCOMPARE(s["n_vars"].get<int>(), 120);
        QCOMPARE(s["X"]["kind"], "csr");
        QCOMPARE(s["X"]["nnz"].get<std::int64_t>(), d.X.storedValues());
        QVERIFY(relClose(s["X"]["sum"].get<double>(), matrixSum(d.X)));
        QCOMPARE(s["obs"]["index_name"], d.obs.indexName);
        QCOMPARE(s["obs"]["index"].get<std::vector<std::string>>(), d.obs.index);
        QCOMPARE(s["var"]["index"].get<std::vector<std::string>>(), d.var.index);
        std::vector<std::string> obsColumns;
        for (const auto& c : d.obs.columns) {
            obsColumns.push_back(c.name);
            const auto& info = s["obs"]["info"][c.name];
            const std::string dtype = s["obs"]["dtypes"][c.name];
            if (const auto* cat = std::get_if<CategoricalColumn>(&c.data)) {
                QCOMPARE(dtype, std::string("category"));
                QCOMPARE(info["categories"].get<std::vector<std::string>>(), cat->categories);
                QCOMPARE(info["codes"].get<std::vector<int>>(), std::vector<int>(cat->codes.begin(), cat->codes.end()));
            } else if (std::holds_alternative<BoolColumn>(c.data)) {
                QCOMPARE(dtype, std::string("bool"));
            } else if (const auto* num = std::get_if<NumericColumn>(&c.data)) {
                QCOMPARE(dtype, std::string(num->integer ? "int64" : "float64"));
                double sum = 0;
                for (double v : num->values)
                    sum += v;
                QVERIFY(relClose(info["sum"].get<double>(), sum));
            }
        }
        QCOMPARE(s["obs"]["columns"].get<std::vector<std::string>>(), obsColumns);
        for (const auto& [k, a] : d.obsm)
            QCOMPARE(s["obsm"][k]["shape"].get<std::vector<std::int64_t>>(),
                     (std::vector<std::int64_t>{axisArrayRows(a), axisArrayCols(a)}));
        QCOMPARE(s["obsm"]["X_umap"]["dtype"], "float32");
        // X_rna (300 × 512) and gene_embedding are above the compression threshold: gzip chunks.
        for (const auto* axis : {&d.obsm, &d.varm})
            for (const auto& [k, a] : *axis) {
                const auto& info = (axis == &d.obsm ? s["obsm"] : s["varm"])[k];
                double sum = 0;
                for (Eigen::Index i = 0; i < denseOf(a)->size(); ++i)
                    sum += denseOf(a)->data()[i];
                QVERIFY2(relClose(info["sum"].get<double>(), sum, 1e-5), k.c_str());
            }
        QCOMPARE(s["uns"]["cell_type_colors"], d.uns["cell_type_colors"]);
        QCOMPARE(s["uns"]["demo"]["seed"].get<int>(), 3);
    }

    void everyTypeReadsInAnndata()
    {
        QTemporaryDir dir;
        const Dataset d = everyTypeDataset();
        const QString out = dir.filePath(QStringLiteral("types.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(d, out.toStdString(), progress, never);
        // null and the mixed array are skipped with a warning; the masked strings become categorical.
        QCOMPARE(progress.warnings.size(), std::size_t{3});
        json s;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), s);
        const auto& obs = s["obs"];
        QCOMPARE(obs["index_name"], "cell");
        QCOMPARE(obs["columns"].get<std::vector<std::string>>(),
                 (std::vector<std::string>{"cat", "wide_cat", "nint", "nbool", "nstr", "flag", "count", "score", "label"}));
        QCOMPARE(obs["dtypes"]["cat"], "category");
        QCOMPARE(obs["info"]["cat"]["ordered"], true);
        JCOMPARE(obs["info"]["cat"]["categories"], json({"B", "A", "T"}));
        JCOMPARE(obs["info"]["cat"]["codes"], json({0, 1, -1, 2, 0, 1}));
        JCOMPARE(obs["info"]["cat"]["na"], json({2}));
        QCOMPARE(obs["info"]["wide_cat"]["ordered"], false);
        JCOMPARE(obs["info"]["wide_cat"]["codes"], json({0, 150, 199, -1, 7, 150}));
        QCOMPARE(obs["dtypes"]["nint"], "Int64");
        JCOMPARE(obs["info"]["nint"]["na"], json({2}));
        JCOMPARE(obs["info"]["nint"]["values"], json({1.0, 2.0, nullptr, 4.0, -5.0, 6.0}));
        QCOMPARE(obs["dtypes"]["nbool"], "boolean");
        JCOMPARE(obs["info"]["nbool"]["na"], json({4}));
        JCOMPARE(obs["info"]["nbool"]["values"], json({1.0, 0.0, 0.0, 1.0, nullptr, 0.0}));
        QCOMPARE(obs["dtypes"]["nstr"], "category");
        JCOMPARE(obs["info"]["nstr"]["na"], json({1}));
        JCOMPARE(obs["info"]["nstr"]["categories"], json({"x", "y", "z", "ü"}));
        QCOMPARE(obs["dtypes"]["flag"], "bool");
        JCOMPARE(obs["info"]["flag"]["values"], json({1.0, 0.0, 1.0, 1.0, 0.0, 0.0}));
        QCOMPARE(obs["dtypes"]["count"], "int64");
        QCOMPARE(obs["info"]["count"]["sum"].get<double>(), 23.0);
        QCOMPARE(obs["dtypes"]["score"], "float64");
        JCOMPARE(obs["info"]["score"]["na"], json({1}));
        QVERIFY(relClose(obs["info"]["score"]["sum"].get<double>(), 0.5 - 1.25 + 1e10 + 2));
        QCOMPARE(obs["dtypes"]["label"], "object");
        JCOMPARE(obs["info"]["label"]["values"], json({"a", "b", "c", "d", "e", "naïve"}));
        QCOMPARE(s["var"]["index_name"], nullptr); // "_index" reads back as an unnamed index
        JCOMPARE(s["var"]["index"], json({"g0", "g1", "g2", "g3"}));

        QCOMPARE(s["X"]["kind"], "csr");
        QCOMPARE(s["X"]["dtype"], "int64"); // the source stored integers and all values are integral
        QVERIFY(relClose(s["X"]["sum"].get<double>(), matrixSum(d.X)));
        QCOMPARE(s["layers"]["csc"]["kind"], "csc");
        QCOMPARE(s["layers"]["csc"]["dtype"], "float32");
        QVERIFY(relClose(s["layers"]["csc"]["sum"].get<double>(), matrixSum(d.layers.at("csc"))));
        QCOMPARE(s["layers"]["dense"]["kind"], "dense");
        QVERIFY(relClose(s["layers"]["dense"]["sum"].get<double>(), matrixSum(d.layers.at("dense"))));
        QCOMPARE(s["obsm"]["X_pca"]["dtype"], "float32");
        JCOMPARE(s["obsm"]["X_pca"]["shape"], json({6, 3}));
        QCOMPARE(s["obsm"]["sparse"]["kind"], "csr");
        JCOMPARE(s["obsm"]["sparse"]["shape"], json({6, 5}));
        QCOMPARE(s["obsm"]["frame"]["kind"], "dataframe");
        JCOMPARE(s["obsm"]["frame"]["columns"], json({"u"}));
        JCOMPARE(s["varm"]["PCs"]["shape"], json({4, 3}));
        JCOMPARE(s["obsp"]["connectivities"]["shape"], json({6, 6}));
        QCOMPARE(s["raw"]["n_vars"], 5);
        JCOMPARE(s["raw"]["var_columns"], json({"gene_ids"}));
        QVERIFY(relClose(s["raw"]["X"]["sum"].get<double>(), matrixSum(d.raw->X)));

        const auto& uns = s["uns"];
        QCOMPARE(uns["title"], "every type");
        QCOMPARE(uns["n"], 5);
        QCOMPARE(uns["pi"], 3.25);
        QCOMPARE(uns["flag"], true);
        JCOMPARE(uns["nested"]["a"]["b"], json({1, 2, 3}));
        JCOMPARE(uns["nested"]["s"], json({"x", "y"}));
        JCOMPARE(uns["nested"]["empty"], json::object());
        JCOMPARE(uns["matrix"], json({{1.5, 2.0}, {3.0, 4.0}}));
        JCOMPARE(uns["smat"], json::array({json::array({"a", "b"}), json::array({"c", "d"})}));
        JCOMPARE(uns["cat_colors"], json({"#ff0000", "#00ff00", "#0000ff"}));
        JCOMPARE(uns["bools"], json({true, false}));
        QVERIFY(!uns.contains("none"));
        QVERIFY(!uns.contains("mixed"));
    }

    // Arrays above the threshold go through the parallel gzip path, with type conversion and a
    // partial last chunk (300 rows in chunks of 218).
    void largeIntegerMatricesKeepTheirValues()
    {
        Dataset d;
        d.obs.index = indexNames("c", 300);
        d.var.index = indexNames("g", 300);
        DenseMatrix x(300, 300);
        for (Eigen::Index i = 0; i < x.size(); ++i)
            x.data()[i] = static_cast<float>((i * 7919) % 1000);
        d.X = Matrix(x, "int32");
        d.layers["counts"] = Matrix(smallCsr(300, 300, 1.0f), "int64");
        d.layers["scaled"] = Matrix(smallCsr(300, 300, 0.37f), "int64"); // not integral: float32
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("ints.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(d, out.toStdString(), progress, never);
        json s;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), s);
        QCOMPARE(s["X"]["dtype"], "int32");
        QCOMPARE(s["X"]["sum"].get<double>(), matrixSum(d.X));
        QCOMPARE(s["layers"]["counts"]["dtype"], "int64");
        QCOMPARE(s["layers"]["counts"]["sum"].get<double>(), matrixSum(d.layers["counts"]));
        QCOMPARE(s["layers"]["scaled"]["dtype"], "float32");
        QVERIFY(relClose(s["layers"]["scaled"]["sum"].get<double>(), matrixSum(d.layers["scaled"])));
    }

    void frameWithoutColumnsWritesEmptyColumnOrder()
    {
        QTemporaryDir dir;
        Dataset d;
        d.obs.index = indexNames("c", 3);
        d.var.index = indexNames("g", 2);
        const QString out = dir.filePath(QStringLiteral("bare.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(d, out.toStdString(), progress, never);
        json s;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), s);
        QCOMPARE(s["n_obs"], 3);
        QCOMPARE(s["n_vars"], 2);
        QVERIFY(s["X"].is_null());
        JCOMPARE(s["obs"]["columns"], json::array());
    }

    void missingFolderFailsAndLeavesNothing()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("nope/out.h5ad")).toStdString();
        RecordingProgress progress;
        NeverCancel never;
        QVERIFY_THROWS_EXCEPTION(IoError, writeH5ad(everyTypeDataset(), out, progress, never));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).size(), 0);
    }

    void readOnlyFolderFails()
    {
        QTemporaryDir dir;
        const QString ro = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkdir(ro));
        QFile::setPermissions(ro, QFile::ReadOwner | QFile::ExeOwner);
        std::string out = (ro + QStringLiteral("/out.h5ad")).toStdString();
        if (::access(ro.toLocal8Bit().constData(), W_OK) == 0)
            out = "/proc/scdesk-not-writable/out.h5ad"; // root ignores permissions: a folder no one can write
        RecordingProgress progress;
        NeverCancel never;
        try {
            writeH5ad(everyTypeDataset(), out, progress, never);
            QFAIL("writing into a read-only folder succeeded");
        } catch (const IoError& e) {
            QVERIFY2(std::string(e.what()).find(out) != std::string::npos, e.what());
        }
        QCOMPARE(QDir(ro).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).size(), 0);
        QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void existingFileReplacedOnlyOnSuccess()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(everyTypeDataset(), out.toStdString(), progress, never);
        const QByteArray before = fileChecksum(out);
        QVERIFY(!before.isEmpty());

        Dataset bad = everyTypeDataset();
        std::get<CategoricalColumn>(bad.obs.columns[0].data).codes[3] = 7; // fails half-way through obs
        QVERIFY_THROWS_EXCEPTION(InvalidInput, writeH5ad(bad, out.toStdString(), progress, never));
        QCOMPARE(fileChecksum(out), before);

        CancelFlag cancel;
        RecordingProgress cancelling;
        cancelling.flag = &cancel;
        cancelling.cancelAtStep = 4; // after X, obs and var
        const Dataset demo = generateDemoDataset(DemoOptions{1, 200, 100});
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeH5ad(demo, out.toStdString(), cancelling, cancel));
        QCOMPARE(fileChecksum(out), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden),
                 QStringList{QStringLiteral("out.h5ad")});

        writeH5ad(demo, out.toStdString(), progress, never);
        QVERIFY(fileChecksum(out) != before);
    }

    void copiesUntouchedElements_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("scanpy 2025") << corpus("scanpy_pbmc68k_reduced_2025.h5ad");
        QTest::newRow("cellxgene") << corpus("cxg_curation_example_valid_2025.h5ad");
        QTest::newRow("lzf strings") << corpus("generated/ad08_dense_f32_lzf.h5ad");
        QTest::newRow("int64 gzip") << corpus("generated/ad08_csr_int64_gzip.h5ad");
    }

    void copiesUntouchedElements()
    {
        QFETCH(QString, file);
        if (!QFileInfo::exists(file))
            QSKIP("the shared h5ad corpus is absent (../shared/data/h5ad)");
        const QByteArray sum = fileChecksum(file);
        const QDateTime mtime = QFileInfo(file).lastModified();
        RecordingProgress progress;
        NeverCancel never;
        Dataset d = readH5ad(file.toStdString(), progress, never);
        std::vector<double> mean(static_cast<std::size_t>(d.nVars()));
        for (std::size_t i = 0; i < mean.size(); ++i)
            mean[i] = 0.5 * static_cast<double>(i);
        d.setVarColumn({"scdesk_mean", NumericColumn{mean, {}, false}});
        d.setUns("scdesk_stats", json{{"n", 3}, {"names", {"a", "b"}}});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("copy.h5ad"));
        writeH5ad(d, out.toStdString(), progress, never);
        json r;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("compare"), file, out, QStringLiteral("var/scdesk_mean"),
                           QStringLiteral("uns/scdesk_stats")}),
                          r);
        QVERIFY2(r["ok"].get<bool>(), r["problems"].dump().c_str());
        QVERIFY(r["checked"].get<int>() > 10);
        QCOMPARE(r["present"]["var/scdesk_mean"], true);
        QCOMPARE(r["present"]["uns/scdesk_stats"], true);
        QCOMPARE(r["var_columns"].back(), "scdesk_mean");
        JCOMPARE(r["shape"], json({d.nObs(), d.nVars()}));
        QCOMPARE(fileChecksum(file), sum);
        QCOMPARE(QFileInfo(file).lastModified(), mtime);
    }

    // uns arrays the reader left unloaded are copied from the source, even inside a changed entry.
    void unloadedUnsArraysAreCopied()
    {
        const QString file = corpus("scanpy_pbmc68k_reduced_2025.h5ad");
        if (!QFileInfo::exists(file))
            QSKIP("the shared h5ad corpus is absent (../shared/data/h5ad)");
        RecordingProgress progress;
        NeverCancel never;
        H5adReadOptions options;
        options.unsArrayLimit = 1;
        Dataset d = readH5ad(file.toStdString(), progress, never, nullptr, options);
        QVERIFY2(d.uns["pca"]["variance"].contains("scdesk-not-loaded"), d.uns["pca"].dump().c_str());
        d.setUns("pca", d.uns["pca"]);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("unloaded.h5ad"));
        writeH5ad(d, out.toStdString(), progress, never);
        json a, b;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), file}), a);
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), b);
        JCOMPARE(b["uns"]["pca"], a["uns"]["pca"]);
        JCOMPARE(b["uns"]["rank_genes_groups"], a["uns"]["rank_genes_groups"]);

        d.sourcePath.clear(); // without the source they cannot be written: skipped with a warning
        RecordingProgress noSource;
        writeH5ad(d, out.toStdString(), noSource, never);
        QVERIFY(!noSource.warnings.empty());
    }

    void convertRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("sourceReadable"); // by anndata 0.8; if not, only the output is checked
        for (const char* f : {"scanpy_pbmc68k_reduced_2025.h5ad", "scanpy_pbmc68k_reduced_2018a.h5ad",
                              "anndata_archive_v0.7.0.h5ad", "cellxgene_3a2a5437.h5ad",
                              "generated/ad08_dense_f32_lzf.h5ad", "generated/ad08_no_X.h5ad",
                              "generated/ad08_csc_dense_layers.h5ad", "generated/emu_seuratdisk_like.h5ad"})
            QTest::newRow(f) << corpus(f) << true;
        // Julia / R style attributes that anndata 0.8 cannot read: written from memory, readable.
        for (const char* f : {"generated/emu_fixedlen_string_attrs.h5ad", "generated/emu_array1_attrs.h5ad"})
            QTest::newRow(f) << corpus(f) << false;
    }

    // `scdesk-cli convert IN OUT` then anndata reads OUT with the shape, X and columns of IN.
    void convertRoundTrip()
    {
        QFETCH(QString, file);
        QFETCH(bool, sourceReadable);
        if (!QFileInfo::exists(file))
            QSKIP("the shared h5ad corpus is absent (../shared/data/h5ad)");
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("converted.h5ad"));
        QProcess p;
        p.start(cli(), {QStringLiteral("convert"), file, out});
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        json a, b;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), b);
        if (!sourceReadable) {
            RecordingProgress progress;
            NeverCancel never;
            const Dataset d = readH5ad(file.toStdString(), progress, never);
            QCOMPARE(b["n_obs"].get<std::int64_t>(), d.nObs());
            QCOMPARE(b["n_vars"].get<std::int64_t>(), d.nVars());
            QVERIFY(relClose(b["X"]["sum"].get<double>(), matrixSum(d.X)));
            return;
        }
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), file}), a);
        QCOMPARE(b["root_attrs"]["encoding-type"], "anndata");
        QCOMPARE(b["n_obs"], a["n_obs"]);
        QCOMPARE(b["n_vars"], a["n_vars"]);
        QCOMPARE(b["obs"]["columns"], a["obs"]["columns"]);
        QCOMPARE(b["var"]["columns"], a["var"]["columns"]);
        QCOMPARE(b["obs"]["index"], a["obs"]["index"]);
        if (a["X"].is_object()) {
            QCOMPARE(b["X"]["shape"], a["X"]["shape"]);
            QVERIFY(relClose(b["X"]["sum"].get<double>(), a["X"]["sum"].get<double>(), 1e-5));
        }
        for (const auto& [k, v] : a["obsm"].items())
            QCOMPARE(b["obsm"][k]["shape"], v["shape"]);
    }

    void convertRefusesToOverwriteItsInput()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath(QStringLiteral("in.h5ad"));
        RecordingProgress progress;
        NeverCancel never;
        writeH5ad(everyTypeDataset(), in.toStdString(), progress, never);
        const QByteArray before = fileChecksum(in);
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start(cli(), {QStringLiteral("convert"), in, QStringLiteral("./in.h5ad")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(p.readAllStandardError().contains("input file"), "the message should say OUT is the input");
        QCOMPARE(fileChecksum(in), before);
    }

    void cliDemoOut()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("demo.h5ad"));
        QProcess p;
        p.start(cli(),
                {QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--demo-seed"), QStringLiteral("5")});
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        json s;
        SCDESK_RUN_SCRIPT((QStringList{QStringLiteral("summary"), out}), s);
        const Dataset d = generateDemoDataset(DemoOptions{5});
        QCOMPARE(s["n_obs"].get<std::int64_t>(), d.nObs());
        QCOMPARE(s["n_vars"].get<std::int64_t>(), d.nVars());
        QVERIFY(relClose(s["X"]["sum"].get<double>(), matrixSum(d.X)));
        QCOMPARE(s["uns"]["demo"]["seed"].get<int>(), 5);
    }
};

QTEST_APPLESS_MAIN(TestH5adWriter)
#include "tst_h5adwriter.moc"
