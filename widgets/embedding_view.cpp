#include "embedding_view.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QStyleHints>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QSlider>
#include <QSpinBox>
#include <QStringListModel>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <qcustomplot.h>

#include "category_legend.h"
#include "cell_scatter_plottable.h"
#include "colormaps.h"
#include "data/dataset.h"
#include "theme.h"
#include "undo_commands.h"

namespace scdesk {

namespace {

constexpr std::size_t kGeneCacheSize = 6;
constexpr std::int64_t kSyncGeneNnz = 2'000'000; // below this, reading a gene column is instant
constexpr std::size_t kMaxStringCategories = 200;

using Values = std::shared_ptr<const std::vector<float>>;

// One gene's column of X (or a layer) as float per cell; runs on a worker thread for large data.
Values geneColumn(const Matrix& m, std::int64_t gene)
{
    auto out = std::make_shared<std::vector<float>>(static_cast<std::size_t>(m.rows()), 0.0f);
    if (const CsrMatrix* csr = m.csr()) {
        // Canonical CSR keeps each row's column indices sorted: a binary search per row.
        bool sorted = true;
        for (std::int64_t r = 0; r < std::min<std::int64_t>(csr->rows, 2000) && sorted; ++r)
            sorted = std::is_sorted(csr->indices.begin() + csr->indptr[static_cast<std::size_t>(r)],
                                    csr->indices.begin() + csr->indptr[static_cast<std::size_t>(r) + 1]);
        const auto g = static_cast<std::int32_t>(gene);
        for (std::int64_t r = 0; r < csr->rows; ++r) {
            const auto begin = csr->indices.begin() + csr->indptr[static_cast<std::size_t>(r)];
            const auto end = csr->indices.begin() + csr->indptr[static_cast<std::size_t>(r) + 1];
            const auto it = sorted ? std::lower_bound(begin, end, g) : std::find(begin, end, g);
            if (it != end && *it == g)
                (*out)[static_cast<std::size_t>(r)] = csr->data[static_cast<std::size_t>(it - csr->indices.begin())];
        }
    } else if (const CscMatrix* csc = m.csc()) {
        for (auto k = csc->indptr[static_cast<std::size_t>(gene)]; k < csc->indptr[static_cast<std::size_t>(gene) + 1]; ++k)
            (*out)[static_cast<std::size_t>(csc->indices[static_cast<std::size_t>(k)])] = csc->data[static_cast<std::size_t>(k)];
    } else if (const DenseMatrix* dense = m.dense()) {
        for (Eigen::Index r = 0; r < dense->rows(); ++r)
            (*out)[static_cast<std::size_t>(r)] = (*dense)(r, gene);
    }
    return out;
}

QString displayName(const std::string& key)
{
    return QString::fromStdString(key.rfind("X_", 0) == 0 ? key.substr(2) : key).toUpper();
}

} // namespace

QColor categoryColor(int index)
{
    static const char* const palette[] = {"#1f77b4", "#ff7f0e", "#279e68", "#d62728", "#aa40fc", "#8c564b",
                                          "#e377c2", "#b5bd61", "#17becf", "#aec7e8", "#ffbb78", "#98df8a",
                                          "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5"};
    return QColor(QString::fromLatin1(palette[index % static_cast<int>(std::size(palette))]));
}

// The rubber band or lasso path while the user drags, on QCustomPlot's buffered "overlay" layer
// so that moving it repaints only that layer, never the cells.
class SelectionOverlay : public QCPLayerable {
public:
    explicit SelectionOverlay(QCustomPlot* plot) : QCPLayerable(plot, QStringLiteral("overlay")) {}
    QPolygonF path;
    QColor color = QColor(0x3d, 0x8e, 0xe0);

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override
    {
        applyAntialiasingHint(painter, true, QCP::aeOther);
    }
    void draw(QCPPainter* painter) override
    {
        if (path.size() < 2)
            return;
        QColor fill = color;
        fill.setAlpha(40);
        painter->setPen(QPen(color, 1.5, Qt::DashLine));
        painter->setBrush(fill);
        painter->drawPolygon(path);
    }
};

EmbeddingView::EmbeddingView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(0);

    // Row 1: what to show.
    auto* top = new QToolBar(this);
    top->setIconSize(QSize(16, 16));
    m_embedding = new QComboBox(this);
    m_embedding->setObjectName(QStringLiteral("embeddingKey"));
    m_embedding->setToolTip(tr("Embedding (a matrix in obsm)"));
    m_dim1 = new QSpinBox(this);
    m_dim1->setObjectName(QStringLiteral("dim1"));
    m_dim1->setToolTip(tr("Component on the horizontal axis"));
    m_dim2 = new QSpinBox(this);
    m_dim2->setObjectName(QStringLiteral("dim2"));
    m_dim2->setToolTip(tr("Component on the vertical axis"));
    for (QSpinBox* box : {m_dim1, m_dim2})
        box->setRange(1, 2);
    m_dim2->setValue(2);
    m_colorBy = new QComboBox(this);
    m_colorBy->setObjectName(QStringLiteral("colorBy"));
    m_colorBy->setEditable(true);
    m_colorBy->setInsertPolicy(QComboBox::NoInsert);
    m_colorBy->setMinimumContentsLength(10);
    m_colorBy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_colorBy->setToolTip(tr("Colour by an obs column or a gene (type to search)"));
    m_completionModel = new QStringListModel(this);
    auto* completer = new QCompleter(m_completionModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_colorBy->setCompleter(completer);
    m_layer = new QComboBox(this);
    m_layer->setObjectName(QStringLiteral("layer"));
    m_layer->setToolTip(tr("Where gene expression is read from"));
    // Colour-by first: with two views side by side the toolbar overflows from the right.
    top->addWidget(new QLabel(tr("Colour by "), this));
    top->addWidget(m_colorBy);
    m_layerAction = top->addWidget(m_layer);
    top->addSeparator();
    top->addWidget(m_embedding);
    top->addWidget(m_dim1);
    top->addWidget(m_dim2);
    layout->addWidget(top);

    // Row 2: how to show it and how to select.
    auto* bottom = new QToolBar(this);
    auto* tools = new QActionGroup(this);
    m_navigateAction = bottom->addAction(tr("Pan/zoom"));
    m_navigateAction->setToolTip(tr("Drag to pan, wheel to zoom"));
    m_rectAction = bottom->addAction(tr("Rectangle"));
    m_rectAction->setToolTip(tr("Select cells in a rectangle (Shift adds, Alt subtracts, Esc clears)"));
    m_lassoAction = bottom->addAction(tr("Lasso"));
    m_lassoAction->setToolTip(tr("Select cells in a free-hand lasso (Shift adds, Alt subtracts, Esc clears)"));
    for (QAction* a : {m_navigateAction, m_rectAction, m_lassoAction}) {
        a->setCheckable(true);
        tools->addAction(a);
    }
    m_navigateAction->setChecked(true);
    connect(m_navigateAction, &QAction::triggered, this, [this] { setTool(Tool::Navigate); });
    connect(m_rectAction, &QAction::triggered, this, [this] { setTool(Tool::Rectangle); });
    connect(m_lassoAction, &QAction::triggered, this, [this] { setTool(Tool::Lasso); });
    bottom->addSeparator();
    m_colormap = new QComboBox(this);
    m_colormap->setObjectName(QStringLiteral("colormap"));
    m_colormap->addItems(colormapNames());
    m_colormap->setToolTip(tr("Colormap for numeric values"));
    m_clip = new QComboBox(this);
    m_clip->setObjectName(QStringLiteral("clip"));
    m_clip->addItem(tr("No clipping"), QPointF(0, 100));
    m_clip->addItem(tr("1–99 %"), QPointF(1, 99));
    m_clip->addItem(tr("2–98 %"), QPointF(2, 98));
    m_clip->addItem(tr("5–95 %"), QPointF(5, 95));
    m_clip->setCurrentIndex(1);
    m_clip->setToolTip(tr("Colour range from percentiles of the values"));
    m_vminBox = new QDoubleSpinBox(this);
    m_vminBox->setObjectName(QStringLiteral("vmin"));
    m_vmaxBox = new QDoubleSpinBox(this);
    m_vmaxBox->setObjectName(QStringLiteral("vmax"));
    for (QDoubleSpinBox* box : {m_vminBox, m_vmaxBox}) {
        box->setRange(-1e12, 1e12);
        box->setDecimals(3);
        box->setKeyboardTracking(false);
        box->setMaximumWidth(90); // the huge range would otherwise size it for 13 digits
    }
    m_vminBox->setToolTip(tr("Lowest value of the colour scale"));
    m_vmaxBox->setToolTip(tr("Highest value of the colour scale"));
    m_pointSize = new QSpinBox(this);
    m_pointSize->setObjectName(QStringLiteral("pointSize"));
    m_pointSize->setRange(1, 9);
    m_pointSize->setValue(3);
    m_pointSize->setSuffix(tr(" px"));
    m_pointSize->setToolTip(tr("Point size"));
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setObjectName(QStringLiteral("opacity"));
    m_opacity->setRange(5, 100);
    m_opacity->setValue(100);
    m_opacity->setMaximumWidth(70);
    m_opacity->setToolTip(tr("Opacity"));
    m_density = new QCheckBox(tr("Density"), this);
    m_density->setObjectName(QStringLiteral("density"));
    m_density->setToolTip(tr("Show how many cells fall on each pixel instead of their colours"));
    m_hoverColumns = new QToolButton(this);
    m_hoverColumns->setText(tr("Hover"));
    m_hoverColumns->setToolTip(tr("Obs columns shown when hovering a cell (up to 3)"));
    m_hoverColumns->setPopupMode(QToolButton::InstantPopup);
    m_hoverColumns->setMenu(new QMenu(m_hoverColumns));
    // Colormap and range controls only matter for numeric colouring; shown then.
    for (QWidget* w : std::initializer_list<QWidget*>{m_colormap, m_clip, m_vminBox, m_vmaxBox})
        m_numericActions.push_back(bottom->addWidget(w));
    bottom->addSeparator();
    bottom->addWidget(m_pointSize);
    bottom->addWidget(m_opacity);
    bottom->addWidget(m_density);
    bottom->addWidget(m_hoverColumns);
    layout->addWidget(bottom);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("embeddingPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phCacheLabels, true);
    m_plot->setMouseTracking(true);
    m_plot->setFocusPolicy(Qt::ClickFocus);
    m_plot->installEventFilter(this);
    layout->addWidget(m_plot, 1);

    m_scatter = new CellScatterPlottable(m_plot->xAxis, m_plot->yAxis);
    m_scatter->setName(tr("cells"));
    m_scatter->removeFromLegend();
    m_overlay = new SelectionOverlay(m_plot);

    // Layout: title row over the axis rect; legend or colour scale to its right.
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), 11, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 1, m_side);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_side->addElement(1, 0, new QCPLayoutElement(m_plot)); // spacer below the legend
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->legend->setVisible(false);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    m_plot->legend->setWrap(24);
    m_colorScale = new QCPColorScale(m_plot);
    m_colorScale->setVisible(false);
    m_colorScale->setBarWidth(12);
    auto* group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, group);

    connect(m_plot, &QCustomPlot::mousePress, this, &EmbeddingView::mousePressed);
    connect(m_plot, &QCustomPlot::mouseMove, this, &EmbeddingView::mouseMoved);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &EmbeddingView::mouseReleased);
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) { onLegendClick(item, false); });
    connect(m_plot, &QCustomPlot::legendDoubleClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) { onLegendClick(item, true); });

    connect(m_embedding, &QComboBox::currentIndexChanged, this, [this] {
        const QSignalBlocker b1(m_dim1), b2(m_dim2);
        m_dim1->setValue(1);
        m_dim2->setValue(2);
        updatePositions();
    });
    connect(m_dim1, &QSpinBox::valueChanged, this, &EmbeddingView::updatePositions);
    connect(m_dim2, &QSpinBox::valueChanged, this, &EmbeddingView::updatePositions);
    connect(m_colorBy, &QComboBox::textActivated, this, [this](const QString& text) { setColorBy(text); });
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& text) { setColorBy(text); });
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] { setLayer(m_layer->currentData().toString()); });
    connect(m_colormap, &QComboBox::currentIndexChanged, this, [this] { updateNumericDrawing(); });
    connect(m_clip, &QComboBox::currentIndexChanged, this, [this] {
        const QPointF p = m_clip->currentData().toPointF();
        setClipPercentiles(p.x(), p.y());
    });
    connect(m_vminBox, &QDoubleSpinBox::valueChanged, this, [this](double v) { setRange(v, m_vmax); });
    connect(m_vmaxBox, &QDoubleSpinBox::valueChanged, this, [this](double v) { setRange(m_vmin, v); });
    connect(m_pointSize, &QSpinBox::valueChanged, this, [this](int v) {
        m_scatter->setPointSize(v);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int v) {
        m_scatter->setOpacity(static_cast<float>(v) / 100.0f);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(m_density, &QCheckBox::toggled, this, [this](bool on) {
        m_scatter->setDensityMode(on ? CellScatterPlottable::DensityMode::On : CellScatterPlottable::DensityMode::Auto);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    applyPalette(palette());
}

EmbeddingView::~EmbeddingView()
{
    if (m_geneWatcher)
        m_geneWatcher->waitForFinished();
}

void EmbeddingView::applyPalette(const QPalette& palette)
{
    stylePlot(*m_plot, palette);
    const QColor fg = palette.color(QPalette::WindowText);
    m_title->setTextColor(fg);
    QCPAxis* axis = m_colorScale->axis();
    axis->setBasePen(QPen(fg));
    axis->setTickPen(QPen(fg));
    axis->setSubTickPen(QPen(fg));
    axis->setTickLabelColor(fg);
    axis->setLabelColor(fg);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingView::setSelection(CellSelection* selection)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (m_selection)
        connect(m_selection, &CellSelection::changed, this, &EmbeddingView::onSelectionChanged);
    onSelectionChanged();
}

QCPLegend* EmbeddingView::legend() const
{
    return m_plot->legend;
}

QStringList EmbeddingView::embeddings() const
{
    QStringList keys;
    if (!m_dataset)
        return keys;
    for (const auto& [key, a] : m_dataset->obsm)
        if (const DenseMatrix* m = denseOf(a); m && m->cols() >= 2 && m->rows() == m_dataset->nObs())
            keys << QString::fromStdString(key);
    // X_umap first when present (the view most people start from).
    if (const auto i = keys.indexOf(QStringLiteral("X_umap")); i > 0)
        keys.move(i, 0);
    return keys;
}

QString EmbeddingView::embedding() const
{
    return m_embedding->currentText();
}

void EmbeddingView::setDataset(std::shared_ptr<const Dataset> dataset)
{
    const bool sameCells = m_dataset && dataset && m_dataset->nObs() == dataset->nObs()
        && m_dataset->sourcePath == dataset->sourcePath && m_dataset->nVars() == dataset->nVars();
    if (!sameCells) {
        m_geneCache.clear(); // gene columns of another dataset
        m_colorOverrides.clear();
    }
    m_dataset = std::move(dataset);
    rebuildControls();
    updatePositions();
    QString color = m_colorName;
    if (color.isEmpty() || !setColorBy(color)) {
        // Start with a categorical column that has a palette (cell types), else the first one.
        color.clear();
        if (m_dataset) {
            for (const auto& c : m_dataset->obs.columns)
                if (std::holds_alternative<CategoricalColumn>(c.data)) {
                    if (color.isEmpty() || m_dataset->uns.contains(c.name + "_colors")) {
                        const bool withPalette = m_dataset->uns.contains(c.name + "_colors");
                        color = QString::fromStdString(c.name);
                        if (withPalette)
                            break;
                    }
                }
        }
        setColorBy(color);
    }
}

void EmbeddingView::rebuildControls()
{
    const QString previous = m_embedding->currentText();
    {
        const QSignalBlocker b(m_embedding);
        m_embedding->clear();
        m_embedding->addItems(embeddings());
        const int i = m_embedding->findText(previous);
        m_embedding->setCurrentIndex(i >= 0 ? i : 0);
    }
    QStringList names;
    QStringList obsNames;
    if (m_dataset) {
        for (const auto& c : m_dataset->obs.columns)
            obsNames << QString::fromStdString(c.name);
        names = obsNames;
        names.reserve(names.size() + static_cast<qsizetype>(m_dataset->var.index.size()));
        for (const auto& g : m_dataset->var.index)
            names << QString::fromStdString(g);
    }
    m_completionModel->setStringList(names);
    {
        const QSignalBlocker b(m_colorBy);
        const QString text = m_colorName;
        m_colorBy->clear();
        m_colorBy->addItem(QString());
        m_colorBy->addItems(obsNames);
        m_colorBy->setEditText(text);
    }
    {
        const QSignalBlocker b(m_layer);
        m_layer->clear();
        m_layer->addItem(tr("X"), QString());
        if (m_dataset)
            for (const auto& [name, m] : m_dataset->layers)
                m_layer->addItem(QString::fromStdString(name), QString::fromStdString(name));
        const int i = m_layer->findData(m_layerName);
        m_layer->setCurrentIndex(std::max(0, i));
        m_layerAction->setVisible(m_layer->count() > 1); // X alone: nothing to choose
        if (i < 0)
            m_layerName.clear();
    }
    // Hover columns: keep the chosen ones that still exist; default to the first categorical ones.
    QStringList keep;
    for (const QString& c : m_tooltipColumns)
        if (obsNames.contains(c))
            keep << c;
    if (keep.isEmpty() && m_dataset)
        for (const auto& c : m_dataset->obs.columns)
            if (std::holds_alternative<CategoricalColumn>(c.data) && keep.size() < 3)
                keep << QString::fromStdString(c.name);
    setTooltipColumns(keep);
    // A sensible point size for the number of cells.
    if (m_dataset) {
        const auto n = m_dataset->nObs();
        m_pointSize->setValue(n < 20'000 ? 4 : n < 200'000 ? 3 : n < 1'000'000 ? 2 : 1);
    }
}

void EmbeddingView::setTooltipColumns(const QStringList& columns)
{
    m_tooltipColumns = columns.mid(0, 3);
    QMenu* menu = m_hoverColumns->menu();
    menu->clear();
    if (!m_dataset)
        return;
    for (const auto& c : m_dataset->obs.columns) {
        const QString name = QString::fromStdString(c.name);
        QAction* a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(m_tooltipColumns.contains(name));
        connect(a, &QAction::toggled, this, [this, name](bool on) {
            QStringList next = m_tooltipColumns;
            next.removeAll(name);
            if (on)
                next.prepend(name);
            // Rebuild later: this action's menu is being used right now.
            QMetaObject::invokeMethod(this, [this, next] { setTooltipColumns(next); }, Qt::QueuedConnection);
        });
    }
}

bool EmbeddingView::setEmbedding(const QString& key, int dim1, int dim2)
{
    const int i = m_embedding->findText(key);
    if (i < 0)
        return false;
    const QSignalBlocker b0(m_embedding), b1(m_dim1), b2(m_dim2);
    m_embedding->setCurrentIndex(i);
    const auto cols = static_cast<int>(denseOf(m_dataset->obsm.at(key.toStdString()))->cols());
    m_dim1->setRange(1, cols);
    m_dim2->setRange(1, cols);
    m_dim1->setValue(std::clamp(dim1 + 1, 1, cols));
    m_dim2->setValue(std::clamp(dim2 + 1, 1, cols));
    updatePositions();
    return true;
}

void EmbeddingView::updatePositions()
{
    if (!m_dataset || m_embedding->count() == 0) {
        m_scatter->setPositions(nullptr, nullptr, 0);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::string key = m_embedding->currentText().toStdString();
    const DenseMatrix& m = *denseOf(m_dataset->obsm.at(key));
    const int cols = static_cast<int>(m.cols());
    {
        const QSignalBlocker b1(m_dim1), b2(m_dim2);
        m_dim1->setRange(1, cols);
        m_dim2->setRange(1, cols);
    }
    const Eigen::Index c1 = m_dim1->value() - 1, c2 = m_dim2->value() - 1;
    std::vector<float> x(static_cast<std::size_t>(m.rows())), y(x.size());
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        x[static_cast<std::size_t>(r)] = m(r, c1);
        y[static_cast<std::size_t>(r)] = m(r, c2);
    }
    m_scatter->setPositions(x.data(), y.data(), x.size());
    updateAxisLabels();
    m_plot->rescaleAxes();
    // A margin so border cells are not cut by the axes.
    m_plot->xAxis->scaleRange(1.05, m_plot->xAxis->range().center());
    m_plot->yAxis->scaleRange(1.05, m_plot->yAxis->range().center());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingView::updateAxisLabels()
{
    const QString base = displayName(m_embedding->currentText().toStdString());
    m_plot->xAxis->setLabel(base + QString::number(m_dim1->value()));
    m_plot->yAxis->setLabel(base + QString::number(m_dim2->value()));
}

bool EmbeddingView::setColorBy(const QString& name)
{
    if (!m_dataset && !name.isEmpty())
        return false;
    const std::string key = name.toStdString();
    const bool isObs = !name.isEmpty() && m_dataset->obs.find(key) != nullptr;
    bool isGene = false;
    if (!name.isEmpty() && !isObs) {
        const auto& genes = m_dataset->var.index;
        isGene = std::find(genes.begin(), genes.end(), key) != genes.end();
        if (!isGene)
            return false;
    }
    m_colorName = name;
    {
        const QSignalBlocker b(m_colorBy);
        m_colorBy->setEditText(name);
    }
    m_title->setText(name);
    applyColoring();
    Q_EMIT colorByChanged(name);
    return true;
}

void EmbeddingView::applyColoring()
{
    const std::string key = m_colorName.toStdString();
    const Column* column = m_dataset && !key.empty() ? m_dataset->obs.find(key) : nullptr;
    if (m_dataset && !key.empty() && !column) {
        requestGene(m_colorName);
        return;
    }
    if (!column) {
        m_kind = ColorKind::Uniform;
        m_values.reset();
        m_scatter->setUniformColor(scdesk::categoryColor(0).rgb());
        setSideElement(nullptr);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::size_t n = columnLength(column->data);
    if (const auto* cat = std::get_if<CategoricalColumn>(&column->data)) {
        QStringList names;
        for (const auto& c : cat->categories)
            names << QString::fromStdString(c);
        applyCategorical(cat->codes, names, {});
    } else if (const auto* b = std::get_if<BoolColumn>(&column->data)) {
        std::vector<std::int32_t> codes(n);
        for (std::size_t i = 0; i < n; ++i)
            codes[i] = (!b->mask.empty() && b->mask[i]) ? -1 : (b->values[i] ? 1 : 0);
        applyCategorical(codes, {QStringLiteral("False"), QStringLiteral("True")}, {});
    } else if (const auto* s = std::get_if<StringColumn>(&column->data)) {
        std::unordered_map<std::string, std::int32_t> seen;
        std::vector<std::int32_t> codes(n, -1);
        QStringList names;
        for (std::size_t i = 0; i < n && seen.size() <= kMaxStringCategories; ++i) {
            if (!s->mask.empty() && s->mask[i])
                continue;
            auto [it, inserted] = seen.emplace(s->values[i], static_cast<std::int32_t>(seen.size()));
            if (inserted)
                names << QString::fromStdString(s->values[i]);
            codes[i] = it->second;
        }
        if (seen.size() > kMaxStringCategories) { // names, not groups: one colour
            m_kind = ColorKind::Uniform;
            m_scatter->setUniformColor(scdesk::categoryColor(0).rgb());
            setSideElement(nullptr);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
            return;
        }
        applyCategorical(codes, names, {});
    } else if (const auto* num = std::get_if<NumericColumn>(&column->data)) {
        auto values = std::make_shared<std::vector<float>>(n);
        for (std::size_t i = 0; i < n; ++i)
            (*values)[i] = (!num->mask.empty() && num->mask[i]) ? std::nanf("") : static_cast<float>(num->values[i]);
        applyNumeric(std::move(values));
    }
}

void EmbeddingView::applyCategorical(const std::vector<std::int32_t>& codes, const QStringList& names,
                                     const std::vector<QRgb>&)
{
    m_kind = ColorKind::Categorical;
    m_values.reset();
    m_codes = codes;
    m_categoryNames = names;
    m_palette.assign(static_cast<std::size_t>(names.size()), 0);
    // uns["<key>_colors"] when it has a colour per category (scanpy's convention), else scanpy's default.
    const std::string paletteKey = m_colorName.toStdString() + "_colors";
    const auto uns = m_dataset->uns.contains(paletteKey) ? m_dataset->uns.at(paletteKey) : nlohmann::json();
    const bool fromUns = uns.is_array() && uns.size() >= m_palette.size();
    const auto& overrides = m_colorOverrides.value(m_colorName);
    for (std::size_t i = 0; i < m_palette.size(); ++i) {
        QColor color = scdesk::categoryColor(static_cast<int>(i));
        if (fromUns && uns[i].is_string()) {
            const QColor c(QString::fromStdString(uns[i].get<std::string>()));
            if (c.isValid())
                color = c;
        }
        m_palette[i] = overrides.value(static_cast<int>(i), color.rgb());
    }
    m_hidden.assign(m_palette.size(), false);
    QCPLegend* legend = m_plot->legend;
    legend->clearItems();
    for (int i = 0; i < names.size(); ++i)
        legend->addItem(new CategoryLegendItem(legend, i, names[i], QColor::fromRgb(m_palette[static_cast<std::size_t>(i)])));
    setSideElement(legend);
    updateCategoryDrawing();
}

void EmbeddingView::updateCategoryDrawing()
{
    m_scatter->setCategories(m_codes, m_palette, m_hidden);
    QCPLegend* legend = m_plot->legend;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<CategoryLegendItem*>(legend->item(i))) {
            item->setColor(QColor::fromRgb(m_palette[static_cast<std::size_t>(item->category())]));
            item->setCategoryHidden(m_hidden[static_cast<std::size_t>(item->category())]);
        }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QRgb EmbeddingView::categoryColor(int category) const
{
    return category >= 0 && static_cast<std::size_t>(category) < m_palette.size() ? m_palette[static_cast<std::size_t>(category)] : 0;
}

bool EmbeddingView::isCategoryHidden(int category) const
{
    return category >= 0 && static_cast<std::size_t>(category) < m_hidden.size() && m_hidden[static_cast<std::size_t>(category)];
}

void EmbeddingView::setCategoryHidden(int category, bool hidden)
{
    if (m_kind != ColorKind::Categorical || category < 0 || static_cast<std::size_t>(category) >= m_hidden.size())
        return;
    m_hidden[static_cast<std::size_t>(category)] = hidden;
    updateCategoryDrawing();
}

void EmbeddingView::setCategoryColor(const QString& column, int category, QRgb color)
{
    m_colorOverrides[column][category] = color;
    if (column == m_colorName && m_kind == ColorKind::Categorical && category >= 0
        && static_cast<std::size_t>(category) < m_palette.size()) {
        m_palette[static_cast<std::size_t>(category)] = color;
        updateCategoryDrawing();
    }
}

void EmbeddingView::onLegendClick(QCPAbstractLegendItem* item, bool doubleClick)
{
    auto* entry = qobject_cast<CategoryLegendItem*>(item);
    if (!entry)
        return;
    Q_EMIT activated();
    const int c = entry->category();
    if (!doubleClick) {
        // QCustomPlot also reports the release that ends a double-click as a click: ignore it.
        if (m_lastLegendDoubleClick.isValid() && m_lastLegendDoubleClick.elapsed() < QGuiApplication::styleHints()->mouseDoubleClickInterval())
            return;
        setCategoryHidden(c, !isCategoryHidden(c));
        return;
    }
    m_lastLegendDoubleClick.start();
    // The click before the double-click toggled the category: undo that first.
    setCategoryHidden(c, !isCategoryHidden(c));
    const QRgb old = categoryColor(c);
    const QString title = tr("Colour of “%1”").arg(entry->name());
    const QColor chosen = m_chooseColor ? m_chooseColor(QColor::fromRgb(old), title)
                                        : QColorDialog::getColor(QColor::fromRgb(old), this, title);
    m_lastLegendDoubleClick.start(); // the dialog may have taken longer than the interval
    if (!chosen.isValid() || chosen.rgb() == old)
        return;
    if (m_undo)
        m_undo->push(new RecolourCategoryCommand(this, m_colorName, c, old, chosen.rgb()));
    else
        setCategoryColor(m_colorName, c, chosen.rgb());
}

void EmbeddingView::setLayer(const QString& layer)
{
    if (layer == m_layerName)
        return;
    m_layerName = layer;
    {
        const QSignalBlocker b(m_layer);
        m_layer->setCurrentIndex(std::max(0, m_layer->findData(layer)));
    }
    if (m_dataset && !m_colorName.isEmpty() && !m_dataset->obs.find(m_colorName.toStdString()))
        applyColoring();
}

void EmbeddingView::requestGene(const QString& gene)
{
    const QString cacheKey = m_layerName + QLatin1Char('\x1f') + gene;
    for (auto it = m_geneCache.begin(); it != m_geneCache.end(); ++it)
        if (it->first == cacheKey) {
            m_geneCache.splice(m_geneCache.begin(), m_geneCache, it); // most recent first
            applyNumeric(it->second);
            return;
        }
    const auto& genes = m_dataset->var.index;
    const auto g = static_cast<std::int64_t>(std::find(genes.begin(), genes.end(), gene.toStdString()) - genes.begin());
    const Matrix* matrix = nullptr;
    try {
        matrix = &m_dataset->matrix(m_layerName.toStdString());
    } catch (const std::exception&) {
        return;
    }
    if (matrix->isNone() || g >= matrix->cols())
        return;
    const auto remember = [this, cacheKey](Values v) {
        m_geneCache.emplace_front(cacheKey, v);
        if (m_geneCache.size() > kGeneCacheSize)
            m_geneCache.pop_back();
    };
    if (matrix->storedValues() < kSyncGeneNnz) {
        Values v = geneColumn(*matrix, g);
        remember(v);
        applyNumeric(std::move(v));
        return;
    }
    // Large data: read the column on a worker; the snapshot keeps the matrix alive meanwhile.
    m_pendingGene = gene;
    if (m_geneWatcher)
        m_geneWatcher->disconnect(this);
    auto* watcher = new QFutureWatcher<Values>(this);
    m_geneWatcher = watcher;
    const auto dataset = m_dataset;
    connect(watcher, &QFutureWatcher<Values>::finished, this, [this, watcher, remember, gene] {
        watcher->deleteLater();
        if (m_geneWatcher == watcher)
            m_geneWatcher = nullptr;
        const Values v = watcher->result();
        remember(v);
        if (gene == m_colorName && m_pendingGene == gene)
            applyNumeric(v);
    });
    watcher->setFuture(QtConcurrent::run([dataset, matrix, g] { return geneColumn(*matrix, g); }));
}

void EmbeddingView::applyNumeric(std::shared_ptr<const std::vector<float>> values)
{
    m_kind = ColorKind::Numeric;
    m_values = std::move(values);
    m_codes.clear();
    m_categoryNames.clear();
    m_plot->legend->clearItems();
    m_colorScale->axis()->setLabel(m_colorName);
    setSideElement(m_colorScale);
    recomputePercentiles();
}

void EmbeddingView::setClipPercentiles(double low, double high)
{
    m_clipLow = std::clamp(low, 0.0, 100.0);
    m_clipHigh = std::clamp(high, m_clipLow, 100.0);
    {
        const QSignalBlocker b(m_clip);
        int match = -1;
        for (int i = 0; i < m_clip->count(); ++i)
            if (m_clip->itemData(i).toPointF() == QPointF(m_clipLow, m_clipHigh))
                match = i;
        if (match >= 0)
            m_clip->setCurrentIndex(match);
    }
    recomputePercentiles();
}

void EmbeddingView::recomputePercentiles()
{
    if (m_kind != ColorKind::Numeric || !m_values)
        return;
    std::vector<float> v;
    v.reserve(m_values->size());
    for (const float x : *m_values)
        if (std::isfinite(x))
            v.push_back(x);
    double lo = 0, hi = 1;
    if (!v.empty()) {
        const auto at = [&v](double pct) {
            const auto k = static_cast<std::size_t>(std::llround(pct / 100.0 * static_cast<double>(v.size() - 1)));
            std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
            return static_cast<double>(v[k]);
        };
        lo = at(m_clipLow);
        hi = at(m_clipHigh);
        if (hi <= lo) { // constant values, or a clip that removed all spread
            hi = lo + 1.0;
        }
    }
    setRange(lo, hi);
}

void EmbeddingView::setRange(double vmin, double vmax)
{
    m_vmin = vmin;
    m_vmax = vmax;
    {
        const QSignalBlocker b1(m_vminBox), b2(m_vmaxBox);
        m_vminBox->setValue(vmin);
        m_vmaxBox->setValue(vmax);
    }
    updateNumericDrawing();
}

void EmbeddingView::setColormap(const QString& name)
{
    const int i = m_colormap->findText(name);
    if (i >= 0)
        m_colormap->setCurrentIndex(i); // updates the drawing
}

QString EmbeddingView::colormapName() const
{
    return m_colormap->currentText();
}

void EmbeddingView::updateNumericDrawing()
{
    if (m_kind != ColorKind::Numeric || !m_values)
        return;
    const std::vector<QRgb>& table = colormap(m_colormap->currentText());
    m_scatter->setValues(*m_values, table, static_cast<float>(m_vmin), static_cast<float>(m_vmax), true);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (std::size_t i = 0; i < table.size(); i += 15)
        gradient.setColorStopAt(static_cast<double>(i) / 255.0, QColor::fromRgb(table[i]));
    gradient.setColorStopAt(1.0, QColor::fromRgb(table.back()));
    gradient.setLevelCount(256);
    m_colorScale->setGradient(gradient);
    m_colorScale->setDataRange(QCPRange(m_vmin, m_vmax));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool EmbeddingView::colorScaleVisible() const
{
    return m_sideShown == m_colorScale && m_colorScale->visible();
}

void EmbeddingView::setSideElement(QCPLayoutElement* element)
{
    for (QAction* a : m_numericActions)
        a->setVisible(element == m_colorScale);
    if (m_sideShown == element)
        return;
    if (m_sideShown) {
        m_side->take(m_sideShown);
        m_sideShown->setVisible(false);
    }
    m_sideShown = element;
    if (element) {
        m_side->addElement(0, 0, element);
        element->setVisible(true);
        // The legend sits at the top; the colour scale spans the axis rect's height.
        const bool legend = element == m_plot->legend;
        m_side->setRowStretchFactor(0, legend ? 0.001 : 1.0);
        m_side->setRowStretchFactor(1, legend ? 1.0 : 0.001);
    }
    m_side->simplify();
    m_plot->plotLayout()->simplify();
}

void EmbeddingView::setPointSize(int pixels)
{
    m_pointSize->setValue(pixels);
}

void EmbeddingView::setOpacity(double opacity)
{
    m_opacity->setValue(static_cast<int>(std::lround(opacity * 100)));
}

void EmbeddingView::setDensity(bool on)
{
    m_density->setChecked(on);
}

void EmbeddingView::onSelectionChanged()
{
    const bool usable = m_selection && m_dataset && m_selection->cellCount() == m_scatter->cellCount();
    m_scatter->setSelectedCells(usable && !m_selection->isEmpty() ? m_selection->flags() : std::vector<std::uint8_t>{});
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingView::setTool(Tool tool)
{
    m_tool = tool;
    m_navigateAction->setChecked(tool == Tool::Navigate);
    m_rectAction->setChecked(tool == Tool::Rectangle);
    m_lassoAction->setChecked(tool == Tool::Lasso);
    // Selecting takes the left-button drag; the wheel still zooms.
    m_plot->setInteraction(QCP::iRangeDrag, tool == Tool::Navigate);
    m_plot->setCursor(tool == Tool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
}

void EmbeddingView::selectPolygon(const QPolygonF& widgetPolygon, CellSelection::Mode mode)
{
    if (!m_selection || m_selection->cellCount() != m_scatter->cellCount())
        return;
    m_selection->apply(m_scatter->cellsInPolygon(widgetPolygon), mode);
}

void EmbeddingView::selectDataPolygon(const QPolygonF& dataPolygon, CellSelection::Mode mode)
{
    QPolygonF pixels;
    for (const QPointF& p : dataPolygon)
        pixels << QPointF(m_plot->xAxis->coordToPixel(p.x()), m_plot->yAxis->coordToPixel(p.y()));
    selectPolygon(pixels, mode);
}

void EmbeddingView::mousePressed(QMouseEvent* event)
{
    Q_EMIT activated();
    if (m_tool == Tool::Navigate || event->button() != Qt::LeftButton)
        return;
    const auto mods = event->modifiers();
    m_dragMode = mods.testFlag(Qt::AltModifier)       ? CellSelection::Mode::Subtract
        : mods.testFlag(Qt::ShiftModifier)            ? CellSelection::Mode::Add
                                                      : CellSelection::Mode::Replace;
    m_dragging = true;
    m_dragPath = QPolygonF{event->position()};
    QToolTip::hideText();
}

void EmbeddingView::mouseMoved(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_dragging) {
        if (m_tool == Tool::Rectangle) {
            const QPointF a = m_dragPath.first();
            m_overlay->path = QPolygonF{a, QPointF(pos.x(), a.y()), pos, QPointF(a.x(), pos.y())};
        } else {
            m_dragPath << pos;
            m_overlay->path = m_dragPath;
        }
        m_overlay->layer()->replot();
        return;
    }
    if (event->buttons() != Qt::NoButton)
        return; // panning
    const QString text = hoverText(pos);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(m_plot->mapToGlobal(pos.toPoint()), text, m_plot);
}

void EmbeddingView::mouseReleased(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    QPolygonF polygon;
    const QPointF a = m_dragPath.first(), b = event->position();
    if (m_tool == Tool::Rectangle)
        polygon = QPolygonF{a, QPointF(b.x(), a.y()), b, QPointF(a.x(), b.y())};
    else
        polygon = m_dragPath << b;
    m_overlay->path.clear();
    m_overlay->layer()->replot();
    m_dragPath.clear();
    const QRectF box = polygon.boundingRect();
    if (box.width() < 2 && box.height() < 2) {
        // A click without a drag: clears a replacing selection, like clicking on empty canvas.
        if (m_dragMode == CellSelection::Mode::Replace && m_selection)
            m_selection->clear();
        return;
    }
    selectPolygon(polygon, m_dragMode);
}

QString EmbeddingView::cellValueText(const QString& column, std::size_t cell) const
{
    if (column == m_colorName) {
        if (m_kind == ColorKind::Numeric && m_values && cell < m_values->size()) {
            const float v = (*m_values)[cell];
            return std::isfinite(v) ? QString::number(static_cast<double>(v), 'g', 4) : tr("missing");
        }
        if (m_kind == ColorKind::Categorical && cell < m_codes.size()) {
            const int code = m_codes[cell];
            return code >= 0 && code < m_categoryNames.size() ? m_categoryNames[code] : tr("missing");
        }
    }
    const Column* c = m_dataset->obs.find(column.toStdString());
    if (!c)
        return {};
    return std::visit(
        [this, cell](const auto& col) -> QString {
            using T = std::decay_t<decltype(col)>;
            if constexpr (std::is_same_v<T, CategoricalColumn>) {
                const int code = col.codes[cell];
                return code >= 0 ? QString::fromStdString(col.categories[static_cast<std::size_t>(code)]) : tr("missing");
            } else if constexpr (std::is_same_v<T, NumericColumn>) {
                if (!col.mask.empty() && col.mask[cell])
                    return tr("missing");
                return QString::number(col.values[cell], 'g', 5);
            } else if constexpr (std::is_same_v<T, BoolColumn>) {
                if (!col.mask.empty() && col.mask[cell])
                    return tr("missing");
                return col.values[cell] ? QStringLiteral("True") : QStringLiteral("False");
            } else {
                if (!col.mask.empty() && col.mask[cell])
                    return tr("missing");
                return QString::fromStdString(col.values[cell]);
            }
        },
        c->data);
}

QString EmbeddingView::hoverText(const QPointF& widgetPixel) const
{
    if (!m_dataset)
        return {};
    const std::int64_t cell = m_scatter->cellAt(widgetPixel);
    if (cell < 0 || cell >= m_dataset->nObs())
        return {};
    const auto c = static_cast<std::size_t>(cell);
    QStringList lines{QString::fromStdString(m_dataset->obs.index[c])};
    if (!m_colorName.isEmpty())
        lines << m_colorName + QStringLiteral(": ") + cellValueText(m_colorName, c);
    for (const QString& column : m_tooltipColumns)
        if (column != m_colorName)
            lines << column + QStringLiteral(": ") + cellValueText(column, c);
    return lines.join(QLatin1Char('\n'));
}

bool EmbeddingView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && (event->type() == QEvent::FocusIn || event->type() == QEvent::Wheel))
        Q_EMIT activated();
    // Esc clears the selection (and cancels a drag in progress).
    if (watched == m_plot && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_dragging = false;
        m_overlay->path.clear();
        m_overlay->layer()->replot();
        if (m_selection)
            m_selection->clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace scdesk
