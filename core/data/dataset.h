#pragma once
// The AnnData model: X, layers, raw, obs/var frames, obsm/varm, obsp/varp and uns.
// Datasets are shared between threads as immutable snapshots (shared_ptr<const Dataset>); a
// change makes a new snapshot (copy, edit, publish).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "data/data_frame.h"
#include "data/matrix.h"

namespace scdesk {

// An obsm/varm entry: dense (embeddings, loadings), sparse, or a data frame.
using AxisArray = std::variant<DenseMatrix, CsrMatrix, CscMatrix, DataFrame>;

std::int64_t axisArrayRows(const AxisArray& a);
std::int64_t axisArrayCols(const AxisArray& a); // columns of a frame count as columns
const DenseMatrix* denseOf(const AxisArray& a);   // null unless dense

// raw: an earlier state of the variables (often the unfiltered, unscaled counts).
struct RawData {
    Matrix X;
    DataFrame var;
    std::map<std::string, AxisArray> varm;
};

struct Dataset {
    std::string sourcePath; // the .h5ad it was read from; empty for generated data
    Matrix X;               // may be absent
    std::map<std::string, Matrix> layers;
    std::optional<RawData> raw;
    DataFrame obs;
    DataFrame var;
    std::map<std::string, AxisArray> obsm;
    std::map<std::string, AxisArray> varm;
    std::map<std::string, Matrix> obsp;
    std::map<std::string, Matrix> varp;
    // Nested metadata. Large arrays are not loaded: the reader leaves an object
    // {"scdesk-not-loaded": "<encoding>", "shape": [...]} and the writer copies the original.
    nlohmann::json uns = nlohmann::json::object();
    // Elements changed or added since reading (paths such as "var/mean_counts", "layers/counts",
    // "uns/gene_stats", "X"): the writer writes these and copies everything else from sourcePath.
    std::set<std::string> modified;

    std::int64_t nObs() const { return static_cast<std::int64_t>(obs.rows()); }
    std::int64_t nVars() const { return static_cast<std::int64_t>(var.rows()); }
    // X when `layer` is empty or "X", else the named layer; throws InvalidInput naming the layer.
    const Matrix& matrix(const std::string& layer) const;
    std::int64_t memoryBytes() const;

    // Edits that record themselves in `modified`.
    void setObsColumn(Column column);
    void setVarColumn(Column column);
    void setLayer(const std::string& name, Matrix m);
    void setObsm(const std::string& name, AxisArray a);
    void setUns(const std::string& key, nlohmann::json value);
};

} // namespace scdesk
