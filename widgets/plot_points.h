#pragma once
// Small pieces every gene- or cell-level scatter plot shares: a graph of unconnected discs, and
// the number format of their tooltips.
#include <QColor>
#include <QString>

class QCPGraph;
class QCustomPlot;

namespace scdesk {

// A graph of discs without lines and without adaptive sampling (sampling would merge the outlying
// points a volcano is drawn for).
QCPGraph* addPointGraph(QCustomPlot* plot, const QColor& color, double size, const QString& name = {});

// Four significant digits in the user's locale; "NA" for NaN.
QString plotNumberText(double value);

} // namespace scdesk
