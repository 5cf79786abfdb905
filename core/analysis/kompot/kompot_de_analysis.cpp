#include "analysis/kompot/kompot_de_analysis.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "analysis/cost_text.h"
#include "analysis/kompot/de_cost.h"
#include "analysis/kompot/differential_expression.h"
#include "analysis/kompot/kompot_de_result.h"
#include "analysis/kompot/kompot_inputs.h"
#include "analysis/kompot/kompot_params.h"
#include "analysis/kompot/layer_expression.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {

namespace {

const char* kName = "Kompot DE";
constexpr std::int64_t kAutoNullGenes = 2000; // Kompot's null_genes="auto" without sample_col

// Everything a run needs that is cheap to gather: inputs, matrix, genes, groups, options.
struct DePlan {
    KompotInputs in;
    std::string layer;
    const Matrix* matrix = nullptr;
    std::vector<std::int64_t> genes; // sorted dataset indices; empty = all
    std::int64_t nGenes = 0;         // analysed
    DeOptions options;
};

std::vector<std::int64_t> parseGenes(const Dataset& dataset, const std::string& text)
{
    const std::vector<std::string> names = splitCommaList(text);
    if (names.empty())
        return {};
    std::map<std::string, std::int64_t> index;
    for (std::size_t i = 0; i < dataset.var.index.size(); ++i)
        index.emplace(dataset.var.index[i], static_cast<std::int64_t>(i));
    std::vector<std::int64_t> genes;
    std::vector<std::string> unknown;
    for (const auto& n : names) {
        const auto it = index.find(n);
        if (it == index.end())
            unknown.push_back(n);
        else
            genes.push_back(it->second);
    }
    if (!unknown.empty()) {
        std::string list;
        for (std::size_t i = 0; i < unknown.size() && i < 10; ++i)
            list += (i ? ", " : "") + std::string("'") + unknown[i] + "'";
        if (unknown.size() > 10)
            list += " and " + std::to_string(unknown.size() - 10) + " more";
        throw InvalidInput(std::to_string(unknown.size()) + " gene(s) not in the dataset's var names: " + list);
    }
    std::sort(genes.begin(), genes.end());
    genes.erase(std::unique(genes.begin(), genes.end()), genes.end());
    return genes;
}

LengthScaleScheme schemeOf(const std::string& s)
{
    if (s == "condition2")
        return LengthScaleScheme::Condition2;
    if (s == "symmetric")
        return LengthScaleScheme::Symmetric;
    if (s == "pooled")
        return LengthScaleScheme::Pooled;
    return LengthScaleScheme::Condition1;
}

// One group per level of the obs column (category order for a categorical, else first
// appearance); cells without a label belong to none.
std::vector<DeGroup> groupsOf(const Dataset& dataset, const std::string& column)
{
    const Column& col = dataset.obs.require(column, "obs");
    const auto labels = cellLabels(col);
    std::vector<std::string> order;
    if (const auto* cat = std::get_if<CategoricalColumn>(&col.data))
        order = cat->categories;
    std::map<std::string, std::vector<Eigen::Index>> cells;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].empty())
            continue;
        auto [it, added] = cells.try_emplace(labels[i]);
        if (added && !std::get_if<CategoricalColumn>(&col.data))
            order.push_back(labels[i]);
        it->second.push_back(static_cast<Eigen::Index>(i));
    }
    std::vector<DeGroup> groups;
    for (const auto& name : order)
        if (auto it = cells.find(name); it != cells.end())
            groups.push_back({name, std::move(it->second)});
    return groups;
}

// `context` given (run): a missing diffusion map is computed; otherwise only checked.
DePlan makePlan(const Dataset& dataset, const ParamValues& params, RunContext* context = nullptr)
{
    DePlan p;
    p.in = context ? gatherKompotInputs(dataset, params, kName, /*computeMissingEmbedding*/ true, &context->progress,
                                        &context->cancel)
                   : gatherKompotInputs(dataset, params, kName);
    p.layer = optionalString(params, "layer");
    if (p.layer.empty())
        p.layer = "X";
    p.matrix = &dataset.matrix(p.layer);
    if (p.matrix->isNone())
        throw InvalidInput("matrix '" + p.layer + "' is absent; choose a layer holding expression");
    if (p.matrix->rows() != dataset.nObs() || p.matrix->cols() != dataset.nVars())
        throw InvalidInput("matrix '" + p.layer + "' is " + std::to_string(p.matrix->rows()) + " × "
                           + std::to_string(p.matrix->cols()) + ", the dataset " + std::to_string(dataset.nObs())
                           + " × " + std::to_string(dataset.nVars()));
    p.genes = parseGenes(dataset, optionalString(params, "genes"));
    p.nGenes = p.genes.empty() ? dataset.nVars() : static_cast<std::int64_t>(p.genes.size());
    const std::string groupCol = optionalString(params, "groups");
    if (!groupCol.empty())
        p.options.groups = groupsOf(dataset, groupCol);
    p.options.nLandmarks = params.at("n_landmarks").get<std::int64_t>();
    p.options.lsScheme = schemeOf(params.at("ls_scheme").get<std::string>());
    const std::int64_t nulls = params.at("null_genes").get<std::int64_t>();
    p.options.nullGenes = nulls >= 0 ? nulls : (p.in.samples1.empty() ? kAutoNullGenes : 0);
    p.options.fdrThreshold = params.at("fdr_threshold").get<double>();
    return p;
}

CostEstimate deCost(const DePlan& p)
{
    DeCostInputs ci;
    ci.cells1 = static_cast<std::int64_t>(p.in.rows1.size());
    ci.cells2 = static_cast<std::int64_t>(p.in.rows2.size());
    ci.evalCells = p.in.embedding.rows();
    ci.dims = p.in.embedding.cols();
    ci.landmarks = p.options.nLandmarks;
    ci.genes = p.nGenes;
    ci.nullGenes = p.options.nullGenes;
    if (!p.in.samples1.empty()) {
        auto distinct = [](std::vector<std::int64_t> v) {
            std::sort(v.begin(), v.end());
            return static_cast<std::int64_t>(std::unique(v.begin(), v.end()) - v.begin());
        };
        ci.samples1 = distinct(p.in.samples1);
        ci.samples2 = distinct(p.in.samples2);
    }
    for (const DeGroup& g : p.options.groups)
        ci.groupCells.push_back(static_cast<std::int64_t>(g.cells.size()));
    if (const CsrMatrix* csr = p.matrix->csr()) // layerExpression keeps a CSC copy
        ci.sourceCopyBytes = static_cast<double>(csr->nnz()) * 8.0 + static_cast<double>(csr->cols + 1) * 8.0;
    ci.storeLayers = p.options.storeLayers;
    ci.batchSize = p.options.batchSize;
    const DeCostEstimate c = estimateDeCost(ci);
    std::ostringstream details;
    details << ci.cells1 << " + " << ci.cells2 << " cells in " << ci.dims << " dimensions, " << c.landmarks
            << " landmarks, " << ci.genes << " genes + " << ci.nullGenes << " null genes";
    if (ci.samples1 > 0)
        details << ", " << ci.samples1 << " + " << ci.samples2 << " samples";
    if (!ci.groupCells.empty())
        details << ", " << ci.groupCells.size() << " groups";
    details << "; estimated " << formatDuration(c.seconds) << " and " << formatMemory(c.bytes);
    return {.seconds = c.seconds,
            .bytes = c.bytes,
            .availableBytes = c.availableBytes,
            .memoryFits = c.memoryFits,
            .details = details.str()};
}

} // namespace

KompotDeAnalysis::KompotDeAnalysis()
{
    const std::string data = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Data");
    const std::string model = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Model");
    const std::string calls = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Significance");
    m_schema = ParamSchema({
        conditionColumnParam(data),
        referenceConditionParam(data),
        {.name = "condition2",
         .type = ParamType::String,
         .required = true,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Test condition"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Positive fold changes mean higher expression here."),
         .page = data},
        {.name = "obsm_key",
         .type = ParamType::ObsmKey,
         .defaultValue = "DM_EigenVectors",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Cell-state embedding"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "The obsm matrix expression is smoothed over (Palantir's diffusion map)."),
         .page = data,
         .mayBeComputed = true},
        computeDiffusionMapParam(data),
        {.name = "layer",
         .type = ParamType::Layer,
         .defaultValue = "X",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Expression matrix"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "X or the layer holding the expression (log-normalised, or raw counts that "
                                       "are normalised on the fly)."),
         .page = data},
        {.name = "genes",
         .type = ParamType::String,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Genes"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Optional: comma-separated gene names to analyse; empty: all genes."),
         .page = data},
        {.name = "sample_col",
         .type = ParamType::ObsColumn,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Sample column"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Optional: adds the variance between samples (replicates) to the "
                                       "Mahalanobis distance."),
         .page = data},
        {.name = "groups",
         .type = ParamType::ObsColumn,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Groups"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Optional: an obs column (e.g. cell type); each group also gets its own mean "
                                       "fold change, distance and FDR."),
         .page = data},
        {.name = "n_landmarks",
         .type = ParamType::Int,
         .defaultValue = 5000,
         .min = 1,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Landmarks"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Landmarks shared by both conditions (k-means of all their cells); fewer is "
                                       "faster and coarser."),
         .page = model},
        {.name = "ls_scheme",
         .type = ParamType::Choice,
         .defaultValue = "condition1",
         .choices = {"condition1", "condition2", "symmetric", "pooled"},
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Length scale from"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Which cells set the smoothing length scale: condition 1 (Kompot's "
                                       "default), condition 2, their size-weighted mean, or both pooled."),
         .page = model},
        {.name = "normalize",
         .type = ParamType::Choice,
         .defaultValue = "auto",
         .choices = {"auto", "none", "log1p_cp10k"},
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Normalisation"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "auto: raw counts become log1p(counts per 10,000), anything else is used "
                                       "as is; none: as is; log1p_cp10k: always normalise."),
         .page = model},
        {.name = "null_genes",
         .type = ParamType::Int,
         .defaultValue = -1,
         .min = -1,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Null genes"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Permuted genes behind the FDR; -1: 2000 without a sample column, 0 (no "
                                       "FDR) with one."),
         .page = calls},
        {.name = "fdr_threshold",
         .type = ParamType::Double,
         .defaultValue = 0.05,
         .min = 0.0,
         .max = 1.0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "FDR threshold"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "A gene is called DE when its local FDR is below this."),
         .page = calls},
    });
}

std::string KompotDeAnalysis::title() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Differential expression (Kompot)");
}

std::string KompotDeAnalysis::description() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                 "Smooths each gene's expression over the cell-state embedding separately in both "
                                 "conditions (Gaussian-process regression on shared landmarks) and compares the "
                                 "two surfaces: fold changes per cell, a mean log fold change and a Mahalanobis "
                                 "distance per gene, and an FDR from permuted null genes.");
}

std::optional<CostEstimate> KompotDeAnalysis::estimateCost(const Dataset& dataset, const ParamValues& params) const
{
    return deCost(makePlan(dataset, params));
}

void KompotDeAnalysis::validate(const Dataset& dataset, const ParamValues& params) const
{
    (void)makePlan(dataset, params);
}

std::shared_ptr<const AnalysisResult> KompotDeAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                            RunContext& context) const
{
    DePlan plan = makePlan(dataset, params, &context);
    plan.options.seed = context.seed;
    const CostEstimate cost = deCost(plan);
    context.progress.log(LogLevel::Info, std::string(kName) + ": " + cost.details);
    if (!cost.memoryFits)
        context.progress.log(LogLevel::Warning, memoryWarning(kName, cost));

    // Kompot's representation check (check_representation=None): warn about groups resting on
    // fewer than 2 cells of a condition, and keep them.
    if (!plan.options.groups.empty()) {
        std::vector<std::int8_t> conditionOf(static_cast<std::size_t>(dataset.nObs()), 0);
        for (Eigen::Index r : plan.in.rows1)
            conditionOf[static_cast<std::size_t>(r)] = 1;
        for (Eigen::Index r : plan.in.rows2)
            conditionOf[static_cast<std::size_t>(r)] = 2;
        for (const DeGroup& g : plan.options.groups) {
            std::int64_t n1 = 0, n2 = 0;
            for (Eigen::Index c : g.cells) {
                n1 += conditionOf[static_cast<std::size_t>(c)] == 1;
                n2 += conditionOf[static_cast<std::size_t>(c)] == 2;
            }
            if (n1 < 2 || n2 < 2)
                context.progress.log(LogLevel::Warning,
                                     std::string(kName) + ": group '" + g.name + "' has " + std::to_string(n1) + " '"
                                         + plan.in.condition1 + "' and " + std::to_string(n2) + " '"
                                         + plan.in.condition2 + "' cells; its results extrapolate");
        }
    }

    // Kompot expects log-normalised expression; raw counts are normalised here rather than
    // smoothed as they are.
    const std::string normalize = params.at("normalize").get<std::string>();
    bool logNormalise = normalize == "log1p_cp10k";
    if (normalize == "auto" && holdsCounts(*plan.matrix, &context.cancel)) {
        logNormalise = true;
        context.progress.log(LogLevel::Info, "Kompot DE: matrix '" + plan.layer
                                                 + "' holds raw counts; using log1p(counts / total per cell × "
                                                   "10,000) (Kompot expects log-normalised expression)");
    }
    const ExpressionSource source = layerExpression(*plan.matrix, logNormalise, plan.layer, &context.cancel);

    const KompotInputs& in = plan.in;
    const Eigen::MatrixXd& emb = in.embedding;
    auto result = std::make_shared<KompotDeResult>();
    result->de = differentialExpression(selectRows(emb, in.rows1), selectRows(emb, in.rows2), in.rows1, in.rows2, emb,
                                        source, plan.genes, plan.options, in.samples1, in.samples2, &context.progress,
                                        &context.cancel);
    if (result->de.nullWithReplacement)
        context.progress.log(LogLevel::Warning, "Kompot DE: more null genes (" + std::to_string(plan.options.nullGenes)
                                                    + ") than genes; drawn with replacement");
    result->varNames = dataset.var.index;
    result->nObs = dataset.nObs();
    result->condition1 = in.condition1;
    result->condition2 = in.condition2;
    result->fdrThreshold = plan.options.fdrThreshold;
    result->normalization = logNormalise ? "log1p_cp10k" : "none";
    result->params = params;
    if (in.embeddingComputed) {
        result->computedEmbeddingKey = in.embeddingKey;
        result->computedEmbedding = in.embedding;
        result->computedEigenvalues = in.embeddingEigenvalues;
    }
    return result;
}

} // namespace scdesk::kompot
