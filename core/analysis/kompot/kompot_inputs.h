#pragma once
// What both Kompot analyses read from a dataset: the two conditions of an obs column, the
// cell-state embedding (checked for shape and NaN; when obsm has no DM_EigenVectors, Palantir's
// diffusion map computed from X_pca) and optional per-cell sample codes. Every check throws
// InvalidInput with a message that names the column, key or condition.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "analysis/param_schema.h"
#include "data/matrix.h"

namespace scdesk {
class CancelToken;
class ProgressSink;
struct Column;
struct Dataset;
} // namespace scdesk

namespace scdesk::kompot {

// Kompot needs at least this many cells per condition (NN distances, fractal dimension) and per
// sample for the sample variance.
constexpr std::int64_t kMinCellsPerCondition = 3;

// Kompot's default embedding key, and what a missing one is computed from with Palantir's
// run_diffusion_maps defaults (Kompot's `dm` command: 30 neighbours, 10 components, alpha 0).
inline constexpr const char* kDiffusionMapKey = "DM_EigenVectors";
inline constexpr const char* kDiffusionMapSourceKey = "X_pca";
constexpr std::int64_t kDiffusionMapKnn = 30;
constexpr std::int64_t kDiffusionMapComponents = 10;

struct KompotInputs {
    std::string condition1, condition2;
    std::vector<Eigen::Index> rows1, rows2;       // cells of each condition, in dataset order
    std::vector<std::int64_t> samples1, samples2; // sample codes of rows1/rows2; empty without sample_col
    Eigen::MatrixXd embedding;                    // all cells × D, float64
    std::string embeddingKey;
    // The embedding is missing and will be computed from X_pca: set by the check-only call
    // (computeMissingEmbedding false), which then leaves `embedding` as zeros of the shape the
    // diffusion map will have, for cost estimates.
    bool embeddingPending = false;
    // Computed here (diffusion map from X_pca, rounded to float32 as it will be stored), not read;
    // the result should write `embedding` to obsm[embeddingKey] and `embeddingEigenvalues` to
    // uns (writeDiffusionMap in analysis/diffusion/diffusion_map_result.h).
    bool embeddingComputed = false;
    Eigen::VectorXd embeddingEigenvalues; // set when embeddingComputed
};

// Per-cell text label of an obs column (categorical, string, bool or numeric); "" = missing.
std::vector<std::string> cellLabels(const Column& column);

// Reads params "groupby", "condition1", "condition2", "obsm_key", optional "sample_col" and optional
// "compute_diffusion_map" (absent = true). `analysisName` goes into messages ("Kompot DA").
// When obsm_key is "DM_EigenVectors", obsm lacks it and compute_diffusion_map is true, the
// embedding comes from obsm "X_pca": with computeMissingEmbedding false (validate, cost) X_pca is
// only checked and embeddingPending set; with true (run) the diffusion map is computed
// (embeddingComputed), with an info line to `progress`. Other missing keys are errors.
KompotInputs gatherKompotInputs(const Dataset& dataset, const ParamValues& params, const std::string& analysisName,
                                bool computeMissingEmbedding = false, ProgressSink* progress = nullptr,
                                const CancelToken* cancel = nullptr);

// Rows of `x` in the given order.
Eigen::MatrixXd selectRows(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& rows);

} // namespace scdesk::kompot
