#pragma once
// A first look at a dataset's embedding (X_umap when present) coloured by a categorical obs
// column, drawn with QCustomPlot graphs (one per category). Fine for tens of thousands of cells;
// the million-cell raster scatter replaces it (issue 5).
#include <QWidget>
#include <memory>

class QComboBox;
class QCustomPlot;

namespace scdesk {

struct Dataset;

class EmbeddingPreview : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingPreview(QWidget* parent = nullptr);
    void setDataset(std::shared_ptr<const Dataset> dataset);
    QCustomPlot* plot() const { return m_plot; }
    void applyPalette(const QPalette& palette);

private:
    void redraw();

    std::shared_ptr<const Dataset> m_dataset;
    QComboBox* m_embedding;
    QComboBox* m_colorBy;
    QCustomPlot* m_plot;
};

// scanpy's default categorical palette (matplotlib tab10 then tab20 extras).
QColor categoryColor(int index);

} // namespace scdesk
