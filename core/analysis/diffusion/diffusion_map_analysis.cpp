#include "analysis/diffusion/diffusion_map_analysis.h"

#include <sstream>

#include "analysis/cost_text.h"
#include "analysis/diffusion/diffusion_map_result.h"
#include "data/dataset.h"
#include "math/diffusion_map.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

Eigen::MatrixXd diffusionMapInput(const Dataset& dataset, const std::string& obsmKey)
{
    const auto it = dataset.obsm.find(obsmKey);
    if (it == dataset.obsm.end())
        throw InvalidInput("obsm has no '" + obsmKey + "': compute a PCA first, e.g. scanpy.pp.pca");
    const DenseMatrix* dense = denseOf(it->second);
    if (!dense)
        throw InvalidInput("obsm '" + obsmKey + "' is not a dense matrix");
    if (dense->rows() != dataset.nObs())
        throw InvalidInput("obsm '" + obsmKey + "' has " + std::to_string(dense->rows()) + " rows, the dataset "
                           + std::to_string(dataset.nObs()) + " cells");
    if (dense->cols() < 1)
        throw InvalidInput("obsm '" + obsmKey + "' has no columns");
    for (Eigen::Index r = 0; r < dense->rows(); ++r)
        if (!dense->row(r).allFinite())
            throw InvalidInput("obsm '" + obsmKey + "' contains NaN or infinite values (first at cell "
                               + dataset.obs.index[static_cast<std::size_t>(r)] + ")");
    return dense->cast<double>();
}

void checkDiffusionMapCellCount(std::int64_t nCells, std::int64_t knn, std::int64_t nComponents)
{
    if (nCells <= knn || nCells <= nComponents + 1)
        throw InvalidInput("a diffusion map with " + std::to_string(knn) + " neighbours and "
                           + std::to_string(nComponents) + " components needs more than "
                           + std::to_string(std::max(knn, nComponents + 1)) + " cells; the dataset has "
                           + std::to_string(nCells));
}

DiffusionMapAnalysis::DiffusionMapAnalysis()
{
    const std::string data = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Data");
    const std::string model = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Diffusion map");
    m_schema = ParamSchema({
        {.name = "obsm_key",
         .type = ParamType::ObsmKey,
         .defaultValue = "X_pca",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Input representation"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "The obsm matrix the neighbour graph is built on, usually the PCA (X_pca)."),
         .page = data},
        {.name = "n_components",
         .type = ParamType::Int,
         .defaultValue = 10,
         .min = 2,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Components"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Number of diffusion components, the first being the trivial constant one."),
         .page = model},
        {.name = "knn",
         .type = ParamType::Int,
         .defaultValue = 30,
         .min = 2,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Neighbours"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "Nearest neighbours per cell (counting the cell itself, as scanpy does); the "
                                       "kernel width of a cell is the distance to its knn/3-th neighbour."),
         .page = model},
        {.name = "out_key",
         .type = ParamType::String,
         .defaultValue = "DM_EigenVectors",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Output key"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "The obsm key for the diffusion components; the eigenvalues go to uns "
                                       "(DM_EigenValues for DM_EigenVectors)."),
         .page = model},
    });
}

std::string DiffusionMapAnalysis::title() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Diffusion map (Palantir)");
}

std::string DiffusionMapAnalysis::description() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                 "Computes Palantir's diffusion map: a neighbour graph with an adaptive "
                                 "exponential kernel, its random-walk transition matrix and that matrix's "
                                 "leading eigenvectors. The result (DM_EigenVectors) is the cell-state space Kompot and "
                                 "Mellon expect.");
}

namespace {

DiffusionMapOptions optionsFrom(const ParamValues& params)
{
    DiffusionMapOptions o;
    o.nComponents = params.at("n_components").get<std::int64_t>();
    o.knn = params.at("knn").get<std::int64_t>();
    return o;
}

void checkOutKey(const ParamValues& params)
{
    if (params.at("out_key").get<std::string>().empty())
        throw InvalidInput("out_key is empty: name the obsm entry for the diffusion components");
}

} // namespace

void DiffusionMapAnalysis::validate(const Dataset& dataset, const ParamValues& params) const
{
    checkOutKey(params);
    const DiffusionMapOptions o = optionsFrom(params);
    (void)diffusionMapInput(dataset, params.at("obsm_key").get<std::string>());
    checkDiffusionMapCellCount(dataset.nObs(), o.knn, o.nComponents);
}

std::optional<CostEstimate> DiffusionMapAnalysis::estimateCost(const Dataset& dataset, const ParamValues& params) const
{
    const DiffusionMapOptions o = optionsFrom(params);
    const std::string key = params.at("obsm_key").get<std::string>();
    const auto it = dataset.obsm.find(key);
    if (it == dataset.obsm.end())
        throw InvalidInput("obsm has no '" + key + "': compute a PCA first, e.g. scanpy.pp.pca");
    const std::int64_t n = dataset.nObs(), dims = axisArrayCols(it->second);
    CostEstimate c;
    c.seconds = estimateDiffusionMapSeconds(n, dims, o.knn);
    c.bytes = estimateDiffusionMapBytes(n, dims, o.knn, o.nComponents);
    std::ostringstream details;
    details << n << " cells in " << dims << " dimensions, " << o.knn << " neighbours; estimated "
            << formatDuration(c.seconds) << " and " << formatMemory(c.bytes);
    c.details = details.str();
    return c;
}

std::shared_ptr<const AnalysisResult> DiffusionMapAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                                RunContext& context) const
{
    validate(dataset, params);
    const DiffusionMapOptions o = optionsFrom(params);
    auto result = std::make_shared<DiffusionMapResult>();
    result->sourceKey = params.at("obsm_key").get<std::string>();
    result->outKey = params.at("out_key").get<std::string>();
    result->nCells = dataset.nObs();
    result->params = params;
    context.progress.setRange(0);
    context.progress.setProgress(0, "diffusion map");
    result->map = diffusionMap(diffusionMapInput(dataset, result->sourceKey), o, &context.cancel);
    if (result->map.graphComponents > 1)
        context.progress.log(LogLevel::Warning,
                             "the neighbour graph falls into " + std::to_string(result->map.graphComponents)
                                 + " disconnected parts; each has its own constant diffusion component "
                                   "(eigenvalue 1)");
    if (!result->map.converged)
        context.progress.log(LogLevel::Warning, "diffusion map: the eigensolver stopped with residual "
                                                    + std::to_string(result->map.maxResidual));
    return result;
}

} // namespace scdesk
