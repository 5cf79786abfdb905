#pragma once
// obs/var (and raw/var, obsm data frames, uns data frames): the dataframe group of anndata >= 0.7
// with its `_index` and `column-order` attributes, the compound dataset of anndata < 0.7, and
// every column encoding: plain arrays, categoricals (0.8 groups, 0.7 object references,
// SeuratDisk `__categories` without reference), nullable integer/boolean/string, strings.
#include <hdf5.h>

#include <cstddef>
#include <optional>
#include <string>

#include "data/data_frame.h"
#include "io/h5ad/h5ad_context.h"

namespace scdesk::h5ad {

// `parent`/`name`: a group (anndata >= 0.7) or a compound dataset (< 0.7). `rows`, when given,
// is the length the frame must have.
DataFrame readDataFrame(Context& ctx, hid_t parent, const std::string& name, const std::string& path,
                        std::optional<std::size_t> rows);
DataFrame readDataFrameGroup(Context& ctx, hid_t group, const std::string& path, std::optional<std::size_t> rows);
// One column element (dataset or encoded group) as typed column data; throws UnsupportedElement
// for encodings that are not columns. `frame` (may be invalid) is the data frame group, for
// SeuratDisk `__categories`.
ColumnData readColumnElement(Context& ctx, hid_t parent, const std::string& name, const std::string& path,
                             hid_t frame = H5I_INVALID_HID);

} // namespace scdesk::h5ad
