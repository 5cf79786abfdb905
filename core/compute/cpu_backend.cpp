#include "compute/cpu_backend.h"

#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <limits>
#include <string>

#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk {

namespace {

// Rows per block at least; blocks are the unit of parallel work and of summation order.
constexpr std::int64_t kBaseBlockRows = 2048;
// Rows between two cancellation checks inside a block.
constexpr std::int64_t kCancelEveryRows = 2048;
// ... or between two checks this many stored entries (a few milliseconds of work).
constexpr std::int64_t kCancelEveryNnz = std::int64_t{1} << 22;
// Partial sums of the blocks in flight together may use this much memory (at least one block's).
constexpr std::size_t kPartialBudgetBytes = std::size_t{64} << 20;
// Blocks per wave per thread: several, so that dynamic scheduling evens out a thread that is slowed
// down (another process on its core) before the wave's barrier.
constexpr std::int64_t kBlocksPerThreadInWave = 8;
// Column × block additions below which the merge is not worth a parallel region.
constexpr std::int64_t kParallelMergeMin = std::int64_t{1} << 18;

// One column's running moments, padded to 32 bytes so no entry straddles a cache line.
struct alignas(32) Accumulator {
    double sum = 0.0;
    double sumSquares = 0.0;
    std::int64_t nonZero = 0;
};

void checkStructure(const CsrMatrix& m)
{
    m.validateStructure();
    // Other column indices are checked while summing; with no columns, none can be valid.
    if (m.cols == 0 && m.nnz() > 0)
        throw InvalidInput("sparse matrix column index " + std::to_string(m.indices.front()) + " is outside [0, 0)");
}

// Rows per block: a function of the shape alone (never of the thread count), so that the
// order of every floating-point addition, and hence the result, is the same on any machine.
// Very sparse, very wide matrices get taller blocks so that clearing and merging one block's
// partial sums (O(cols)) stays small next to the block's own work (O(nnz in block)).
std::int64_t blockRowsFor(const CsrMatrix& m)
{
    if (m.rows == 0)
        return kBaseBlockRows;
    const double nnzPerRow = std::max(1.0, static_cast<double>(m.nnz()) / static_cast<double>(m.rows));
    const double rowsForCols = 2.0 * static_cast<double>(m.cols) / nnzPerRow;
    const std::int64_t want = std::min<std::int64_t>(std::int64_t{1} << 24, static_cast<std::int64_t>(rowsForCols) + 1);
    const std::int64_t rounded = (std::max(want, kBaseBlockRows) + kBaseBlockRows - 1) / kBaseBlockRows * kBaseBlockRows;
    return rounded;
}

} // namespace

DeviceInfo CpuBackend::device() const
{
    DeviceInfo info;
    info.kind = "cpu";
    const int threads = omp_get_max_threads();
    info.name = "CPU (OpenMP, " + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
    info.index = 0;
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGE_SIZE)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0)
        info.memoryBytes = static_cast<std::int64_t>(pages) * static_cast<std::int64_t>(pageSize);
#endif
    return info;
}

// Rows are cut into fixed blocks; each block is summed sequentially into its own partial
// accumulators, and the partials are added into the total strictly in block order. Blocks run in
// waves of a few at a time so extra memory stays bounded for wide matrices; the wave size does
// not change the order of additions, so results are bit-identical for any thread count.
ColumnMoments CpuBackend::columnMoments(const CsrMatrix& m, const CancelToken& cancel) const
{
    cancel.throwIfCancelled();
    checkStructure(m);

    const std::int64_t cols = m.cols;
    const auto ucols = static_cast<std::size_t>(cols);
    std::vector<Accumulator> total(ucols);

    const std::int64_t blockRows = blockRowsFor(m);
    const std::int64_t blocks = (m.rows + blockRows - 1) / blockRows;
    const int maxThreads = std::max(1, omp_get_max_threads());
    const std::size_t bytesPerBlock = std::max<std::size_t>(1, ucols * sizeof(Accumulator));
    const std::int64_t waveByMemory = static_cast<std::int64_t>(std::max<std::size_t>(1, kPartialBudgetBytes / bytesPerBlock));
    const std::int64_t wave = std::max<std::int64_t>(1, std::min({blocks, waveByMemory, kBlocksPerThreadInWave * maxThreads}));

    // Allocated here, not in the parallel region, where a bad_alloc could not be caught.
    std::vector<std::vector<Accumulator>> partial(static_cast<std::size_t>(cols > 0 ? wave : 0));
    for (auto& p : partial)
        p.resize(ucols);

    const std::int64_t* indptr = m.indptr.data();
    const std::int32_t* indices = m.indices.data();
    const float* data = m.data.data();

    std::atomic<bool> stop{false};
    std::atomic<bool> cancelled{false};
    constexpr std::int64_t kNoBadColumn = std::numeric_limits<std::int64_t>::min();
    std::atomic<std::int64_t> badColumn{kNoBadColumn};
    std::exception_ptr tokenError; // an exception thrown by the cancel token itself
    std::atomic_flag tokenErrorSet = ATOMIC_FLAG_INIT;

    // No exception may leave an OpenMP region, so the token is polled through this.
    auto pollCancel = [&]() {
        try {
            if (cancel.isCancelled()) {
                cancelled.store(true, std::memory_order_relaxed);
                stop.store(true, std::memory_order_relaxed);
            }
        } catch (...) {
            if (!tokenErrorSet.test_and_set())
                tokenError = std::current_exception();
            stop.store(true, std::memory_order_relaxed);
        }
    };

    for (std::int64_t first = 0; first < blocks && cols > 0; first += wave) {
        const std::int64_t inWave = std::min(wave, blocks - first);
        const int threads = static_cast<int>(std::min<std::int64_t>(maxThreads, inWave));

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1)
        for (std::int64_t k = 0; k < inWave; ++k) {
            std::vector<Accumulator>& acc = partial[static_cast<std::size_t>(k)];
            std::fill(acc.begin(), acc.end(), Accumulator{});
            if (stop.load(std::memory_order_relaxed))
                continue;
            Accumulator* a = acc.data();
            const std::int64_t rowBegin = (first + k) * blockRows;
            const std::int64_t rowEnd = std::min(m.rows, rowBegin + blockRows);
            std::int64_t nextPollRow = rowBegin;
            std::int64_t nextPollNnz = indptr[rowBegin];
            for (std::int64_t r = rowBegin; r < rowEnd; ++r) {
                // Poll every few thousand rows, or sooner where rows are long.
                if (r >= nextPollRow || indptr[r] >= nextPollNnz) {
                    pollCancel();
                    if (stop.load(std::memory_order_relaxed))
                        break;
                    nextPollRow = r + kCancelEveryRows;
                    nextPollNnz = indptr[r] + kCancelEveryNnz;
                }
                const std::int64_t end = indptr[r + 1];
                for (std::int64_t i = indptr[r]; i < end; ++i) {
                    const std::int32_t c = indices[i];
                    if (static_cast<std::uint32_t>(c) >= static_cast<std::uint64_t>(cols)) {
                        badColumn.store(c, std::memory_order_relaxed);
                        stop.store(true, std::memory_order_relaxed);
                        continue;
                    }
                    const double v = data[i];
                    Accumulator& x = a[c];
                    x.sum += v;
                    x.sumSquares += v * v;
                    x.nonZero += (v != 0.0);
                }
            }
        }

        if (stop.load(std::memory_order_relaxed))
            break;

        // Merge in block order; columns are independent, so they can be split across threads.
        // Small merges stay on this thread: waking the team would cost more than the work.
        const bool parallelMerge = maxThreads > 1 && cols * inWave >= kParallelMergeMin;
#pragma omp parallel for schedule(static) num_threads(maxThreads) if (parallelMerge)
        for (std::int64_t c = 0; c < cols; ++c) {
            Accumulator& t = total[static_cast<std::size_t>(c)];
            for (std::int64_t k = 0; k < inWave; ++k) {
                const Accumulator& p = partial[static_cast<std::size_t>(k)][static_cast<std::size_t>(c)];
                t.sum += p.sum;
                t.sumSquares += p.sumSquares;
                t.nonZero += p.nonZero;
            }
        }
    }

    if (tokenError)
        std::rethrow_exception(tokenError);
    if (cancelled.load())
        throw Cancelled();
    if (const std::int64_t bad = badColumn.load(); bad != kNoBadColumn)
        throw InvalidInput("sparse matrix column index " + std::to_string(bad) + " is outside [0, "
                           + std::to_string(cols) + ")");
    cancel.throwIfCancelled();

    ColumnMoments out;
    out.sum.resize(ucols);
    out.sumSquares.resize(ucols);
    out.nonZero.resize(ucols);
    for (std::size_t c = 0; c < ucols; ++c) {
        out.sum[c] = total[c].sum;
        out.sumSquares[c] = total[c].sumSquares;
        out.nonZero[c] = total[c].nonZero;
    }
    return out;
}

} // namespace scdesk
