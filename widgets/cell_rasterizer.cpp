#include "cell_rasterizer.h"

#include <algorithm>
#include <atomic>
#include <omp.h>

namespace scdesk {

namespace {

// A sorted point projects in about 3.5 ns on one core, so below ~2M points a second thread costs
// more in wake-up and, on a loaded machine, in waiting for a descheduled thread than it saves
// (measured, docs/benchmarks.md).
std::atomic<std::size_t> g_pointsPerThread{2000000};
constexpr std::size_t kPixelOpsPerThread = 4000000;

// Threads worth waking for `work` items: one per `perThread` items.
int threadsFor(std::size_t work, std::size_t perThread)
{
    const auto wanted = static_cast<int>(std::min<std::size_t>(work / std::max<std::size_t>(perThread, 1), 1024));
    return std::clamp(wanted, 1, omp_get_max_threads());
}

int pointThreads(std::size_t n)
{
    return threadsFor(n, g_pointsPerThread.load(std::memory_order_relaxed));
}

} // namespace

void setMinimumPointsPerThread(std::size_t points)
{
    g_pointsPerThread.store(std::max<std::size_t>(points, 1), std::memory_order_relaxed);
}


std::vector<std::pair<int, int>> discOffsets(int size)
{
    size = std::max(1, size);
    // Pixel i of a size-wide stamp sits at offset i - (size-1)/2; keep those whose centre lies
    // within the disc of diameter `size` around the stamp centre.
    const double c = (size - 1) / 2.0;
    const double r2 = size * size / 4.0 + 1e-9;
    std::vector<std::pair<int, int>> offsets;
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i)
            if ((i - c) * (i - c) + (j - c) * (j - c) <= r2)
                offsets.emplace_back(i - (size - 1) / 2, j - (size - 1) / 2);
    return offsets;
}

void projectRanks(const float* x, const float* y, const std::uint32_t* rank, std::size_t n,
                  const PixelTransform& t, int w, int h, std::vector<std::uint32_t>& idx)
{
    idx.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0u);
    if (n == 0 || w <= 0 || h <= 0)
        return;
    std::uint32_t* buf = idx.data();
    const auto count = static_cast<std::ptrdiff_t>(n);
    const int threads = pointThreads(n);
    if (threads == 1) {
        // One writer: a plain max, no compare-and-swap.
        for (std::ptrdiff_t i = 0; i < count; ++i) {
            const std::uint32_t r = rank[i];
            int px, py;
            if (r == 0 || !pixelOf(t, x[i], y[i], w, h, px, py))
                continue;
            std::uint32_t& cell = buf[static_cast<std::size_t>(py) * w + px];
            cell = std::max(cell, r);
        }
        return;
    }
    const std::size_t pixels = idx.size();
    if (pixels * static_cast<std::size_t>(threads) <= (std::size_t(1) << 24)) {
        // Screen-sized buffers: one private buffer per thread and a plain max (no locked
        // instruction per point), merged by max afterwards. Max is commutative, so the result is
        // the same for any thread count.
        std::vector<std::vector<std::uint32_t>> priv(static_cast<std::size_t>(threads - 1));
#pragma omp parallel num_threads(threads)
        {
            const int tid = omp_get_thread_num();
            std::uint32_t* mine = buf;
            if (tid > 0) {
                priv[static_cast<std::size_t>(tid - 1)].assign(pixels, 0u);
                mine = priv[static_cast<std::size_t>(tid - 1)].data();
            }
#pragma omp for schedule(static)
            for (std::ptrdiff_t i = 0; i < count; ++i) {
                const std::uint32_t r = rank[i];
                int px, py;
                if (r == 0 || !pixelOf(t, x[i], y[i], w, h, px, py))
                    continue;
                std::uint32_t& cell = mine[static_cast<std::size_t>(py) * w + px];
                cell = std::max(cell, r);
            }
            // The implicit barrier above: every private buffer is complete before the merge.
#pragma omp for schedule(static)
            for (std::ptrdiff_t p = 0; p < static_cast<std::ptrdiff_t>(pixels); ++p)
                for (const auto& other : priv)
                    buf[p] = std::max(buf[p], other[static_cast<std::size_t>(p)]);
        }
        return;
    }
    // Export-sized buffers: one shared buffer with a CAS max. Chunks of spatially sorted points
    // keep each thread mostly in its own region, so the CAS rarely retries.
#pragma omp parallel for schedule(dynamic, 65536) num_threads(threads)
    for (std::ptrdiff_t i = 0; i < count; ++i) {
        const std::uint32_t r = rank[i];
        int px, py;
        if (r == 0 || !pixelOf(t, x[i], y[i], w, h, px, py))
            continue;
        std::atomic_ref<std::uint32_t> cell(buf[static_cast<std::size_t>(py) * w + px]);
        std::uint32_t cur = cell.load(std::memory_order_relaxed);
        while (cur < r && !cell.compare_exchange_weak(cur, r, std::memory_order_relaxed)) {
        }
    }
}

void dilateRanks(std::vector<std::uint32_t>& idx, int w, int h, int size)
{
    if (size <= 1 || w <= 0 || h <= 0)
        return;
    // The disc as one horizontal run [lo, hi] of dx per dy.
    struct Run {
        int dy, lo, hi;
    };
    std::vector<Run> runs;
    for (const auto& [dx, dy] : discOffsets(size)) {
        if (runs.empty() || runs.back().dy != dy)
            runs.push_back({dy, dx, dx});
        else
            runs.back().hi = std::max(runs.back().hi, dx);
    }
    const std::vector<std::uint32_t> src = idx;
    std::uint32_t* dst = idx.data();
    const std::uint32_t* s = src.data();
    const int threads = g_pointsPerThread.load() == 1 ? omp_get_max_threads()
                        : threadsFor(src.size() * static_cast<std::size_t>(size) * static_cast<std::size_t>(size),
                                     kPixelOpsPerThread);
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int y = 0; y < h; ++y) {
        std::uint32_t* out = dst + static_cast<std::size_t>(y) * w;
        std::fill(out, out + w, 0u);
        for (const Run& run : runs) {
            const int sy = y - run.dy;
            if (sy < 0 || sy >= h)
                continue;
            const std::uint32_t* in = s + static_cast<std::size_t>(sy) * w;
            // out[x] = max(out[x], in[x - dx]): a contiguous, vectorisable max per dx.
            for (int dx = run.lo; dx <= run.hi; ++dx) {
                const int x0 = std::max(0, dx), x1 = std::min(w, w + dx);
                const std::uint32_t* in2 = in - dx;
                for (int xx = x0; xx < x1; ++xx)
                    out[xx] = std::max(out[xx], in2[xx]);
            }
        }
    }
}

void colouriseRanks(const std::vector<std::uint32_t>& idx, int w, int h, const QRgb* rankColor, QImage& out)
{
    if (out.size() != QSize(w, h) || out.format() != QImage::Format_ARGB32_Premultiplied)
        out = QImage(w, h, QImage::Format_ARGB32_Premultiplied);
    const std::uint32_t* in = idx.data();
    const int threads = threadsFor(idx.size(), kPixelOpsPerThread);
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        const std::uint32_t* row = in + static_cast<std::size_t>(y) * w;
        for (int x = 0; x < w; ++x) {
            const std::uint32_t r = row[x];
            line[x] = r ? rankColor[r - 1] : 0u;
        }
    }
}

void densityImage(const float* x, const float* y, const std::uint32_t* rank, std::size_t n,
                  const PixelTransform& t, int w, int h, const std::vector<QRgb>& colormap, float opacity,
                  QImage& out)
{
    out = QImage(std::max(1, w), std::max(1, h), QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    if (w <= 0 || h <= 0 || colormap.empty())
        return;
    const std::size_t pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    const int threads = pointThreads(n);
    // One private count buffer per thread, summed afterwards: no atomics, exact integer counts.
    std::vector<std::vector<std::uint32_t>> counts(static_cast<std::size_t>(threads));
    const auto count = static_cast<std::ptrdiff_t>(n);
#pragma omp parallel num_threads(threads)
    {
        std::vector<std::uint32_t>& c = counts[static_cast<std::size_t>(omp_get_thread_num())];
        c.assign(pixels, 0u);
#pragma omp for schedule(static)
        for (std::ptrdiff_t i = 0; i < count; ++i) {
            int px, py;
            if (rank[i] != 0 && pixelOf(t, x[i], y[i], w, h, px, py))
                ++c[static_cast<std::size_t>(py) * w + px];
        }
    }
    std::vector<std::uint32_t>& total = counts[0];
    for (std::size_t k = 1; k < counts.size(); ++k)
        for (std::size_t p = 0; p < pixels; ++p)
            total[p] += counts[k][p];
    const std::uint32_t maxCount = *std::max_element(total.begin(), total.end());
    if (maxCount == 0)
        return;
    // Log scale so sparse regions stay visible next to dense clusters.
    const double norm = 1.0 / std::log1p(static_cast<double>(maxCount));
    const int last = static_cast<int>(colormap.size()) - 1;
    const int alpha = std::clamp(static_cast<int>(std::lround(opacity * 255.0f)), 0, 255);
    // A table for the common small counts; rare larger counts are mapped directly.
    const std::uint32_t lutSize = std::min<std::uint32_t>(maxCount, 1u << 16);
    std::vector<QRgb> lut(lutSize + 1, 0u);
    for (std::uint32_t c = 1; c <= lutSize; ++c) {
        const double f = maxCount == 1 ? 1.0 : std::log1p(static_cast<double>(c)) * norm;
        const QRgb col = colormap[static_cast<std::size_t>(std::lround(f * last))];
        lut[c] = qPremultiply(qRgba(qRed(col), qGreen(col), qBlue(col), alpha));
    }
    const std::uint32_t* tot = total.data();
#pragma omp parallel for schedule(static) num_threads(threadsFor(pixels, kPixelOpsPerThread))
    for (int yy = 0; yy < h; ++yy) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(yy));
        const std::uint32_t* row = tot + static_cast<std::size_t>(yy) * w;
        for (int xx = 0; xx < w; ++xx) {
            const std::uint32_t c = row[xx];
            if (c == 0)
                continue;
            if (c <= lutSize) {
                line[xx] = lut[c];
            } else {
                const double f = std::log1p(static_cast<double>(c)) * norm;
                const QRgb col = colormap[static_cast<std::size_t>(std::lround(f * last))];
                line[xx] = qPremultiply(qRgba(qRed(col), qGreen(col), qBlue(col), alpha));
            }
        }
    }
}

} // namespace scdesk
