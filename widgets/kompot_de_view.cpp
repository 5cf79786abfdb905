#include "kompot_de_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "figure_export_dialog.h"
#include "io/table_writer.h"
#include "kompot_de_volcano.h"
#include "result_columns.h"
#include "result_table_model.h"
#include "table_export_dialog.h"
#include "util/errors.h"

namespace scdesk {

namespace {

const char* kSplitterKey = "kompotDeView/splitter";
const char* kYAxisKey = "kompotDeView/yAxis";

bool isTrue(const std::string& s)
{
    return s == "True" || s == "true" || s == "1";
}

// −log10 of each value; 0 (underflow) drawn just above the largest finite value, NaN kept.
std::vector<double> negLog10Capped(const std::vector<double>& values)
{
    std::vector<double> out(values.size(), std::nan(""));
    double maxFinite = 0;
    for (double v : values)
        if (v > 0)
            maxFinite = std::max(maxFinite, -std::log10(v));
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] > 0)
            out[i] = -std::log10(values[i]);
        else if (values[i] == 0)
            out[i] = maxFinite + 1;
    return out;
}

} // namespace

// Rows whose gene contains the filter text and, when asked, only genes called DE.
class KompotDeFilterProxy : public QSortFilterProxyModel {
public:
    KompotDeFilterProxy(const ResultTable& table, QObject* parent)
        : QSortFilterProxyModel(parent), m_genes(resultTexts(table, "gene")), m_isDe(resultTexts(table, "is_de"))
    {
    }
    void set(const QString& text, bool deOnly)
    {
        m_text = text.trimmed();
        m_deOnly = deOnly;
        invalidateFilter();
    }
    bool accepts(int row) const
    {
        const auto r = static_cast<std::size_t>(row);
        if (m_deOnly && m_isDe && !isTrue((*m_isDe)[r]))
            return false;
        return m_text.isEmpty() || !m_genes
               || QString::fromStdString((*m_genes)[r]).contains(m_text, Qt::CaseInsensitive);
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex&) const override { return accepts(sourceRow); }

private:
    const std::vector<std::string>* m_genes;
    const std::vector<std::string>* m_isDe;
    QString m_text;
    bool m_deOnly = false;
};

bool KompotDeView::accepts(const ResultTable& table)
{
    return resultAttribute(table, "kind") == QLatin1String("kompot-de") && resultTexts(table, "gene")
           && resultNumbers(table, "mean_lfc") && resultNumbers(table, "mahalanobis");
}

KompotDeView::KompotDeView(ResultTable table, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("kompotDeView"));
    m_model = new ResultTableModel(std::move(table), this);
    const ResultTable& t = m_model->table();
    m_hasFdr = resultTexts(t, "is_de") && resultAttribute(t, "has_fdr") != QLatin1String("false");
    m_proxy = new KompotDeFilterProxy(t, this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResultTableModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // Row 1: the volcano's y axis, the calls, the table filters and the figure.
    auto* bar = new QHBoxLayout;
    m_yAxis = new QComboBox(this);
    m_yAxis->setObjectName(QStringLiteral("yAxis"));
    m_yAxis->setToolTip(tr("The score on the volcano's vertical axis"));
    m_yAxis->addItem(tr("Mahalanobis distance"), static_cast<int>(YAxis::Mahalanobis));
    if (resultNumbers(t, "local_fdr"))
        m_yAxis->addItem(tr("−log₁₀ local FDR"), static_cast<int>(YAxis::NegLog10LocalFdr));
    if (resultNumbers(t, "tail_fdr"))
        m_yAxis->addItem(tr("−log₁₀ tail FDR"), static_cast<int>(YAxis::NegLog10TailFdr));
    if (resultNumbers(t, "neg_log10_ptp"))
        m_yAxis->addItem(tr("−log₁₀ tail probability"), static_cast<int>(YAxis::NegLog10Ptp));
    m_topN = new QSpinBox(this);
    m_topN->setObjectName(QStringLiteral("topN"));
    m_topN->setRange(0, 100000);
    m_topN->setValue(20);
    m_topN->setPrefix(tr("Top "));
    m_topN->setToolTip(tr("Without null genes there is no FDR: the genes with the largest Mahalanobis distance "
                          "are coloured instead"));
    m_topN->setVisible(!m_hasFdr);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("geneFilter"));
    m_filter->setPlaceholderText(tr("Filter genes"));
    m_filter->setClearButtonEnabled(true);
    m_deOnly = new QCheckBox(tr("is_de only"), this);
    m_deOnly->setObjectName(QStringLiteral("deOnly"));
    m_deOnly->setToolTip(m_hasFdr ? tr("Show only the genes called differentially expressed at the FDR threshold")
                                  : tr("This run had no null genes, so no gene was called by FDR"));
    m_deOnly->setEnabled(m_hasFdr);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("geneCount"));
    auto* exportTableButton = new QPushButton(tr("Export table…"), this);
    exportTableButton->setToolTip(tr("Save the table as CSV or TSV"));
    auto* exportFigureButton = new QPushButton(tr("Export figure…"), this);
    exportFigureButton->setToolTip(tr("Save the volcano as PNG, SVG or PDF"));
    bar->addWidget(new QLabel(tr("Y axis:"), this));
    bar->addWidget(m_yAxis);
    bar->addWidget(m_topN);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_deOnly);
    bar->addWidget(m_count);
    bar->addWidget(exportTableButton);
    bar->addWidget(exportFigureButton);
    layout->addLayout(bar);

    // Row 2: the selected gene and what to do with it.
    auto* actions = new QHBoxLayout;
    m_selected = new QLabel(this);
    m_selected->setObjectName(QStringLiteral("selectedGene"));
    m_imputed = new QPushButton(tr("Imputed expression on embedding"), this);
    m_imputed->setObjectName(QStringLiteral("showImputed"));
    m_foldChange = new QPushButton(tr("Fold change on embedding"), this);
    m_foldChange->setObjectName(QStringLiteral("showFoldChange"));
    const QString c1 = resultAttribute(t, "condition1"), c2 = resultAttribute(t, "condition2");
    const bool imputedLayers = !resultAttribute(t, "layer_condition1").isEmpty()
                               && !resultAttribute(t, "layer_condition2").isEmpty();
    const bool foldLayer = !resultAttribute(t, "layer_fold_change").isEmpty();
    const QString noLayers = tr("This run did not store the imputed expression layers");
    m_imputed->setToolTip(imputedLayers ? tr("The selected gene's imputed expression in %1 (left) and %2 (right), "
                                             "on one colour range (double-click a gene does the same)")
                                              .arg(c1, c2)
                                        : noLayers);
    m_foldChange->setToolTip(foldLayer ? tr("The selected gene's per-cell log fold change %1 → %2, blue below and "
                                            "red above zero")
                                             .arg(c1, c2)
                                       : noLayers);
    m_imputed->setProperty("available", imputedLayers);
    m_foldChange->setProperty("available", foldLayer);
    actions->addWidget(m_selected, 1);
    actions->addWidget(m_imputed);
    actions->addWidget(m_foldChange);
    layout->addLayout(actions);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("kompotDeSplitter"));
    m_view = new QTableView(m_splitter);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    if (const int c = resultColumnIndex(t, "mahalanobis"); c >= 0)
        m_view->sortByColumn(c, Qt::DescendingOrder);
    m_volcano = new KompotDeVolcano(m_splitter);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_volcano);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->restoreState(QSettings().value(QLatin1String(kSplitterKey)).toByteArray());
    layout->addWidget(m_splitter, 1);

    const int savedAxis = m_yAxis->findData(QSettings().value(QLatin1String(kYAxisKey)).toInt());
    if (savedAxis >= 0)
        m_yAxis->setCurrentIndex(savedAxis);
    connect(m_yAxis, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(QLatin1String(kYAxisKey), m_yAxis->currentData().toInt());
        loadVolcano();
    });
    connect(m_topN, &QSpinBox::valueChanged, this, &KompotDeView::loadVolcano);
    connect(m_filter, &QLineEdit::textChanged, this, &KompotDeView::applyFilters);
    connect(m_deOnly, &QCheckBox::toggled, this, &KompotDeView::applyFilters);
    connect(m_volcano, &KompotDeVolcano::geneClicked, this, &KompotDeView::selectRow);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid()) {
            m_selectedRow = m_proxy->mapToSource(current).row();
            updateSelection();
        }
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid()) {
            m_selectedRow = m_proxy->mapToSource(index).row();
            updateSelection();
            showImputedExpression();
        }
    });
    connect(m_imputed, &QPushButton::clicked, this, &KompotDeView::showImputedExpression);
    connect(m_foldChange, &QPushButton::clicked, this, &KompotDeView::showFoldChange);
    connect(exportTableButton, &QPushButton::clicked, this, &KompotDeView::exportTable);
    connect(exportFigureButton, &QPushButton::clicked, this, &KompotDeView::exportFigure);

    loadVolcano();
    applyFilters();
    updateSelection();
}

KompotDeView::~KompotDeView()
{
    QSettings().setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

const ResultTable& KompotDeView::table() const
{
    return m_model->table();
}

bool KompotDeView::setYAxis(YAxis axis)
{
    const int at = m_yAxis->findData(static_cast<int>(axis));
    if (at < 0)
        return false;
    m_yAxis->setCurrentIndex(at); // reloads the volcano
    return true;
}

KompotDeView::YAxis KompotDeView::yAxis() const
{
    return static_cast<YAxis>(m_yAxis->currentData().toInt());
}

void KompotDeView::setTopN(int n)
{
    m_topN->setValue(n);
}

std::vector<double> KompotDeView::yValues(YAxis axis) const
{
    const ResultTable& t = table();
    const auto column = [&t](const char* name) {
        const auto* v = resultNumbers(t, name);
        return v ? *v : std::vector<double>(t.rowCount(), std::nan(""));
    };
    switch (axis) {
    case YAxis::Mahalanobis: return column("mahalanobis");
    case YAxis::NegLog10LocalFdr: return negLog10Capped(column("local_fdr"));
    case YAxis::NegLog10TailFdr: return negLog10Capped(column("tail_fdr"));
    case YAxis::NegLog10Ptp: return column("neg_log10_ptp");
    }
    return column("mahalanobis");
}

std::vector<int> KompotDeView::calls() const
{
    const ResultTable& t = table();
    const std::size_t n = t.rowCount();
    const auto& lfc = *resultNumbers(t, "mean_lfc");
    const auto sign = [&lfc](std::size_t i) { return lfc[i] > 0 ? 1 : lfc[i] < 0 ? -1 : 0; };
    std::vector<int> out(n, 0);
    if (m_hasFdr) {
        const auto& isDe = *resultTexts(t, "is_de");
        for (std::size_t i = 0; i < n; ++i)
            out[i] = isTrue(isDe[i]) ? sign(i) : 0;
        return out;
    }
    // No FDR: Kompot's plots highlight the top genes by score instead.
    const auto& score = *resultNumbers(t, "mahalanobis");
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(score[i]))
            order.push_back(i);
    const std::size_t top = std::min(order.size(), static_cast<std::size_t>(m_topN->value()));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&score](std::size_t a, std::size_t b) { return score[a] > score[b]; });
    for (std::size_t k = 0; k < top; ++k)
        out[order[k]] = sign(order[k]);
    return out;
}

void KompotDeView::loadVolcano()
{
    const ResultTable& t = table();
    QStringList genes;
    genes.reserve(static_cast<qsizetype>(t.rowCount()));
    for (const auto& g : *resultTexts(t, "gene"))
        genes << QString::fromStdString(g);
    const YAxis axis = yAxis();
    m_volcano->setData(genes, *resultNumbers(t, "mean_lfc"), yValues(axis), calls(), m_yAxis->currentText());
    const bool fdrAxis = axis == YAxis::NegLog10LocalFdr || axis == YAxis::NegLog10TailFdr;
    const double fdr = resultNumberAttribute(t, "fdr_threshold", 0.05);
    m_volcano->setThresholdLine(fdrAxis && fdr > 0 ? -std::log10(fdr) : std::nan(""));
    m_volcano->setHighlightedRow(m_selectedRow);
}

void KompotDeView::applyFilters()
{
    m_proxy->set(m_filter->text(), m_deOnly->isChecked());
    m_count->setText(tr("%1 of %2 genes").arg(QLocale().toString(m_proxy->rowCount()), QLocale().toString(m_model->rowCount())));
    updateSelection();
}

std::vector<int> KompotDeView::visibleRows() const
{
    std::vector<int> rows;
    rows.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows.push_back(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    return rows;
}

void KompotDeView::setFilterText(const QString& text)
{
    m_filter->setText(text);
}

void KompotDeView::setDeOnly(bool on)
{
    m_deOnly->setChecked(on);
}

QString KompotDeView::selectedGene() const
{
    const auto* genes = resultTexts(table(), "gene");
    if (!genes || m_selectedRow < 0 || static_cast<std::size_t>(m_selectedRow) >= genes->size())
        return {};
    return QString::fromStdString((*genes)[static_cast<std::size_t>(m_selectedRow)]);
}

void KompotDeView::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_selectedRow = row;
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
    if (at.isValid()) {
        m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(at, QAbstractItemView::PositionAtCenter);
    }
    updateSelection();
}

bool KompotDeView::selectGene(const QString& gene)
{
    const auto* genes = resultTexts(table(), "gene");
    if (!genes)
        return false;
    const auto it = std::find(genes->begin(), genes->end(), gene.toStdString());
    if (it == genes->end())
        return false;
    selectRow(static_cast<int>(it - genes->begin()));
    return true;
}

void KompotDeView::updateSelection()
{
    const QString gene = selectedGene();
    const bool hidden = m_selectedRow >= 0 && !m_proxy->accepts(m_selectedRow);
    if (gene.isEmpty())
        m_selected->setText(tr("Select a gene in the table or the volcano"));
    else if (hidden)
        m_selected->setText(tr("Selected: %1 (hidden by the table filters)").arg(gene));
    else
        m_selected->setText(tr("Selected: %1").arg(gene));
    m_imputed->setEnabled(!gene.isEmpty() && m_imputed->property("available").toBool());
    m_foldChange->setEnabled(!gene.isEmpty() && m_foldChange->property("available").toBool());
    m_volcano->setHighlightedRow(m_selectedRow);
}

bool KompotDeView::showImputedExpression()
{
    const QString gene = selectedGene();
    const QString layer1 = resultAttribute(table(), "layer_condition1");
    const QString layer2 = resultAttribute(table(), "layer_condition2");
    if (gene.isEmpty() || layer1.isEmpty() || layer2.isEmpty())
        return false;
    Q_EMIT imputedExpressionRequested(gene, layer1, layer2);
    return true;
}

bool KompotDeView::showFoldChange()
{
    const QString gene = selectedGene();
    const QString layer = resultAttribute(table(), "layer_fold_change");
    if (gene.isEmpty() || layer.isEmpty())
        return false;
    Q_EMIT foldChangeRequested(gene, layer);
    return true;
}

QString KompotDeView::exportTableTo(const QString& path, bool visibleRowsOnly) const
{
    try {
        writeTableFile(visibleRowsOnly ? resultRows(table(), visibleRows()) : table(), path.toStdString());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString KompotDeView::exportFigureTo(const QString& path, const FigureOptions& options) const
{
    return exportPlot(*m_volcano, path, options);
}

void KompotDeView::exportTable()
{
    TableExportDialog::run(this, QString::fromStdString(table().name), m_proxy->rowCount(), m_model->rowCount(),
                           [this](const QString& path, bool filteredOnly) { return exportTableTo(path, filteredOnly); });
}

void KompotDeView::exportFigure()
{
    KompotDeVolcano* plot = m_volcano;
    const QString title = tr("Differential expression %1 → %2")
                              .arg(resultAttribute(table(), "condition1"), resultAttribute(table(), "condition2"));
    const QString error = FigureExportDialog::run(*plot, QStringLiteral("kompot_de_volcano"), title, this,
                                                  [plot](const QPalette& p) { plot->setTheme(p); });
    if (!error.isEmpty())
        QMessageBox::critical(this, tr("Export failed"), error);
}

} // namespace scdesk
