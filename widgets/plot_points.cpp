#include "plot_points.h"

#include <QLocale>
#include <cmath>
#include <qcustomplot.h>

namespace scdesk {

QCPGraph* addPointGraph(QCustomPlot* plot, const QColor& color, double size, const QString& name)
{
    QCPGraph* g = plot->addGraph();
    if (!name.isEmpty())
        g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    g->setAdaptiveSampling(false);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, size));
    g->setPen(QPen(color));
    return g;
}

QString plotNumberText(double value)
{
    return std::isnan(value) ? QStringLiteral("NA") : QLocale().toString(value, 'g', 4);
}

} // namespace scdesk
