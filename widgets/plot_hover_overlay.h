#pragma once
// The hover ring and the highlight ring of a gene-level point plot (volcano, mean–dispersion), on
// a buffered layer of their own so that moving the mouse redraws two rings, never the thousands of
// points underneath; with the nearest-point lookup behind them and the hovered point's tooltip.
#include <QPalette>
#include <QPoint>
#include <QPointF>
#include <QString>
#include <functional>
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

    // The points that can be hovered, numbered as the caller numbers them; points with a
    // non-finite coordinate never are. Clears both rings.
    void setPoints(const std::vector<double>& x, const std::vector<double>& y);
    // The point nearest to a widget pixel within `maxPx` pixels, or -1.
    int nearest(QPointF pixel, double maxPx = 6.0) const;

    // Moves the hover ring to the point under `pixel` and shows `toolTip(index)` there (hides the
    // tooltip off points). Redraws the overlay only when the hovered point changed.
    void hoverAt(QPointF pixel, QPoint globalPos, const std::function<QString(int)>& toolTip);
    // The mouse left the plot.
    void clearHover();
    int hoverIndex() const { return m_hover; }

    // Rings point `index` (-1 or a point that cannot be drawn: none).
    void setHighlight(int index);
    int highlightIndex() const { return m_highlight; }

    void setTheme(const QPalette& palette);

private:
    bool drawable(int index) const;

    QCustomPlot* m_plot;
    NearestPointIndex m_index;
    std::vector<double> m_x, m_y;
    int m_hover = -1;
    int m_highlight = -1;
    QCPLayer* m_layer;
    QCPGraph* m_hoverGraph;
    QCPGraph* m_highlightGraph;
};

} // namespace scdesk
