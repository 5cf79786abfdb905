#pragma once
// The pure rasterising core of the cell scatter (app.md §3.3): project points into a per-pixel
// rank buffer with an atomic max (deterministic for any thread count), grow points to discs by a
// max-dilation of that buffer, colourise it through a per-rank colour table; plus a density pass
// (per-pixel counts through a log colormap). No QPainter, no QCustomPlot: testable on its own.
#include <QImage>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace scdesk {

// Data → image pixel: px = ax·x + bx, py = ay·y + by (device pixels, image origin at 0,0).
struct PixelTransform {
    double ax = 1, bx = 0, ay = 1, by = 0;
};

// The pixel a point falls in, or false when it is outside [0,w)×[0,h) (NaN positions too).
// Shared by the raster pass, the lasso and the tests so all agree on the same pixel.
inline bool pixelOf(const PixelTransform& t, float x, float y, int w, int h, int& px, int& py)
{
    const double fx = t.ax * static_cast<double>(x) + t.bx;
    const double fy = t.ay * static_cast<double>(y) + t.by;
    if (!(fx >= 0.0 && fx < w && fy >= 0.0 && fy < h)) // also rejects NaN
        return false;
    px = static_cast<int>(fx);
    py = static_cast<int>(fy);
    return true;
}

// Points per OpenMP thread before a pass goes parallel (default 2M); 1 = always all threads
// (tests use it to check that the image is the same for any thread count).
void setMinimumPointsPerThread(std::size_t points);

// Offsets (dx, dy) of a disc of `size` pixels stamped on a point's pixel; size 1 = the pixel alone.
std::vector<std::pair<int, int>> discOffsets(int size);

// rank[i] is point i's draw rank + 1 (0 = not drawn); idx (w·h, zeroed here) receives for each
// pixel the largest rank falling in it.
void projectRanks(const float* x, const float* y, const std::uint32_t* rank, std::size_t n,
                  const PixelTransform& t, int w, int h, std::vector<std::uint32_t>& idx);

// In-place max-filter of idx with the disc of `size`: identical to stamping each point's disc.
void dilateRanks(std::vector<std::uint32_t>& idx, int w, int h, int size);

// idx → premultiplied ARGB image; rankColor[r-1] is the (premultiplied) colour of rank r.
void colouriseRanks(const std::vector<std::uint32_t>& idx, int w, int h, const QRgb* rankColor, QImage& out);

// Per-pixel counts of the drawn points (rank != 0) → log-scaled colormap (256 entries), alpha
// scaled by `opacity`; empty pixels transparent.
void densityImage(const float* x, const float* y, const std::uint32_t* rank, std::size_t n,
                  const PixelTransform& t, int w, int h, const std::vector<QRgb>& colormap, float opacity,
                  QImage& out);

} // namespace scdesk
