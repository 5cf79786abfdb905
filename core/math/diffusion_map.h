#pragma once
// Palantir's diffusion map (palantir.utils.run_diffusion_maps): an adaptive-bandwidth kernel on the
// kNN graph, its Markov normalisation T = D⁻¹K and T's leading eigenvectors, the "diffusion
// components" (obsm DM_EigenVectors) that Kompot and Mellon use as cell-state space (spec §7, §12.6).
//
// The construction follows Palantir's compute_kernel / diffusion_maps_from_kernel:
//  - each cell's knn − 1 nearest other cells (scanpy's n_neighbors = knn counts the cell itself);
//  - an adaptive bandwidth σ_i = distance to the ⌊knn/3⌋-th of them;
//  - W_ij = exp(−d_ij / σ_i) on those edges (the distance over σ_i, not squared);
//  - K = W + Wᵀ, and for alpha > 0 K ← D^−α K D^−α with D the row sums of K;
//  - T = D⁻¹K; the n_components eigenpairs of largest |λ| (ARPACK's "LM"), sorted by λ descending,
//    each eigenvector scaled to unit Euclidean norm. The first is the constant vector, λ = 1.
// Two deliberate differences: where a cell has ⌊knn/3⌋ or more exact duplicates (σ_i = 0, for
// which Palantir produces NaN) σ_i is the nearest positive neighbour distance; and ARPACK's
// eigenvector signs are arbitrary, ours make each vector's largest-magnitude entry positive.
//
// Eigenpairs come from S = D^−½ K D^−½, which is symmetric and similar to T (φ = D^−½ ψ), one
// connected component of the kNN graph at a time: each component contributes its own λ = 1, so
// a graph in c pieces has c diffusion components with λ = 1, each an indicator of its piece (any
// basis of that eigenspace is valid; this one is deterministic). Small components use a dense
// eigensolver, large ones a thick-restart Lanczos with full reorthogonalisation that stops on
// residuals, not iteration counts. Results do not depend on the thread count.
#include <cstdint>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

namespace scdesk {

class CancelToken;

struct DiffusionMapOptions {
    std::int64_t nComponents = 10;
    std::int64_t knn = 30;
    double alpha = 0.0;
    // Graph components up to this many cells use a dense eigensolver; larger ones Lanczos.
    std::int64_t denseLimit = 500;
    // Lanczos basis size; 0 = max(4·nComponents, 60). Smaller means less memory, more restarts.
    std::int64_t krylovSize = 0;
    // Convergence: ‖Tφ − λφ‖ ≤ tolerance for every returned unit eigenvector φ (‖T‖ ~ 1).
    double tolerance = 1e-10;
    std::uint64_t seed = 0; // the Lanczos start vectors
};

struct DiffusionMap {
    Eigen::MatrixXd eigenvectors; // cells × nComponents, unit columns
    Eigen::VectorXd eigenvalues;  // descending
    double maxResidual = 0;       // the largest ‖Tφ − λφ‖ over the returned pairs
    std::int64_t graphComponents = 0;
    std::int64_t lanczosRestarts = 0; // summed over the components that used Lanczos
    bool converged = true;            // every residual below the tolerance
};

// Throws InvalidInput when x has non-finite values or too few rows (more than knn and than
// nComponents + 1 are needed), InvalidParameter for knn < 2 or nComponents < 1.
DiffusionMap diffusionMap(const Eigen::MatrixXd& x, const DiffusionMapOptions& options = {},
                          const CancelToken* cancel = nullptr);

// The symmetric kernel K (after the alpha normalisation), Palantir's obsp "DM_Kernel".
Eigen::SparseMatrix<double, Eigen::RowMajor> diffusionKernel(const Eigen::MatrixXd& x, std::int64_t knn,
                                                              double alpha = 0.0,
                                                              const CancelToken* cancel = nullptr);

// Rough run time (seconds, 2 cores) and peak working memory (bytes) of diffusionMap(): the exact
// kNN search, O(n²·D), dominates for large n.
double estimateDiffusionMapSeconds(std::int64_t nCells, std::int64_t nDims, std::int64_t knn);
double estimateDiffusionMapBytes(std::int64_t nCells, std::int64_t nDims, std::int64_t knn,
                                 std::int64_t nComponents);

} // namespace scdesk
