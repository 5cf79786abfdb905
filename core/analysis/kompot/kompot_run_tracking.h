#pragma once
// Kompot's run tracking in uns[result key] (spec §5.4, §6.9): a JSON-string run history, the last
// run's info and, when landmarks were computed, their description.
#include <string>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

namespace scdesk {
struct Dataset;
}

namespace scdesk::kompot {

// UTC time as "2026-11-21T12:00:00".
std::string utcTimestamp();

// Appends `info` to uns[resultKey]["run_history"], sets "last_run_info" and, for non-empty
// `landmarks`, "landmarks_info"; other entries of uns[resultKey] are kept.
void recordKompotRun(Dataset& dataset, const std::string& resultKey, const nlohmann::json& info,
                     const Eigen::MatrixXd& landmarks, const std::string& timestamp);

} // namespace scdesk::kompot
