#include "volcano_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gene_labels.h"
#include "plot_hover_overlay.h"
#include "plot_points.h"
#include "theme.h"

namespace scdesk {

QColor deUpColor() { return QColor(0xe0, 0x4b, 0x4b); }
QColor deDownColor() { return QColor(0x3a, 0x7d, 0xd8); }
QColor deNsColor() { return QColor(0x96, 0x96, 0x96, 150); }

namespace {

constexpr double kGrabPx = 5.0; // how close to a threshold line a press starts a drag
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

VolcanoPlot::VolcanoPlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("volcanoPlot"));
    m_ns = addPointGraph(this, deNsColor(), 4, tr("n.s."));
    m_down = addPointGraph(this, deDownColor(), 5, tr("Down"));
    m_up = addPointGraph(this, deUpColor(), 5, tr("Up"));

    // Hover and highlight redraw their own layer alone, never the 30k points underneath.
    m_overlay = std::make_unique<PlotHoverOverlay>(this);
    m_labels = std::make_unique<GeneLabels>(this);

    m_padjLine = new QCPItemStraightLine(this);
    m_lfcPos = new QCPItemStraightLine(this);
    m_lfcNeg = new QCPItemStraightLine(this);
    for (auto* line : {m_padjLine, m_lfcPos, m_lfcNeg})
        line->setSelectable(false);

    xAxis->setLabel(tr("log₂ fold change"));
    yAxis->setLabel(tr("\u2212log₁₀ p"));
    legend->setVisible(true);
    // Large |log2FC| with little evidence is the emptiest corner of a volcano.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    setInteractions(QCP::iRangeZoom);
    setMouseTracking(true);
    setTheme(palette());
}

VolcanoPlot::~VolcanoPlot() = default;

const QList<QCPItemText*>& VolcanoPlot::labels() const
{
    return m_labels->labels();
}

void VolcanoPlot::setData(QStringList genes, std::vector<double> log2fc, std::vector<double> pval,
                          std::vector<double> padj, std::vector<int> rows)
{
    const std::size_t n = log2fc.size();
    m_genes = std::move(genes);
    m_lfc = std::move(log2fc);
    m_p = std::move(pval);
    m_padj = std::move(padj);
    m_p.resize(n, kNaN);
    m_padj.resize(n, kNaN);
    while (static_cast<std::size_t>(m_genes.size()) < n)
        m_genes << QString();

    // p = 0 (underflow) has no finite −log10: draw it just above the largest finite value.
    double maxFinite = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (m_p[i] > 0 && std::isfinite(m_lfc[i]))
            maxFinite = std::max(maxFinite, -std::log10(m_p[i]));
    m_cap = maxFinite + 1;
    m_y.assign(n, kNaN);
    m_capped.assign(n, 0);
    m_byP.clear();
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(m_lfc[i]) || std::isnan(m_p[i]) || m_p[i] < 0)
            continue;
        m_y[i] = plottedY(m_p[i]);
        m_capped[i] = m_p[i] == 0;
        m_byP.push_back(static_cast<int>(i));
    }
    std::stable_sort(m_byP.begin(), m_byP.end(), [&](int a, int b) { return m_p[a] < m_p[b]; });
    m_prefixMaxPadj.resize(m_byP.size());
    double running = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < m_byP.size(); ++k) {
        const double q = m_padj[m_byP[k]];
        running = std::max(running, std::isnan(q) ? std::numeric_limits<double>::infinity() : q);
        m_prefixMaxPadj[k] = running;
    }
    m_overlay->setPoints(m_lfc, m_y, std::move(rows));

    classify();
    placeThresholdLines();
    rescale();
    replot(); // lays out the axis rect so labels can avoid each other in pixels
    placeLabels();
    replot();
}

double VolcanoPlot::plottedY(double p) const
{
    if (std::isnan(p) || p < 0)
        return kNaN;
    return p > 0 ? -std::log10(p) : m_cap;
}

bool VolcanoPlot::significant(std::size_t i, double padjThr) const
{
    return !std::isnan(m_padj[i]) && m_padj[i] <= padjThr;
}

void VolcanoPlot::classify()
{
    QVector<double> ux, uy, dx, dy, nx, ny;
    int nUp = 0, nDown = 0;
    for (int i : m_byP) {
        const auto s = static_cast<std::size_t>(i);
        const bool sig = significant(s, m_padjThreshold);
        if (sig && m_lfc[s] >= m_lfcThreshold && m_lfc[s] > 0) {
            ux << m_lfc[s];
            uy << m_y[s];
            ++nUp;
        } else if (sig && m_lfc[s] <= -m_lfcThreshold && m_lfc[s] < 0) {
            dx << m_lfc[s];
            dy << m_y[s];
            ++nDown;
        } else {
            nx << m_lfc[s];
            ny << m_y[s];
        }
    }
    m_up->setData(ux, uy);
    m_down->setData(dx, dy);
    m_ns->setData(nx, ny);
    m_up->setName(tr("Up (%1)").arg(nUp));
    m_down->setName(tr("Down (%1)").arg(nDown));
    m_ns->setName(tr("n.s. (%1)").arg(nx.size()));
}

void VolcanoPlot::placeThresholdLines()
{
    // The BH boundary: genes at or above the line are the ones with padj within the threshold.
    // With none, the line sits where the best gene would have to be (p = threshold / n).
    double largestP = -1;
    for (std::size_t k = 0; k < m_byP.size(); ++k)
        if (significant(static_cast<std::size_t>(m_byP[k]), m_padjThreshold))
            largestP = std::max(largestP, m_p[m_byP[k]]);
    if (largestP >= 0)
        m_padjLineY = plottedY(largestP);
    else
        m_padjLineY = -std::log10(std::max(m_padjThreshold, 1e-300) / std::max<std::size_t>(m_byP.size(), 1));
    m_padjLine->point1->setCoords(0, m_padjLineY);
    m_padjLine->point2->setCoords(1, m_padjLineY);
    m_lfcPos->point1->setCoords(m_lfcThreshold, 0);
    m_lfcPos->point2->setCoords(m_lfcThreshold, 1);
    m_lfcNeg->point1->setCoords(-m_lfcThreshold, 0);
    m_lfcNeg->point2->setCoords(-m_lfcThreshold, 1);
}

void VolcanoPlot::rescale()
{
    double xMax = std::max(1.0, m_lfcThreshold * 1.5);
    double yMax = std::max(1.0, m_padjLineY);
    for (int i : m_byP) {
        xMax = std::max(xMax, std::abs(m_lfc[i]));
        yMax = std::max(yMax, m_y[i]);
    }
    xAxis->setRange(-xMax * 1.08, xMax * 1.08);
    yAxis->setRange(0, yMax * 1.08);
}

void VolcanoPlot::setThresholds(double padj, double lfc)
{
    m_padjThreshold = padj;
    m_lfcThreshold = std::abs(lfc);
    classify();
    placeThresholdLines();
    replot(QCustomPlot::rpQueuedReplot);
}

void VolcanoPlot::setLabelCount(int n)
{
    m_labelCount = std::max(0, n);
    placeLabels();
    replot(QCustomPlot::rpQueuedReplot);
}

void VolcanoPlot::placeLabels()
{
    std::vector<GeneLabels::Point> points;
    const int count = std::min<int>(m_labelCount, static_cast<int>(m_byP.size()));
    for (int k = 0; k < count; ++k) {
        const int i = m_byP[static_cast<std::size_t>(k)];
        points.push_back({m_lfc[i], m_y[i], m_genes.value(i)});
    }
    m_labels->place(points);
    m_labels->setColor(m_palette.color(QPalette::WindowText));
}

void VolcanoPlot::setTheme(const QPalette& palette)
{
    m_palette = palette;
    const QColor fg = palette.color(QPalette::WindowText);
    QColor threshold = fg;
    threshold.setAlpha(150);
    for (auto* line : {m_padjLine, m_lfcPos, m_lfcNeg})
        line->setPen(QPen(threshold, 1, Qt::DashLine));
    m_labels->setColor(fg);
    m_overlay->setTheme(palette);
    stylePlot(*this, palette); // replots
    QColor legendBrush = palette.color(QPalette::Base);
    legendBrush.setAlpha(210);
    legend->setBrush(legendBrush);
}

void VolcanoPlot::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setTheme(palette());
}

double VolcanoPlot::padjForY(double y) const
{
    // The threshold that makes exactly the genes above y significant (the BH boundary inverted).
    const double pStar = std::pow(10.0, -y);
    std::size_t k = 0;
    while (k < m_byP.size() && m_p[m_byP[k]] <= pStar * (1 + 1e-12))
        ++k; // linear on purpose: runs once per mouse move over ≤ tens of thousands of doubles
    if (k > 0 && std::isfinite(m_prefixMaxPadj[k - 1]))
        return std::min(1.0, m_prefixMaxPadj[k - 1]);
    return std::min(1.0, pStar * static_cast<double>(std::max<std::size_t>(m_byP.size(), 1)));
}

VolcanoPlot::Drag VolcanoPlot::lineNear(QPointF pixel) const
{
    if (!axisRect()->rect().contains(pixel.toPoint()))
        return Drag::None;
    const double xp = xAxis->coordToPixel(m_lfcThreshold), xn = xAxis->coordToPixel(-m_lfcThreshold);
    if (std::abs(pixel.x() - xp) <= kGrabPx || std::abs(pixel.x() - xn) <= kGrabPx)
        return Drag::Lfc;
    if (std::abs(pixel.y() - yAxis->coordToPixel(m_padjLineY)) <= kGrabPx)
        return Drag::Padj;
    return Drag::None;
}

int VolcanoPlot::rowAt(QPointF pixel, double maxPx) const
{
    return m_overlay->rowAt(pixel, maxPx);
}

QString VolcanoPlot::toolTipForRow(int row) const
{
    const int i = m_overlay->indexOfRow(row);
    if (i < 0)
        return {};
    QString text = QStringLiteral("<b>%1</b><br>").arg(m_genes.value(i).toHtmlEscaped());
    text += tr("log₂FC %1<br>p %2<br>padj %3").arg(plotNumberText(m_lfc[i]), plotNumberText(m_p[i]), plotNumberText(m_padj[i]));
    if (m_capped[static_cast<std::size_t>(i)])
        text += QStringLiteral("<br><i>") +
                tr("p = 0 (below double precision): drawn at \u2212log₁₀ p = %1, the largest finite value + 1")
                    .arg(plotNumberText(m_cap)) +
                QStringLiteral("</i>");
    return text;
}

void VolcanoPlot::setHighlightedRow(int row)
{
    m_overlay->setHighlightedRow(row);
}

void VolcanoPlot::updateHover(QPointF pixel, QPoint globalPos)
{
    m_overlay->hoverAt(pixel, globalPos, [this](int row) { return toolTipForRow(row); });
}

void VolcanoPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_drag = lineNear(event->position());
        if (m_drag != Drag::None) {
            event->accept();
            return;
        }
        const int row = rowAt(event->position());
        if (row >= 0) {
            setHighlightedRow(row);
            Q_EMIT geneClicked(row);
        }
    }
    QCustomPlot::mousePressEvent(event);
}

void VolcanoPlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_drag == Drag::Lfc) {
        m_lfcThreshold = std::abs(xAxis->pixelToCoord(pos.x()));
        classify();
        placeThresholdLines();
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (m_drag == Drag::Padj) {
        const double y = std::max(0.0, yAxis->pixelToCoord(pos.y()));
        m_padjThreshold = padjForY(y);
        classify();
        m_padjLineY = y; // follow the mouse; snaps to the BH boundary on release
        m_padjLine->point1->setCoords(0, y);
        m_padjLine->point2->setCoords(1, y);
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    switch (lineNear(pos)) {
    case Drag::Lfc: setCursor(Qt::SizeHorCursor); break;
    case Drag::Padj: setCursor(Qt::SizeVerCursor); break;
    case Drag::None: unsetCursor(); break;
    }
    updateHover(pos, event->globalPosition().toPoint());
    QCustomPlot::mouseMoveEvent(event);
}

void VolcanoPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag != Drag::None) {
        m_drag = Drag::None;
        placeThresholdLines();
        replot();
        Q_EMIT thresholdsChanged(m_padjThreshold, m_lfcThreshold);
        event->accept();
        return;
    }
    QCustomPlot::mouseReleaseEvent(event);
}

void VolcanoPlot::leaveEvent(QEvent* event)
{
    m_overlay->clearHover();
    QCustomPlot::leaveEvent(event);
}

} // namespace scdesk
