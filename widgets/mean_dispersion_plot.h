#pragma once
// Mean–dispersion plot of a negative-binomial fit on log–log axes: the per-gene MLE overdispersion,
// the fitted trend, and the quasi-likelihood shrunken values, with hover naming the gene.
#include <QPalette>
#include <QStringList>
#include <qcustomplot.h>
#include <memory>
#include <vector>

namespace scdesk {

class PlotHoverOverlay;

class MeanDispersionPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit MeanDispersionPlot(QWidget* parent = nullptr);
    ~MeanDispersionPlot() override;

    // `trend` and `qlDispersion` may be empty (then those series are not drawn). Genes whose mean
    // or dispersion is not positive (all-zero genes have dispersion 0) cannot sit on a log axis
    // and are left out; hiddenCount() says how many.
    void setData(QStringList genes, std::vector<double> mean, std::vector<double> dispersion,
                 std::vector<double> trend = {}, std::vector<double> qlDispersion = {}, std::vector<int> rows = {});
    void setHighlightedRow(int row);
    void setTheme(const QPalette& palette);
    int rowAt(QPointF pixel, double maxPx = 6.0) const;
    QString toolTipForRow(int row) const;
    int hiddenCount() const { return m_hidden; }

    QCPGraph* mleGraph() const { return m_mle; }
    QCPGraph* trendGraph() const { return m_trend; }
    QCPGraph* qlGraph() const { return m_ql; }

Q_SIGNALS:
    void geneClicked(int row);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:

    QStringList m_genes;
    std::vector<double> m_mean, m_disp, m_trendValues, m_qlValues, m_qlScaled;
    int m_hidden = 0;
    QPalette m_palette;
    QCPGraph* m_mle;
    QCPGraph* m_ql;
    QCPGraph* m_trend;
    std::unique_ptr<PlotHoverOverlay> m_overlay; // hover and highlight rings
};

} // namespace scdesk
