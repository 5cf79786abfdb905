#pragma once
// `uns` as nested JSON: mappings as objects, scalars as values, string arrays and small numeric
// arrays as (nested) arrays, categoricals and nullable arrays as arrays with nulls, data frames
// and rec-arrays as objects of columns. Sparse matrices and arrays above
// options.unsArrayLimit are described as {"scdesk-not-loaded": encoding, "shape": [...]}.
// Unknown encodings (awkward arrays, ...) and unreadable entries are skipped with a warning.
#include <hdf5.h>

#include <string>

#include <nlohmann/json.hpp>

#include "io/h5ad/h5ad_context.h"

namespace scdesk::h5ad {

nlohmann::json readUns(Context& ctx, hid_t group, const std::string& path);

} // namespace scdesk::h5ad
