#include "analysis/kompot/kompot_da_result.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

#include "analysis/diffusion/diffusion_map_result.h"
#include "analysis/kompot/kompot_run_tracking.h"
#include "data/dataset.h"
#include "util/build_info.h"

namespace scdesk::kompot {

namespace {
const char* kResultKey = "kompot_da";
}

std::string sanitizeConditionName(std::string name)
{
    for (char& c : name)
        if (c == ' ' || c == '/' || c == '\\' || c == '-' || c == '.')
            c = '_';
    return name;
}

std::string KompotDaResult::lfcKey() const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition1) + "_to_"
           + sanitizeConditionName(condition2) + "_lfc";
}
std::string KompotDaResult::zscoreKey() const
{
    return lfcKey() + "_zscore" + (da.sampleVariance ? "_sample_var" : "");
}
std::string KompotDaResult::ptpKey() const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition1) + "_to_"
           + sanitizeConditionName(condition2) + "_neg_log10_lfc_ptp" + (da.sampleVariance ? "_sample_var" : "");
}
std::string KompotDaResult::directionKey() const
{
    return lfcKey() + "_direction" + (da.sampleVariance ? "_sample_var" : "");
}
std::string KompotDaResult::logDensityKey(int condition) const
{
    return std::string(kResultKey) + "_" + sanitizeConditionName(condition == 1 ? condition1 : condition2)
           + "_log_density";
}

std::string KompotDaResult::summary() const
{
    const auto up = std::count(da.direction.begin(), da.direction.end(), DaDirection::Up);
    const auto down = std::count(da.direction.begin(), da.direction.end(), DaDirection::Down);
    return "Kompot DA " + condition1 + " → " + condition2 + " on " + std::to_string(cells.size()) + " cells: "
           + std::to_string(up) + " up, " + std::to_string(down) + " down";
}

std::vector<ResultTable> KompotDaResult::tables() const
{
    const auto n = static_cast<std::size_t>(da.lfc.size());
    auto vec = [](const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
    std::vector<std::string> direction(n);
    static const char* names[] = {"up", "neutral", "down"};
    for (std::size_t i = 0; i < n; ++i)
        direction[i] = names[static_cast<int>(da.direction[i])];
    ResultTable t;
    t.name = "kompot_da";
    t.addColumn("cell", cells);
    t.addColumn("lfc", vec(da.lfc));
    t.addColumn("lfc_zscore", vec(da.zscore));
    t.addColumn("neg_log10_ptp", vec(da.negLog10Ptp));
    t.addColumn("direction", direction);
    t.addColumn("log_density_" + condition1, vec(da.logDensity1));
    t.addColumn("log_density_" + condition2, vec(da.logDensity2));
    t.addColumn("lfc_variance", vec(da.lfcVariance));
    auto number = [this](const char* key, double fallback) {
        std::ostringstream s;
        s << (params.is_object() && params.contains(key) && params.at(key).is_number() ? params.at(key).get<double>()
                                                                                         : fallback);
        return s.str();
    };
    t.attributes = {{"kind", "kompot-da"},
                    {"condition1", condition1},
                    {"condition2", condition2},
                    {"obs_lfc", lfcKey()},
                    {"obs_ptp", ptpKey()},
                    {"obs_direction", directionKey()},
                    {"obs_zscore", zscoreKey()},
                    {"lfc_threshold", number("log_fold_change_threshold", 1.0)},
                    {"ptp_threshold", number("pvalue_threshold", 0.05)}};
    return {t};
}

void KompotDaResult::writeInto(Dataset& dataset) const
{
    if (!computedEmbeddingKey.empty())
        writeDiffusionMap(dataset, computedEmbeddingKey, computedEmbedding, computedEigenvalues);
    auto vec = [](const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
    dataset.setObsColumn({lfcKey(), NumericColumn{.values = vec(da.lfc)}});
    dataset.setObsColumn({zscoreKey(), NumericColumn{.values = vec(da.zscore)}});
    dataset.setObsColumn({ptpKey(), NumericColumn{.values = vec(da.negLog10Ptp)}});
    CategoricalColumn dir;
    dir.categories = {"up", "neutral", "down"};
    dir.codes.reserve(da.direction.size());
    for (DaDirection d : da.direction)
        dir.codes.push_back(static_cast<std::int32_t>(d));
    dataset.setObsColumn({directionKey(), std::move(dir)});
    dataset.setObsColumn({logDensityKey(1), NumericColumn{.values = vec(da.logDensity1)}});
    dataset.setObsColumn({logDensityKey(2), NumericColumn{.values = vec(da.logDensity2)}});
    dataset.setUns(directionKey() + "_colors", nlohmann::json::array({"#d73027", "#d3d3d3", "#4575b4"}));

    // Run tracking in the spirit of Kompot's uns["kompot_da"]: history as JSON strings.
    const std::string stamp = utcTimestamp();
    auto fitJson = [](const DaConditionFit& f) {
        return nlohmann::json{{"ls", f.lengthScale}, {"d", f.dimension}, {"mu", f.mu}, {"n_cells", f.nCells},
                               {"n_landmarks", f.nLandmarks}, {"optimizer_iterations", f.iterations},
                               {"converged", f.converged}, {"n_samples", f.nSamples}};
    };
    nlohmann::json info = {{"timestamp", stamp},
                           {"function", "da"},
                           {"analysis_type", "da"},
                           {"result_key", kResultKey},
                           {"conditions", {condition1, condition2}},
                           {"params", params},
                           {"embedding_computed", !computedEmbeddingKey.empty()},
                           {"field_names",
                            {{"lfc_key", lfcKey()},
                             {"zscore_key", zscoreKey()},
                             {"ptp_key", ptpKey()},
                             {"direction_key", directionKey()},
                             {"density_key_1", logDensityKey(1)},
                             {"density_key_2", logDensityKey(2)}}},
                           {"condition1_fit", fitJson(da.fit1)},
                           {"condition2_fit", fitJson(da.fit2)},
                           {"environment", {{"implementation", "scDesk"}}}};
    recordKompotRun(dataset, kResultKey, info, da.landmarks, stamp);
}

} // namespace scdesk::kompot
