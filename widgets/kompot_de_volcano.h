#pragma once
// The gene volcano of Kompot differential expression (spec §10 volcano_de): x = mean log fold
// change, y = a score the caller picks (Mahalanobis distance, −log10 local FDR, ...), genes called
// up in red, down in blue and the rest grey; the top genes by y are labelled, hover names a gene
// and a click selects it.
#include <QPalette>
#include <QStringList>
#include <memory>
#include <qcustomplot.h>
#include <vector>

namespace scdesk {

class GeneLabels;
class PlotHoverOverlay;

class KompotDeVolcano : public QCustomPlot {
    Q_OBJECT
public:
    explicit KompotDeVolcano(QWidget* parent = nullptr);
    ~KompotDeVolcano() override;

    // One point per gene. `calls`: +1 up, −1 down, 0 not called. `rows` are the ids geneClicked()
    // reports (table rows; 0..n-1 when empty). Genes with a non-finite x or y are not drawn.
    // `yName` labels the y axis and the tooltips.
    void setData(QStringList genes, std::vector<double> meanLfc, std::vector<double> y, std::vector<int> calls,
                 const QString& yName, std::vector<int> rows = {});
    // A dashed horizontal significance line at y (NaN: none).
    void setThresholdLine(double y);
    void setLabelCount(int n);
    int labelCount() const { return m_labelCount; }
    void setHighlightedRow(int row); // -1: none
    void setTheme(const QPalette& palette);

    // The table row of the gene nearest to `pixel` within `maxPx` pixels, or -1.
    int rowAt(QPointF pixel, double maxPx = 6.0) const;
    QString toolTipForRow(int row) const;

    QCPGraph* upGraph() const { return m_up; }
    QCPGraph* downGraph() const { return m_down; }
    QCPGraph* otherGraph() const { return m_other; }
    QCPItemStraightLine* thresholdLine() const { return m_threshold; }
    const QList<QCPItemText*>& labels() const;

Q_SIGNALS:
    void geneClicked(int row);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void placeLabels();

    QStringList m_genes;
    std::vector<double> m_x, m_y;
    std::vector<int> m_byY; // drawable genes by descending y
    QString m_yName;
    int m_labelCount = 10;
    QPalette m_palette;

    QCPGraph* m_other;
    QCPGraph* m_down;
    QCPGraph* m_up;
    QCPItemStraightLine* m_threshold;
    std::unique_ptr<PlotHoverOverlay> m_overlay;
    std::unique_ptr<GeneLabels> m_labels;
};

} // namespace scdesk
