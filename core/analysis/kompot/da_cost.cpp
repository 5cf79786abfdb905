#include "analysis/kompot/da_cost.h"

#include <algorithm>

#include <omp.h>
#include <unistd.h>

namespace scdesk::kompot {

namespace {

// Sustained float64 rate per core of the blocked kernels (triangular solves, SYRK, GEMM, kernel
// evaluation); the model assumes near-linear scaling in threads. Calibrated 2026-11-21 with
// bench_kompot_da (2 × 25,000 cells, 10-D, 5000 landmarks each) on the 2-core development machine,
// shared with other builds: 249 s for 5.4e12 modelled flops, i.e. 1.1e10 per core with 2 threads
// (docs/benchmarks.md). The former guess, 6e9, overestimated that run 1.9×.
constexpr double kFlopsPerCoreSecond = 1.1e10;
constexpr double kKmeansIterations = 30; // typical Lloyd iterations to sklearn's tolerance
constexpr double kLbfgsIterations = 40; // measured 27 and 40 at 25,000 cells (of ≤ 500)

double densityFlops(double n, double m, double d, double nEval, bool full, double& bytes)
{
    double f = 2.0 * n * n * d;                      // brute-force NN distances
    f += 2.0 * 500 * n * d;                          // fractal-d neighbourhoods
    f += m * m * m / 3.0 + 2.0 * m * m * d;          // K_UU and its Cholesky
    if (!full)
        f += n * m * m + 2.0 * n * m * d;            // L = K_XU Lp⁻ᵀ
    f += n * m * m;                                  // ridge start LᵀL
    f += m * m * m / 3.0;                            // its Cholesky
    f += kLbfgsIterations * 1.3 * 4.0 * n * m;       // objective + gradient GEMVs
    f += nEval * m * m + 2.0 * nEval * m * d;        // prediction solves
    bytes = std::max(bytes, 8.0 * (n * m + 3.0 * m * m));
    return f;
}

} // namespace

double availableMemoryBytes()
{
#if defined(_SC_AVPHYS_PAGES) && defined(_SC_PAGE_SIZE)
    const long pages = sysconf(_SC_AVPHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0)
        return static_cast<double>(pages) * static_cast<double>(pageSize);
#endif
    return 0;
}

DaCostEstimate estimateDaCost(std::int64_t nCells1, std::int64_t nCells2, std::int64_t nEval, std::int64_t dims,
                              std::int64_t nLandmarks, std::int64_t nSamples, int threads)
{
    DaCostEstimate c;
    const double d = static_cast<double>(dims), ne = static_cast<double>(nEval);
    const double total = static_cast<double>(nCells1 + nCells2);
    auto landmarksFor = [&](std::int64_t n) {
        if (nLandmarks == 0)
            return std::min<std::int64_t>(n, 5000);
        if (nLandmarks >= nCells1 + nCells2)
            return n;
        return nLandmarks;
    };
    c.landmarks1 = landmarksFor(nCells1);
    c.landmarks2 = landmarksFor(nCells2);
    double bytes = 0;
    for (int cond = 0; cond < 2; ++cond) {
        const std::int64_t n = cond == 0 ? nCells1 : nCells2;
        const std::int64_t m = cond == 0 ? c.landmarks1 : c.landmarks2;
        const bool full = m == n && !(nLandmarks > 0 && nLandmarks < nCells1 + nCells2);
        if (!full)
            c.flops += 2.0 * static_cast<double>(nLandmarks > 0 ? total : static_cast<double>(n))
                       * static_cast<double>(m) * d * kKmeansIterations / (nLandmarks > 0 ? 2.0 : 1.0);
        c.flops += densityFlops(static_cast<double>(n), static_cast<double>(m), d, ne, full, bytes);
        if (nSamples > 0) // S sample models of n/S cells each, all evaluated on every cell
            c.flops += static_cast<double>(nSamples)
                       * densityFlops(static_cast<double>(n) / static_cast<double>(nSamples),
                                      static_cast<double>(m), d, ne, full, bytes);
    }
    // Outputs: two log densities, two variances and the DA columns for every evaluated cell.
    bytes += 8.0 * ne * 10.0;
    c.bytes = bytes;
    c.availableBytes = availableMemoryBytes();
    c.memoryFits = c.availableBytes <= 0 || c.bytes <= c.availableBytes;
    const int t = threads > 0 ? threads : omp_get_max_threads();
    c.seconds = c.flops / (kFlopsPerCoreSecond * std::max(1, t));
    return c;
}

} // namespace scdesk::kompot
