#pragma once
// A price before the run for Kompot DE (spec §8.1, §8.4): wall time and peak memory from the
// problem sizes by a flop/byte model of differentialExpression(), with the rate calibrated on the
// 2-core development machine by bench_kompot_de (docs/benchmarks.md). A floor for memory, a rough
// guide for time.
#include <cstdint>
#include <vector>

namespace scdesk::kompot {

struct DeCostInputs {
    std::int64_t cells1 = 0, cells2 = 0, evalCells = 0, dims = 0;
    std::int64_t landmarks = 5000; // requested (≥ cells1 + cells2: all cells)
    std::int64_t genes = 0;        // analysed genes
    std::int64_t nullGenes = 0;
    std::int64_t samples1 = 0, samples2 = 0; // sample models per condition, 0 = no sample variance
    std::vector<std::int64_t> groupCells{};  // cells per group (§6.8)
    double sourceCopyBytes = 0;  // what the expression source copies (CSR → CSC), if anything
    bool storeLayers = true;
    std::int64_t batchSize = 256;
};

struct DeCostEstimate {
    double seconds = 0;
    double bytes = 0; // peak working memory beyond the dataset itself, outputs included
    double flops = 0;
    std::int64_t landmarks = 0; // the landmark count the estimate assumed
    double availableBytes = 0;  // 0 = unknown
    bool memoryFits = true;
};

DeCostEstimate estimateDeCost(const DeCostInputs& in, int threads = 0);

} // namespace scdesk::kompot
