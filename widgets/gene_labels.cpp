#include "gene_labels.h"

#include <algorithm>
#include <qcustomplot.h>

namespace scdesk {

GeneLabels::GeneLabels(QCustomPlot* plot) : m_plot(plot) {}

void GeneLabels::clear()
{
    for (auto* item : m_labels)
        m_plot->removeItem(item);
    for (auto* item : m_lines)
        m_plot->removeItem(item);
    m_labels.clear();
    m_lines.clear();
}

void GeneLabels::place(const std::vector<Point>& points)
{
    clear();
    QCPAxis* xAxis = m_plot->xAxis;
    QCPAxis* yAxis = m_plot->yAxis;
    const QRectF area = m_plot->axisRect()->rect();
    const double xMid = (xAxis->range().lower + xAxis->range().upper) / 2;
    const double yHigh = yAxis->range().lower + 0.8 * yAxis->range().size();
    QFont font = m_plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetricsF fm(font);
    std::vector<QRectF> placed;
    for (const Point& p : points) {
        // Point the label towards the middle so it stays inside the plot.
        const double dx = p.x > xMid ? -14 : 14;
        const double dyBase = p.y > yHigh ? 14 : -14;
        const QSizeF size(fm.horizontalAdvance(p.text) + 6, fm.height() + 2);
        const QPointF anchor(xAxis->coordToPixel(p.x), yAxis->coordToPixel(p.y));
        double dy = dyBase;
        if (area.width() > 50 && area.height() > 50) {
            // Greedy: slide away from the edge in steps of one text line until nothing overlaps.
            for (int step = 0; step < 12; ++step) {
                const double tryDy = dyBase + (dyBase > 0 ? 1 : -1) * step * size.height();
                const QPointF at = anchor + QPointF(dx, tryDy);
                const QRectF r(dx < 0 ? at.x() - size.width() : at.x(), at.y() - size.height() / 2, size.width(), size.height());
                const bool inside = area.contains(r);
                const bool free = std::none_of(placed.begin(), placed.end(), [&](const QRectF& q) { return q.intersects(r); });
                if ((inside && free) || step == 11) {
                    dy = tryDy;
                    placed.push_back(r);
                    break;
                }
            }
        }
        auto* line = new QCPItemLine(m_plot);
        line->setSelectable(false);
        line->end->setCoords(p.x, p.y);
        line->start->setType(QCPItemPosition::ptAbsolute);
        line->start->setParentAnchor(line->end);
        line->start->setCoords(dx, dy); // pixels from the point: labels keep their offset on zoom
        auto* label = new QCPItemText(m_plot);
        label->setSelectable(false);
        label->setObjectName(p.text);
        label->setText(p.text);
        label->setFont(font);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->position->setParentAnchor(line->start);
        label->position->setCoords(0, 0);
        label->setPositionAlignment((dx < 0 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        label->setPadding(QMargins(3, 1, 3, 1));
        m_labels << label;
        m_lines << line;
    }
    setColor(m_color);
}

void GeneLabels::setColor(const QColor& color)
{
    m_color = color;
    QColor leader = color;
    leader.setAlpha(120);
    for (auto* label : m_labels)
        label->setColor(color);
    for (auto* line : m_lines)
        line->setPen(QPen(leader));
}

} // namespace scdesk
