#pragma once
// A price before the run (Kompot's dry run, spec §8.4): wall time and peak memory of a DA run
// from its sizes, by a flop/byte model whose rate was calibrated on the 2-core development
// machine with bench_kompot_da (docs/benchmarks.md). A floor for memory, a rough guide for time.
#include <cstdint>

namespace scdesk::kompot {

struct DaCostEstimate {
    double seconds = 0;
    double bytes = 0; // peak working memory beyond the dataset itself
    double flops = 0;
    std::int64_t landmarks1 = 0, landmarks2 = 0; // the landmark counts the estimate assumed
    // The machine's available memory when estimated (0 = unknown), and whether `bytes` fits in it:
    // a run that does not fit swaps or is killed, so the caller warns before starting.
    double availableBytes = 0;
    bool memoryFits = true;
};

// Available physical memory now (sysconf), 0 where the platform does not say.
double availableMemoryBytes();

// nLandmarks as in DaOptions (0 = Kompot's per-condition default). nSamples: samples per
// condition when the sample variance is on, else 0.
DaCostEstimate estimateDaCost(std::int64_t nCells1, std::int64_t nCells2, std::int64_t nEval, std::int64_t dims,
                              std::int64_t nLandmarks, std::int64_t nSamples = 0, int threads = 0);

} // namespace scdesk::kompot
