#pragma once
// Results of a differential-expression analysis: the table filtered by padj and |log2FC|, a
// volcano plot whose draggable thresholds drive the same filters, and a mean–dispersion plot when
// the table has the columns. Works for any result table with log2fc and pval columns.
#include <QWidget>

#include "analysis/analysis_result.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTabWidget;
class QTableView;
class QCustomPlot;

namespace scdesk {

class DeFilterProxy;
class MeanDispersionPlot;
class ResultTableModel;
class VolcanoPlot;

class DeResultView : public QWidget {
    Q_OBJECT
public:
    explicit DeResultView(ResultTable table, QWidget* parent = nullptr);
    // A table a DE view can show: it has log2fc and pval columns.
    static bool accepts(const ResultTable& table);

    const ResultTable& table() const;
    // Asks filtered-or-all, then a file name.
    void exportTable();
    void exportFigure();
    // Non-interactive forms; return an error message, empty on success.
    QString exportTableTo(const QString& path, bool visibleRowsOnly) const;
    QString exportFigureTo(const QString& path) const;

    void setThresholds(double padj, double lfc);
    double padjThreshold() const;
    double lfcThreshold() const;
    // Table rows passing the filters (and the selected group), in the view's order.
    std::vector<int> visibleRows() const;
    int selectedRow() const; // table row of the current index, -1 when none
    void selectRow(int row);

    QTableView* tableView() const { return m_view; }
    VolcanoPlot* volcano() const { return m_volcano; }
    MeanDispersionPlot* meanDispersion() const { return m_meanDispersion; }
    QComboBox* groupBox() const { return m_group; }
    QDoubleSpinBox* padjBox() const { return m_padj; }
    QDoubleSpinBox* lfcBox() const { return m_lfc; }
    QCustomPlot* currentPlot() const;

private:
    void applyFilters();
    void loadPlots();
    void updateCount();

    ResultTableModel* m_model;
    DeFilterProxy* m_proxy;
    QTableView* m_view;
    QComboBox* m_group = nullptr;
    QDoubleSpinBox* m_padj;
    QDoubleSpinBox* m_lfc;
    QCheckBox* m_filterOn;
    QLabel* m_count;
    QTabWidget* m_plots;
    VolcanoPlot* m_volcano;
    MeanDispersionPlot* m_meanDispersion = nullptr;
};

} // namespace scdesk
