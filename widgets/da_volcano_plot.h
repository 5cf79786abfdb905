#pragma once
// Kompot's per-cell differential-abundance volcano (spec §10 volcano_da): one point per cell,
// x = log fold change, y = −log10 posterior tail probability, coloured up / down / neutral by
// thresholds drawn as dashed lines. The thresholds can be changed here for a look at other calls;
// that recolours the plot only (the dataset keeps the calls of the run). The cells are drawn by
// CellScatterPlottable, so a million of them stay interactive; hover names the cell under the mouse.
#include <QPalette>
#include <QString>
#include <functional>
#include <qcustomplot.h>
#include <vector>

namespace scdesk {

class CellScatterPlottable;

class DaVolcanoPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit DaVolcanoPlot(QWidget* parent = nullptr);

    // Per cell: log fold change and −log10 PTP; cells with a non-finite value are not drawn.
    // `cellName(i)` names cell i in tooltips (its index when empty).
    void setData(const std::vector<double>& lfc, const std::vector<double>& negLog10Ptp,
                 std::function<QString(std::size_t)> cellName = {});
    // A cell is up when lfc > lfcThreshold and −log10 PTP > −log10 ptpThreshold, down when
    // lfc < −lfcThreshold likewise (Kompot's rule, the one the run used).
    void setThresholds(double lfcThreshold, double ptpThreshold);
    double lfcThreshold() const { return m_lfcThreshold; }
    double ptpThreshold() const { return m_ptpThreshold; }

    int upCount() const { return m_up; }
    int downCount() const { return m_down; }
    int neutralCount() const { return static_cast<int>(m_lfc.size()) - m_up - m_down; }
    // -1 down, 0 neutral, +1 up under the current thresholds.
    int callOf(std::size_t cell) const;
    // The colour cell `cell` is drawn in.
    QColor colorOf(std::size_t cell) const;

    // The tooltip for the cell drawn under a widget pixel; empty when none (needs a drawn plot).
    QString hoverText(const QPointF& widgetPixel) const;
    std::int64_t cellAt(const QPointF& widgetPixel) const;

    void setTheme(const QPalette& palette);
    CellScatterPlottable* scatter() const { return m_scatter; }
    QCPItemStraightLine* lfcLine(bool positive) const { return positive ? m_lfcPos : m_lfcNeg; }
    QCPItemStraightLine* ptpLine() const { return m_ptpLine; }

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void classify();

    std::vector<double> m_lfc, m_nlp;
    std::vector<std::int8_t> m_call;
    std::function<QString(std::size_t)> m_cellName;
    double m_lfcThreshold = 1.0;
    double m_ptpThreshold = 0.05;
    int m_up = 0, m_down = 0;
    std::int64_t m_hoverCell = -1;

    CellScatterPlottable* m_scatter;
    QCPGraph* m_upLegend;      // empty graphs: legend entries with the counts
    QCPGraph* m_downLegend;
    QCPGraph* m_neutralLegend;
    QCPItemStraightLine* m_lfcPos;
    QCPItemStraightLine* m_lfcNeg;
    QCPItemStraightLine* m_ptpLine;
};

} // namespace scdesk
