#pragma once
// The result of kompot-de (a table with attributes kind = "kompot-de"): the gene volcano with a
// choice of y axis, the gene table (sortable, a text filter, "is_de only"), and for the selected
// gene two actions that put it on the embedding: its imputed expression in each condition side by
// side, or its per-cell fold change. Figures and the table export.
#include <QWidget>

#include "analysis/analysis_result.h"
#include "plot_export.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;

namespace scdesk {

class KompotDeFilterProxy;
class KompotDeVolcano;
class ResultTableModel;

class KompotDeView : public QWidget {
    Q_OBJECT
public:
    enum class YAxis { Mahalanobis, NegLog10LocalFdr, NegLog10TailFdr, NegLog10Ptp };

    explicit KompotDeView(ResultTable table, QWidget* parent = nullptr);
    ~KompotDeView() override;
    // A kompot-de table: attributes kind = "kompot-de" and the gene, mean_lfc and mahalanobis columns.
    static bool accepts(const ResultTable& table);

    const ResultTable& table() const;
    bool hasFdr() const { return m_hasFdr; }

    // The y axis of the volcano; false when the table lacks the column.
    bool setYAxis(YAxis axis);
    YAxis yAxis() const;
    // Genes called without an FDR: the top N by Mahalanobis distance.
    void setTopN(int n);

    // Table rows passing the text filter and "is_de only", in the view's order.
    std::vector<int> visibleRows() const;
    void setFilterText(const QString& text);
    void setDeOnly(bool on);

    // The gene the actions apply to: the last one clicked in the volcano or the table.
    int selectedRow() const { return m_selectedRow; }
    QString selectedGene() const;
    void selectRow(int row);
    bool selectGene(const QString& gene);
    // The actions of the buttons; false (and nothing emitted) without a gene or the layers.
    bool showImputedExpression();
    bool showFoldChange();

    void exportTable();
    void exportFigure();
    // Non-interactive forms; an error message, empty on success.
    QString exportTableTo(const QString& path, bool visibleRowsOnly) const;
    QString exportFigureTo(const QString& path, const FigureOptions& options = {}) const;

    KompotDeVolcano* volcano() const { return m_volcano; }
    QTableView* tableView() const { return m_view; }
    QComboBox* yAxisBox() const { return m_yAxis; }
    QLineEdit* filterEdit() const { return m_filter; }
    QCheckBox* deOnlyBox() const { return m_deOnly; }
    QPushButton* imputedButton() const { return m_imputed; }
    QPushButton* foldChangeButton() const { return m_foldChange; }

Q_SIGNALS:
    // Show `gene` read from layer1 on the first embedding view and from layer2 on the second.
    void imputedExpressionRequested(const QString& gene, const QString& layer1, const QString& layer2);
    // Show `gene` read from `layer` on a diverging colormap centred at zero.
    void foldChangeRequested(const QString& gene, const QString& layer);

private:
    void loadVolcano();
    void applyFilters();
    void updateSelection();
    std::vector<double> yValues(YAxis axis) const;
    std::vector<int> calls() const;

    ResultTableModel* m_model;
    KompotDeFilterProxy* m_proxy;
    QTableView* m_view;
    KompotDeVolcano* m_volcano;
    QComboBox* m_yAxis;
    QSpinBox* m_topN;
    QLineEdit* m_filter;
    QCheckBox* m_deOnly;
    QLabel* m_count;
    QLabel* m_selected;
    QPushButton* m_imputed;
    QPushButton* m_foldChange;
    QSplitter* m_splitter;
    bool m_hasFdr = false;
    int m_selectedRow = -1;
};

} // namespace scdesk
