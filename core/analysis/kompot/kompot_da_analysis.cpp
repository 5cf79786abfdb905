#include "analysis/kompot/kompot_da_analysis.h"

#include <cmath>
#include <map>
#include <sstream>

#include "analysis/cost_text.h"
#include "analysis/kompot/da_cost.h"
#include "analysis/kompot/differential_abundance.h"
#include "analysis/kompot/kompot_da_result.h"
#include "analysis/kompot/kompot_inputs.h"
#include "analysis/kompot/kompot_params.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {


KompotDaAnalysis::KompotDaAnalysis()
{
    const std::string data = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Data");
    const std::string model = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Model");
    const std::string calls = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Thresholds");
    m_schema = ParamSchema({
        conditionColumnParam(data),
        referenceConditionParam(data),
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
         .page = data,
         .mayBeComputed = true},
        computeDiffusionMapParam(data),
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

namespace {

CostEstimate daCost(const KompotInputs& in, std::int64_t nLandmarks)
{
    const auto n1 = static_cast<std::int64_t>(in.rows1.size()), n2 = static_cast<std::int64_t>(in.rows2.size());
    const DaCostEstimate c = estimateDaCost(n1, n2, in.embedding.rows(), in.embedding.cols(), nLandmarks,
                                            in.samples1.empty() ? 0 : 4);
    std::ostringstream details;
    details << n1 << " + " << n2 << " cells in " << in.embedding.cols() << " dimensions, landmarks " << c.landmarks1
            << " / " << c.landmarks2 << "; estimated " << formatDuration(c.seconds) << " and "
            << formatMemory(c.bytes);
    return {.seconds = c.seconds,
            .bytes = c.bytes,
            .availableBytes = c.availableBytes,
            .memoryFits = c.memoryFits,
            .details = details.str()};
}

} // namespace

std::optional<CostEstimate> KompotDaAnalysis::estimateCost(const Dataset& dataset, const ParamValues& params) const
{
    return daCost(gatherKompotInputs(dataset, params, "Kompot DA"), params.at("n_landmarks").get<std::int64_t>());
}

void KompotDaAnalysis::validate(const Dataset& dataset, const ParamValues& params) const
{
    (void)gatherKompotInputs(dataset, params, "Kompot DA");
}

std::shared_ptr<const AnalysisResult> KompotDaAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                            RunContext& context) const
{
    const KompotInputs in =
        gatherKompotInputs(dataset, params, "Kompot DA", /*computeMissingEmbedding*/ true, &context.progress,
                           &context.cancel);
    const Eigen::MatrixXd& emb = in.embedding;
    DaOptions options;
    options.nLandmarks = params.at("n_landmarks").get<std::int64_t>();
    options.lfcThreshold = params.at("log_fold_change_threshold").get<double>();
    options.ptpThreshold = params.at("pvalue_threshold").get<double>();
    options.seed = context.seed;
    const CostEstimate cost = daCost(in, options.nLandmarks);
    context.progress.log(LogLevel::Info, "Kompot DA: " + cost.details);
    if (!cost.memoryFits)
        context.progress.log(LogLevel::Warning, memoryWarning("Kompot DA", cost));

    auto result = std::make_shared<KompotDaResult>();
    result->da = differentialAbundance(selectRows(emb, in.rows1), selectRows(emb, in.rows2), emb, options, in.samples1,
                                       in.samples2, &context.progress, &context.cancel);
    result->cells = dataset.obs.index;
    result->condition1 = params.at("condition1").get<std::string>();
    result->condition2 = params.at("condition2").get<std::string>();
    result->params = params;
    if (in.embeddingComputed) {
        result->computedEmbeddingKey = in.embeddingKey;
        result->computedEmbedding = in.embedding;
        result->computedEigenvalues = in.embeddingEigenvalues;
    }
    return result;
}

} // namespace scdesk::kompot
