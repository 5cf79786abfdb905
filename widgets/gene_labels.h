#pragma once
// Gene names next to chosen points of a plot (the top genes of a volcano), each with a leader
// line, placed greedily so that they neither overlap each other nor leave the axis rect, and kept
// at a fixed pixel offset from their point when the user zooms.
#include <QColor>
#include <QList>
#include <QString>
#include <vector>

class QCPItemLine;
class QCPItemText;
class QCustomPlot;

namespace scdesk {

class GeneLabels {
public:
    struct Point {
        double x = 0, y = 0;
        QString text;
    };

    explicit GeneLabels(QCustomPlot* plot);
    // Replaces the labels. The plot must be laid out (replotted once) for the overlap test.
    void place(const std::vector<Point>& points);
    void clear();
    // Text colour; leader lines get a translucent version of it.
    void setColor(const QColor& color);

    const QList<QCPItemText*>& labels() const { return m_labels; }

private:
    QCustomPlot* m_plot;
    QColor m_color = Qt::black;
    QList<QCPItemText*> m_labels;
    QList<QCPItemLine*> m_lines;
};

} // namespace scdesk
