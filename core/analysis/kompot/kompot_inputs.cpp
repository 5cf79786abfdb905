#include "analysis/kompot/kompot_inputs.h"

#include <cmath>
#include <map>
#include <sstream>

#include "analysis/diffusion/diffusion_map_analysis.h"
#include "data/dataset.h"
#include "math/diffusion_map.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::kompot {

std::vector<std::string> cellLabels(const Column& column)
{
    std::vector<std::string> out(columnLength(column.data));
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            for (std::size_t i = 0; i < out.size(); ++i) {
                if constexpr (std::is_same_v<T, CategoricalColumn>) {
                    if (c.codes[i] >= 0)
                        out[i] = c.categories[static_cast<std::size_t>(c.codes[i])];
                } else {
                    const bool missing = !c.mask.empty() && c.mask[i];
                    if (missing)
                        continue;
                    if constexpr (std::is_same_v<T, StringColumn>) {
                        out[i] = c.values[i];
                    } else if constexpr (std::is_same_v<T, BoolColumn>) {
                        out[i] = c.values[i] ? "True" : "False";
                    } else if (!std::isnan(static_cast<double>(c.values[i]))) {
                        std::ostringstream s;
                        s << c.values[i];
                        out[i] = s.str();
                    }
                }
            }
        },
        column.data);
    return out;
}

Eigen::MatrixXd selectRows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows)
{
    Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), x.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(static_cast<Eigen::Index>(i)) = x.row(rows[i]);
    return out;
}

namespace {

Eigen::MatrixXd readEmbedding(const Dataset& dataset, const std::string& key, bool offerDiffusionMap)
{
    const auto it = dataset.obsm.find(key);
    if (it == dataset.obsm.end()) {
        if (key == kDiffusionMapKey)
            throw InvalidInput(std::string("obsm has no '") + key + "' (Palantir's diffusion map, the cell-state "
                               "embedding)" + (offerDiffusionMap ? "" : " and compute_diffusion_map is off")
                               + ": compute it with palantir.utils.run_diffusion_maps, turn on "
                                 "compute_diffusion_map (needs X_pca), or choose another obsm key");
        throw InvalidInput("obsm has no '" + key + "' (the cell-state embedding, e.g. Palantir's DM_EigenVectors)");
    }
    const DenseMatrix* dense = denseOf(it->second);
    if (!dense)
        throw InvalidInput("obsm '" + key + "' is not a dense matrix");
    if (dense->rows() != dataset.nObs())
        throw InvalidInput("obsm '" + key + "' has " + std::to_string(dense->rows()) + " rows, the dataset "
                           + std::to_string(dataset.nObs()) + " cells");
    for (Eigen::Index r = 0; r < dense->rows(); ++r)
        if (!dense->row(r).allFinite())
            throw InvalidInput("obsm '" + key + "' contains NaN or infinite values (first at cell "
                               + dataset.obs.index[static_cast<std::size_t>(r)] + ")");
    return dense->cast<double>();
}

// When obsm lacks DM_EigenVectors: checks X_pca, and leaves a placeholder of the diffusion map's shape.
void prepareDiffusionMapEmbedding(const Dataset& dataset, const std::string& analysisName, KompotInputs& in)
{
    if (!dataset.obsm.count(kDiffusionMapSourceKey))
        throw InvalidInput(std::string("obsm has neither '") + in.embeddingKey + "' nor '" + kDiffusionMapSourceKey
                           + "': " + analysisName + " needs a cell-state embedding. Compute a PCA (e.g. "
                           "scanpy.pp.pca) so scDesk can compute the diffusion map from " + kDiffusionMapSourceKey
                           + ", add Palantir's diffusion map (palantir.utils.run_diffusion_maps), or choose "
                             "another obsm key");
    (void)diffusionMapInput(dataset, kDiffusionMapSourceKey);
    checkDiffusionMapCellCount(dataset.nObs(), kDiffusionMapKnn, kDiffusionMapComponents);
    in.embeddingPending = true;
    in.embedding = Eigen::MatrixXd::Zero(dataset.nObs(), kDiffusionMapComponents);
}

// Palantir's diffusion map of X_pca as the embedding.
void computeDiffusionMapEmbedding(const Dataset& dataset, const std::string& analysisName, ProgressSink* progress,
                                  const CancelToken* cancel, KompotInputs& in)
{
    const Eigen::MatrixXd pca = diffusionMapInput(dataset, kDiffusionMapSourceKey);
    if (progress)
        progress->log(LogLevel::Info, analysisName + ": obsm has no '" + in.embeddingKey
                                          + "'; computing Palantir's diffusion map from " + kDiffusionMapSourceKey
                                          + " (" + std::to_string(pca.cols()) + " dimensions, "
                                          + std::to_string(kDiffusionMapKnn) + " neighbours, "
                                          + std::to_string(kDiffusionMapComponents) + " components)");
    DiffusionMapOptions options;
    options.knn = kDiffusionMapKnn;
    options.nComponents = kDiffusionMapComponents;
    const DiffusionMap map = diffusionMap(pca, options, cancel);
    // Rounded as obsm stores it, so a later run on the stored matrix gives the same result.
    in.embedding = map.eigenvectors.cast<float>().cast<double>();
    in.embeddingEigenvalues = map.eigenvalues;
    in.embeddingPending = false;
    in.embeddingComputed = true;
    if (progress && map.graphComponents > 1)
        progress->log(LogLevel::Warning, analysisName + ": the neighbour graph of " + kDiffusionMapSourceKey
                                             + " falls into " + std::to_string(map.graphComponents)
                                             + " disconnected parts; each takes a diffusion component");
}

} // namespace

KompotInputs gatherKompotInputs(const Dataset& dataset, const ParamValues& params, const std::string& analysisName,
                                bool computeMissingEmbedding, ProgressSink* progress, const CancelToken* cancel)
{
    KompotInputs in;
    const std::string groupby = params.at("groupby").get<std::string>();
    in.condition1 = params.at("condition1").get<std::string>();
    in.condition2 = params.at("condition2").get<std::string>();
    const std::string& c1 = in.condition1;
    const std::string& c2 = in.condition2;
    if (c1 == c2)
        throw InvalidInput("condition1 and condition2 are both '" + c1 + "'");
    const auto labels = cellLabels(dataset.obs.require(groupby, "obs"));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] == c1)
            in.rows1.push_back(static_cast<Eigen::Index>(i));
        else if (labels[i] == c2)
            in.rows2.push_back(static_cast<Eigen::Index>(i));
    }
    for (const auto& [name, rows] : {std::pair{c1, &in.rows1}, std::pair{c2, &in.rows2}})
        if (static_cast<std::int64_t>(rows->size()) < kMinCellsPerCondition)
            throw InvalidInput("condition '" + name + "' of obs column '" + groupby + "' has "
                               + std::to_string(rows->size()) + " cells; " + analysisName + " needs at least "
                               + std::to_string(kMinCellsPerCondition));
    in.embeddingKey = params.at("obsm_key").get<std::string>();
    const bool offerDiffusionMap = !params.contains("compute_diffusion_map")
                                   || !params.at("compute_diffusion_map").is_boolean()
                                   || params.at("compute_diffusion_map").get<bool>();
    if (!dataset.obsm.count(in.embeddingKey) && in.embeddingKey == kDiffusionMapKey && offerDiffusionMap)
        prepareDiffusionMapEmbedding(dataset, analysisName, in);
    else
        in.embedding = readEmbedding(dataset, in.embeddingKey, offerDiffusionMap);
    const std::string sampleCol = optionalString(params, "sample_col");
    if (!sampleCol.empty()) {
        const auto samples = cellLabels(dataset.obs.require(sampleCol, "obs"));
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
                usable += n >= kMinCellsPerCondition && !s.empty();
            if (usable < 2)
                throw InvalidInput("condition '" + name + "' has " + std::to_string(usable) + " sample(s) of '"
                                   + sampleCol + "' with at least " + std::to_string(kMinCellsPerCondition)
                                   + " cells; the sample variance needs two");
        }
    }
    // Last, after every cheap check.
    if (in.embeddingPending && computeMissingEmbedding)
        computeDiffusionMapEmbedding(dataset, analysisName, progress, cancel, in);
    return in;
}

} // namespace scdesk::kompot
