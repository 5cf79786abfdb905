#pragma once
// OpenMP loop over genes with per-thread scratch, progress and cooperative cancel (checked every
// 64 genes; the exception is rethrown outside the parallel region).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>

#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace scdesk::delnx {

template <class MakeScratch, class Body>
void forEachGene(std::int64_t genes, ProgressSink& progress, const CancelToken& cancel, const std::string& stage,
                 MakeScratch makeScratch, Body body)
{
    progress.setRange(genes);
    progress.setProgress(0, stage);
    std::atomic<bool> cancelled{false};
    std::atomic<std::int64_t> done{0};
#pragma omp parallel
    {
        auto scratch = makeScratch();
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t g = 0; g < genes; ++g) {
            if (cancelled.load(std::memory_order_relaxed))
                continue;
            if (g % 64 == 0) {
                if (cancel.isCancelled()) {
                    cancelled = true;
                    continue;
                }
                const std::int64_t d = done.fetch_add(64) + 64;
                progress.setProgress(std::min(d, genes), stage);
            }
            body(g, scratch);
        }
    }
    if (cancelled)
        throw Cancelled();
    progress.setProgress(genes, stage);
}

} // namespace scdesk::delnx
