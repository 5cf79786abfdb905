// The .h5ad reader against the corpus (expectations from Debian's anndata, made by
// tests/data/make_h5ad_expected.sh), the emulated layouts anndata 0.8 cannot read (checked
// against generated/expected.json), and malformed files the test writes itself with the HDF5 C
// API: each must fail with a message naming the file and the HDF5 path.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>

#include <cmath>
#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "io/dataset_summary.h"
#include "io/h5ad/h5ad_reader.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;
using nlohmann::ordered_json;
using json = nlohmann::ordered_json; // expectations keep the file order of obs/var columns

namespace {

QString corpusDir()
{
    return QStringLiteral(SCDESK_SHARED_DIR "/data/h5ad");
}

bool haveCorpus()
{
    return QFileInfo::exists(corpusDir() + "/generated/expected.json");
}

json loadJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return json::parse(in);
}

Dataset read(const std::string& path, H5adReadReport* report = nullptr)
{
    NullProgress progress;
    NeverCancel cancel;
    return readH5ad(path, progress, cancel, report);
}

// Runs `fn` and returns the message of the scdesk::Error it throws ("" if none).
template <class E = Error>
std::string errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    }
    return {};
}

bool sumClose(const json& expected, double actual, double rel)
{
    if (expected.is_null())
        return std::isnan(actual);
    const double e = expected.get<double>();
    return std::fabs(e - actual) <= rel * std::max(std::fabs(e), 1e-12);
}

void compareMatrix(const json& e, const ordered_json& a, const std::string& what)
{
    QCOMPARE(a["kind"].get<std::string>(), e["kind"].get<std::string>());
    if (e["kind"] == "none")
        return;
    QVERIFY2(a["nnz"].get<std::int64_t>() == e["nnz"].get<std::int64_t>(), what.c_str());
    // Values are float32 in memory: the float64 sum of float32-rounded values stays well within
    // 1e-6 relative for every corpus file (float64 files included; checked with all of them).
    const double sum = a["sum"].is_null() ? std::nan("") : a["sum"].get<double>();
    QVERIFY2(sumClose(e["sum"], sum, 1e-6), (what + ": sum " + std::to_string(sum) + " vs " + e["sum"].dump()).c_str());
}

// --- a tiny HDF5 writer for malformed files ---------------------------------------------------

hid_t stringType()
{
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

void setAttr(hid_t obj, const char* name, const std::string& value)
{
    const hid_t t = stringType();
    const hid_t sp = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    const char* p = value.c_str();
    H5Awrite(a, t, &p);
    H5Aclose(a), H5Sclose(sp), H5Tclose(t);
}

void setAttrInts(hid_t obj, const char* name, const std::vector<std::int64_t>& v)
{
    const hsize_t n = v.size();
    const hid_t sp = H5Screate_simple(1, &n, nullptr);
    const hid_t a = H5Acreate2(obj, name, H5T_STD_I64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, v.data());
    H5Aclose(a), H5Sclose(sp);
}

void setEncoding(hid_t obj, const std::string& type, const std::string& version)
{
    setAttr(obj, "encoding-type", type);
    setAttr(obj, "encoding-version", version);
}

void writeStrings(hid_t loc, const char* name, const std::vector<std::string>& values)
{
    const hid_t t = stringType();
    const hsize_t n = values.size();
    const hid_t sp = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(loc, name, t, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<const char*> p;
    for (const auto& s : values)
        p.push_back(s.c_str());
    H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data());
    setEncoding(d, "string-array", "0.2.0");
    H5Dclose(d), H5Sclose(sp), H5Tclose(t);
}

template <class T>
void writeArray(hid_t loc, const char* name, const std::vector<T>& values, hid_t fileType, hid_t memType)
{
    const hsize_t n = values.size();
    const hid_t sp = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(loc, name, fileType, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(d), H5Sclose(sp);
}

void writeFrame(hid_t file, const char* name, const std::vector<std::string>& index)
{
    const hid_t g = H5Gcreate2(file, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    setEncoding(g, "dataframe", "0.2.0");
    setAttr(g, "_index", "_index");
    // No columns: h5py writes an empty float64 array; do the same.
    const hsize_t zero = 0;
    const hid_t sp = H5Screate_simple(1, &zero, nullptr);
    const hid_t a = H5Acreate2(g, "column-order", H5T_IEEE_F64LE, sp, H5P_DEFAULT, H5P_DEFAULT);
    H5Aclose(a), H5Sclose(sp);
    writeStrings(g, "_index", index);
    H5Gclose(g);
}

struct Sparse {
    std::vector<std::int64_t> shape{4, 3};
    std::vector<std::int32_t> indptr{0, 1, 2, 2, 4};
    std::vector<std::int32_t> indices{0, 2, 1, 2};
    std::vector<float> data{1, 2, 3, 4};
    std::string encoding = "csr_matrix";
};

void writeSparse(hid_t loc, const char* name, const Sparse& s)
{
    const hid_t g = H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    setEncoding(g, s.encoding, "0.1.0");
    setAttrInts(g, "shape", s.shape);
    writeArray(g, "indptr", s.indptr, H5T_STD_I32LE, H5T_NATIVE_INT32);
    writeArray(g, "indices", s.indices, H5T_STD_I32LE, H5T_NATIVE_INT32);
    writeArray(g, "data", s.data, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT);
    H5Gclose(g);
}

// A valid 4 cells x 3 genes file; `edit` may change anything before it is closed.
void writeSmall(const std::string& path, const std::function<void(hid_t)>& edit = {}, const Sparse& x = {},
                bool withObs = true)
{
    const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    setEncoding(f, "anndata", "0.1.0");
    if (withObs)
        writeFrame(f, "obs", {"c0", "c1", "c2", "c3"});
    writeFrame(f, "var", {"g0", "g1", "g2"});
    writeSparse(f, "X", x);
    const hid_t uns = H5Gcreate2(f, "uns", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    setEncoding(uns, "dict", "0.1.0");
    H5Gclose(uns);
    if (edit)
        edit(f);
    H5Fclose(f);
}

} // namespace

class TestH5adReader : public QObject {
    Q_OBJECT

private:
    json m_expected;
    json m_generated;
    QTemporaryDir m_tmp;

    std::string tmpFile(const char* name) const { return m_tmp.filePath(name).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString exp = QFINDTESTDATA("../../data/h5ad_expected.json");
        QVERIFY2(!exp.isEmpty(), "tests/data/h5ad_expected.json not found");
        m_expected = loadJson(exp);
        if (haveCorpus())
            m_generated = loadJson(corpusDir() + "/generated/expected.json");
    }

    void corpus_data()
    {
        QTest::addColumn<QString>("file");
        for (auto it = m_expected.begin(); it != m_expected.end(); ++it)
            QTest::newRow(it.key().c_str()) << QString::fromStdString(it.key());
    }

    // Every corpus file that anndata reads opens, and its summary equals anndata's.
    void corpus()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        QFETCH(QString, file);
        const json& e = m_expected[file.toStdString()];
        H5adReadReport report;
        const Dataset d = read((corpusDir() + "/" + file).toStdString(), &report);
        QVERIFY(!report.era.empty());
        const ordered_json s = summarizeDataset(d);
        QCOMPARE(s["n_obs"].get<std::int64_t>(), e["n_obs"].get<std::int64_t>());
        QCOMPARE(s["n_vars"].get<std::int64_t>(), e["n_vars"].get<std::int64_t>());
        compareMatrix(e["X"], s["X"], "X");
        QCOMPARE(s["obs_names_head"].dump(), e["obs_names_head"].dump());
        QCOMPARE(s["var_names_head"].dump(), e["var_names_head"].dump());
        QCOMPARE(s["raw_n_vars"].dump(), e["raw_n_vars"].dump());
        QCOMPARE(json(s["uns_keys"]).dump(), e["uns_keys"].dump());
        // Column kinds in file order. One documented difference: SeuratDisk-like integer codes
        // with __categories levels are categorical in scDesk (anndata shows the integers).
        ordered_json obsExpected = e["obs"];
        if (file == "generated/emu_seuratdisk_like.h5ad") {
            obsExpected["seurat_clusters"] = "categorical";
            obsExpected["orig.ident"] = "categorical";
            QVERIFY(!report.warnings.empty());
        }
        QCOMPARE(QString::fromStdString(s["obs"].dump()), QString::fromStdString(obsExpected.dump()));
        QCOMPARE(QString::fromStdString(s["var"].dump()), QString::fromStdString(e["var"].dump()));
        QCOMPARE(json(s["obsm"]).dump(), e["obsm"].dump());
        QCOMPARE(s["layers"].size(), e["layers"].size());
        for (auto it = e["layers"].begin(); it != e["layers"].end(); ++it) {
            QVERIFY2(s["layers"].contains(it.key()), it.key().c_str());
            compareMatrix(*it, s["layers"][it.key()], "layer " + it.key());
        }
    }

    // Emulated layouts that Debian's anndata 0.8 cannot read: checked against the generator's facts.
    void emulated_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"emu_anndata-rs_blosc_zstd.h5ad", "emu_anndata_0.9-0.12_encodings.h5ad",
                              "emu_array1_attrs.h5ad", "emu_fixedlen_string_attrs.h5ad"})
            QTest::newRow(f) << QString(f);
    }

    void emulated()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        QFETCH(QString, file);
        const json& e = m_generated["cases"][file.toStdString()];
        H5adReadReport report;
        const Dataset d = read((corpusDir() + "/generated/" + file).toStdString(), &report);
        const ordered_json s = summarizeDataset(d);
        QCOMPARE(s["n_obs"].get<std::int64_t>(), e["n_obs"].get<std::int64_t>());
        QCOMPARE(s["n_vars"].get<std::int64_t>(), e["n_vars"].get<std::int64_t>());
        QCOMPARE(s["X"]["kind"].get<std::string>(), e["X"]["kind"].get<std::string>());
        QCOMPARE(s["X"]["dtype"].get<std::string>(), e["X"]["dtype"].get<std::string>());
        compareMatrix(e["X"], s["X"], "X");
        QCOMPARE(s["obs_names_head"].dump(), e["obs"]["names_head"].dump());
        QCOMPARE(s["var_names_head"].dump(), e["var"]["names_head"].dump());
        if (e["var"].contains("index_name") && e["var"]["index_name"].is_string())
            QCOMPARE(d.var.indexName, e["var"]["index_name"].get<std::string>());
        // The first non-zero columns of row 0, from the CSR structure.
        if (const CsrMatrix* x = d.X.csr(); x && e["X"].contains("first_row_nonzero_cols")) {
            std::vector<std::int64_t> cols(x->indices.begin() + x->indptr[0], x->indices.begin() + x->indptr[1]);
            std::sort(cols.begin(), cols.end());
            const auto want = e["X"]["first_row_nonzero_cols"].get<std::vector<std::int64_t>>();
            cols.resize(std::min(cols.size(), want.size()));
            QCOMPARE(cols, want);
        }
        const json obsm = e.value("obsm", json::object());
        for (auto it = obsm.begin(); it != obsm.end(); ++it) {
            if (it->is_object()) { // awkward array: listed as skipped
                QVERIFY(!s["obsm"].contains(it.key()));
                bool warned = false;
                for (const auto& w : report.warnings)
                    warned = warned || w.find("/obsm/" + it.key()) != std::string::npos;
                QVERIFY2(warned, "a skipped awkward array is reported");
                continue;
            }
            QCOMPARE(json(s["obsm"][it.key()]).dump(), it->dump());
        }
        const json columns = e["obs"].value("columns", json::object());
        for (auto it = columns.begin(); it != columns.end(); ++it) {
            const Column* c = d.obs.find(it.key());
            QVERIFY2(c, it.key().c_str());
            const std::string kind = (*it)["kind"];
            const std::string want = kind == "nullable-string" ? "string" : kind == "nullable-boolean" ? "bool" : kind;
            QCOMPARE(std::string(columnKindName(c->data)), want);
            if (auto* cat = std::get_if<CategoricalColumn>(&c->data)) {
                if (it->contains("n_missing"))
                    QCOMPARE(std::count(cat->codes.begin(), cat->codes.end(), -1), (*it)["n_missing"].get<long>());
                if (it->contains("categories_head"))
                    for (std::size_t i = 0; i < (*it)["categories_head"].size(); ++i) {
                        const json& v = (*it)["categories_head"][i];
                        QCOMPARE(cat->categories[i], v.is_string() ? v.get<std::string>() : v.dump());
                    }
            }
            if (auto* str = std::get_if<StringColumn>(&c->data); str && it->contains("n_missing"))
                QCOMPARE(std::count(str->mask.begin(), str->mask.end(), 1), (*it)["n_missing"].get<long>());
        }
        for (const auto& k : e.value("uns_keys", json::array()))
            QVERIFY2(d.uns.contains(k.get<std::string>()), k.dump().c_str());
    }

    // uns conversions on the encodings file: null, bool scalar, emoji string, 2-D string array.
    void unsValues()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        const Dataset d = read((corpusDir() + "/generated/emu_anndata_0.9-0.12_encodings.h5ad").toStdString());
        QVERIFY(d.uns["nothing"].is_null());
        QVERIFY(d.uns["flag"].is_boolean());
        QVERIFY(d.uns["note"].is_string());
        QVERIFY(d.uns["pi"].is_number());
        QVERIFY(d.uns["matrix_of_strings"].is_array() && d.uns["matrix_of_strings"][0].is_array());
        // <key>_colors stays a list; large arrays are described, not loaded.
        const Dataset p = read((corpusDir() + "/scanpy_pbmc68k_reduced_2025.h5ad").toStdString());
        QVERIFY(p.uns.contains("bulk_labels_colors") && p.uns["bulk_labels_colors"].is_array());
        NullProgress progress;
        NeverCancel cancel;
        H5adReadOptions options;
        options.unsArrayLimit = 2;
        const Dataset small = readH5ad((corpusDir() + "/scanpy_pbmc68k_reduced_2025.h5ad").toStdString(), progress,
                                       cancel, nullptr, options);
        QVERIFY(small.uns["bulk_labels_colors"].contains("scdesk-not-loaded"));
        QCOMPARE(small.sourcePath, (corpusDir() + "/scanpy_pbmc68k_reduced_2025.h5ad").toStdString());
    }

    void brokenFile()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        const std::string path = (corpusDir() + "/broken/localsc_pbmc3k_processed_truncated.h5ad").toStdString();
        const std::string msg = errorOf<IoError>([&] { read(path); });
        QVERIFY2(msg.find("localsc_pbmc3k_processed_truncated.h5ad") != std::string::npos, msg.c_str());
    }

    void cancelStopsReading()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        NullProgress progress;
        CancelFlag cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, readH5ad((corpusDir() + "/generated/ad08_csr_int64_gzip.h5ad").toStdString(),
                                                     progress, cancel));
    }

    // --- malformed files written here ------------------------------------------------------

    void syntheticValid()
    {
        const std::string p = tmpFile("ok.h5ad");
        writeSmall(p);
        const Dataset d = read(p);
        QCOMPARE(d.nObs(), 4);
        QCOMPARE(d.nVars(), 3);
        QVERIFY(d.X.csr());
        QCOMPARE(d.X.csr()->nnz(), 4);
        QCOMPARE(d.X.dtype(), std::string("float32"));
        QCOMPARE(d.sourcePath, p);
    }

    void unsignedAndWideIndices()
    {
        // uint16 indices and int64 indptr end as int32 / int64 in memory.
        const std::string p = tmpFile("wide.h5ad");
        writeSmall(p, [](hid_t f) {
            H5Ldelete(f, "X", H5P_DEFAULT);
            const hid_t g = H5Gcreate2(f, "X", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            setEncoding(g, "csr_matrix", "0.1.0");
            setAttrInts(g, "shape", {4, 3});
            writeArray(g, "indptr", std::vector<std::int64_t>{0, 1, 2, 2, 4}, H5T_STD_I64LE, H5T_NATIVE_INT64);
            writeArray(g, "indices", std::vector<std::uint16_t>{0, 2, 1, 2}, H5T_STD_U16LE, H5T_NATIVE_UINT16);
            writeArray(g, "data", std::vector<std::int32_t>{1, 2, 3, 4}, H5T_STD_I32LE, H5T_NATIVE_INT32);
            H5Gclose(g);
        });
        const Dataset d = read(p);
        QVERIFY(d.X.csr());
        QCOMPARE(d.X.csr()->indices, (std::vector<std::int32_t>{0, 2, 1, 2}));
        QCOMPARE(d.X.dtype(), std::string("int32"));
        // uint64 indices beyond the column count are rejected.
        const std::string q = tmpFile("wide_bad.h5ad");
        writeSmall(q, [](hid_t f) {
            H5Ldelete(f, "X/indices", H5P_DEFAULT);
            const hid_t g = H5Gopen2(f, "X", H5P_DEFAULT);
            writeArray(g, "indices", std::vector<std::uint64_t>{0, 2, 1, 7}, H5T_STD_U64LE, H5T_NATIVE_UINT64);
            H5Gclose(g);
        });
        const std::string msg = errorOf<InvalidInput>([&] { read(q); });
        QVERIFY2(msg.find("/X/indices") != std::string::npos && msg.find("wide_bad.h5ad") != std::string::npos,
                 msg.c_str());
    }

    void truncatedFile()
    {
        const std::string p = tmpFile("trunc.h5ad");
        writeSmall(p);
        QFile f(QString::fromStdString(p));
        QVERIFY(f.resize(f.size() / 2));
        const std::string msg = errorOf<IoError>([&] { read(p); });
        QVERIFY2(msg.find("trunc.h5ad") != std::string::npos, msg.c_str());
        // Not HDF5 at all.
        const std::string t = tmpFile("text.h5ad");
        std::ofstream(t) << "not hdf5";
        QVERIFY(errorOf<IoError>([&] { read(t); }).find("not an HDF5 file") != std::string::npos);
        QVERIFY(errorOf<IoError>([&] { read(tmpFile("absent.h5ad")); }).find("no such file") != std::string::npos);
    }

    void missingObs()
    {
        const std::string p = tmpFile("noobs.h5ad");
        writeSmall(p, {}, {}, false);
        const std::string msg = errorOf<InvalidInput>([&] { read(p); });
        QVERIFY2(msg.find("noobs.h5ad: /obs") != std::string::npos, msg.c_str());
    }

    void wrongShape()
    {
        const std::string p = tmpFile("shape.h5ad");
        Sparse x;
        x.shape = {5, 3};
        writeSmall(p, {}, x);
        const std::string msg = errorOf<InvalidInput>([&] { read(p); });
        QVERIFY2(msg.find("shape.h5ad: /X") != std::string::npos && msg.find("shape 5 x 3") != std::string::npos,
                 msg.c_str());
        // The shape attribute agrees but indptr does not: never trust `shape` alone.
        const std::string q = tmpFile("indptr_len.h5ad");
        Sparse y;
        y.indptr = {0, 1, 2, 4};
        writeSmall(q, {}, y);
        const std::string m2 = errorOf<InvalidInput>([&] { read(q); });
        QVERIFY2(m2.find("/X/indptr") != std::string::npos, m2.c_str());
    }

    void genesByCells()
    {
        const std::string p = tmpFile("transposed.h5ad");
        Sparse x;
        x.shape = {3, 4};
        x.indptr = {0, 1, 3, 4};
        x.indices = {0, 1, 3, 2};
        writeSmall(p, {}, x);
        const std::string msg = errorOf<InvalidInput>([&] { read(p); });
        QVERIFY2(msg.find("transposed.h5ad: /X") != std::string::npos && msg.find("genes x cells") != std::string::npos,
                 msg.c_str());
    }

    void badIndptr()
    {
        const std::string p = tmpFile("indptr.h5ad");
        Sparse x;
        x.indptr = {0, 2, 1, 2, 4};
        writeSmall(p, {}, x);
        const std::string msg = errorOf<InvalidInput>([&] { read(p); });
        QVERIFY2(msg.find("indptr.h5ad: /X/indptr") != std::string::npos && msg.find("decreases") != std::string::npos,
                 msg.c_str());
        const std::string q = tmpFile("indptr_end.h5ad");
        Sparse y;
        y.indptr = {0, 1, 2, 2, 3};
        writeSmall(q, {}, y);
        const std::string m2 = errorOf<InvalidInput>([&] { read(q); });
        QVERIFY2(m2.find("/X/indptr") != std::string::npos && m2.find("ends at 3") != std::string::npos, m2.c_str());
    }

    void indexOutOfRange()
    {
        const std::string p = tmpFile("index.h5ad");
        Sparse x;
        x.indices = {0, 2, 1, 3};
        writeSmall(p, {}, x);
        const std::string msg = errorOf<InvalidInput>([&] { read(p); });
        QVERIFY2(msg.find("index.h5ad: /X/indices") != std::string::npos && msg.find("index 3") != std::string::npos,
                 msg.c_str());
    }

    void nonUtf8TextIsRepairedAndReported()
    {
        // Latin-1 gene names from old R tools: the file opens, the bytes that are not UTF-8 show as
        // U+FFFD, and the report names the element.
        const std::string p = tmpFile("latin1.h5ad");
        writeSmall(p, [](hid_t f) {
            H5Ldelete(f, "var", H5P_DEFAULT);
            writeFrame(f, "var", {"g0", std::string("Gr\xfc\xdf" "e"), "g2"});
        });
        H5adReadReport report;
        const Dataset d = read(p, &report);
        QCOMPARE(QString::fromStdString(d.var.index[1]), QString::fromUtf8("Gr\uFFFD\uFFFDe"));
        QCOMPARE(report.warnings.size(), std::size_t(1));
        QVERIFY2(report.warnings[0].find("latin1.h5ad: /var/_index") != std::string::npos
                     && report.warnings[0].find("not valid UTF-8") != std::string::npos,
                 report.warnings[0].c_str());
    }

    void unknownEncoding()
    {
        // In uns: skipped with a warning, the file still opens.
        const std::string p = tmpFile("unknown_uns.h5ad");
        writeSmall(p, [](hid_t f) {
            const hid_t uns = H5Gopen2(f, "uns", H5P_DEFAULT);
            const hid_t g = H5Gcreate2(uns, "future", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            setEncoding(g, "quantum-array", "9.0.0");
            H5Gclose(g), H5Gclose(uns);
        });
        H5adReadReport report;
        const Dataset d = read(p, &report);
        QVERIFY(!d.uns.contains("future"));
        QCOMPARE(report.warnings.size(), std::size_t(1));
        QVERIFY2(report.warnings[0].find("/uns/future") != std::string::npos
                     && report.warnings[0].find("quantum-array") != std::string::npos,
                 report.warnings[0].c_str());
        // For X: an error naming the path and the encoding.
        const std::string q = tmpFile("unknown_x.h5ad");
        Sparse x;
        x.encoding = "quantum-array";
        writeSmall(q, {}, x);
        const std::string msg = errorOf<InvalidInput>([&] { read(q); });
        QVERIFY2(msg.find("unknown_x.h5ad: /X") != std::string::npos && msg.find("quantum-array") != std::string::npos,
                 msg.c_str());
    }

    void nullX()
    {
        const std::string p = tmpFile("nullx.h5ad");
        writeSmall(p, [](hid_t f) {
            H5Ldelete(f, "X", H5P_DEFAULT);
            const hid_t sp = H5Screate(H5S_NULL);
            const hid_t d = H5Dcreate2(f, "X", H5T_IEEE_F32LE, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            setEncoding(d, "null", "0.1.0");
            H5Dclose(d), H5Sclose(sp);
        });
        const Dataset d = read(p);
        QVERIFY(d.X.isNone());
        QCOMPARE(d.nObs(), 4);
    }

    // `scdesk-cli info FILE --json` prints exactly summarizeDataset().
    void cliInfoJson()
    {
        if (!haveCorpus())
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        const QString cli = QStringLiteral(SCDESK_BIN_DIR "/scdesk-cli");
        if (!QFileInfo::exists(cli))
            QSKIP("scdesk-cli is not built");
        const QString file = corpusDir() + "/scanpy_pbmc68k_reduced_2018a.h5ad";
        QProcess proc;
        proc.start(cli, {"info", file, "--json"});
        QVERIFY(proc.waitForFinished(60000));
        QCOMPARE(proc.exitCode(), 0);
        const ordered_json printed = ordered_json::parse(proc.readAllStandardOutput().toStdString());
        const ordered_json expected = summarizeDataset(read(file.toStdString()));
        QCOMPARE(QString::fromStdString(printed.dump()), QString::fromStdString(expected.dump()));
        // A bad file: non-zero exit, the message on stderr names the file.
        QProcess bad;
        bad.start(cli, {"info", corpusDir() + "/broken/localsc_pbmc3k_processed_truncated.h5ad"});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("localsc_pbmc3k_processed_truncated.h5ad"));
        QVERIFY(bad.readAllStandardOutput().isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestH5adReader)
#include "tst_h5adreader.moc"
