#pragma once
// Kompot differential expression (spec §6): one Mellon FunctionEstimator per condition over shared
// k-means landmarks and a shared length scale, imputed expression of every gene on every
// evaluation cell, fold changes condition2 − condition1, the mean log fold change, a Mahalanobis
// distance per gene at the landmarks (exact Cholesky; sample variance through Woodbury), its
// χ² tail probability, and an FDR from permuted null genes. Genes are processed in batches, so
// memory is O(cells × landmarks + batch), plus the output layers when asked for.
// Dataset-free: tests and benchmarks call it directly.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "data/matrix.h"

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::kompot {

// Where the expression comes from: dense float64 values of `genes` (columns, in that order) for the
// given cells (rows, in that order). The analysis implements it over a layer (never densifying
// the whole matrix); tests over a dense matrix.
struct ExpressionSource {
    std::int64_t nGenes = 0;
    std::function<Eigen::MatrixXd(const std::vector<Eigen::Index>& cells, const std::vector<std::int64_t>& genes)> block;
};

enum class LengthScaleScheme { Condition1, Condition2, Symmetric, Pooled }; // §6.3; Kompot's default Condition1

struct DeGroup {
    std::string name;
    std::vector<Eigen::Index> cells; // rows of the evaluation matrix
};

struct DeOptions {
    std::int64_t nLandmarks = 5000; // shared k-means landmarks on vstack(X1, X2); ≤ 0 or ≥ n1 + n2: all cells
    double lsFactor = 10.0;
    double sigma = 1.0;
    LengthScaleScheme lsScheme = LengthScaleScheme::Condition1;
    std::int64_t nullGenes = 2000;  // 0 = no FDR
    std::uint64_t nullSeed = 42;
    double fdrThreshold = 0.05;
    std::uint64_t seed = 42;        // landmark k-means
    Eigen::MatrixXd landmarks{};    // given shared landmarks (m × D); empty = k-means as above
    double eps = 1e-8;              // Kompot's DE stabiliser: Mahalanobis jitter and std floor
    std::int64_t batchSize = 256;   // genes per batch (real and null together)
    bool storeLayers = true;        // imputed expression and fold change, N × G float32
    std::vector<DeGroup> groups;    // per-subset mean LFC, Mahalanobis and FDR (§6.8)
};

struct DeGroupResult {
    std::string name;
    std::int64_t nCells = 0, nPoints = 0; // evaluation cells; points the distance is taken at
    Eigen::VectorXd meanLfc, mahalanobis, negLog10Ptp, localFdr; // per analysed gene
    std::vector<bool> isDe;
};

struct DeResult {
    std::vector<std::int64_t> genes; // analysed gene indices (the source's columns)
    Eigen::VectorXd meanLfc, mahalanobis, negLog10Ptp;
    // Empty when there are no null genes.
    Eigen::VectorXd pvalue, localFdr, tailFdr;
    std::vector<bool> isDe;
    Eigen::VectorXd nullMahalanobis;      // distances of the null genes
    std::vector<std::int64_t> nullSources; // their source gene indices
    bool nullWithReplacement = false;      // more null genes were asked for than genes exist
    // Evaluation cells × analysed genes (row-major float32); empty unless storeLayers.
    DenseMatrix smoothed1, smoothed2, foldChange;
    Eigen::VectorXd std1, std2; // per evaluation cell: sqrt(GP posterior variance + ε)
    bool sampleVariance = false;
    double lengthScale = 0;
    std::int64_t nLandmarks = 0, embeddingDims = 0, samples1 = 0, samples2 = 0; // samples: models used
    Eigen::MatrixXd landmarks;
    std::vector<DeGroupResult> groups;
};

// x1/x2: cells of each condition (rows of the embedding); cells1/cells2: the same cells' rows in
// the expression source; eval: the evaluation cells' coordinates. `genes`: source columns to
// analyse (empty = all). samples1/samples2: per-cell sample codes or empty (no sample variance).
// Throws InvalidInput (a condition's samples, a failed factorisation) and Cancelled.
DeResult differentialExpression(const Eigen::MatrixXd& x1, const Eigen::MatrixXd& x2,
                                const std::vector<Eigen::Index>& cells1, const std::vector<Eigen::Index>& cells2,
                                const Eigen::MatrixXd& eval, const ExpressionSource& source,
                                const std::vector<std::int64_t>& genes, const DeOptions& options,
                                const std::vector<std::int64_t>& samples1, const std::vector<std::int64_t>& samples2,
                                ProgressSink* progress = nullptr, const CancelToken* cancel = nullptr);

// −log10 of the χ² survival function with `df` degrees of freedom at D², from the log survival
// function so it never saturates (df = embedding dimension, Kompot's choice).
double chiSquareNegLog10Sf(double d2, double df);

} // namespace scdesk::kompot
