#pragma once
// Matrix elements (X, layers, raw/X, obsp/varp) and obsm/varm entries: csr/csc groups (tagged,
// legacy h5sparse_*, or untagged data/indices/indptr), dense datasets, the `null` encoding.
// Index arrays of any integer width end as int32 indices and int64 indptr, validated.
#include <hdf5.h>

#include <cstdint>
#include <string>

#include "data/dataset.h"
#include "io/h5ad/h5ad_context.h"

namespace scdesk::h5ad {

// `rows`/`cols`: the shape the slot requires (cols < 0: any number of columns, as for raw/X).
// A matrix stored with the two axes swapped is rejected with a message saying so.
Matrix readMatrix(Context& ctx, hid_t parent, const std::string& name, const std::string& path, std::int64_t rows,
                  std::int64_t cols);
// An obsm/varm entry with `rows` rows: dense (1-D read as n x 1), sparse or a data frame.
AxisArray readAxisArray(Context& ctx, hid_t parent, const std::string& name, const std::string& path,
                        std::int64_t rows);
// Shape and kind of a matrix element without reading its values ({} when not a matrix).
struct MatrixInfo {
    std::string encoding; // "csr_matrix", "csc_matrix", "array", "null"
    std::vector<std::int64_t> shape;
    std::int64_t arrayElements = 0; // elements of data+indices+indptr (sparse) or of the array (dense)
};
MatrixInfo inspectMatrix(hid_t parent, const std::string& name, const std::string& where);

} // namespace scdesk::h5ad
