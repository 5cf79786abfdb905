#include "plot_hover_overlay.h"

#include <QToolTip>
#include <cmath>
#include <numeric>
#include <qcustomplot.h>

namespace scdesk {

PlotHoverOverlay::PlotHoverOverlay(QCustomPlot* plot) : m_plot(plot)
{
    // QCustomPlot has an "overlay" layer of its own (topmost, for its selection rectangle); reuse it.
    if (!plot->layer(QStringLiteral("overlay")))
        plot->addLayer(QStringLiteral("overlay"), plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_layer = plot->layer(QStringLiteral("overlay"));
    m_layer->setMode(QCPLayer::lmBuffered);
    m_hoverGraph = plot->addGraph();
    m_highlightGraph = plot->addGraph();
    for (QCPGraph* g : {m_hoverGraph, m_highlightGraph}) {
        g->setLayer(m_layer);
        g->setLineStyle(QCPGraph::lsNone);
        g->removeFromLegend();
        g->setSelectable(QCP::stNone);
    }
}

void PlotHoverOverlay::setPoints(const std::vector<double>& x, const std::vector<double>& y, std::vector<int> rows)
{
    m_x = x;
    m_y = y;
    m_y.resize(m_x.size(), std::nan(""));
    if (rows.size() != m_x.size()) {
        rows.resize(m_x.size());
        std::iota(rows.begin(), rows.end(), 0);
    }
    m_rows = std::move(rows);
    m_rowToPoint.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rowToPoint.emplace(m_rows[i], static_cast<int>(i)); // the first point of a row wins
    m_index.build(m_x, m_y);
    m_hover = -1;
    m_highlight = -1;
    m_hoverGraph->data()->clear();
    m_highlightGraph->data()->clear();
}

int PlotHoverOverlay::nearest(QPointF pixel, double maxPx) const
{
    return m_index.nearest(*m_plot->xAxis, *m_plot->yAxis, pixel, maxPx);
}

int PlotHoverOverlay::rowAt(QPointF pixel, double maxPx) const
{
    const int i = nearest(pixel, maxPx);
    return i < 0 ? -1 : m_rows[static_cast<std::size_t>(i)];
}

int PlotHoverOverlay::indexOfRow(int row) const
{
    const auto it = m_rowToPoint.find(row);
    return it == m_rowToPoint.end() ? -1 : it->second;
}

bool PlotHoverOverlay::drawable(int index) const
{
    return index >= 0 && static_cast<std::size_t>(index) < m_x.size() && std::isfinite(m_x[static_cast<std::size_t>(index)])
           && std::isfinite(m_y[static_cast<std::size_t>(index)]);
}

void PlotHoverOverlay::hoverAt(QPointF pixel, QPoint globalPos, const std::function<QString(int)>& toolTipForRow)
{
    const int i = nearest(pixel, 6.0);
    if (i == m_hover)
        return;
    m_hover = i;
    m_hoverGraph->data()->clear();
    if (i >= 0) {
        m_hoverGraph->addData(m_x[static_cast<std::size_t>(i)], m_y[static_cast<std::size_t>(i)]);
        QToolTip::showText(globalPos, toolTipForRow ? toolTipForRow(m_rows[static_cast<std::size_t>(i)]) : QString(),
                           m_plot);
    } else {
        QToolTip::hideText();
    }
    m_layer->replot();
}

void PlotHoverOverlay::clearHover()
{
    if (m_hover < 0)
        return;
    m_hover = -1;
    m_hoverGraph->data()->clear();
    m_layer->replot();
}

void PlotHoverOverlay::setHighlight(int index)
{
    m_highlight = index;
    m_highlightGraph->data()->clear();
    if (drawable(index))
        m_highlightGraph->addData(m_x[static_cast<std::size_t>(index)], m_y[static_cast<std::size_t>(index)]);
    m_layer->replot();
}

void PlotHoverOverlay::setTheme(const QPalette& palette)
{
    const QColor fg = palette.color(QPalette::WindowText);
    m_hoverGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(fg, 1.5), Qt::NoBrush, 11));
    m_highlightGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette.color(QPalette::Highlight), 2.5), Qt::NoBrush, 13));
}

} // namespace scdesk
