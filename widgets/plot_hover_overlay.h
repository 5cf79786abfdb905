#pragma once
// The hover ring and the highlight ring of a gene-level point plot (volcano, mean–dispersion), on
// a buffered layer of their own so that moving the mouse redraws two rings, never the thousands of
// points underneath; with the nearest-point lookup behind them, the hovered point's tooltip and
// the mapping between points and the table rows they stand for.
#include <QPalette>
#include <QPoint>
#include <QPointF>
#include <QString>
#include <functional>
#include <unordered_map>
#include <vector>

#include "nearest_point_index.h"

class QCPGraph;
class QCPLayer;
class QCustomPlot;

namespace scdesk {

class PlotHoverOverlay {
public:
    // Adds the layer "overlay" above "main" to `plot`, with the two ring graphs on it.
    explicit PlotHoverOverlay(QCustomPlot* plot);

    // The points that can be hovered; points with a non-finite coordinate never are. `rows` are
    // the table rows the points stand for (0..n-1 when its size differs). Clears both rings.
    void setPoints(const std::vector<double>& x, const std::vector<double>& y, std::vector<int> rows = {});
    // The point nearest to a widget pixel within `maxPx` pixels, or -1.
    int nearest(QPointF pixel, double maxPx = 6.0) const;
    // The table row of the point nearest to `pixel` within `maxPx` pixels, or -1.
    int rowAt(QPointF pixel, double maxPx = 6.0) const;
    // The point standing for table row `row`, or -1.
    int indexOfRow(int row) const;

    // Moves the hover ring to the point under `pixel` and shows `toolTipForRow(its row)` there
    // (hides the tooltip off points). Redraws the overlay only when the hovered point changed.
    void hoverAt(QPointF pixel, QPoint globalPos, const std::function<QString(int)>& toolTipForRow);
    // The mouse left the plot.
    void clearHover();
    int hoverIndex() const { return m_hover; }

    // Rings point `index` (-1 or a point that cannot be drawn: none).
    void setHighlight(int index);
    // Rings the point of table row `row` (-1: none).
    void setHighlightedRow(int row) { setHighlight(indexOfRow(row)); }
    int highlightIndex() const { return m_highlight; }

    void setTheme(const QPalette& palette);

private:
    bool drawable(int index) const;

    QCustomPlot* m_plot;
    NearestPointIndex m_index;
    std::vector<double> m_x, m_y;
    std::vector<int> m_rows;                  // point -> table row
    std::unordered_map<int, int> m_rowToPoint; // table row -> point
    int m_hover = -1;
    int m_highlight = -1;
    QCPLayer* m_layer;
    QCPGraph* m_hoverGraph;
    QCPGraph* m_highlightGraph;
};

} // namespace scdesk
