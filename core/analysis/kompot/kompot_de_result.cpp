#include "analysis/kompot/kompot_de_result.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

#include "analysis/diffusion/diffusion_map_result.h"
#include "analysis/kompot/kompot_da_result.h"
#include "analysis/kompot/kompot_run_tracking.h"
#include "data/dataset.h"

namespace scdesk::kompot {

namespace {

const char* kResultKey = "kompot_de";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string decimal(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

std::vector<double> toVector(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

std::vector<std::string> trueFalse(const std::vector<bool>& v)
{
    std::vector<std::string> out;
    out.reserve(v.size());
    for (bool b : v)
        out.emplace_back(b ? "True" : "False");
    return out;
}

} // namespace

std::string KompotDeResult::prefix() const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition1) + "_to_"
           + sanitizeConditionName(condition2);
}
std::string KompotDeResult::suffix() const { return de.sampleVariance ? "_sample_var" : ""; }
std::string KompotDeResult::smoothedLayer(int condition) const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition == 1 ? condition1 : condition2)
           + "_smoothed";
}
std::string KompotDeResult::foldChangeLayer() const { return prefix() + "_fold_change"; }
std::string KompotDeResult::stdKey(int condition) const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition == 1 ? condition1 : condition2) + "_std";
}
std::string KompotDeResult::mainTableName() const { return "kompot-de " + condition1 + " → " + condition2; }
std::string KompotDeResult::groupTableName() const
{
    return "kompot-de groups " + condition1 + " → " + condition2;
}

std::string KompotDeResult::summary() const
{
    std::string s = "Kompot DE " + condition1 + " → " + condition2 + " on " + std::to_string(de.genes.size())
                    + " genes";
    if (hasFdr()) {
        const auto called = std::count(de.isDe.begin(), de.isDe.end(), true);
        s += ": " + std::to_string(called) + " DE at local FDR < " + decimal(fdrThreshold);
    }
    if (de.mahalanobis.size() > 0) {
        Eigen::Index best = -1;
        for (Eigen::Index i = 0; i < de.mahalanobis.size(); ++i)
            if (std::isfinite(de.mahalanobis[i]) && (best < 0 || de.mahalanobis[i] > de.mahalanobis[best]))
                best = i;
        if (best >= 0)
            s += (hasFdr() ? "; " : ": ") + std::string("largest Mahalanobis distance ")
                 + varNames[static_cast<std::size_t>(de.genes[static_cast<std::size_t>(best)])];
    }
    return s;
}

std::vector<ResultTable> KompotDeResult::tables() const
{
    std::vector<std::string> names;
    names.reserve(de.genes.size());
    for (std::int64_t g : de.genes)
        names.push_back(varNames[static_cast<std::size_t>(g)]);
    ResultTable t;
    t.name = mainTableName();
    t.addColumn("gene", names);
    t.addColumn("mean_lfc", toVector(de.meanLfc));
    t.addColumn("mahalanobis", toVector(de.mahalanobis));
    t.addColumn("neg_log10_ptp", toVector(de.negLog10Ptp));
    if (hasFdr()) {
        t.addColumn("pvalue", toVector(de.pvalue));
        t.addColumn("local_fdr", toVector(de.localFdr));
        t.addColumn("tail_fdr", toVector(de.tailFdr));
        t.addColumn("is_de", trueFalse(de.isDe));
    }
    t.attributes = {{"kind", "kompot-de"},
                    {"condition1", condition1},
                    {"condition2", condition2},
                    {"fdr_threshold", decimal(fdrThreshold)},
                    {"has_fdr", hasFdr() ? "true" : "false"}};
    if (hasLayers()) {
        t.attributes["layer_condition1"] = smoothedLayer(1);
        t.attributes["layer_condition2"] = smoothedLayer(2);
        t.attributes["layer_fold_change"] = foldChangeLayer();
    }
    std::vector<ResultTable> out{t};
    if (de.groups.empty())
        return out;

    out.front().attributes["groups_table"] = groupTableName();
    ResultTable g;
    g.name = groupTableName();
    std::vector<std::string> group, gene, isDe;
    std::vector<double> lfc, dist, ptp, lfdr;
    for (const DeGroupResult& grp : de.groups)
        for (std::size_t i = 0; i < de.genes.size(); ++i) {
            const auto ii = static_cast<Eigen::Index>(i);
            group.push_back(grp.name);
            gene.push_back(names[i]);
            lfc.push_back(grp.meanLfc[ii]);
            dist.push_back(grp.mahalanobis[ii]);
            ptp.push_back(grp.negLog10Ptp[ii]);
            lfdr.push_back(grp.localFdr.size() > 0 ? grp.localFdr[ii] : kNaN);
            isDe.emplace_back(!grp.isDe.empty() && grp.isDe[i] ? "True" : "False");
        }
    g.addColumn("group", group);
    g.addColumn("gene", gene);
    g.addColumn("mean_lfc", lfc);
    g.addColumn("mahalanobis", dist);
    g.addColumn("neg_log10_ptp", ptp);
    g.addColumn("local_fdr", lfdr);
    g.addColumn("is_de", isDe);
    g.attributes = {{"kind", "kompot-de-groups"},
                    {"condition1", condition1},
                    {"condition2", condition2},
                    {"fdr_threshold", decimal(fdrThreshold)},
                    {"has_fdr", hasFdr() ? "true" : "false"},
                    {"main_table", mainTableName()}};
    out.push_back(std::move(g));
    return out;
}

void KompotDeResult::writeInto(Dataset& dataset) const
{
    const auto nVars = static_cast<std::size_t>(dataset.nVars());
    const std::string p = prefix(), sfx = suffix();
    // Per-gene values spread over all genes: NaN (or missing) where a gene was not analysed.
    auto spread = [&](const Eigen::VectorXd& v) {
        std::vector<double> out(nVars, kNaN);
        for (std::size_t i = 0; i < de.genes.size(); ++i)
            out[static_cast<std::size_t>(de.genes[i])] = v[static_cast<Eigen::Index>(i)];
        return out;
    };
    auto spreadBool = [&](const std::vector<bool>& v) {
        BoolColumn c;
        c.values.assign(nVars, 0);
        if (de.genes.size() < nVars)
            c.mask.assign(nVars, 1);
        for (std::size_t i = 0; i < de.genes.size(); ++i) {
            c.values[static_cast<std::size_t>(de.genes[i])] = v[i] ? 1 : 0;
            if (!c.mask.empty())
                c.mask[static_cast<std::size_t>(de.genes[i])] = 0;
        }
        return c;
    };
    dataset.setVarColumn({p + "_mean_lfc", NumericColumn{.values = spread(de.meanLfc)}});
    dataset.setVarColumn({p + "_mahalanobis" + sfx, NumericColumn{.values = spread(de.mahalanobis)}});
    dataset.setVarColumn({p + "_neg_log10_ptp" + sfx, NumericColumn{.values = spread(de.negLog10Ptp)}});
    if (hasFdr()) {
        dataset.setVarColumn({p + "_mahalanobis_pvalue" + sfx, NumericColumn{.values = spread(de.pvalue)}});
        dataset.setVarColumn({p + "_mahalanobis_local_fdr" + sfx, NumericColumn{.values = spread(de.localFdr)}});
        dataset.setVarColumn({p + "_mahalanobis_tail_fdr" + sfx, NumericColumn{.values = spread(de.tailFdr)}});
        dataset.setVarColumn({p + "_is_de" + sfx, spreadBool(de.isDe)});
    }

    // Layers: dense when every gene was analysed (in order), else CSR holding the analysed columns.
    if (hasLayers()) {
        bool allInOrder = de.genes.size() == nVars;
        for (std::size_t i = 0; allInOrder && i < nVars; ++i)
            allInOrder = de.genes[i] == static_cast<std::int64_t>(i);
        std::vector<std::size_t> order(de.genes.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return de.genes[a] < de.genes[b]; });
        auto layer = [&](const DenseMatrix& m) -> Matrix {
            if (allInOrder)
                return Matrix(m);
            CsrMatrix csr;
            csr.rows = m.rows();
            csr.cols = static_cast<std::int64_t>(nVars);
            const auto k = static_cast<std::int64_t>(order.size());
            csr.indptr.resize(static_cast<std::size_t>(csr.rows + 1));
            csr.indices.resize(static_cast<std::size_t>(csr.rows * k));
            csr.data.resize(static_cast<std::size_t>(csr.rows * k));
            for (std::int64_t r = 0; r < csr.rows; ++r) {
                csr.indptr[static_cast<std::size_t>(r)] = r * k;
                for (std::int64_t j = 0; j < k; ++j) {
                    const std::size_t src = order[static_cast<std::size_t>(j)];
                    csr.indices[static_cast<std::size_t>(r * k + j)] = static_cast<std::int32_t>(de.genes[src]);
                    csr.data[static_cast<std::size_t>(r * k + j)] = m(r, static_cast<Eigen::Index>(src));
                }
            }
            csr.indptr[static_cast<std::size_t>(csr.rows)] = csr.rows * k;
            return Matrix(std::move(csr));
        };
        dataset.setLayer(smoothedLayer(1), layer(de.smoothed1));
        dataset.setLayer(smoothedLayer(2), layer(de.smoothed2));
        dataset.setLayer(foldChangeLayer(), layer(de.foldChange));
    }
    dataset.setObsColumn({stdKey(1), NumericColumn{.values = toVector(de.std1)}});
    dataset.setObsColumn({stdKey(2), NumericColumn{.values = toVector(de.std2)}});

    // Groups: genes × groups frames in varm (the h5ad writer stores data frames there).
    if (!de.groups.empty()) {
        auto frame = [&](auto valueOf) {
            DataFrame f;
            f.indexName = dataset.var.indexName;
            f.index = dataset.var.index;
            for (const DeGroupResult& grp : de.groups)
                f.columns.push_back({grp.name, valueOf(grp)});
            return f;
        };
        auto numeric = [&](const Eigen::VectorXd DeGroupResult::*member) {
            return frame([&](const DeGroupResult& grp) -> ColumnData {
                const Eigen::VectorXd& v = grp.*member;
                if (v.size() == 0)
                    return NumericColumn{.values = std::vector<double>(nVars, kNaN)};
                return NumericColumn{.values = spread(v)};
            });
        };
        std::map<std::string, DataFrame> frames;
        frames[p + "_mean_lfc_groups"] = numeric(&DeGroupResult::meanLfc);
        frames[p + "_mahalanobis" + sfx + "_groups"] = numeric(&DeGroupResult::mahalanobis);
        frames[p + "_neg_log10_ptp_groups"] = numeric(&DeGroupResult::negLog10Ptp);
        if (hasFdr()) {
            frames[p + "_mahalanobis_local_fdr_groups"] = numeric(&DeGroupResult::localFdr);
            frames[p + "_is_de_groups"] =
                frame([&](const DeGroupResult& grp) -> ColumnData { return spreadBool(grp.isDe); });
        }
        for (auto& [key, f] : frames) {
            dataset.varm[key] = std::move(f);
            dataset.modified.insert("varm/" + key);
        }
    }

    if (!computedEmbeddingKey.empty())
        writeDiffusionMap(dataset, computedEmbeddingKey, computedEmbedding, computedEigenvalues);

    // Run record in the spirit of Kompot's uns["kompot_de"]: history entries as JSON strings.
    const std::string stamp = utcTimestamp();
    nlohmann::json fields = {{"mean_lfc_key", p + "_mean_lfc"},
                             {"mahalanobis_key", p + "_mahalanobis" + sfx},
                             {"ptp_key", p + "_neg_log10_ptp" + sfx},
                             {"std_key_1", stdKey(1)},
                             {"std_key_2", stdKey(2)}};
    if (hasFdr()) {
        fields["pvalue_key"] = p + "_mahalanobis_pvalue" + sfx;
        fields["local_fdr_key"] = p + "_mahalanobis_local_fdr" + sfx;
        fields["tail_fdr_key"] = p + "_mahalanobis_tail_fdr" + sfx;
        fields["is_de_key"] = p + "_is_de" + sfx;
    }
    if (hasLayers()) {
        fields["imputed_key_1"] = smoothedLayer(1);
        fields["imputed_key_2"] = smoothedLayer(2);
        fields["fold_change_key"] = foldChangeLayer();
    }
    const auto called = std::count(de.isDe.begin(), de.isDe.end(), true);
    nlohmann::json info = {{"timestamp", stamp},
                           {"function", "de"},
                           {"analysis_type", "de"},
                           {"result_key", kResultKey},
                           {"conditions", {condition1, condition2}},
                           {"params", params},
                           {"field_names", fields},
                           {"normalization", normalization},
                           {"embedding_computed", !computedEmbeddingKey.empty()},
                           {"n_genes", de.genes.size()},
                           {"length_scale", de.lengthScale},
                           {"n_landmarks", de.nLandmarks},
                           {"sample_variance", de.sampleVariance},
                           {"n_samples", {de.samples1, de.samples2}},
                           {"null_genes",
                            {{"n", de.nullMahalanobis.size()}, {"with_replacement", de.nullWithReplacement}}},
                           {"fdr_summary",
                            {{"n_significant", called},
                             {"n_total", de.genes.size()},
                             {"threshold", fdrThreshold},
                             {"computed", hasFdr()}}},
                           {"environment", {{"implementation", "scDesk"}}}};
    recordKompotRun(dataset, kResultKey, info, de.landmarks, stamp);
}

} // namespace scdesk::kompot
