#pragma once
// The summary `scdesk-cli info --json` prints (keys fixed by the h5ad issue): n_obs, n_vars, X,
// obs, var, obs_names_head, var_names_head, obsm, layers, raw_n_vars, uns_keys.
#include <nlohmann/json.hpp>

#include "data/dataset.h"

namespace scdesk {

// ordered_json: obs/var columns are listed in file order.
nlohmann::ordered_json summarizeDataset(const Dataset& dataset);

} // namespace scdesk
