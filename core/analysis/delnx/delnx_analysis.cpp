#include "analysis/delnx/delnx_analysis.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "analysis/delnx/count_source.h"
#include "analysis/delnx/count_validation.h"
#include "analysis/delnx/delnx_result.h"
#include "analysis/delnx/design_matrix.h"
#include "analysis/delnx/nb_glm.h"
#include "analysis/delnx/pseudobulk.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::delnx {

namespace {

constexpr std::int64_t kSteps = 1000; // progress steps per fitted group

// Maps a stage's own progress range onto [base, base + span) of the outer sink.
class StageProgress final : public ProgressSink {
public:
    StageProgress(ProgressSink& outer, std::int64_t base, std::int64_t span, std::string prefix)
        : m_outer(outer), m_base(base), m_span(span), m_prefix(std::move(prefix))
    {
    }
    void setRange(std::int64_t total) override { m_total.store(total); }
    void setProgress(std::int64_t done, std::string_view text) override
    {
        const std::int64_t total = m_total.load();
        const std::int64_t at = total > 0 ? m_base + m_span * std::clamp<std::int64_t>(done, 0, total) / total : m_base;
        m_outer.setProgress(at, text.empty() ? std::string_view(m_prefix) : std::string_view(m_prefix + std::string(text)));
    }
    void log(LogLevel level, std::string_view message) override { m_outer.log(level, m_prefix + std::string(message)); }

private:
    ProgressSink& m_outer;
    std::int64_t m_base, m_span;
    std::string m_prefix;
    std::atomic<std::int64_t> m_total{0};
};

SizeFactorMethod sizeFactorMethod(const std::string& name)
{
    if (name == "poscounts")
        return SizeFactorMethod::PosCounts;
    if (name == "ratio")
        return SizeFactorMethod::Ratio;
    return SizeFactorMethod::NormedSum;
}

DataFrame subsetRows(const DataFrame& frame, const std::vector<std::string>& columns, const std::vector<std::int64_t>& rows)
{
    DataFrame out;
    for (auto r : rows)
        out.index.push_back(frame.index[static_cast<std::size_t>(r)]);
    for (const auto& name : columns) {
        const Column& col = frame.require(name, "obs");
        out.set({name, std::visit([&](const auto& c) -> ColumnData {
                     using T = std::decay_t<decltype(c)>;
                     T s;
                     if constexpr (std::is_same_v<T, CategoricalColumn>) {
                         s.categories = c.categories;
                         s.ordered = c.ordered;
                         for (auto r : rows)
                             s.codes.push_back(c.codes[static_cast<std::size_t>(r)]);
                     } else {
                         for (auto r : rows) {
                             s.values.push_back(c.values[static_cast<std::size_t>(r)]);
                             if (!c.mask.empty())
                                 s.mask.push_back(c.mask[static_cast<std::size_t>(r)]);
                         }
                         if constexpr (std::is_same_v<T, NumericColumn>)
                             s.integer = c.integer;
                     }
                     return s;
                 }, col.data)});
    }
    return out;
}

// The cells of one group as a sparse matrix of their own (a copy of their non-zeros only).
Matrix rowSubset(const Matrix& m, const std::vector<std::int64_t>& rows)
{
    if (const auto* csr = m.csr()) {
        CsrMatrix s;
        s.rows = static_cast<std::int64_t>(rows.size());
        s.cols = csr->cols;
        s.indptr.push_back(0);
        for (auto r : rows) {
            for (auto k = csr->indptr[r]; k < csr->indptr[r + 1]; ++k) {
                s.indices.push_back(csr->indices[k]);
                s.data.push_back(csr->data[k]);
            }
            s.indptr.push_back(static_cast<std::int64_t>(s.data.size()));
        }
        return Matrix(std::move(s), m.dtype());
    }
    if (const auto* csc = m.csc()) {
        std::vector<std::int32_t> newRow(static_cast<std::size_t>(csc->rows), -1);
        for (std::size_t i = 0; i < rows.size(); ++i)
            newRow[static_cast<std::size_t>(rows[i])] = static_cast<std::int32_t>(i);
        CscMatrix s;
        s.rows = static_cast<std::int64_t>(rows.size());
        s.cols = csc->cols;
        s.indptr.push_back(0);
        for (std::int64_t c = 0; c < csc->cols; ++c) {
            for (auto k = csc->indptr[c]; k < csc->indptr[c + 1]; ++k)
                if (const auto r = newRow[static_cast<std::size_t>(csc->indices[k])]; r >= 0) {
                    s.indices.push_back(r);
                    s.data.push_back(csc->data[k]);
                }
            s.indptr.push_back(static_cast<std::int64_t>(s.data.size()));
        }
        return Matrix(std::move(s), m.dtype());
    }
    const DenseMatrix& d = *m.dense();
    DenseMatrix s(static_cast<Eigen::Index>(rows.size()), d.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        s.row(static_cast<Eigen::Index>(i)) = d.row(rows[i]);
    return Matrix(std::move(s), m.dtype());
}

// Benjamini–Hochberg over the finite p-values; NaN p-values get 1, as delnx reports them.
std::vector<double> benjaminiHochberg(const std::vector<double>& p)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isnan(p[i]))
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> out(p.size(), 1.0);
    const double m = static_cast<double>(order.size());
    double running = 1.0;
    for (std::size_t k = order.size(); k-- > 0;) {
        running = std::min(running, p[order[k]] * m / static_cast<double>(k + 1));
        out[order[k]] = std::min(running, 1.0);
    }
    return out;
}

// What validate() checks and run() fits: one job per group (a single one without groupby).
struct Job {
    std::string group;               // "" without groupby
    std::vector<std::int64_t> rows;  // rows of the (pseudobulk or cell) matrix
    Design design;
};

struct Plan {
    std::string layer;
    std::string condition;
    std::vector<std::string> covariates;
    std::string contrast;
    std::optional<Pseudobulk> pb;
    std::vector<Job> jobs;
    std::vector<std::string> skipped; // groups, with the reason
};

Plan makePlan(const Dataset& dataset, const ParamValues& params, ProgressSink& progress, const CancelToken& cancel)
{
    Plan plan;
    plan.layer = optionalString(params, "layer");
    if (plan.layer.empty())
        plan.layer = "X";
    plan.condition = params.at("condition").get<std::string>();
    const std::string reference = params.at("reference").get<std::string>();
    plan.covariates = splitCommaList(optionalString(params, "covariates"));
    plan.contrast = optionalString(params, "contrast");
    const std::string sampleKey = optionalString(params, "pseudobulk_by");
    const std::string groupKey = optionalString(params, "groupby");

    const Matrix& m = dataset.matrix(plan.layer);
    if (m.rows() != dataset.nObs() || m.cols() != dataset.nVars())
        throw InvalidInput("matrix '" + plan.layer + "' is " + std::to_string(m.rows()) + " × " + std::to_string(m.cols())
                           + ", the dataset has " + std::to_string(dataset.nObs()) + " cells × "
                           + std::to_string(dataset.nVars()) + " genes");
    for (const auto& c : plan.covariates)
        if (!dataset.obs.find(c))
            throw InvalidParameter("parameter 'covariates' (--covariates): no obs column named '" + c + "'");
    if (plan.condition == sampleKey || plan.condition == groupKey)
        throw InvalidParameter("the condition column '" + plan.condition + "' cannot also be the sample or group column");

    const DataFrame* obs = &dataset.obs;
    std::vector<std::string> designColumns{plan.condition};
    designColumns.insert(designColumns.end(), plan.covariates.begin(), plan.covariates.end());
    std::vector<int> groupOf;
    std::vector<std::string> groupLevels{""};
    if (!sampleKey.empty()) {
        PseudobulkOptions o;
        o.sampleKey = sampleKey;
        o.groupKey = groupKey;
        o.layer = plan.layer;
        o.carry = designColumns;
        plan.pb = pseudobulk(dataset, o, progress, cancel);
        obs = &plan.pb->obs;
        groupOf = plan.pb->groupOf;
        if (!groupKey.empty())
            groupLevels = plan.pb->groupLevels;
    } else if (!groupKey.empty()) {
        const Column& g = dataset.obs.require(groupKey, "obs");
        groupLevels = factorLevels(g, false, "group column");
        std::map<std::string, int> index;
        for (std::size_t k = 0; k < groupLevels.size(); ++k)
            index[groupLevels[k]] = static_cast<int>(k);
        for (std::size_t i = 0; i < dataset.obs.rows(); ++i)
            groupOf.push_back(index.at(factorValue(g, i)));
    } else {
        groupOf.assign(dataset.obs.rows(), 0);
    }

    // The whole-data design first: condition levels, reference, NA, rank (named columns).
    const DesignSpec spec{plan.condition, reference, plan.covariates};
    const Design whole = buildDesign(*obs, spec);
    if (groupKey.empty()) {
        Job job;
        job.rows.resize(obs->rows());
        std::iota(job.rows.begin(), job.rows.end(), 0);
        job.design = whole;
        plan.jobs.push_back(std::move(job));
    } else {
        for (std::size_t k = 0; k < groupLevels.size(); ++k) {
            Job job;
            job.group = groupLevels[k];
            std::vector<std::int64_t> perLevel(whole.conditionLevels.size(), 0);
            for (std::size_t i = 0; i < groupOf.size(); ++i)
                if (groupOf[i] == static_cast<int>(k)) {
                    job.rows.push_back(static_cast<std::int64_t>(i));
                    ++perLevel[static_cast<std::size_t>(whole.conditionCodes[i])];
                }
            // delnx grouped(min_samples=2): every condition level needs two samples in the group.
            const auto fewest = std::min_element(perLevel.begin(), perLevel.end());
            if (*fewest < 2) {
                const auto lvl = whole.conditionLevels[static_cast<std::size_t>(fewest - perLevel.begin())];
                plan.skipped.push_back(job.group + " (" + std::to_string(*fewest) + " sample"
                                       + (*fewest == 1 ? "" : "s") + " of '" + lvl + "')");
                continue;
            }
            try {
                job.design = buildDesign(subsetRows(*obs, designColumns, job.rows), spec);
            } catch (const InvalidInput& e) {
                throw InvalidInput("group '" + job.group + "' of '" + groupKey + "': " + e.what());
            }
            plan.jobs.push_back(std::move(job));
        }
        if (plan.jobs.empty())
            throw InvalidInput("no group of '" + groupKey + "' has at least 2 samples of every level of '"
                               + plan.condition + "'");
    }

    // The contrast must name a column of every design.
    for (const auto& job : plan.jobs) {
        const auto& names = job.design.columnNames;
        const std::string wanted = plan.contrast.empty() ? job.design.conditionColumns.back() : plan.contrast;
        if (std::find(names.begin(), names.end(), wanted) == names.end()) {
            std::string list;
            for (const auto& n : names)
                list += (list.empty() ? "'" : ", '") + n + "'";
            throw InvalidParameter("parameter 'contrast' (--contrast): '" + wanted + "' is not a design column"
                                   + (job.group.empty() ? std::string() : " in group '" + job.group + "'")
                                   + "; the columns are " + list);
        }
    }
    return plan;
}

} // namespace

DelnxAnalysis::DelnxAnalysis()
{
    const std::string counts = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Counts");
    const std::string design = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Design");
    const std::string pseudo = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Pseudobulk");
    m_schema = ParamSchema({
        {.name = "layer",
         .type = ParamType::Layer,
         .defaultValue = "X",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Counts matrix"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "X or the layer holding raw counts (non-negative integers)."),
         .page = counts},
        {.name = "condition",
         .type = ParamType::ObsColumn,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Condition"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Categorical obs column with the conditions to compare."),
         .page = design},
        {.name = "reference",
         .type = ParamType::String,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Reference level"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "The level of the condition the others are compared with (the intercept)."),
         .page = design},
        {.name = "covariates",
         .type = ParamType::String,
         .defaultValue = "",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Covariates"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Comma-separated obs columns added to the design (batch, donor, ...)."),
         .page = design},
        {.name = "contrast",
         .type = ParamType::String,
         .defaultValue = "",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Tested coefficient"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Design column to test, e.g. condition[T.stimulated]; empty: the last "
                                       "condition column."),
         .page = design},
        {.name = "size_factors",
         .type = ParamType::Choice,
         .defaultValue = "normed_sum",
         .choices = {"normed_sum", "poscounts", "ratio"},
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Size factors"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "normed_sum: library sizes (glmGamPoi's default); poscounts and ratio: "
                                       "DESeq2-style medians of ratios."),
         .page = design},
        {.name = "pseudobulk_by",
         .type = ParamType::ObsColumn,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Pseudobulk by sample"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Sum the counts of each sample (this obs column) before fitting; samples "
                                       "with fewer than 5 cells or 5000 counts are dropped. Empty: fit cells."),
         .page = pseudo},
        {.name = "groupby",
         .type = ParamType::ObsColumn,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Per group"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Fit each level of this obs column (e.g. cell type) separately; p-values "
                                       "are adjusted across all groups."),
         .page = pseudo},
    });
}

std::string DelnxAnalysis::title() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Differential expression (delnx NB GLM)");
}

std::string DelnxAnalysis::description() const
{
    return SCDESK_TRANSLATE_NOOP(
        "scdesk::Analysis",
        "Negative-binomial GLM with a quasi-likelihood F-test (delnx nb_fit / nb_test, glmGamPoi's algorithm) "
        "comparing the levels of a condition, optionally with covariates, on pseudobulk samples or single cells, "
        "for all cells or per cell type. Results are added to the gene table.");
}

void DelnxAnalysis::validate(const Dataset& dataset, const ParamValues& params) const
{
    const NeverCancel cancel;
    NullProgress progress;
    std::string layer = optionalString(params, "layer");
    requireCounts(dataset, layer.empty() ? "X" : layer, cancel);
    makePlan(dataset, params, progress, cancel);
}

std::shared_ptr<const AnalysisResult> DelnxAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                         RunContext& context) const
{
    ProgressSink& progress = context.progress;
    progress.setRange(0);
    progress.setProgress(0, "preparing the design");
    const Plan plan = makePlan(dataset, params, progress, context.cancel);
    for (const auto& s : plan.skipped)
        progress.log(LogLevel::Warning, "delnx: skipped group " + s + ": fewer than 2 samples per condition level");
    context.cancel.throwIfCancelled();

    NbGlmOptions options;
    options.sizeFactors = sizeFactorMethod(params.at("size_factors").get<std::string>());
    const std::int64_t nJobs = static_cast<std::int64_t>(plan.jobs.size());
    progress.setRange(nJobs * kSteps);

    auto result = std::make_shared<DelnxResult>();
    result->grouped = !optionalString(params, "groupby").empty();
    // anndata cannot store None: leave unset optional parameters out.
    result->params = nlohmann::json::object();
    for (const auto& [key, value] : params.items())
        if (!value.is_null())
            result->params[key] = value;
    result->designColumns = plan.jobs.front().design.columnNames;
    result->contrast = plan.contrast.empty() ? plan.jobs.front().design.conditionColumns.back() : plan.contrast;
    result->df0 = result->grouped ? nlohmann::json::object() : nlohmann::json();
    result->info["skipped_groups"] = plan.skipped;
    if (plan.pb) {
        result->info["pseudobulk_samples"] = plan.pb->counts.rows();
        result->info["pseudobulk_dropped_min_cells"] = plan.pb->droppedFewCells;
        result->info["pseudobulk_dropped_min_counts"] = plan.pb->droppedFewCounts;
    }

    const Matrix* cells = plan.pb ? nullptr : &dataset.matrix(plan.layer);
    for (std::int64_t j = 0; j < nJobs; ++j) {
        const Job& job = plan.jobs[static_cast<std::size_t>(j)];
        const std::string prefix = job.group.empty() ? std::string() : job.group + ": ";
        std::unique_ptr<CountSource> source;
        if (plan.pb) {
            Eigen::MatrixXd sub(static_cast<Eigen::Index>(job.rows.size()), plan.pb->counts.cols());
            for (std::size_t i = 0; i < job.rows.size(); ++i)
                sub.row(static_cast<Eigen::Index>(i)) = plan.pb->counts.row(job.rows[i]);
            source = countsFromDense(std::move(sub));
        } else if (static_cast<std::int64_t>(job.rows.size()) == cells->rows()) {
            source = countsFromMatrix(*cells);
        } else {
            source = countsFromMatrix(rowSubset(*cells, job.rows));
        }

        StageProgress fitProgress(progress, j * kSteps, kSteps * 8 / 10, prefix + "fit: ");
        const NbGlmFit fit = nbFit(*source, job.design.matrix, job.design.columnNames, dataset.var.index, options,
                                   fitProgress, context.cancel);
        const auto& names = job.design.columnNames;
        const auto col = std::find(names.begin(), names.end(), result->contrast) - names.begin();
        Eigen::VectorXd contrast = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(names.size()));
        contrast[col] = 1.0;
        StageProgress testProgress(progress, j * kSteps + kSteps * 8 / 10, kSteps * 2 / 10, prefix + "test: ");
        const NbTestResult test = nbTest(fit, *source, contrast, testProgress, context.cancel);
        context.cancel.throwIfCancelled();

        const nlohmann::json df0 = std::isfinite(fit.qlDf0) ? nlohmann::json(fit.qlDf0) : nlohmann::json("inf");
        if (result->grouped)
            result->df0[job.group] = df0;
        else
            result->df0 = df0;
        const auto G = static_cast<Eigen::Index>(test.feature.size());
        for (Eigen::Index g = 0; g < G; ++g) {
            if (result->grouped)
                result->group.push_back(job.group);
            result->feature.push_back(test.feature[static_cast<std::size_t>(g)]);
            result->log2fc.push_back(test.log2fc[g]);
            result->coef.push_back(test.coef[g]);
            result->stat.push_back(test.stat[g]);
            result->pval.push_back(test.pval[g]);
            result->padj.push_back(test.padj[g]);
            result->dispersion.push_back(fit.overdispersion[g]);
            result->qlDispersion.push_back(fit.qlShrunken[g]);
            result->mean.push_back(fit.geneMean[g]);
            result->dispersionTrend.push_back(fit.dispersionTrend[g]);
        }
        progress.setProgress((j + 1) * kSteps, prefix + "done");
    }
    if (result->grouped) // delnx grouped(): one BH over every group's p-values
        result->padj = benjaminiHochberg(result->pval);
    return result;
}

} // namespace scdesk::delnx
