#include "analysis/kompot/kompot_da_analysis.h"

#include <cmath>
#include <map>
#include <sstream>

#include "analysis/kompot/da_cost.h"
#include "analysis/kompot/differential_abundance.h"
#include "analysis/kompot/kompot_da_result.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {

namespace {

constexpr std::int64_t kMinCells = 3; // NN distances and the fractal dimension need 3 cells

// Per-cell text label of an obs column (categorical, string, bool or numeric); "" = missing.
std::vector<std::string> labelsOf(const Column& column)
{
    std::vector<std::string> out(columnLength(column.data));
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            for (std::size_t i = 0; i < out.size(); ++i) {
                if constexpr (std::is_same_v<T, CategoricalColumn>) {
                    if (c.codes[i] >= 0)
                        out[i] = c.categories[static_cast<std::size_t>(c.codes[i])];
                    continue;
                } else {
                const bool missing = !c.mask.empty() && c.mask[i];
                if constexpr (std::is_same_v<T, StringColumn>) {
                    if (!missing)
                        out[i] = c.values[i];
                } else if constexpr (std::is_same_v<T, BoolColumn>) {
                    if (!missing)
                        out[i] = c.values[i] ? "True" : "False";
                } else {
                    if (!missing && !std::isnan(c.values[i])) {
                        std::ostringstream s;
                        s << c.values[i];
                        out[i] = s.str();
                    }
                }
                }
            }
        },
        column.data);
    return out;
}

struct Inputs {
    const DenseMatrix* embedding = nullptr;
    std::vector<Eigen::Index> rows1, rows2;
    std::vector<std::int64_t> samples1, samples2;
};

Inputs gather(const Dataset& dataset, const ParamValues& params)
{
    Inputs in;
    const std::string groupby = params.at("groupby").get<std::string>();
    const std::string c1 = params.at("condition1").get<std::string>();
    const std::string c2 = params.at("condition2").get<std::string>();
    const std::string key = params.at("obsm_key").get<std::string>();
    if (c1 == c2)
        throw InvalidInput("condition1 and condition2 are both '" + c1 + "'");
    const auto labels = labelsOf(dataset.obs.require(groupby, "obs"));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == c1)
            in.rows1.push_back(static_cast<Eigen::Index>(i));
        else if (labels[i] == c2)
            in.rows2.push_back(static_cast<Eigen::Index>(i));
    }
    for (const auto& [name, rows] : {std::pair{c1, &in.rows1}, std::pair{c2, &in.rows2}})
        if (static_cast<std::int64_t>(rows->size()) < kMinCells)
            throw InvalidInput("condition '" + name + "' of obs column '" + groupby + "' has "
                               + std::to_string(rows->size()) + " cells; Kompot DA needs at least "
                               + std::to_string(kMinCells));
    const auto it = dataset.obsm.find(key);
    if (it == dataset.obsm.end())
        throw InvalidInput("obsm has no '" + key + "' (the cell-state embedding, e.g. Palantir's DM_EigenVectors)");
    in.embedding = denseOf(it->second);
    if (!in.embedding)
        throw InvalidInput("obsm '" + key + "' is not a dense matrix");
    if (in.embedding->rows() != dataset.nObs())
        throw InvalidInput("obsm '" + key + "' has " + std::to_string(in.embedding->rows()) + " rows, the dataset "
                           + std::to_string(dataset.nObs()) + " cells");
    for (Eigen::Index r = 0; r < in.embedding->rows(); ++r)
        if (!in.embedding->row(r).allFinite())
            throw InvalidInput("obsm '" + key + "' contains NaN or infinite values (first at cell "
                               + dataset.obs.index[static_cast<std::size_t>(r)] + ")");
    const std::string sampleCol = params.contains("sample_col") && params.at("sample_col").is_string()
                                      ? params.at("sample_col").get<std::string>()
                                      : std::string();
    if (!sampleCol.empty()) {
        const auto samples = labelsOf(dataset.obs.require(sampleCol, "obs"));
        std::map<std::string, std::int64_t> codes;
        auto code = [&](const std::string& s) {
            return codes.emplace(s, static_cast<std::int64_t>(codes.size())).first->second;
        };
        for (const auto& [name, rows, out] : {std::tuple{c1, &in.rows1, &in.samples1},
                                              std::tuple{c2, &in.rows2, &in.samples2}}) {
            std::map<std::string, std::int64_t> counts;
            for (Eigen::Index r : *rows) {
                out->push_back(code(samples[static_cast<std::size_t>(r)]));
                ++counts[samples[static_cast<std::size_t>(r)]];
            }
            std::int64_t usable = 0;
            for (const auto& [s, n] : counts)
                usable += n >= kMinCells && !s.empty();
            if (usable < 2)
                throw InvalidInput("condition '" + name + "' has " + std::to_string(usable) + " sample(s) of '"
                                   + sampleCol + "' with at least " + std::to_string(kMinCells)
                                   + " cells; the sample variance needs two");
        }
    }
    return in;
}

Eigen::MatrixXd rowsOf(const DenseMatrix& m, const std::vector<Eigen::Index>& rows)
{
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), m.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = m.row(rows[i]).cast<double>();
    return out;
}

} // namespace

KompotDaAnalysis::KompotDaAnalysis()
{
    const std::string data = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Data");
    const std::string model = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Model");
    const std::string calls = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Thresholds");
    m_schema = ParamSchema({
        {.name = "groupby",
         .type = ParamType::ObsColumn,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Condition column"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "The obs column holding the conditions to compare."),
         .page = data},
        {.name = "condition1",
         .type = ParamType::String,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Reference condition"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Fold changes go from this condition to condition 2."),
         .page = data},
        {.name = "condition2",
         .type = ParamType::String,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Test condition"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Positive fold changes mean more cells here."),
         .page = data},
        {.name = "obsm_key",
         .type = ParamType::ObsmKey,
         .defaultValue = "DM_EigenVectors",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Cell-state embedding"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "The obsm matrix densities are estimated in (Palantir's diffusion map)."),
         .page = data},
        {.name = "sample_col",
         .type = ParamType::ObsColumn,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Sample column"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Optional: adds the variance between samples (replicates) to the uncertainty."),
         .page = data},
        {.name = "n_landmarks",
         .type = ParamType::Int,
         .defaultValue = 0,
         .min = 0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Landmarks"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "0: Kompot's default (exact up to 5000 cells per condition, else 5000 "
                                       "landmarks per condition); otherwise this many landmarks shared by both."),
         .page = model},
        {.name = "log_fold_change_threshold",
         .type = ParamType::Double,
         .defaultValue = 1.0,
         .min = 0.0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Log fold change threshold"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Natural-log fold change a cell must exceed to be called."),
         .page = calls},
        {.name = "pvalue_threshold",
         .type = ParamType::Double,
         .defaultValue = 0.05,
         .min = 0.0,
         .max = 1.0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Tail probability threshold"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "A cell is called only when its posterior tail probability is below this."),
         .page = calls},
    });
}

std::string KompotDaAnalysis::title() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Differential abundance (Kompot)");
}

std::string KompotDaAnalysis::description() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                 "Estimates the cell density of each condition over the cell-state embedding with "
                                 "Mellon and compares them cell by cell: a log fold change with its uncertainty, "
                                 "a z-score, a posterior tail probability and an up/down/neutral call.");
}

void KompotDaAnalysis::validate(const Dataset& dataset, const ParamValues& params) const
{
    (void)gather(dataset, params);
}

std::shared_ptr<const AnalysisResult> KompotDaAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                            RunContext& context) const
{
    const Inputs in = gather(dataset, params);
    const DenseMatrix& emb = *in.embedding;
    DaOptions options;
    options.nLandmarks = params.at("n_landmarks").get<std::int64_t>();
    options.lfcThreshold = params.at("log_fold_change_threshold").get<double>();
    options.ptpThreshold = params.at("pvalue_threshold").get<double>();
    options.seed = context.seed;
    const auto n1 = static_cast<std::int64_t>(in.rows1.size()), n2 = static_cast<std::int64_t>(in.rows2.size());
    const DaCostEstimate cost = estimateDaCost(n1, n2, dataset.nObs(), emb.cols(), options.nLandmarks,
                                               in.samples1.empty() ? 0 : 4);
    std::ostringstream msg;
    msg << "Kompot DA: " << n1 << " + " << n2 << " cells in " << emb.cols() << " dimensions, landmarks "
        << cost.landmarks1 << " / " << cost.landmarks2 << "; estimated " << cost.seconds << " s and "
        << cost.bytes / (1024.0 * 1024.0) << " MiB";
    context.progress.log(LogLevel::Info, msg.str());
    if (!cost.memoryFits) {
        std::ostringstream warn;
        warn << "Kompot DA needs about " << cost.bytes / (1024.0 * 1024.0) << " MiB but only "
             << cost.availableBytes / (1024.0 * 1024.0)
             << " MiB are available: the run may swap or be killed (fewer landmarks need less)";
        context.progress.log(LogLevel::Warning, warn.str());
    }

    const Eigen::MatrixXd eval = emb.cast<double>();
    auto result = std::make_shared<KompotDaResult>();
    result->da = differentialAbundance(rowsOf(emb, in.rows1), rowsOf(emb, in.rows2), eval, options, in.samples1,
                                       in.samples2, &context.progress, &context.cancel);
    result->cells = dataset.obs.index;
    result->condition1 = params.at("condition1").get<std::string>();
    result->condition2 = params.at("condition2").get<std::string>();
    result->params = params;
    return result;
}

} // namespace scdesk::kompot
