#include "da_volcano_plot.h"

#include <QLocale>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "plot_points.h"
#include "analysis/kompot/differential_abundance.h"
#include "cell_scatter_plottable.h"
#include "kompot_colors.h"
#include "theme.h"

namespace scdesk {

namespace {

// Calls are drawn as values 0 (neutral), 1 (down) and 2 (up) through a three-band colormap, so
// that the plottable's "high values on top" puts the called cells above the neutral cloud.
std::vector<QRgb> callColormap()
{
    std::vector<QRgb> lut(256);
    for (std::size_t i = 0; i < lut.size(); ++i)
        lut[i] = (i < 85 ? kompotNeutralColor() : i <= 170 ? kompotDownColor() : kompotUpColor()).rgb();
    return lut;
}

float drawValue(std::int8_t call)
{
    return call > 0 ? 2.0f : call < 0 ? 1.0f : 0.0f;
}

QCPGraph* legendEntry(QCustomPlot* plot, const QColor& color)
{
    QCPGraph* g = plot->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 7));
    g->setSelectable(QCP::stNone);
    return g;
}

} // namespace

DaVolcanoPlot::DaVolcanoPlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("daVolcanoPlot"));
    m_scatter = new CellScatterPlottable(xAxis, yAxis);
    m_scatter->setName(tr("cells"));
    m_scatter->removeFromLegend();
    m_scatter->setPointSize(3);
    m_upLegend = legendEntry(this, kompotUpColor());
    m_downLegend = legendEntry(this, kompotDownColor());
    m_neutralLegend = legendEntry(this, kompotNeutralColor());

    m_lfcPos = new QCPItemStraightLine(this);
    m_lfcNeg = new QCPItemStraightLine(this);
    m_ptpLine = new QCPItemStraightLine(this);
    for (auto* line : {m_lfcPos, m_lfcNeg, m_ptpLine})
        line->setSelectable(false);

    xAxis->setLabel(tr("Log fold change"));
    yAxis->setLabel(tr("−log₁₀ tail probability"));
    legend->setVisible(true);
    // Large fold changes with little evidence are the emptiest corner of a volcano.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    setMouseTracking(true);
    setTheme(palette());
}

void DaVolcanoPlot::setData(const std::vector<double>& lfc, const std::vector<double>& negLog10Ptp,
                            std::function<QString(std::size_t)> cellName)
{
    m_lfc = lfc;
    m_nlp = negLog10Ptp;
    m_nlp.resize(m_lfc.size(), std::nan(""));
    m_cellName = std::move(cellName);
    const std::size_t n = m_lfc.size();
    std::vector<float> x(n), y(n);
    double xMax = std::max(1.0, m_lfcThreshold * 1.5), yMax = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = static_cast<float>(m_lfc[i]);
        y[i] = static_cast<float>(m_nlp[i]);
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            xMax = std::max(xMax, std::abs(m_lfc[i]));
            yMax = std::max(yMax, m_nlp[i]);
        }
    }
    m_scatter->setPositions(x.data(), y.data(), n);
    m_hoverCell = -1;
    xAxis->setRange(-xMax * 1.05, xMax * 1.05);
    yAxis->setRange(0, std::max(yMax, -std::log10(m_ptpThreshold)) * 1.05);
    classify();
}

void DaVolcanoPlot::setThresholds(double lfcThreshold, double ptpThreshold)
{
    m_lfcThreshold = std::abs(lfcThreshold);
    m_ptpThreshold = std::clamp(ptpThreshold, 1e-300, 1.0);
    classify();
}

void DaVolcanoPlot::classify()
{
    const std::size_t n = m_lfc.size();
    m_call.assign(n, 0);
    std::vector<float> values(n);
    m_up = m_down = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto d = kompot::daDirection(m_lfc[i], m_nlp[i], m_lfcThreshold, m_ptpThreshold);
        const std::int8_t call = d == kompot::DaDirection::Up ? 1 : d == kompot::DaDirection::Down ? -1 : 0;
        m_call[i] = call;
        m_up += call > 0;
        m_down += call < 0;
        values[i] = drawValue(call);
    }
    m_scatter->setValues(std::move(values), callColormap(), 0.0f, 2.0f, true);
    m_upLegend->setName(tr("Up (%1)").arg(QLocale().toString(m_up)));
    m_downLegend->setName(tr("Down (%1)").arg(QLocale().toString(m_down)));
    m_neutralLegend->setName(tr("Neutral (%1)").arg(QLocale().toString(neutralCount())));
    const double y = -std::log10(m_ptpThreshold);
    m_ptpLine->point1->setCoords(0, y);
    m_ptpLine->point2->setCoords(1, y);
    m_lfcPos->point1->setCoords(m_lfcThreshold, 0);
    m_lfcPos->point2->setCoords(m_lfcThreshold, 1);
    m_lfcNeg->point1->setCoords(-m_lfcThreshold, 0);
    m_lfcNeg->point2->setCoords(-m_lfcThreshold, 1);
    replot(QCustomPlot::rpQueuedReplot);
}

int DaVolcanoPlot::callOf(std::size_t cell) const
{
    return cell < m_call.size() ? m_call[cell] : 0;
}

QColor DaVolcanoPlot::colorOf(std::size_t cell) const
{
    const int call = callOf(cell);
    return call > 0 ? kompotUpColor() : call < 0 ? kompotDownColor() : kompotNeutralColor();
}

std::int64_t DaVolcanoPlot::cellAt(const QPointF& widgetPixel) const
{
    return m_scatter->cellAt(widgetPixel);
}

QString DaVolcanoPlot::hoverText(const QPointF& widgetPixel) const
{
    const std::int64_t cell = cellAt(widgetPixel);
    if (cell < 0 || static_cast<std::size_t>(cell) >= m_lfc.size())
        return {};
    const auto i = static_cast<std::size_t>(cell);
    const QString name = m_cellName ? m_cellName(i) : QString::number(cell);
    const int call = callOf(i);
    const QString direction = call > 0 ? tr("up") : call < 0 ? tr("down") : tr("neutral");
    return QStringLiteral("<b>%1</b><br>").arg(name.toHtmlEscaped())
           + tr("log fold change %1<br>−log₁₀ tail probability %2<br>%3").arg(plotNumberText(m_lfc[i]), plotNumberText(m_nlp[i]), direction);
}

void DaVolcanoPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() == Qt::NoButton) {
        const std::int64_t cell = cellAt(event->position());
        if (cell != m_hoverCell) {
            m_hoverCell = cell;
            if (cell >= 0)
                QToolTip::showText(event->globalPosition().toPoint(), hoverText(event->position()), this);
            else
                QToolTip::hideText();
        }
    }
    QCustomPlot::mouseMoveEvent(event);
}

void DaVolcanoPlot::setTheme(const QPalette& palette)
{
    QColor threshold = palette.color(QPalette::WindowText);
    threshold.setAlpha(150);
    for (auto* line : {m_lfcPos, m_lfcNeg, m_ptpLine})
        line->setPen(QPen(threshold, 1, Qt::DashLine));
    stylePlot(*this, palette); // replots
    QColor legendBrush = palette.color(QPalette::Base);
    legendBrush.setAlpha(210);
    legend->setBrush(legendBrush);
}

void DaVolcanoPlot::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setTheme(palette());
}

} // namespace scdesk
