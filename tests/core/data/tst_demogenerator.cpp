// The built-in demo dataset: shapes, count validity, determinism across thread counts, realistic
// sparsity and library sizes, and that the planted truth (markers, DE, DA region) is recoverable.
#include <QElapsedTimer>
#include <QtTest>

#include <omp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "data/demo_generator.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using namespace scdesk;

namespace {

const CsrMatrix& csr(const Dataset& ds) { return *ds.X.csr(); }
// Every demo embedding is dense; a missing or non-dense one fails the test that asks for it.
const DenseMatrix& dense(const std::map<std::string, AxisArray>& arrays, const std::string& key)
{
    const DenseMatrix* m = denseOf(arrays.at(key));
    if (!m)
        throw std::runtime_error(key + " is not dense");
    return *m;
}

template <typename T>
const T& column(const DataFrame& df, const char* name)
{
    const Column* c = df.find(name);
    if (!c)
        throw std::runtime_error(std::string("missing column ") + name);
    return std::get<T>(c->data);
}

double median(std::vector<double> v)
{
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

bool sameMatrix(const DenseMatrix& a, const DenseMatrix& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
           && std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(float)) == 0;
}

bool sameFrame(const DataFrame& a, const DataFrame& b)
{
    if (a.index != b.index || a.indexName != b.indexName || a.columns.size() != b.columns.size())
        return false;
    for (std::size_t i = 0; i < a.columns.size(); ++i) {
        const auto& ca = a.columns[i];
        const auto& cb = b.columns[i];
        if (ca.name != cb.name || ca.data.index() != cb.data.index())
            return false;
        const bool same = std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                const T& y = std::get<T>(cb.data);
                if constexpr (std::is_same_v<T, CategoricalColumn>)
                    return x.codes == y.codes && x.categories == y.categories && x.ordered == y.ordered;
                else if constexpr (std::is_same_v<T, NumericColumn>)
                    return x.values.size() == y.values.size()
                           && std::memcmp(x.values.data(), y.values.data(), x.values.size() * sizeof(double)) == 0;
                else
                    return x.values == y.values;
            },
            ca.data);
        if (!same)
            return false;
    }
    return true;
}

bool identical(const Dataset& a, const Dataset& b)
{
    const auto& xa = csr(a);
    const auto& xb = csr(b);
    if (xa.rows != xb.rows || xa.cols != xb.cols || xa.indptr != xb.indptr || xa.indices != xb.indices
        || xa.data.size() != xb.data.size()
        || std::memcmp(xa.data.data(), xb.data.data(), xa.data.size() * sizeof(float)) != 0)
        return false;
    if (!sameFrame(a.obs, b.obs) || !sameFrame(a.var, b.var) || a.uns != b.uns)
        return false;
    if (a.obsm.size() != b.obsm.size() || a.varm.size() != b.varm.size())
        return false;
    for (const auto& [key, m] : a.obsm)
        if (!b.obsm.count(key) || !sameMatrix(dense(a.obsm, key), dense(b.obsm, key)))
            return false;
    for (const auto& [key, m] : a.varm)
        if (!b.varm.count(key) || !sameMatrix(dense(a.varm, key), dense(b.varm, key)))
            return false;
    return true;
}

// Sum of counts per gene and of size factors over the cells `keep` selects.
struct Pseudobulk {
    std::vector<double> counts;
    double sizeFactors = 0.0;
    std::int64_t cells = 0;
    double normalised(std::size_t g) const { return counts[g] / sizeFactors; }
};

template <typename Keep>
Pseudobulk pseudobulk(const Dataset& ds, Keep keep)
{
    const auto& X = csr(ds);
    const auto& sf = column<NumericColumn>(ds.obs, "size_factor").values;
    Pseudobulk p;
    p.counts.assign(static_cast<std::size_t>(X.cols), 0.0);
    for (std::int64_t c = 0; c < X.rows; ++c) {
        if (!keep(static_cast<std::size_t>(c)))
            continue;
        p.sizeFactors += sf[static_cast<std::size_t>(c)];
        ++p.cells;
        for (auto i = X.indptr[static_cast<std::size_t>(c)]; i < X.indptr[static_cast<std::size_t>(c) + 1]; ++i)
            p.counts[static_cast<std::size_t>(X.indices[static_cast<std::size_t>(i)])] += X.data[static_cast<std::size_t>(i)];
    }
    return p;
}

// Nearest-centroid accuracy of `labels` in the rows of `m`: high when clusters are well separated.
double nearestCentroidAccuracy(const DenseMatrix& m, const std::vector<std::int32_t>& labels, int nLabels)
{
    Eigen::MatrixXd centroids = Eigen::MatrixXd::Zero(nLabels, m.cols());
    std::vector<double> n(static_cast<std::size_t>(nLabels), 0.0);
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        centroids.row(labels[static_cast<std::size_t>(r)]) += m.row(r).cast<double>();
        n[static_cast<std::size_t>(labels[static_cast<std::size_t>(r)])] += 1.0;
    }
    for (int k = 0; k < nLabels; ++k)
        centroids.row(k) /= n[static_cast<std::size_t>(k)];
    std::int64_t correct = 0;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        Eigen::Index best;
        (centroids.rowwise() - m.row(r).cast<double>()).rowwise().squaredNorm().minCoeff(&best);
        correct += best == labels[static_cast<std::size_t>(r)];
    }
    return static_cast<double>(correct) / static_cast<double>(m.rows());
}

class CountingProgress final : public ProgressSink {
public:
    void setRange(std::int64_t total) override { range = total; }
    void setProgress(std::int64_t done, std::string_view) override
    {
        last = done;
        ++calls;
    }
    void log(LogLevel, std::string_view) override {}
    std::int64_t range = -1;
    std::int64_t last = -1;
    int calls = 0;
};

// Cancels after the generator has looked a few times, to exercise the in-loop checks.
class CancelAfter final : public CancelToken {
public:
    explicit CancelAfter(int polls) : m_polls(polls) {}
    bool isCancelled() const override { return m_count.fetch_add(1) >= m_polls; }

private:
    int m_polls;
    mutable std::atomic<int> m_count{0};
};

constexpr std::int64_t kCells = 8000;

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private:
    Dataset m_ds; // seed 1, kCells cells, default genes
    std::vector<std::int32_t> m_type, m_condition, m_sample;
    std::vector<std::uint8_t> m_region;

private slots:
    void initTestCase()
    {
        DemoOptions options;
        options.seed = 1;
        options.nCells = kCells;
        m_ds = generateDemoDataset(options);
        m_type = column<CategoricalColumn>(m_ds.obs, "cell_type").codes;
        m_condition = column<CategoricalColumn>(m_ds.obs, "condition").codes;
        m_sample = column<CategoricalColumn>(m_ds.obs, "sample").codes;
        m_region = column<BoolColumn>(m_ds.obs, "truth_da_region").values;
    }

    void shapes()
    {
        const auto& X = csr(m_ds);
        QCOMPARE(X.rows, kCells);
        QCOMPARE(X.cols, std::int64_t(2000));
        QCOMPARE(m_ds.nObs(), kCells);
        QCOMPARE(m_ds.nVars(), std::int64_t(2000));
        QCOMPARE(m_ds.obs.indexName, std::string("cell_id"));
        QCOMPARE(m_ds.obs.index.front(), std::string("cell_000001"));
        QCOMPARE(m_ds.obs.index.back(), std::string("cell_008000"));
        QCOMPARE(m_ds.var.indexName, std::string("gene_symbol"));
        const std::map<std::string, std::pair<std::int64_t, std::int64_t>> obsm = {
            {"X_umap", {kCells, 2}},   {"X_latent", {kCells, 10}}, {"DM_EigenVectors", {kCells, 10}},
            {"X_atac", {kCells, 256}}, {"X_rna", {kCells, 512}}};
        QCOMPARE(m_ds.obsm.size(), obsm.size());
        for (const auto& [key, shape] : obsm) {
            QVERIFY2(m_ds.obsm.count(key), key.c_str());
            const auto& m = dense(m_ds.obsm, key);
            QCOMPARE(std::int64_t(m.rows()), shape.first);
            QCOMPARE(std::int64_t(m.cols()), shape.second);
            QVERIFY2(m.allFinite(), key.c_str());
        }
        QVERIFY(m_ds.varm.count("gene_embedding"));
        QCOMPARE(std::int64_t(dense(m_ds.varm, "gene_embedding").rows()), std::int64_t(2000));
        QCOMPARE(std::int64_t(dense(m_ds.varm, "gene_embedding").cols()), std::int64_t(512));
        QVERIFY(dense(m_ds.varm, "gene_embedding").allFinite());
        // DM_EigenVectors is X_latent with 97 % of the isotropic noise (sd 0.25) removed: their
        // difference is that noise, centred, sd 0.97 · 0.25 in every dimension.
        const DenseMatrix diff = dense(m_ds.obsm, "X_latent") - dense(m_ds.obsm, "DM_EigenVectors");
        for (Eigen::Index d = 0; d < diff.cols(); ++d) {
            const Eigen::ArrayXd col = diff.col(d).cast<double>().array();
            const double mean = col.mean();
            const double sd = std::sqrt((col - mean).square().mean());
            QVERIFY2(std::abs(mean) < 0.02 && std::abs(sd - 0.97 * 0.25) < 0.01,
                     qPrintable(QStringLiteral("dim %1: mean %2, sd %3").arg(d).arg(mean).arg(sd)));
        }
    }

    void obsColumns()
    {
        const auto& type = column<CategoricalColumn>(m_ds.obs, "cell_type");
        QCOMPARE(type.categories,
                 (std::vector<std::string>{"CD4 T", "CD8 T", "B", "NK", "CD14 Mono", "DC"}));
        QCOMPARE(column<CategoricalColumn>(m_ds.obs, "condition").categories,
                 (std::vector<std::string>{"control", "stimulated"}));
        QCOMPARE(column<CategoricalColumn>(m_ds.obs, "sample").categories,
                 (std::vector<std::string>{"ctrl_1", "ctrl_2", "ctrl_3", "ctrl_4", "stim_1", "stim_2", "stim_3", "stim_4"}));
        for (std::size_t c = 0; c < m_type.size(); ++c) {
            QVERIFY(m_type[c] >= 0 && m_type[c] < 6);
            QVERIFY(m_sample[c] >= 0 && m_sample[c] < 8);
            QCOMPARE(m_condition[c], m_sample[c] >= 4 ? 1 : 0);
        }
        const auto& sf = column<NumericColumn>(m_ds.obs, "size_factor").values;
        QVERIFY(std::all_of(sf.begin(), sf.end(), [](double v) { return v > 0.0 && std::isfinite(v); }));
        // total_counts and n_genes_by_counts agree with X.
        const auto& X = csr(m_ds);
        const auto& total = column<NumericColumn>(m_ds.obs, "total_counts").values;
        const auto& ngenes = column<NumericColumn>(m_ds.obs, "n_genes_by_counts").values;
        for (std::int64_t c = 0; c < X.rows; ++c) {
            double sum = 0.0;
            for (auto i = X.indptr[static_cast<std::size_t>(c)]; i < X.indptr[static_cast<std::size_t>(c) + 1]; ++i)
                sum += X.data[static_cast<std::size_t>(i)];
            QCOMPARE(total[static_cast<std::size_t>(c)], sum);
            QCOMPARE(ngenes[static_cast<std::size_t>(c)],
                     double(X.indptr[static_cast<std::size_t>(c) + 1] - X.indptr[static_cast<std::size_t>(c)]));
        }
        QCOMPARE(m_region.size(), std::size_t(kCells));
    }

    void varColumnsAndUns()
    {
        const auto& symbols = m_ds.var.index;
        QCOMPARE(std::set<std::string>(symbols.begin(), symbols.end()).size(), symbols.size());
        for (const char* s : {"CD3E", "MS4A1", "NKG7", "LYZ", "FCER1A", "ISG15", "FOS", "SPI1"})
            QVERIFY2(std::find(symbols.begin(), symbols.end(), s) != symbols.end(), s);
        QVERIFY(std::find(symbols.begin(), symbols.end(), "Gene0000") != symbols.end()
                || std::find(symbols.begin(), symbols.end(), "Gene0001") != symbols.end());
        const auto& ids = column<StringColumn>(m_ds.var, "gene_ids").values;
        QCOMPARE(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
        QVERIFY(std::regex_match(ids.front(), std::regex("ENSG[0-9]{11}")));
        const auto& markerOf = column<CategoricalColumn>(m_ds.var, "marker_of");
        QCOMPARE(markerOf.categories.size(), std::size_t(6));
        for (int k = 0; k < 6; ++k)
            QVERIFY(std::count(markerOf.codes.begin(), markerOf.codes.end(), k) >= 3);
        QVERIFY(std::count(markerOf.codes.begin(), markerOf.codes.end(), -1) > 1800);
        const auto& de = column<BoolColumn>(m_ds.var, "truth_de").values;
        const auto& lfc = column<NumericColumn>(m_ds.var, "truth_log2fc").values;
        const auto nDe = std::count(de.begin(), de.end(), 1);
        QVERIFY2(nDe >= 50 && nDe <= 200, qPrintable(QString::number(nDe)));
        int up = 0, down = 0;
        for (std::size_t g = 0; g < de.size(); ++g) {
            if (de[g]) {
                QVERIFY(std::abs(lfc[g]) >= 0.5);
                (lfc[g] > 0 ? up : down)++;
            } else {
                QCOMPARE(lfc[g], 0.0);
            }
        }
        QVERIFY(up >= 20 && down >= 20);
        const auto& scope = column<CategoricalColumn>(m_ds.var, "truth_de_scope");
        QCOMPARE(scope.categories.front(), std::string("all"));
        QVERIFY(std::count_if(scope.codes.begin(), scope.codes.end(), [](int c) { return c > 0; }) >= 5);
        const auto& baseMean = column<NumericColumn>(m_ds.var, "base_mean").values;
        QVERIFY(std::all_of(baseMean.begin(), baseMean.end(), [](double v) { return v > 0.0; }));

        for (const auto& [key, n] : std::map<std::string, std::size_t>{{"cell_type_colors", 6}, {"condition_colors", 2}, {"sample_colors", 8}}) {
            QVERIFY2(m_ds.uns.contains(key) && m_ds.uns[key].is_array(), key.c_str());
            QCOMPARE(m_ds.uns[key].size(), n);
            for (const auto& c : m_ds.uns[key])
                QVERIFY(std::regex_match(c.get<std::string>(), std::regex("#[0-9a-f]{6}")));
        }
        QCOMPARE(m_ds.uns["cell_type_colors"][0].get<std::string>(), std::string("#1f77b4"));
        QCOMPARE(m_ds.uns["cell_type_colors"][2].get<std::string>(), std::string("#279e68"));
        const auto& demo = m_ds.uns["demo"];
        QVERIFY(demo.is_object());
        QCOMPARE(demo["seed"].get<std::uint64_t>(), std::uint64_t(1));
        QVERIFY(demo.contains("da_region") && demo.contains("de") && demo.contains("markers"));
        QCOMPARE(demo["de"]["genes"].size(), std::size_t(nDe));
        QCOMPARE(demo["de"]["log2fc"].size(), std::size_t(nDe));
        for (std::size_t i = 0; i < std::size_t(nDe); ++i) {
            const auto g = static_cast<std::size_t>(
                std::find(symbols.begin(), symbols.end(), demo["de"]["genes"][i].get<std::string>()) - symbols.begin());
            QVERIFY(g < symbols.size() && de[g]);
            QCOMPARE(demo["de"]["log2fc"][i].get<double>(), lfc[g]);
        }
    }

    void countsAreValid()
    {
        const auto& X = csr(m_ds);
        X.validate();
        for (std::int64_t c = 0; c < X.rows; ++c)
            for (auto i = X.indptr[static_cast<std::size_t>(c)] + 1; i < X.indptr[static_cast<std::size_t>(c) + 1]; ++i)
                QVERIFY(X.indices[static_cast<std::size_t>(i)] > X.indices[static_cast<std::size_t>(i) - 1]); // sorted, unique
        for (float v : X.data)
            QVERIFY(v >= 1.0f && v == std::floor(v)); // stored values are positive integers
    }

    void realisticSparsityAndDepth()
    {
        const auto& X = csr(m_ds);
        const double zeros = 1.0 - static_cast<double>(X.nnz()) / (static_cast<double>(X.rows) * static_cast<double>(X.cols));
        const double medianTotal = median(column<NumericColumn>(m_ds.obs, "total_counts").values);
        const double medianGenes = median(column<NumericColumn>(m_ds.obs, "n_genes_by_counts").values);
        qInfo("zeros %.3f, median total counts %.0f, median genes %.0f", zeros, medianTotal, medianGenes);
        QVERIFY2(zeros >= 0.75 && zeros <= 0.95, qPrintable(QString::number(zeros)));
        QVERIFY2(medianTotal >= 2000.0 && medianTotal <= 6000.0, qPrintable(QString::number(medianTotal)));
        // Library sizes vary (log-normal size factors), as they do between real cells.
        auto total = column<NumericColumn>(m_ds.obs, "total_counts").values;
        std::sort(total.begin(), total.end());
        const double q10 = total[total.size() / 10];
        const double q90 = total[total.size() * 9 / 10];
        QVERIFY2(q90 / q10 > 2.0 && q90 / q10 < 8.0, qPrintable(QString::number(q90 / q10)));
        // A few genes are very high, most low: the mean-count distribution is heavy-tailed.
        const auto& baseMean = column<NumericColumn>(m_ds.var, "base_mean").values;
        QVERIFY(*std::max_element(baseMean.begin(), baseMean.end()) > 20.0);
        QVERIFY(median(baseMean) < 1.0);
    }

    void samplesAndComposition()
    {
        std::vector<std::array<int, 6>> counts(8, std::array<int, 6>{});
        for (std::size_t c = 0; c < m_type.size(); ++c)
            ++counts[static_cast<std::size_t>(m_sample[c])][static_cast<std::size_t>(m_type[c])];
        for (int s = 0; s < 8; ++s)
            for (int k = 0; k < 6; ++k)
                QVERIFY2(counts[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)] >= 10,
                         qPrintable(QStringLiteral("sample %1 type %2").arg(s).arg(k)));
        // Unequal proportions: CD4 T is the largest type, DC the smallest.
        std::array<int, 6> total{};
        for (auto t : m_type)
            ++total[static_cast<std::size_t>(t)];
        QCOMPARE(int(std::max_element(total.begin(), total.end()) - total.begin()), 0);
        QCOMPARE(int(std::min_element(total.begin(), total.end()) - total.begin()), 5);
        // Sample-level noise: the CD4 T fraction is not the same in every sample.
        double lo = 1.0, hi = 0.0;
        for (int s = 0; s < 8; ++s) {
            double n = 0;
            for (int k = 0; k < 6; ++k)
                n += counts[static_cast<std::size_t>(s)][static_cast<std::size_t>(k)];
            const double f = counts[static_cast<std::size_t>(s)][0] / n;
            lo = std::min(lo, f);
            hi = std::max(hi, f);
        }
        QVERIFY(hi - lo > 0.02);
    }

    void markersAreHigherInTheirType()
    {
        std::vector<Pseudobulk> byType;
        for (int k = 0; k < 6; ++k)
            byType.push_back(pseudobulk(m_ds, [&](std::size_t c) { return m_type[c] == k; }));
        const auto& markerOf = column<CategoricalColumn>(m_ds.var, "marker_of").codes;
        int checked = 0;
        for (std::size_t g = 0; g < markerOf.size(); ++g) {
            const int k = markerOf[g];
            if (k < 0)
                continue;
            const double own = byType[static_cast<std::size_t>(k)].normalised(g);
            for (int other = 0; other < 6; ++other)
                if (other != k)
                    QVERIFY2(own > 5.0 * byType[static_cast<std::size_t>(other)].normalised(g),
                             qPrintable(QString::fromStdString(m_ds.var.index[g])));
            ++checked;
        }
        QVERIFY(checked >= 18);
    }

    void deTruthIsRecoverable()
    {
        // Pseudobulk log2 fold change (stimulated vs control, size-factor normalised) within cell
        // types, outside the DA region so the composition shift there does not leak in. Sample
        // noise (log sd 0.1 per gene and sample, 4 samples a side) and counting noise at >= 200
        // counts leave about 0.14 log2 of error on each estimate; the bounds allow for that.
        const auto& lfc = column<NumericColumn>(m_ds.var, "truth_log2fc").values;
        const auto& de = column<BoolColumn>(m_ds.var, "truth_de").values;
        const auto& scope = column<CategoricalColumn>(m_ds.var, "truth_de_scope").codes;
        std::vector<std::array<Pseudobulk, 2>> pb(6);
        for (int k = 0; k < 6; ++k)
            for (int cond = 0; cond < 2; ++cond)
                pb[static_cast<std::size_t>(k)][static_cast<std::size_t>(cond)] = pseudobulk(m_ds, [&](std::size_t c) {
                    return m_type[c] == k && m_condition[c] == cond && !m_region[c];
                });
        auto estimate = [&](int k, std::size_t g, double& level) {
            const double ctrl = pb[static_cast<std::size_t>(k)][0].normalised(g);
            const double stim = pb[static_cast<std::size_t>(k)][1].normalised(g);
            level = std::min(pb[static_cast<std::size_t>(k)][0].counts[g], pb[static_cast<std::size_t>(k)][1].counts[g]);
            return std::log2((stim + 1e-9) / (ctrl + 1e-9));
        };

        int deChecked = 0, deClose = 0;
        double worstDe = 0.0;
        for (std::size_t g = 0; g < lfc.size(); ++g) {
            if (!de[g])
                continue;
            // Global changes are checked in CD4 T (the largest type), confined ones in their type.
            const int k = scope[g] == 0 ? 0 : scope[g] - 1;
            double level;
            const double est = estimate(k, g, level);
            if (level < 200.0) // too few counts in one condition to measure the change precisely
                continue;
            ++deChecked;
            const double err = std::abs(est - lfc[g]);
            worstDe = std::max(worstDe, err);
            deClose += err < 0.35;
            QVERIFY2(err < 0.65, qPrintable(QStringLiteral("%1: estimated %2, planted %3")
                                               .arg(QString::fromStdString(m_ds.var.index[g]))
                                               .arg(est)
                                               .arg(lfc[g])));
            // Confined changes stay confined: another big type sees no change.
            if (scope[g] > 0) {
                const int other = k == 0 ? 4 : 0;
                double otherLevel;
                const double otherEst = estimate(other, g, otherLevel);
                if (otherLevel >= 200.0)
                    QVERIFY2(std::abs(otherEst) < 0.5, qPrintable(QString::fromStdString(m_ds.var.index[g])));
            }
        }
        qInfo("DE genes checked %d, within 0.35: %d, worst error %.3f", deChecked, deClose, worstDe);
        QVERIFY(deChecked >= 30);
        QVERIFY(deClose >= 0.9 * deChecked);

        // Non-DE genes: no change in CD4 T.
        std::vector<double> nullAbs;
        for (std::size_t g = 0; g < lfc.size(); ++g) {
            if (de[g])
                continue;
            double level;
            const double est = estimate(0, g, level);
            if (level >= 200.0)
                nullAbs.push_back(std::abs(est));
        }
        std::sort(nullAbs.begin(), nullAbs.end());
        const double q99 = nullAbs[nullAbs.size() * 99 / 100];
        qInfo("non-DE genes checked %zu, median |log2FC| %.3f, 99th percentile %.3f", nullAbs.size(), median(nullAbs), q99);
        QVERIFY(nullAbs.size() >= 300);
        QVERIFY(median(nullAbs) < 0.12);
        QVERIFY(q99 < 0.5);
    }

    void daRegionIsEnriched()
    {
        const auto& demo = m_ds.uns["demo"]["da_region"];
        const auto& types = column<CategoricalColumn>(m_ds.obs, "cell_type").categories;
        const auto daType = static_cast<std::int32_t>(
            std::find(types.begin(), types.end(), demo["cell_type"].get<std::string>()) - types.begin());
        QVERIFY(daType < 6);
        double inStim = 0, inAll = 0, outStim = 0, outAll = 0;
        std::array<double, 2> typeCells{}, regionCells{};
        for (std::size_t c = 0; c < m_type.size(); ++c) {
            if (m_region[c]) {
                QCOMPARE(m_type[c], daType);
                inAll += 1;
                inStim += m_condition[c];
            } else {
                outAll += 1;
                outStim += m_condition[c];
            }
            if (m_type[c] == daType) {
                typeCells[static_cast<std::size_t>(m_condition[c])] += 1;
                regionCells[static_cast<std::size_t>(m_condition[c])] += m_region[c];
            }
        }
        const double fracIn = inStim / inAll;
        const double fracOut = outStim / outAll;
        // Density ratio: share of the type's stimulated cells in the region over the control share.
        const double ratio = (regionCells[1] / typeCells[1]) / (regionCells[0] / typeCells[0]);
        qInfo("DA region: %.0f cells, stimulated fraction %.2f inside vs %.2f outside, density ratio %.2f", inAll,
              fracIn, fracOut, ratio);
        QVERIFY(inAll >= 100);
        QVERIFY(fracIn > 0.7);
        QVERIFY(fracOut > 0.3 && fracOut < 0.7);
        QVERIFY(fracIn - fracOut > 0.15);
        QVERIFY(ratio > 4.5 && ratio < 10.0); // planted 7 (0.35 vs 0.05 of the type)

        // The region is a sub-lobe in the UMAP: away from the rest of its type.
        const auto& umap = dense(m_ds.obsm, "X_umap");
        Eigen::Vector2d inC = Eigen::Vector2d::Zero(), outC = Eigen::Vector2d::Zero();
        double nIn = 0, nOut = 0;
        for (std::size_t c = 0; c < m_type.size(); ++c) {
            if (m_type[c] != daType)
                continue;
            const Eigen::Vector2d p = umap.row(static_cast<Eigen::Index>(c)).cast<double>().transpose();
            (m_region[c] ? inC : outC) += p;
            (m_region[c] ? nIn : nOut) += 1;
        }
        inC /= nIn;
        outC /= nOut;
        double spread = 0.0;
        for (std::size_t c = 0; c < m_type.size(); ++c)
            if (m_region[c])
                spread += (umap.row(static_cast<Eigen::Index>(c)).cast<double>().transpose() - inC).squaredNorm();
        spread = std::sqrt(spread / nIn);
        QVERIFY2((inC - outC).norm() > 2.0 * spread,
                 qPrintable(QStringLiteral("distance %1, spread %2").arg((inC - outC).norm()).arg(spread)));
        // And it is separable in the latent space on its own dimension.
        const auto& latent = dense(m_ds.obsm, "X_latent");
        const int lobeDim = demo["latent_dim"].get<int>();
        double sepIn = 0, sepOut = 0;
        for (std::size_t c = 0; c < m_type.size(); ++c)
            if (m_type[c] == daType)
                (m_region[c] ? sepIn : sepOut) += latent(static_cast<Eigen::Index>(c), lobeDim);
        QVERIFY(sepIn / nIn - sepOut / nOut > 1.0);
    }

    void embeddingsSeparateCellTypes()
    {
        QVERIFY(nearestCentroidAccuracy(dense(m_ds.obsm, "X_umap"), m_type, 6) > 0.98);
        QVERIFY(nearestCentroidAccuracy(dense(m_ds.obsm, "X_latent"), m_type, 6) > 0.98);
        QVERIFY(nearestCentroidAccuracy(dense(m_ds.obsm, "DM_EigenVectors"), m_type, 6) > 0.99);
        QVERIFY(nearestCentroidAccuracy(dense(m_ds.obsm, "X_rna"), m_type, 6) > 0.95);
        QVERIFY(nearestCentroidAccuracy(dense(m_ds.obsm, "X_atac"), m_type, 6) > 0.9);
        // X_rna and the gene embedding share a basis: cell·gene products track a marker's expression.
        const auto& rna = dense(m_ds.obsm, "X_rna");
        const auto& emb = dense(m_ds.varm, "gene_embedding");
        const auto& symbols = m_ds.var.index;
        const auto lyz = std::find(symbols.begin(), symbols.end(), "LYZ") - symbols.begin();
        double monoScore = 0, otherScore = 0, nMono = 0, nOther = 0;
        for (Eigen::Index c = 0; c < rna.rows(); ++c) {
            const double s = rna.row(c).cast<double>().dot(emb.row(lyz).cast<double>());
            (m_type[static_cast<std::size_t>(c)] == 4 ? monoScore : otherScore) += s;
            (m_type[static_cast<std::size_t>(c)] == 4 ? nMono : nOther) += 1;
        }
        QVERIFY(monoScore / nMono > otherScore / nOther + 0.5);
    }

    void deterministicAcrossThreadCounts()
    {
        DemoOptions options;
        options.seed = 77;
        options.nCells = 1500;
        const int saved = omp_get_max_threads();
        omp_set_num_threads(1);
        const Dataset one = generateDemoDataset(options);
        omp_set_num_threads(2);
        const Dataset two = generateDemoDataset(options);
        omp_set_num_threads(3); // more threads than cores: a different chunk-to-thread mapping
        const Dataset three = generateDemoDataset(options);
        omp_set_num_threads(saved);
        QVERIFY(identical(one, two));
        QVERIFY(identical(one, three));
    }

    void differentSeedsDiffer()
    {
        DemoOptions options;
        options.nCells = 1500;
        options.seed = 77;
        const Dataset a = generateDemoDataset(options);
        options.seed = 78;
        const Dataset b = generateDemoDataset(options);
        QVERIFY(csr(a).data != csr(b).data || csr(a).indices != csr(b).indices);
        QVERIFY(!sameMatrix(dense(a.obsm, "X_umap"), dense(b.obsm, "X_umap")));
        QVERIFY(!sameMatrix(dense(a.varm, "gene_embedding"), dense(b.varm, "gene_embedding")));
        QVERIFY(column<NumericColumn>(a.var, "truth_log2fc").values != column<NumericColumn>(b.var, "truth_log2fc").values);
        // The gene list itself is the same for every seed, so genes can be compared across seeds.
        QCOMPARE(a.var.index, b.var.index);
    }

    void otherSizes()
    {
        DemoOptions options;
        options.nCells = 300;
        options.nGenes = 150;
        const Dataset small = generateDemoDataset(options);
        csr(small).validate();
        QCOMPARE(small.nObs(), std::int64_t(300));
        QCOMPARE(small.nVars(), std::int64_t(150));
        QCOMPARE(std::int64_t(dense(small.varm, "gene_embedding").rows()), std::int64_t(150));
        const auto& symbols = small.var.index;
        QCOMPARE(std::set<std::string>(symbols.begin(), symbols.end()).size(), symbols.size());
        options.nGenes = 99;
        QVERIFY_THROWS_EXCEPTION(InvalidParameter, generateDemoDataset(options));
        options.nGenes = 2000;
        options.nCells = 10;
        QVERIFY_THROWS_EXCEPTION(InvalidParameter, generateDemoDataset(options));
    }

    void progressAndCancel()
    {
        DemoOptions options;
        options.nCells = 2000;
        CountingProgress progress;
        NeverCancel never;
        generateDemoDataset(options, progress, never);
        QCOMPARE(progress.range, std::int64_t(2000));
        QCOMPARE(progress.last, std::int64_t(2000));
        QVERIFY(progress.calls >= 3);

        CancelFlag cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, generateDemoDataset(options, progress, cancelled));
        CancelAfter later(3); // fires inside the cell loop
        QVERIFY_THROWS_EXCEPTION(Cancelled, generateDemoDataset(options, progress, later));
    }

    void defaultSizeTiming()
    {
        // The app generates this at every start with --demo: report how long it takes.
        QElapsedTimer timer;
        timer.start();
        const Dataset ds = generateDemoDataset();
        const qint64 ms = timer.elapsed();
        const auto& X = csr(ds);
        qInfo("default demo (%lld x %lld, nnz %lld, %.0f MiB) generated in %lld ms with %d threads",
              static_cast<long long>(X.rows), static_cast<long long>(X.cols), static_cast<long long>(X.nnz()),
              static_cast<double>(ds.memoryBytes()) / (1024.0 * 1024.0), ms, omp_get_max_threads());
        QCOMPARE(X.rows, std::int64_t(20000));
        QCOMPARE(X.cols, std::int64_t(2000));
        QCOMPARE(dense(ds.obsm, "X_umap").rows(), Eigen::Index(20000));
        const double zeros = 1.0 - static_cast<double>(X.nnz()) / (20000.0 * 2000.0);
        QVERIFY(zeros >= 0.75 && zeros <= 0.95);
    }
};

QTEST_APPLESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
