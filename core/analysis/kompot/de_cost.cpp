#include "analysis/kompot/de_cost.h"

#include <algorithm>

#include <omp.h>

#include "analysis/kompot/da_cost.h"

namespace scdesk::kompot {

namespace {

// Sustained float64 rate per core of the blocked kernels (GEMM, triangular solves, kernel
// evaluation), the figure da_cost uses. bench_kompot_de (2 × 10,000 cells, 2000 genes + 2000 null
// genes, 2000 landmarks) measured 1.17e10 modelled flops per CPU-second on the 2-core development
// machine; the estimate assumes both cores are free (docs/benchmarks.md).
constexpr double kFlopsPerCoreSecond = 1.1e10;
// k-means in a 10-D embedding runs far below the GEMM rate (inner dimension D): measured 3.3 s for
// 17 Lloyd iterations at 20,000 points and k = 2000, i.e. ≈ 80 iterations' worth of 2nkD flops at
// the rate above.
constexpr double kKmeansIterations = 80;
// Kernel entries cost more than a multiply-add (a distance and an exp): flops per entry beyond 3·D.
constexpr double kKernelEntryFlops = 20;

double kernelFlops(double rows, double cols, double d) { return rows * cols * (3.0 * d + kKernelEntryFlops); }

// FunctionEstimator::fit on n cells with m landmarks: K_UU, its Cholesky, A = Lp⁻¹K_UX, AAᵀ, L_B.
double fitFlops(double n, double m, double d)
{
    return kernelFlops(m, m, d) + m * m * m / 3.0 + kernelFlops(n, m, d) + n * m * m + n * m * m
           + m * m * m / 3.0;
}

// Weights of `cols` outputs: A·Y and three triangular solves.
double weightFlops(double n, double m, double cols) { return 2.0 * m * n * cols + 3.0 * m * m * cols; }

} // namespace

DeCostEstimate estimateDeCost(const DeCostInputs& in, int threads)
{
    DeCostEstimate c;
    const double n1 = static_cast<double>(in.cells1), n2 = static_cast<double>(in.cells2);
    const double total = n1 + n2, d = static_cast<double>(in.dims), ne = static_cast<double>(in.evalCells);
    const std::int64_t mInt = in.landmarks <= 0 || in.landmarks >= in.cells1 + in.cells2 ? in.cells1 + in.cells2
                                                                                          : in.landmarks;
    c.landmarks = mInt;
    const double m = static_cast<double>(mInt);
    const double g = static_cast<double>(in.genes), g0 = static_cast<double>(in.nullGenes);
    const double cols = g + g0;
    const double s1 = static_cast<double>(in.samples1), s2 = static_cast<double>(in.samples2);
    const double r = s1 + s2;
    const bool samples = r > 0;
    const double batch = std::min(static_cast<double>(std::max<std::int64_t>(in.batchSize, 1)), std::max(cols, 1.0));

    double f = 0;
    // Landmarks and length scale.
    if (mInt < in.cells1 + in.cells2)
        f += 2.0 * total * m * d * kKmeansIterations;
    f += 2.0 * n1 * n1 * d; // exact NN distances of condition 1 (the default scheme)
    // The two condition models, Σ_UU in closed form for each, their sum's Cholesky, K_UU.
    f += fitFlops(n1, m, d) + fitFlops(n2, m, d);
    f += 2.0 * (m * m * m + m * m * m) + m * m * m / 3.0 + kernelFlops(m, m, d);
    // Per column: weights of both conditions, δ = K_UU ΔW, the triangular solve of the distance.
    f += weightFlops(n1, m, cols) + weightFlops(n2, m, cols) + 2.0 * m * m * cols + m * m * cols;
    // Mean kernel rows; with layers, k(eval, U) once and both predictions of every real gene.
    f += kernelFlops(ne, m, d);
    if (in.storeLayers)
        f += kernelFlops(ne, m, d) + 2.0 * 2.0 * ne * m * g;
    // Sample variance: S fits on the condition's cells, S weight sets per column, K_UU times the
    // factors and their triangular solves (Woodbury).
    if (samples) {
        f += 2.0 * (m * m * m / 3.0 + kernelFlops(m, m, d)) * r + 2.0 * total * m * m + kernelFlops(total, m, d);
        f += 2.0 * m * total * cols + 3.0 * m * m * r * cols; // weights
        f += 2.0 * m * m * r * cols + m * m * r * cols;      // factors at U, their solves
    }
    // Groups: covariance at their points (≤ m), per column the δ and distance there.
    double groupBytes = 0;
    for (std::int64_t gc : in.groupCells) {
        const double p = static_cast<double>(mInt < gc ? mInt : gc);
        if (mInt < gc) // the group's own k-means points
            f += 2.0 * static_cast<double>(gc) * p * d * kKmeansIterations;
        f += kernelFlops(static_cast<double>(gc), m, d);       // mean kernel row
        f += 2.0 * (kernelFlops(p, p, d) + kernelFlops(p, m, d) + 2.0 * m * m * p + 4.0 * m * p * p);
        f += p * p * p / 3.0;
        f += (2.0 * p * m + p * p) * cols * (samples ? 1.0 + r : 1.0);
        groupBytes += 8.0 * (p * p + p * m);
    }
    // Posterior variance on every evaluated cell: two triangular solves per condition.
    f += 2.0 * (kernelFlops(ne, m, d) + 2.0 * m * m * ne);
    c.flops = f;

    // Memory: both models (A is m × n, Lp and L_B m × m each), K_UU, Σ and its factor, the sample
    // models, the k(eval, U) matrix and the three float32 layers, plus one batch's blocks.
    double bytes = 8.0 * (m * total + 4.0 * m * m) + 8.0 * 3.0 * m * m;
    if (samples)
        bytes += 8.0 * (m * total + 2.0 * m * m * r);
    if (in.storeLayers)
        bytes += 8.0 * ne * m + 4.0 * 3.0 * ne * g;
    bytes += 8.0 * batch * (total + 6.0 * m + (in.storeLayers ? 3.0 * ne : 0.0) + (samples ? 3.0 * m * r : 0.0));
    bytes += groupBytes + in.sourceCopyBytes;
    bytes += 8.0 * ne * 4.0; // std vectors and evaluation coordinates
    c.bytes = bytes;
    c.availableBytes = availableMemoryBytes();
    c.memoryFits = c.availableBytes <= 0 || c.bytes <= c.availableBytes;
    const int t = threads > 0 ? threads : omp_get_max_threads();
    c.seconds = c.flops / (kFlopsPerCoreSecond * std::max(1, t));
    return c;
}

} // namespace scdesk::kompot
