#include "kompot_de_volcano.h"

#include <algorithm>
#include <cmath>

#include "gene_labels.h"
#include "kompot_colors.h"
#include "plot_hover_overlay.h"
#include "plot_points.h"
#include "theme.h"

namespace scdesk {

KompotDeVolcano::KompotDeVolcano(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("kompotDeVolcano"));
    QColor grey = kompotNeutralColor();
    grey.setAlpha(190);
    m_other = addPointGraph(this, grey, 4);
    m_down = addPointGraph(this, kompotDownColor(), 5);
    m_up = addPointGraph(this, kompotUpColor(), 5);
    m_other->removeFromLegend(); // legend order: up, down, then the rest
    m_other->addToLegend();
    m_overlay = std::make_unique<PlotHoverOverlay>(this);
    m_labels = std::make_unique<GeneLabels>(this);
    m_threshold = new QCPItemStraightLine(this);
    m_threshold->setSelectable(false);
    m_threshold->setVisible(false);

    xAxis->setLabel(tr("Mean log fold change"));
    legend->setVisible(true);
    // Large fold changes with little evidence are the emptiest corner of a volcano.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    setMouseTracking(true);
    setTheme(palette());
}

KompotDeVolcano::~KompotDeVolcano() = default;

const QList<QCPItemText*>& KompotDeVolcano::labels() const
{
    return m_labels->labels();
}

void KompotDeVolcano::setData(QStringList genes, std::vector<double> meanLfc, std::vector<double> y,
                              std::vector<int> calls, const QString& yName, std::vector<int> rows)
{
    const std::size_t n = meanLfc.size();
    m_genes = std::move(genes);
    while (static_cast<std::size_t>(m_genes.size()) < n)
        m_genes << QString();
    m_x = std::move(meanLfc);
    m_y = std::move(y);
    m_y.resize(n, std::nan(""));
    calls.resize(n, 0);
    m_yName = yName;
    yAxis->setLabel(yName);

    QVector<double> ux, uy, dx, dy, ox, oy;
    m_byY.clear();
    double xMax = 0.5, yMin = 0, yMax = 1;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(m_x[i]) || !std::isfinite(m_y[i]))
            continue;
        m_byY.push_back(static_cast<int>(i));
        xMax = std::max(xMax, std::abs(m_x[i]));
        yMin = std::min(yMin, m_y[i]);
        yMax = std::max(yMax, m_y[i]);
        QVector<double>& gx = calls[i] > 0 ? ux : calls[i] < 0 ? dx : ox;
        QVector<double>& gy = calls[i] > 0 ? uy : calls[i] < 0 ? dy : oy;
        gx << m_x[i];
        gy << m_y[i];
    }
    std::stable_sort(m_byY.begin(), m_byY.end(), [this](int a, int b) { return m_y[a] > m_y[b]; });
    m_up->setData(ux, uy);
    m_down->setData(dx, dy);
    m_other->setData(ox, oy);
    m_up->setName(tr("Up (%1)").arg(ux.size()));
    m_down->setName(tr("Down (%1)").arg(dx.size()));
    m_other->setName(tr("Not called (%1)").arg(ox.size()));
    m_overlay->setPoints(m_x, m_y, std::move(rows));
    xAxis->setRange(-xMax * 1.08, xMax * 1.08);
    yAxis->setRange(yMin, yMin + (yMax - yMin) * 1.08);
    replot(); // lays out the axis rect so labels can avoid each other in pixels
    placeLabels();
    replot();
}

void KompotDeVolcano::setThresholdLine(double y)
{
    m_threshold->setVisible(std::isfinite(y));
    if (std::isfinite(y)) {
        m_threshold->point1->setCoords(0, y);
        m_threshold->point2->setCoords(1, y);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void KompotDeVolcano::setLabelCount(int n)
{
    m_labelCount = std::max(0, n);
    placeLabels();
    replot(QCustomPlot::rpQueuedReplot);
}

void KompotDeVolcano::placeLabels()
{
    std::vector<GeneLabels::Point> points;
    const int count = std::min<int>(m_labelCount, static_cast<int>(m_byY.size()));
    for (int k = 0; k < count; ++k) {
        const auto i = static_cast<std::size_t>(m_byY[static_cast<std::size_t>(k)]);
        points.push_back({m_x[i], m_y[i], m_genes.value(static_cast<qsizetype>(i))});
    }
    m_labels->place(points);
    m_labels->setColor(m_palette.color(QPalette::WindowText));
}

int KompotDeVolcano::rowAt(QPointF pixel, double maxPx) const
{
    return m_overlay->rowAt(pixel, maxPx);
}

QString KompotDeVolcano::toolTipForRow(int row) const
{
    const int i = m_overlay->indexOfRow(row);
    if (i < 0)
        return {};
    const auto s = static_cast<std::size_t>(i);
    return QStringLiteral("<b>%1</b><br>").arg(m_genes.value(i).toHtmlEscaped())
           + tr("mean log fold change %1<br>%2: %3").arg(plotNumberText(m_x[s]), m_yName.toHtmlEscaped(), plotNumberText(m_y[s]));
}

void KompotDeVolcano::setHighlightedRow(int row)
{
    m_overlay->setHighlightedRow(row);
}

void KompotDeVolcano::setTheme(const QPalette& palette)
{
    m_palette = palette;
    const QColor fg = palette.color(QPalette::WindowText);
    QColor line = fg;
    line.setAlpha(150);
    m_threshold->setPen(QPen(line, 1, Qt::DashLine));
    m_labels->setColor(fg);
    m_overlay->setTheme(palette);
    stylePlot(*this, palette); // replots
    QColor legendBrush = palette.color(QPalette::Base);
    legendBrush.setAlpha(210);
    legend->setBrush(legendBrush);
}

void KompotDeVolcano::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setTheme(palette());
}

void KompotDeVolcano::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        const int row = rowAt(event->position());
        if (row >= 0) {
            setHighlightedRow(row);
            Q_EMIT geneClicked(row);
        }
    }
    QCustomPlot::mousePressEvent(event);
}

void KompotDeVolcano::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() == Qt::NoButton)
        m_overlay->hoverAt(event->position(), event->globalPosition().toPoint(),
                           [this](int row) { return toolTipForRow(row); });
    QCustomPlot::mouseMoveEvent(event);
}

void KompotDeVolcano::leaveEvent(QEvent* event)
{
    m_overlay->clearHover();
    QCustomPlot::leaveEvent(event);
}

} // namespace scdesk
