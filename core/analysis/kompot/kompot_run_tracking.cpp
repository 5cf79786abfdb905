#include "analysis/kompot/kompot_run_tracking.h"

#include <chrono>
#include <ctime>

#include "data/dataset.h"

namespace scdesk::kompot {

std::string utcTimestamp()
{
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char stamp[32] = {};
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::gmtime(&now));
    return stamp;
}

void recordKompotRun(Dataset& dataset, const std::string& resultKey, const nlohmann::json& info,
                     const Eigen::MatrixXd& landmarks, const std::string& timestamp)
{
    nlohmann::json entry = nlohmann::json::object();
    if (dataset.uns.is_object() && dataset.uns.contains(resultKey) && dataset.uns[resultKey].is_object())
        entry = dataset.uns[resultKey];
    nlohmann::json history = entry.contains("run_history") && entry["run_history"].is_array()
                                 ? entry["run_history"]
                                 : nlohmann::json::array();
    history.push_back(info.dump());
    entry["run_history"] = history;
    entry["last_run_info"] = info.dump();
    if (landmarks.rows() > 0)
        entry["landmarks_info"] = {{"shape", {landmarks.rows(), landmarks.cols()}},
                                   {"dtype", "float64"},
                                   {"source", "computed"},
                                   {"n", landmarks.rows()},
                                   {"timestamp", timestamp}};
    dataset.setUns(resultKey, entry);
}

} // namespace scdesk::kompot
