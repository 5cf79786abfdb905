#pragma once
// A QCustomPlot plottable for millions of cells (app.md §3.3): points are rasterised with OpenMP
// into a QImage through a per-pixel rank buffer (atomic max of draw rank, so the picture is the
// same for any thread count), then drawn as one image; axes, zoom and pan stay QCustomPlot's.
// The same rank buffer answers hover in O(1); a polygon mask selects cells for lasso/rectangle.
#include <QColor>
#include <QImage>
#include <QPolygonF>
#include <cstdint>
#include <memory>
#include <vector>

#include <qcustomplot.h>

namespace scdesk {

class CellScatterPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    enum class DensityMode { Auto, Off, On }; // Auto: density above ~2M points
    enum class CellFlag : std::uint8_t { Normal = 0, Selected = 1, Hidden = 2 };

    CellScatterPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis);
    ~CellScatterPlottable() override;

    // Positions in data coordinates (copied; positions change only with the embedding).
    void setPositions(const float* x, const float* y, std::size_t count);
    std::size_t cellCount() const;

    // Colour by category: code per cell (-1 = missing, drawn grey), one colour per category;
    // hidden categories are not drawn. Draw order is a fixed shuffle (no category always on top).
    void setCategories(std::vector<std::int32_t> codes, std::vector<QRgb> palette,
                       std::vector<bool> hiddenCategories = {});
    // Colour by value through a 256-entry colormap between vmin and vmax (NaN = grey);
    // `highOnTop` draws high values last.
    void setValues(std::vector<float> values, std::vector<QRgb> colormap, float vmin, float vmax, bool highOnTop = true);
    // One colour for all cells.
    void setUniformColor(QRgb color);

    void setPointSize(int pixels);   // 1..9, a disc
    void setOpacity(float opacity);  // 0..1
    void setDensityMode(DensityMode mode);
    // Selected cells are drawn normally, the others faded; empty = no selection.
    void setSelectedCells(const std::vector<std::uint8_t>& selectedFlags);

    // The top-most cell under a pixel of the plot widget (widget coordinates) from the last
    // drawn rank buffer, or -1.
    std::int64_t cellAt(const QPointF& widgetPixel) const;
    // Cells whose position falls inside a polygon given in widget pixel coordinates (lasso or
    // rectangle), hidden categories excluded; sorted ascending.
    std::vector<std::uint32_t> cellsInPolygon(const QPolygonF& widgetPolygon) const;

    // Renders the cells alone into an image of the given size for the current axis ranges
    // (tests and benchmarks; draw() uses the same path).
    QImage rasterize(const QSize& size, double devicePixelRatio = 1.0) const;

    // QCPAbstractPlottable
    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    struct State;
    std::unique_ptr<State> d;
};

} // namespace scdesk
