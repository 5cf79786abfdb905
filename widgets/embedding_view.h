#pragma once
// The embedding explorer (app.md §3): any two components of any dense obsm matrix drawn by a
// CellScatterPlottable, coloured by an obs column or a gene (categorical legend or colormap with
// colour bar), with hover tooltips, rectangle/lasso selection into a shared CellSelection, and
// pan/zoom left to QCustomPlot. Several views can share one CellSelection (linked views).
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QPolygonF>
#include <QRgb>
#include <QWidget>
#include <functional>
#include <list>
#include <memory>
#include <vector>

#include "cell_selection.h"

class QAction;
class QCheckBox;
class QComboBox;
class QCompleter;
class QCustomPlot;
class QCPAbstractLegendItem;
class QCPColorScale;
class QCPLayoutElement;
class QCPLayoutGrid;
class QCPLegend;
class QCPTextElement;
class QDoubleSpinBox;
class QSpinBox;
class QSlider;
class QStringListModel;
class QToolButton;
class QUndoStack;

namespace scdesk {

struct Dataset;
class CellScatterPlottable;
class SelectionOverlay;

class EmbeddingView : public QWidget {
    Q_OBJECT
public:
    enum class ColorKind { Uniform, Categorical, Numeric };
    enum class Tool { Navigate, Rectangle, Lasso };

    explicit EmbeddingView(QWidget* parent = nullptr);
    ~EmbeddingView() override;

    // Keeps the embedding, components and colour-by when the new snapshot still has them.
    void setDataset(std::shared_ptr<const Dataset> dataset);
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    void setSelection(CellSelection* selection);
    CellSelection* selection() const { return m_selection; }
    void setUndoStack(QUndoStack* stack) { m_undo = stack; }
    void applyPalette(const QPalette& palette);

    // Dense obsm matrices with at least two columns, X_umap first.
    QStringList embeddings() const;
    bool setEmbedding(const QString& key, int dim1 = 0, int dim2 = 1);
    QString embedding() const;
    // An obs column or a gene (var index); an empty name colours all cells alike. False when
    // the name is neither. Gene values come from X or the chosen layer.
    bool setColorBy(const QString& name);
    QString colorBy() const { return m_colorName; }
    ColorKind colorKind() const { return m_kind; }
    void setLayer(const QString& layer); // "" = X
    // True while a gene column is being read on a worker thread.
    bool isLoadingGene() const { return m_geneWatcher != nullptr; }

    // Categorical colouring.
    QStringList categories() const { return m_categoryNames; }
    QRgb categoryColor(int category) const;
    bool isCategoryHidden(int category) const;
    void setCategoryHidden(int category, bool hidden);
    // Used by RecolourCategoryCommand: applies when `column` is the colour-by column (or later,
    // when it becomes it again).
    void setCategoryColor(const QString& column, int category, QRgb color);
    // Numeric colouring.
    void setColormap(const QString& name);
    QString colormapName() const;
    void setClipPercentiles(double low, double high); // e.g. 1, 99; 0, 100 = none
    void setRange(double vmin, double vmax);
    double vmin() const { return m_vmin; }
    double vmax() const { return m_vmax; }
    bool colorScaleVisible() const;

    void setPointSize(int pixels);
    void setOpacity(double opacity);
    void setDensity(bool on);
    void setTooltipColumns(const QStringList& columns); // up to 3 obs columns
    // What a double-click on a legend entry asks for a colour with (QColorDialog; tests replace it).
    void setColorChooser(std::function<QColor(const QColor&, const QString&)> chooser) { m_chooseColor = std::move(chooser); }

    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    // Selects the cells inside a polygon in plot widget pixels, or in data coordinates of the
    // current components.
    void selectPolygon(const QPolygonF& widgetPolygon, CellSelection::Mode mode);
    void selectDataPolygon(const QPolygonF& dataPolygon, CellSelection::Mode mode);
    // The tooltip for the cell under a plot widget pixel, empty when none.
    QString hoverText(const QPointF& widgetPixel) const;

    QCustomPlot* plot() const { return m_plot; }
    CellScatterPlottable* plottable() const { return m_scatter; }
    QCPLegend* legend() const;
    QCPColorScale* colorScale() const { return m_colorScale; }
    QCPTextElement* titleElement() const { return m_title; }
    QComboBox* colorByBox() const { return m_colorBy; }

Q_SIGNALS:
    void activated(); // the user interacted with this view (the main window's "focused view")
    void colorByChanged(const QString& name);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildControls();
    void updatePositions();
    void applyColoring();
    void applyCategorical(const std::vector<std::int32_t>& codes, const QStringList& names,
                          const std::vector<QRgb>& defaults);
    void applyNumeric(std::shared_ptr<const std::vector<float>> values);
    void updateCategoryDrawing();
    void updateNumericDrawing();
    void recomputePercentiles();
    void setSideElement(QCPLayoutElement* element);
    void requestGene(const QString& gene);
    void onSelectionChanged();
    void onLegendClick(QCPAbstractLegendItem* item, bool doubleClick);
    void updateAxisLabels();
    void mousePressed(QMouseEvent* event);
    void mouseMoved(QMouseEvent* event);
    void mouseReleased(QMouseEvent* event);
    QString cellValueText(const QString& column, std::size_t cell) const;

    std::shared_ptr<const Dataset> m_dataset;
    QPointer<CellSelection> m_selection;
    QUndoStack* m_undo = nullptr;

    QComboBox* m_embedding;
    QSpinBox* m_dim1;
    QSpinBox* m_dim2;
    QComboBox* m_colorBy;
    QStringListModel* m_completionModel;
    QComboBox* m_layer;
    QComboBox* m_colormap;
    QComboBox* m_clip;
    QDoubleSpinBox* m_vminBox;
    QDoubleSpinBox* m_vmaxBox;
    QSpinBox* m_pointSize;
    QSlider* m_opacity;
    QCheckBox* m_density;
    QToolButton* m_hoverColumns;
    QAction* m_layerAction;
    std::vector<QAction*> m_numericActions;
    QAction* m_navigateAction;
    QAction* m_rectAction;
    QAction* m_lassoAction;

    QCustomPlot* m_plot;
    CellScatterPlottable* m_scatter;
    SelectionOverlay* m_overlay;
    QCPTextElement* m_title;
    QCPLayoutGrid* m_side;        // right of the axis rect: legend or colour scale
    QCPColorScale* m_colorScale;
    QCPLayoutElement* m_sideShown = nullptr;

    QString m_colorName;
    ColorKind m_kind = ColorKind::Uniform;
    std::vector<std::int32_t> m_codes;
    QStringList m_categoryNames;
    std::vector<QRgb> m_palette;
    std::vector<bool> m_hidden;
    QHash<QString, QHash<int, QRgb>> m_colorOverrides; // column -> category -> colour
    std::shared_ptr<const std::vector<float>> m_values;
    double m_clipLow = 1.0, m_clipHigh = 99.0;
    double m_vmin = 0.0, m_vmax = 1.0;
    QStringList m_tooltipColumns;

    std::function<QColor(const QColor&, const QString&)> m_chooseColor;
    QElapsedTimer m_lastLegendDoubleClick;

    QString m_layerName;
    std::list<std::pair<QString, std::shared_ptr<const std::vector<float>>>> m_geneCache; // most recent first
    QFutureWatcher<std::shared_ptr<const std::vector<float>>>* m_geneWatcher = nullptr;
    QString m_pendingGene;

    Tool m_tool = Tool::Navigate;
    bool m_dragging = false;
    CellSelection::Mode m_dragMode = CellSelection::Mode::Replace;
    QPolygonF m_dragPath;
};

// scanpy's default categorical palette (matplotlib tab10 then tab20 extras; then godsnot-like
// repetition for more categories).
QColor categoryColor(int index);

} // namespace scdesk
