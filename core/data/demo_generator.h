#pragma once
// The built-in demo dataset: a deterministic, realistic two-condition PBMC-like experiment
// (6 cell types, 4 control + 4 stimulated samples, negative-binomial counts) with planted truth,
// so every analysis can be tried, and checked, without a file.
//
// Contents (N = nCells, G = nGenes):
//   X           CSR float32 integer counts, N × G
//   obs         cell_type, condition, sample (categorical), size_factor, total_counts,
//               n_genes_by_counts (numeric), truth_da_region (bool); index cell_000001…, "cell_id"
//   var         gene_ids (string), marker_of (categorical, -1 = not a marker), truth_de (bool),
//               truth_log2fc, base_mean (numeric), truth_de_scope (categorical: "all" or the one
//               cell type the change is confined to, -1 = not DE); index gene symbols, "gene_symbol"
//   obsm        X_latent (N × 10, the cell state counts derive from), DM_EigenVectors (N × 10, the
//               same state with 3 % of its noise, like a diffusion map, under the key Kompot
//               reads by default), X_umap (N × 2), X_atac (N × 256,
//               ATAC-like), X_rna (N × 512, RNA foundation-model-like)
//   varm        gene_embedding (G × 512, aligned with X_rna)
//   uns         demo (seed and every planted parameter), cell_type_colors, condition_colors,
//               sample_colors
//
// The same options give a bit-identical dataset whatever the OpenMP thread count: every cell and
// gene draws from its own random stream.
#include <cstdint>

#include "data/dataset.h"

namespace scdesk {

class CancelToken;
class ProgressSink;

struct DemoOptions {
    std::uint64_t seed = 0;
    std::int64_t nCells = 20000;
    std::int64_t nGenes = 2000;
};

// Throws InvalidParameter for sizes outside [100, 2'000'000] cells or [100, 100'000] genes,
// Cancelled when `cancel` fires.
Dataset generateDemoDataset(const DemoOptions& options, ProgressSink& progress, const CancelToken& cancel);
Dataset generateDemoDataset(const DemoOptions& options = {});

} // namespace scdesk
