#pragma once
// Pseudobulk: sum single-cell counts per level of a sample column, optionally within each level of
// a group (cell-type) column, as delnx's pp.pseudobulk (decoupler, mode "sum") does, then drop
// pseudobulk samples with fewer than min_cells cells or min_counts total counts.
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::delnx {

struct PseudobulkOptions {
    std::string sampleKey;          // obs column: categorical, text or bool
    std::string groupKey;           // empty: one pseudobulk sample per sample level
    std::string layer = "X";        // "X" or a layer holding counts
    std::vector<std::string> carry; // obs columns copied to the pseudobulk obs (condition, covariates)
    std::int64_t minCells = 5;
    double minCounts = 5000;
};

struct Pseudobulk {
    Eigen::MatrixXd counts; // pseudobulk samples × genes, summed counts
    // index "<sample>" or "<sample>_<group>"; columns: sampleKey, groupKey (when given), the carried
    // columns, n_cells, total_counts. Rows ordered by group level, then sample level.
    DataFrame obs;
    std::vector<std::string> groupLevels; // levels of groupKey (empty without one)
    std::vector<int> groupOf;             // per pseudobulk sample: index into groupLevels (0 without)
    std::int64_t droppedFewCells = 0;     // pseudobulk samples dropped by min_cells
    std::int64_t droppedFewCounts = 0;    // ... then by min_counts
};

// Throws InvalidInput naming the column: missing values in the sample or group column, or a
// carried column that is not constant within a pseudobulk sample (with an example sample).
Pseudobulk pseudobulk(const Dataset& dataset, const PseudobulkOptions& options, ProgressSink& progress,
                      const CancelToken& cancel);

} // namespace scdesk::delnx
