#include "mean_dispersion_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "plot_hover_overlay.h"
#include "plot_points.h"
#include "theme.h"

namespace scdesk {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool positive(double v)
{
    return std::isfinite(v) && v > 0;
}

double at(const std::vector<double>& v, std::size_t i)
{
    return i < v.size() ? v[i] : kNaN;
}

} // namespace

MeanDispersionPlot::MeanDispersionPlot(QWidget* parent) : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("meanDispersionPlot"));
    m_mle = addGraph();
    m_mle->setName(tr("Gene-wise MLE"));
    m_ql = addGraph();
    // glmGamPoi's ql_disp_shrunken is a factor on the trend (variance = φ_QL · (μ + θ_trend μ²)),
    // about 1 for a typical gene. Drawn as φ_QL × trend it lands in dispersion units, next to the
    // MLE it shrinks: the picture DESeq2's plotDispEsts taught users to read (gene-wise, fitted,
    // final), and the one in glmGamPoi's own overdispersion-vs-mean plots.
    m_ql->setName(tr("QL shrunken (\u00d7 trend)"));
    m_trend = addGraph();
    m_trend->setName(tr("Trend"));
    for (QCPGraph* g : {m_mle, m_ql}) {
        g->setLineStyle(QCPGraph::lsNone);
        g->setAdaptiveSampling(false);
    }
    m_trend->setLineStyle(QCPGraph::lsLine);
    m_trend->setAdaptiveSampling(false);

    m_overlay = std::make_unique<PlotHoverOverlay>(this);

    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    }
    xAxis->setLabel(tr("Mean count"));
    yAxis->setLabel(tr("Overdispersion"));
    legend->setVisible(true);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setInteractions(QCP::iRangeZoom | QCP::iRangeDrag);
    setMouseTracking(true);
    setTheme(palette());
}

MeanDispersionPlot::~MeanDispersionPlot() = default;

void MeanDispersionPlot::setData(QStringList genes, std::vector<double> mean, std::vector<double> dispersion,
                                 std::vector<double> trend, std::vector<double> qlDispersion, std::vector<int> rows)
{
    const std::size_t n = mean.size();
    m_genes = std::move(genes);
    m_mean = std::move(mean);
    m_disp = std::move(dispersion);
    m_trendValues = std::move(trend);
    m_qlValues = std::move(qlDispersion);

    QVector<double> mx, my, qx, qy;
    std::vector<std::pair<double, double>> trendPoints;
    std::vector<double> indexX(n, kNaN), indexY(n, kNaN);
    m_qlScaled.assign(n, kNaN);
    m_hidden = 0;
    double lo = std::numeric_limits<double>::infinity(), hi = 0, dlo = lo, dhi = 0;
    auto extend = [&](double d) {
        dlo = std::min(dlo, d);
        dhi = std::max(dhi, d);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const double m = m_mean[i];
        if (!positive(m)) {
            ++m_hidden;
            continue;
        }
        lo = std::min(lo, m);
        hi = std::max(hi, m);
        const double d = at(m_disp, i), t = at(m_trendValues, i), q = at(m_qlValues, i);
        if (positive(d)) {
            mx << m;
            my << d;
            indexX[i] = m;
            indexY[i] = d;
            extend(d);
        } else {
            ++m_hidden;
        }
        if (positive(t)) {
            trendPoints.emplace_back(m, t);
            extend(t);
            if (positive(q)) {
                m_qlScaled[i] = q * t;
                qx << m;
                qy << q * t;
                extend(q * t);
            }
        }
    }
    // One trend value per gene, drawn as a line in order of the mean.
    std::sort(trendPoints.begin(), trendPoints.end());
    QVector<double> tx, ty;
    for (const auto& [m, t] : trendPoints) {
        tx << m;
        ty << t;
    }
    m_mle->setData(mx, my);
    m_ql->setData(qx, qy);
    m_trend->setData(tx, ty, true);
    m_ql->setVisible(!qx.isEmpty());
    m_trend->setVisible(!tx.isEmpty());
    if (qx.isEmpty())
        m_ql->removeFromLegend();
    else
        m_ql->addToLegend();
    if (tx.isEmpty())
        m_trend->removeFromLegend();
    else
        m_trend->addToLegend();
    m_overlay->setPoints(indexX, indexY, std::move(rows));
    if (hi > 0) {
        xAxis->setRange(lo / 1.5, hi * 1.5);
        yAxis->setRange(dlo / 2, dhi * 2);
    }
    replot();
}

int MeanDispersionPlot::rowAt(QPointF pixel, double maxPx) const
{
    return m_overlay->rowAt(pixel, maxPx);
}

QString MeanDispersionPlot::toolTipForRow(int row) const
{
    const int i = m_overlay->indexOfRow(row);
    if (i < 0)
        return {};
    const auto s = static_cast<std::size_t>(i);
    return QStringLiteral("<b>%1</b><br>").arg(m_genes.value(i).toHtmlEscaped()) +
           tr("mean %1<br>MLE dispersion %2<br>trend %3<br>QL dispersion %4 (\u00d7 trend = %5)")
               .arg(plotNumberText(m_mean[s]), plotNumberText(at(m_disp, s)), plotNumberText(at(m_trendValues, s)), plotNumberText(at(m_qlValues, s)),
                    plotNumberText(m_qlScaled[s]));
}

void MeanDispersionPlot::setHighlightedRow(int row)
{
    m_overlay->setHighlightedRow(row); // drawn only where mean and dispersion are positive
}

void MeanDispersionPlot::setTheme(const QPalette& palette)
{
    m_palette = palette;
    const QColor fg = palette.color(QPalette::WindowText);
    QColor mle = fg;
    mle.setAlpha(90);
    m_mle->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, mle, mle, 3));
    QColor ql(0x3a, 0x7d, 0xd8, 110);
    m_ql->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ql, ql, 3));
    m_ql->setPen(QPen(QColor(0x3a, 0x7d, 0xd8)));
    m_trend->setPen(QPen(QColor(0xe0, 0x4b, 0x4b), 2));
    m_overlay->setTheme(palette);
    stylePlot(*this, palette);
    QColor legendBrush = palette.color(QPalette::Base);
    legendBrush.setAlpha(210);
    legend->setBrush(legendBrush);
}

void MeanDispersionPlot::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        setTheme(palette());
}

void MeanDispersionPlot::mousePressEvent(QMouseEvent* event)
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

void MeanDispersionPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() == Qt::NoButton)
        m_overlay->hoverAt(event->position(), event->globalPosition().toPoint(),
                           [this](int row) { return toolTipForRow(row); });
    QCustomPlot::mouseMoveEvent(event);
}

void MeanDispersionPlot::leaveEvent(QEvent* event)
{
    m_overlay->clearHover();
    QCustomPlot::leaveEvent(event);
}

} // namespace scdesk
