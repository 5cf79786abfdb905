#pragma once
// The result of kompot-da (a table with attributes kind = "kompot-da"): the per-cell volcano with
// its thresholds, counts of up / down cells, buttons that put the log fold change, the tail
// probability or the direction on the embedding, and the per-cell table with export.
#include <QWidget>

#include "analysis/analysis_result.h"
#include "plot_export.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSplitter;

namespace scdesk {

class DaVolcanoPlot;
class ResultView;

class KompotDaView : public QWidget {
    Q_OBJECT
public:
    enum class Quantity { LogFoldChange, TailProbability, Direction };

    explicit KompotDaView(ResultTable table, QWidget* parent = nullptr);
    ~KompotDaView() override;
    // A kompot-da table: attributes kind = "kompot-da" and the lfc and neg_log10_ptp columns.
    static bool accepts(const ResultTable& table);

    const ResultTable& table() const;
    // The obs column holding a quantity (from the table's attributes); empty when not named.
    QString obsKey(Quantity quantity) const;
    // Emits showObsRequested for a quantity, as its button does.
    void showOnEmbedding(Quantity quantity);

    // Threshold boxes: |log FC| and −log10 tail probability. They recolour the volcano only.
    void setThresholds(double lfc, double negLog10Ptp);
    QString countsText() const;

    void exportTable();
    void exportFigure();
    // Non-interactive forms; an error message, empty on success.
    QString exportTableTo(const QString& path) const;
    QString exportFigureTo(const QString& path, const FigureOptions& options = {}) const;

    DaVolcanoPlot* volcano() const { return m_volcano; }
    ResultView* tableView() const { return m_table; }
    QDoubleSpinBox* lfcBox() const { return m_lfc; }
    QDoubleSpinBox* ptpBox() const { return m_ptp; }
    QPushButton* showButton(Quantity quantity) const;

Q_SIGNALS:
    // Colour the embedding by this obs column; `diverging`: values centred at zero (fold changes).
    void showObsRequested(const QString& obsKey, bool diverging);

private:
    void applyThresholds();
    void updateCounts();

    ResultView* m_table;
    DaVolcanoPlot* m_volcano;
    QDoubleSpinBox* m_lfc;
    QDoubleSpinBox* m_ptp;
    QLabel* m_counts;
    QPushButton* m_show[3];
    QSplitter* m_splitter;
    // The run's tail-probability threshold, exact: the box rounds to its decimals, and the calls
    // at the run's thresholds must be the run's calls.
    double m_ptpThreshold = 0.05;
};

} // namespace scdesk
