#pragma once
// Volcano plot of a differential-expression table: log2 fold change against −log10 p, one graph
// each for up, down and not significant genes. The padj and |log2FC| thresholds are drawn as
// lines the user can drag; hover names the gene, a click selects it, the top genes are labelled.
#include <QPalette>
#include <QStringList>
#include <qcustomplot.h>
#include <memory>
#include <vector>

namespace scdesk {

class GeneLabels;
class PlotHoverOverlay;

class VolcanoPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit VolcanoPlot(QWidget* parent = nullptr);
    ~VolcanoPlot() override;

    // One point per gene. `rows` are the ids geneClicked() reports (the table rows); 0..n-1 when
    // empty. Genes with a missing log2FC or p are not drawn.
    void setData(QStringList genes, std::vector<double> log2fc, std::vector<double> pval, std::vector<double> padj,
                 std::vector<int> rows = {});
    // Sets both thresholds without emitting thresholdsChanged (the caller already knows).
    void setThresholds(double padj, double lfc);
    double padjThreshold() const { return m_padjThreshold; }
    double lfcThreshold() const { return m_lfcThreshold; }
    void setLabelCount(int n);
    int labelCount() const { return m_labelCount; }
    // Rings the gene of table row `row` (-1: none); redraws only the overlay layer.
    void setHighlightedRow(int row);
    void setTheme(const QPalette& palette);

    // The table row of the gene nearest to `pixel` within `maxPx` pixels, or -1.
    int rowAt(QPointF pixel, double maxPx = 6.0) const;
    QString toolTipForRow(int row) const;
    // y of a p-value as drawn: −log10 p, with p = 0 capped at the largest finite value + 1.
    double plottedY(double p) const;
    // y of the padj line: −log10 of the largest p whose padj is within the threshold.
    double padjLineY() const { return m_padjLineY; }

    QCPGraph* upGraph() const { return m_up; }
    QCPGraph* downGraph() const { return m_down; }
    QCPGraph* nsGraph() const { return m_ns; }
    QCPItemStraightLine* padjLine() const { return m_padjLine; }
    QCPItemStraightLine* lfcLine(bool positive) const { return positive ? m_lfcPos : m_lfcNeg; }
    const QList<QCPItemText*>& labels() const;

Q_SIGNALS:
    // After the user dragged a threshold line.
    void thresholdsChanged(double padj, double lfc);
    void geneClicked(int row);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    enum class Drag { None, Padj, Lfc };
    bool significant(std::size_t i, double padjThr) const;
    void classify();
    void placeThresholdLines();
    void placeLabels();
    void rescale();
    double padjForY(double y) const;
    Drag lineNear(QPointF pixel) const;
    void updateHover(QPointF pixel, QPoint globalPos);

    QStringList m_genes;
    std::vector<double> m_lfc, m_p, m_padj, m_y;
    std::vector<char> m_capped;
    double m_cap = 0;
    std::vector<int> m_byP;             // drawable genes by ascending p
    std::vector<double> m_prefixMaxPadj; // running max of padj along m_byP

    double m_padjThreshold = 0.05;
    double m_lfcThreshold = 1.0;
    double m_padjLineY = 0;
    int m_labelCount = 10;
    Drag m_drag = Drag::None;
    QPalette m_palette;

    QCPGraph* m_up;
    QCPGraph* m_down;
    QCPGraph* m_ns;
    std::unique_ptr<PlotHoverOverlay> m_overlay; // hover and highlight rings
    QCPItemStraightLine* m_padjLine;
    QCPItemStraightLine* m_lfcPos;
    QCPItemStraightLine* m_lfcNeg;
    std::unique_ptr<GeneLabels> m_labels;
};

// Colours that read on light and dark backgrounds.
QColor deUpColor();
QColor deDownColor();
QColor deNsColor();

} // namespace scdesk
