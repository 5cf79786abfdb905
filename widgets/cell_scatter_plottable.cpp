#include "cell_scatter_plottable.h"

#include <QPaintDevice>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <omp.h>

#include "cell_rasterizer.h"

namespace scdesk {

namespace {

constexpr QRgb kMissingColor = 0xffb4b4b4u;   // NaN values and missing categories
constexpr std::size_t kVectorDiscLimit = 20000; // below: vector discs in PDF/SVG (app.md §3.3 step 5)
constexpr std::size_t kAutoDensityAbove = 2000000;
constexpr double kVectorRasterScale = 3.0; // raster resolution of the cloud in PDF/SVG (≈ 288 dpi)
constexpr int kMaxDevicePointSize = 64;

// Spreads the 8 low bits of v to the even bits (Morton order).
std::uint32_t spread8(std::uint32_t v)
{
    v = (v | (v << 4)) & 0x0f0fu;
    v = (v | (v << 2)) & 0x3333u;
    v = (v | (v << 1)) & 0x5555u;
    return v;
}

// A fixed pseudo-random permutation (splitmix64 + Fisher-Yates), the same on every platform.
std::vector<std::uint32_t> fixedShuffle(std::size_t n)
{
    std::vector<std::uint32_t> p(n);
    std::iota(p.begin(), p.end(), 0u);
    std::uint64_t state = 0x5eed5eedULL;
    for (std::size_t i = n; i > 1; --i) {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        std::swap(p[i - 1], p[static_cast<std::size_t>(z % i)]);
    }
    return p;
}

// Viridis by its key colours, for density mode when no colormap was given.
std::vector<QRgb> defaultDensityMap()
{
    static const QRgb keys[] = {0xff440154u, 0xff3b528bu, 0xff21918cu, 0xff5ec962u, 0xfffde725u};
    std::vector<QRgb> lut(256);
    for (int i = 0; i < 256; ++i) {
        const double f = i / 255.0 * 4.0;
        const int k = std::min(3, static_cast<int>(f));
        const double t = f - k;
        auto mix = [&](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
        lut[static_cast<std::size_t>(i)] = qRgb(mix(qRed(keys[k]), qRed(keys[k + 1])),
                                                mix(qGreen(keys[k]), qGreen(keys[k + 1])),
                                                mix(qBlue(keys[k]), qBlue(keys[k + 1])));
    }
    return lut;
}

} // namespace

struct CellScatterPlottable::State {
    enum class Colour { Uniform, Categories, Values };

    // Positions in storage order: sorted once by a Morton-ordered 256² grid so that points close
    // on screen are close in memory (the rank buffer writes stay cache-local).
    std::vector<float> sx, sy;
    std::vector<std::uint32_t> perm; // storage index → cell
    float xmin = 0, xmax = 0, ymin = 0, ymax = 0;
    bool haveRange = false;

    Colour colour = Colour::Uniform;
    QRgb uniform = 0xff1f77b4u;
    std::vector<std::int32_t> codes;
    std::vector<QRgb> palette;
    std::vector<bool> hidden;
    std::vector<float> values;
    std::vector<QRgb> colormap;
    float vmin = 0, vmax = 1;
    bool highOnTop = true;
    std::vector<std::uint8_t> selected;
    bool anySelected = false;

    int pointSize = 1;
    float opacity = 1.0f;
    DensityMode density = DensityMode::Auto;

    // Derived from the colouring; rebuilt lazily.
    bool orderDirty = true;
    bool colourDirty = true;
    std::vector<std::uint32_t> shuffle;                 // fixed shuffle of all cells
    std::shared_ptr<const std::vector<std::uint32_t>> order; // rank-1 → cell, drawn cells only
    std::vector<std::uint32_t> srank;                   // storage index → rank (0 = not drawn)
    std::vector<QRgb> rankColor;                        // rank-1 → premultiplied colour

    // The last on-screen draw, for cellAt.
    std::vector<std::uint32_t> lastIdx;
    std::shared_ptr<const std::vector<std::uint32_t>> lastOrder;
    int lastW = 0, lastH = 0, lastPointSize = 1;
    QPointF lastOrigin;
    double lastScale = 1.0;
    PixelTransform lastTransform;
    bool lastValid = false;
    bool lastNeedsProjection = false; // density draws fill the rank buffer only when hovered

    std::vector<std::uint32_t> scratch; // reused rank buffer
    QImage image;                       // reused output image

    std::size_t n() const { return perm.size(); }

    QRgb baseColour(std::uint32_t cell) const
    {
        switch (colour) {
        case Colour::Uniform:
            return uniform;
        case Colour::Categories: {
            const std::int32_t c = cell < codes.size() ? codes[cell] : -1;
            return c >= 0 && static_cast<std::size_t>(c) < palette.size() ? palette[static_cast<std::size_t>(c)]
                                                                           : kMissingColor;
        }
        case Colour::Values: {
            const float v = cell < values.size() ? values[cell] : std::numeric_limits<float>::quiet_NaN();
            if (std::isnan(v) || colormap.empty())
                return kMissingColor;
            const float span = vmax - vmin;
            const float t = span > 0 ? std::clamp((v - vmin) / span, 0.0f, 1.0f) : 0.5f;
            return colormap[static_cast<std::size_t>(std::lround(t * static_cast<float>(colormap.size() - 1)))];
        }
        }
        return uniform;
    }

    bool isHidden(std::uint32_t cell) const
    {
        if (colour != Colour::Categories || hidden.empty())
            return false;
        const std::int32_t c = cell < codes.size() ? codes[cell] : -1;
        return c >= 0 && static_cast<std::size_t>(c) < hidden.size() && hidden[static_cast<std::size_t>(c)];
    }

    bool isSelected(std::uint32_t cell) const { return cell < selected.size() && selected[cell] != 0; }

    void ensureOrder()
    {
        if (!orderDirty)
            return;
        const std::size_t count = n();
        std::vector<std::uint32_t> base;
        if (colour == Colour::Values && highOnTop) {
            // Ascending value so high values are drawn last; NaN first (bottom).
            base.resize(count);
            std::iota(base.begin(), base.end(), 0u);
            auto key = [&](std::uint32_t c) {
                const float v = c < values.size() ? values[c] : std::numeric_limits<float>::quiet_NaN();
                return std::isnan(v) ? -std::numeric_limits<float>::infinity() : v;
            };
            std::stable_sort(base.begin(), base.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
        } else if (colour == Colour::Uniform) {
            base.resize(count);
            std::iota(base.begin(), base.end(), 0u);
        } else {
            // Categories (and values without highOnTop): a fixed shuffle, no category always on top.
            if (shuffle.size() != count)
                shuffle = fixedShuffle(count);
            base = shuffle;
        }
        auto drawn = std::make_shared<std::vector<std::uint32_t>>();
        drawn->reserve(count);
        // Selected cells above the faded rest, as cellxgene's flag-driven z.
        for (int pass = 0; pass < (anySelected ? 2 : 1); ++pass)
            for (std::uint32_t c : base)
                if (!isHidden(c) && (!anySelected || isSelected(c) == (pass == 1)))
                    drawn->push_back(c);
        std::vector<std::uint32_t> cellRank(count, 0u);
        for (std::size_t r = 0; r < drawn->size(); ++r)
            cellRank[(*drawn)[r]] = static_cast<std::uint32_t>(r + 1);
        srank.resize(count);
        for (std::size_t s = 0; s < count; ++s)
            srank[s] = cellRank[perm[s]];
        order = std::move(drawn);
        orderDirty = false;
        colourDirty = true;
    }

    void ensureColours()
    {
        ensureOrder();
        if (!colourDirty)
            return;
        const std::vector<std::uint32_t>& o = *order;
        rankColor.resize(o.size());
        const float a = std::clamp(opacity, 0.0f, 1.0f);
        const auto size = static_cast<std::ptrdiff_t>(o.size());
#pragma omp parallel for schedule(static) if (size > 100000)
        for (std::ptrdiff_t r = 0; r < size; ++r) {
            const std::uint32_t cell = o[static_cast<std::size_t>(r)];
            QRgb c = baseColour(cell);
            float alpha = a;
            if (anySelected && !isSelected(cell)) {
                // Faded: halfway to grey and mostly transparent.
                c = qRgb((qRed(c) + 160) / 2, (qGreen(c) + 160) / 2, (qBlue(c) + 160) / 2);
                alpha *= 0.25f;
            }
            rankColor[static_cast<std::size_t>(r)] =
                qPremultiply(qRgba(qRed(c), qGreen(c), qBlue(c), static_cast<int>(std::lround(alpha * 255.0f))));
        }
        colourDirty = false;
    }
};

CellScatterPlottable::CellScatterPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis), d(std::make_unique<State>())
{
    // QCP's own selection must ignore the cloud; selection goes through cellsInPolygon.
    setSelectable(QCP::stNone);
}

CellScatterPlottable::~CellScatterPlottable() = default;

void CellScatterPlottable::setPositions(const float* x, const float* y, std::size_t count)
{
    State& s = *d;
    s.haveRange = false;
    float x0 = std::numeric_limits<float>::max(), x1 = -x0, y0 = x0, y1 = -x0;
    for (std::size_t i = 0; i < count; ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            x0 = std::min(x0, x[i]);
            x1 = std::max(x1, x[i]);
            y0 = std::min(y0, y[i]);
            y1 = std::max(y1, y[i]);
            s.haveRange = true;
        }
    }
    s.xmin = x0;
    s.xmax = x1;
    s.ymin = y0;
    s.ymax = y1;
    // Counting sort by Morton-ordered grid cell (65536 buckets; non-finite positions last).
    constexpr std::uint32_t kBuckets = 1u << 16;
    std::vector<std::uint16_t> bucket(count);
    const double fx = s.haveRange && x1 > x0 ? 255.999 / (static_cast<double>(x1) - x0) : 0.0;
    const double fy = s.haveRange && y1 > y0 ? 255.999 / (static_cast<double>(y1) - y0) : 0.0;
    const auto n = static_cast<std::ptrdiff_t>(count);
#pragma omp parallel for schedule(static) if (n > 100000)
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        const float xi = x[i], yi = y[i];
        if (!std::isfinite(xi) || !std::isfinite(yi)) {
            bucket[static_cast<std::size_t>(i)] = kBuckets - 1;
            continue;
        }
        const auto gx = static_cast<std::uint32_t>((xi - x0) * fx);
        const auto gy = static_cast<std::uint32_t>((yi - y0) * fy);
        bucket[static_cast<std::size_t>(i)] = static_cast<std::uint16_t>(spread8(gx) | (spread8(gy) << 1));
    }
    std::vector<std::uint32_t> start(kBuckets + 1, 0u);
    for (std::size_t i = 0; i < count; ++i)
        ++start[bucket[i] + 1u];
    for (std::uint32_t b = 0; b < kBuckets; ++b)
        start[b + 1] += start[b];
    s.perm.assign(count, 0u);
    s.sx.resize(count);
    s.sy.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        s.perm[start[bucket[i]]++] = static_cast<std::uint32_t>(i);
#pragma omp parallel for schedule(static) if (n > 100000)
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const std::uint32_t c = s.perm[static_cast<std::size_t>(k)];
        s.sx[static_cast<std::size_t>(k)] = x[c];
        s.sy[static_cast<std::size_t>(k)] = y[c];
    }
    s.shuffle.clear();
    if (s.selected.size() != count) {
        s.selected.clear();
        s.anySelected = false;
    }
    s.orderDirty = true;
    s.lastValid = false;
}

std::size_t CellScatterPlottable::cellCount() const
{
    return d->n();
}

void CellScatterPlottable::setCategories(std::vector<std::int32_t> codes, std::vector<QRgb> palette,
                                         std::vector<bool> hiddenCategories)
{
    d->colour = State::Colour::Categories;
    d->codes = std::move(codes);
    d->palette = std::move(palette);
    d->hidden = std::move(hiddenCategories);
    d->values.clear();
    d->orderDirty = true;
}

void CellScatterPlottable::setValues(std::vector<float> values, std::vector<QRgb> colormap, float vmin, float vmax,
                                     bool highOnTop)
{
    d->colour = State::Colour::Values;
    d->values = std::move(values);
    d->colormap = std::move(colormap);
    d->vmin = vmin;
    d->vmax = vmax;
    d->highOnTop = highOnTop;
    d->codes.clear();
    d->hidden.clear();
    d->orderDirty = true;
}

void CellScatterPlottable::setUniformColor(QRgb color)
{
    d->colour = State::Colour::Uniform;
    d->uniform = color;
    d->codes.clear();
    d->hidden.clear();
    d->values.clear();
    d->orderDirty = true;
}

void CellScatterPlottable::setPointSize(int pixels)
{
    d->pointSize = std::clamp(pixels, 1, 9);
}

void CellScatterPlottable::setOpacity(float opacity)
{
    d->opacity = std::clamp(opacity, 0.0f, 1.0f);
    d->colourDirty = true;
}

void CellScatterPlottable::setDensityMode(DensityMode mode)
{
    d->density = mode;
}

void CellScatterPlottable::setSelectedCells(const std::vector<std::uint8_t>& selectedFlags)
{
    d->selected = selectedFlags;
    d->anySelected = std::any_of(selectedFlags.begin(), selectedFlags.end(), [](std::uint8_t f) { return f != 0; });
    d->orderDirty = true;
}

std::int64_t CellScatterPlottable::cellAt(const QPointF& widgetPixel) const
{
    State& s = *d;
    if (!s.lastValid || !s.lastOrder)
        return -1;
    if (s.lastNeedsProjection) {
        // The last draw was a density image: build its rank buffer on the first hover.
        s.ensureOrder();
        projectRanks(s.sx.data(), s.sy.data(), s.srank.data(), s.n(), s.lastTransform, s.lastW, s.lastH, s.lastIdx);
        dilateRanks(s.lastIdx, s.lastW, s.lastH, s.lastPointSize);
        s.lastOrder = s.order;
        s.lastNeedsProjection = false;
    }
    const double fx = (widgetPixel.x() - s.lastOrigin.x()) * s.lastScale;
    const double fy = (widgetPixel.y() - s.lastOrigin.y()) * s.lastScale;
    if (!(fx >= 0 && fx < s.lastW && fy >= 0 && fy < s.lastH))
        return -1;
    const std::uint32_t r =
        s.lastIdx[static_cast<std::size_t>(static_cast<int>(fy)) * s.lastW + static_cast<std::size_t>(static_cast<int>(fx))];
    return r ? static_cast<std::int64_t>((*s.lastOrder)[r - 1]) : -1;
}

std::vector<std::uint32_t> CellScatterPlottable::cellsInPolygon(const QPolygonF& widgetPolygon) const
{
    State& s = *d;
    std::vector<std::uint32_t> result;
    if (s.n() == 0 || widgetPolygon.size() < 3 || !mKeyAxis || !mValueAxis)
        return result;
    s.ensureOrder();
    // The mask covers the axis rect at one pixel per widget pixel; cells outside it are not visible
    // and never selected. Rule: a cell is inside when the centre of the pixel it is drawn in lies
    // inside the polygon (even-odd), with the top-left convention on edges: centres exactly on a
    // left or top edge are in, on a right or bottom edge out — so two lassos sharing an edge never
    // both take a cell.
    const QRect rect = clipRect();
    const int w = rect.width(), h = rect.height();
    if (w <= 0 || h <= 0)
        return result;
    const QPolygonF poly = widgetPolygon.translated(-QPointF(rect.topLeft()));
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0u);
    const QRectF bounds = poly.boundingRect();
    const int row0 = std::max(0, static_cast<int>(std::floor(bounds.top())) - 1);
    const int row1 = std::min(h, static_cast<int>(std::ceil(bounds.bottom())) + 1);
    const qsizetype m = poly.size();
    // Parallel only for long lassos: a second thread costs more than a few hundred rows of spans.
#pragma omp parallel for schedule(static) if (m * (row1 - row0) > 1000000)
    for (int j = row0; j < row1; ++j) {
        const double cy = j + 0.5;
        std::vector<double> xs;
        for (qsizetype k = 0; k < m; ++k) {
            const QPointF a = poly[k], b = poly[(k + 1) % m];
            if (a.y() == b.y())
                continue; // horizontal edges never cross a scanline
            const double lo = std::min(a.y(), b.y()), hi = std::max(a.y(), b.y());
            if (cy >= lo && cy < hi)
                xs.push_back(a.x() + (cy - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
        }
        std::sort(xs.begin(), xs.end());
        std::uint8_t* row = mask.data() + static_cast<std::size_t>(j) * w;
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
            // Pixels i with xs[k] <= i + 0.5 < xs[k+1].
            const int i0 = std::max(0, static_cast<int>(std::ceil(xs[k] - 0.5)));
            const int i1 = std::min(w, static_cast<int>(std::ceil(xs[k + 1] - 0.5)));
            for (int i = i0; i < i1; ++i)
                row[i] = 1;
        }
    }
    const double kx0 = mKeyAxis->coordToPixel(0), kx1 = mKeyAxis->coordToPixel(1);
    const double vy0 = mValueAxis->coordToPixel(0), vy1 = mValueAxis->coordToPixel(1);
    const PixelTransform t{kx1 - kx0, kx0 - rect.left(), vy1 - vy0, vy0 - rect.top()};
    std::vector<std::uint8_t> in(s.n(), 0u);
    const auto count = static_cast<std::ptrdiff_t>(s.n());
    // As in the raster pass: threads only pay off from a few million cells.
#pragma omp parallel for schedule(dynamic, 65536) if (count > 2000000)
    for (std::ptrdiff_t k = 0; k < count; ++k) {
        int px, py;
        if (s.srank[static_cast<std::size_t>(k)] != 0 &&
            pixelOf(t, s.sx[static_cast<std::size_t>(k)], s.sy[static_cast<std::size_t>(k)], w, h, px, py) &&
            mask[static_cast<std::size_t>(py) * w + px])
            in[s.perm[static_cast<std::size_t>(k)]] = 1;
    }
    for (std::size_t c = 0; c < in.size(); ++c)
        if (in[c])
            result.push_back(static_cast<std::uint32_t>(c));
    return result;
}

QImage CellScatterPlottable::rasterize(const QSize& size, double devicePixelRatio) const
{
    State& s = *d;
    const int w = std::max(1, static_cast<int>(std::ceil(size.width() * devicePixelRatio)));
    const int h = std::max(1, static_cast<int>(std::ceil(size.height() * devicePixelRatio)));
    QImage out(w, h, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    out.setDevicePixelRatio(devicePixelRatio);
    if (s.n() == 0 || !mKeyAxis || !mValueAxis)
        return out;
    s.ensureColours();
    // Key range across the width (left = lower unless reversed), value range up the height.
    const QCPRange kr = mKeyAxis->range(), vr = mValueAxis->range();
    PixelTransform t;
    t.ax = w / kr.size() * (mKeyAxis->rangeReversed() ? -1 : 1);
    t.bx = mKeyAxis->rangeReversed() ? kr.upper * -t.ax : -kr.lower * t.ax;
    t.ay = -h / vr.size() * (mValueAxis->rangeReversed() ? -1 : 1);
    t.by = mValueAxis->rangeReversed() ? -vr.lower * t.ay : -vr.upper * t.ay;
    const std::size_t drawn = s.order->size();
    const bool density = s.density == DensityMode::On || (s.density == DensityMode::Auto && drawn > kAutoDensityAbove);
    if (density) {
        densityImage(s.sx.data(), s.sy.data(), s.srank.data(), s.n(), t, w, h,
                     s.colour == State::Colour::Values && !s.colormap.empty() ? s.colormap : defaultDensityMap(),
                     s.opacity, out);
        out.setDevicePixelRatio(devicePixelRatio);
        return out;
    }
    std::vector<std::uint32_t> idx;
    projectRanks(s.sx.data(), s.sy.data(), s.srank.data(), s.n(), t, w, h, idx);
    dilateRanks(idx, w, h, std::clamp(static_cast<int>(std::lround(s.pointSize * devicePixelRatio)), 1, kMaxDevicePointSize));
    colouriseRanks(idx, w, h, s.rankColor.data(), out);
    out.setDevicePixelRatio(devicePixelRatio);
    return out;
}

double CellScatterPlottable::selectTest(const QPointF& pos, bool onlySelectable, QVariant* details) const
{
    Q_UNUSED(pos)
    Q_UNUSED(onlySelectable)
    Q_UNUSED(details)
    return -1; // picking goes through cellAt's rank buffer, never through QCP's selection
}

QCPRange CellScatterPlottable::getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain) const
{
    foundRange = d->haveRange;
    QCPRange r(d->xmin, d->xmax);
    if (inSignDomain == QCP::sdPositive && r.upper <= 0)
        foundRange = false;
    if (inSignDomain == QCP::sdNegative && r.lower >= 0)
        foundRange = false;
    return r;
}

QCPRange CellScatterPlottable::getValueRange(bool& foundRange, QCP::SignDomain inSignDomain,
                                             const QCPRange& inKeyRange) const
{
    Q_UNUSED(inKeyRange)
    foundRange = d->haveRange;
    QCPRange r(d->ymin, d->ymax);
    if (inSignDomain == QCP::sdPositive && r.upper <= 0)
        foundRange = false;
    if (inSignDomain == QCP::sdNegative && r.lower >= 0)
        foundRange = false;
    return r;
}

void CellScatterPlottable::draw(QCPPainter* painter)
{
    State& s = *d;
    if (s.n() == 0 || !mKeyAxis || !mValueAxis)
        return;
    s.ensureColours();
    const QRect rect = clipRect();
    if (rect.width() <= 0 || rect.height() <= 0)
        return;
    const bool vectorized = painter->modes().testFlag(QCPPainter::pmVectorized);
    const bool onScreen = !vectorized && !painter->modes().testFlag(QCPPainter::pmNoCaching);
    const std::vector<std::uint32_t>& order = *s.order;

    if (vectorized && order.size() < kVectorDiscLimit) {
        // Few cells: true vector discs in rank order, so small exports stay fully vector.
        painter->setPen(Qt::NoPen);
        painter->setAntialiasing(true);
        const double radius = s.pointSize / 2.0;
        std::vector<std::uint32_t> storageOf(s.n());
        for (std::size_t k = 0; k < s.n(); ++k)
            storageOf[s.perm[k]] = static_cast<std::uint32_t>(k);
        for (std::size_t r = 0; r < order.size(); ++r) {
            const std::size_t k = storageOf[order[r]];
            const QPointF p(mKeyAxis->coordToPixel(s.sx[k]), mValueAxis->coordToPixel(s.sy[k]));
            if (!QRectF(rect).adjusted(-radius, -radius, radius, radius).contains(p))
                continue;
            const QRgb c = qUnpremultiply(s.rankColor[r]);
            painter->setBrush(QColor::fromRgba(c));
            painter->drawEllipse(p, radius, radius);
        }
        return;
    }

    // Device pixels per logical pixel: the painter's scale (savePng's scale, PDF's window) times the
    // device's pixel ratio (high-DPI screens); PDF/SVG get a fixed raster resolution.
    double scale = 1.0;
    if (vectorized) {
        scale = kVectorRasterScale;
    } else {
        scale = std::hypot(painter->transform().m11(), painter->transform().m12());
        if (painter->device())
            scale *= painter->device()->devicePixelRatioF();
        if (!(scale > 0))
            scale = 1.0;
    }
    const int w = static_cast<int>(std::ceil(rect.width() * scale - 1e-9));
    const int h = static_cast<int>(std::ceil(rect.height() * scale - 1e-9));
    const double kx0 = mKeyAxis->coordToPixel(0), kx1 = mKeyAxis->coordToPixel(1);
    const double vy0 = mValueAxis->coordToPixel(0), vy1 = mValueAxis->coordToPixel(1);
    const PixelTransform t{(kx1 - kx0) * scale, (kx0 - rect.left()) * scale, (vy1 - vy0) * scale,
                           (vy0 - rect.top()) * scale};
    const int devicePointSize = std::clamp(static_cast<int>(std::lround(s.pointSize * scale)), 1, kMaxDevicePointSize);
    const bool density = s.density == DensityMode::On ||
                         (s.density == DensityMode::Auto && order.size() > kAutoDensityAbove);
    if (density) {
        densityImage(s.sx.data(), s.sy.data(), s.srank.data(), s.n(), t, w, h,
                     s.colour == State::Colour::Values && !s.colormap.empty() ? s.colormap : defaultDensityMap(),
                     s.opacity, s.image);
    } else {
        projectRanks(s.sx.data(), s.sy.data(), s.srank.data(), s.n(), t, w, h, s.scratch);
        dilateRanks(s.scratch, w, h, devicePointSize);
        colouriseRanks(s.scratch, w, h, s.rankColor.data(), s.image);
    }
    if (onScreen) {
        // Keep this draw's rank buffer for hover; the previous one becomes the next scratch.
        if (!density)
            std::swap(s.scratch, s.lastIdx);
        s.lastOrder = s.order;
        s.lastW = w;
        s.lastH = h;
        s.lastOrigin = rect.topLeft();
        s.lastScale = scale;
        s.lastTransform = t;
        s.lastPointSize = devicePointSize;
        s.lastNeedsProjection = density;
        s.lastValid = true;
    }
    painter->drawImage(QRectF(rect.left(), rect.top(), w / scale, h / scale), s.image);
}

void CellScatterPlottable::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const
{
    QRgb c = d->uniform;
    if (d->colour == State::Colour::Categories && !d->palette.empty())
        c = d->palette.front();
    else if (d->colour == State::Colour::Values && !d->colormap.empty())
        c = d->colormap.back();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor::fromRgb(c));
    const double r = std::min(rect.width(), rect.height()) / 3.0;
    painter->drawEllipse(rect.center(), r, r);
}

} // namespace scdesk
