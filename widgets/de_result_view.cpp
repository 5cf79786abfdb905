#include "de_result_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValidator>
#include <cmath>
#include <limits>

#include "figure_export_dialog.h"
#include "io/table_writer.h"
#include "mean_dispersion_plot.h"
#include "plot_export.h"
#include "result_columns.h"
#include "result_table_model.h"
#include "table_export_dialog.h"
#include "util/errors.h"
#include "volcano_plot.h"

namespace scdesk {

namespace {

// Gene names: "feature", else the first text column.
const std::vector<std::string>* featureNames(const ResultTable& table)
{
    if (const auto* f = resultTexts(table, "feature"))
        return f;
    for (const auto& column : table.columns)
        if (const auto* s = std::get_if<std::vector<std::string>>(&column))
            return s;
    return nullptr;
}

std::vector<double> pick(const std::vector<double>* column, const std::vector<int>& rows)
{
    std::vector<double> out;
    if (!column)
        return out;
    out.reserve(rows.size());
    for (int r : rows)
        out.push_back((*column)[static_cast<std::size_t>(r)]);
    return out;
}

// padj thresholds span many decades (0.05 down to 1e-10 from a dragged line): show them in 'g'
// format instead of a fixed number of decimals.
class ThresholdSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override { return locale().toString(value, 'g', 4); }
    double valueFromText(const QString& text) const override
    {
        return locale().toDouble(text.mid(prefix().size()).trimmed());
    }
    QValidator::State validate(QString& text, int&) const override
    {
        const QString body = text.mid(prefix().size()).trimmed();
        bool ok = false;
        locale().toDouble(body, &ok);
        return ok ? QValidator::Acceptable : QValidator::Intermediate;
    }
};

} // namespace

// Rows with padj ≤ x and |log2FC| ≥ y (and the selected group); reads the columns directly.
class DeFilterProxy : public QSortFilterProxyModel {
public:
    DeFilterProxy(const ResultTable& table, QObject* parent)
        : QSortFilterProxyModel(parent), m_lfc(resultNumbers(table, "log2fc")), m_padj(resultNumbers(table, "padj")),
          m_group(resultTexts(table, "group"))
    {
    }
    void set(bool enabled, double padj, double lfc, const QString& group)
    {
        m_enabled = enabled;
        m_padjMax = padj;
        m_lfcMin = lfc;
        m_groupName = group.toStdString();
        invalidateFilter();
    }
    bool accepts(int row) const
    {
        const auto r = static_cast<std::size_t>(row);
        if (m_group && !m_groupName.empty() && (*m_group)[r] != m_groupName)
            return false;
        if (!m_enabled)
            return true;
        if (m_padj && !((*m_padj)[r] <= m_padjMax)) // NaN padj never passes
            return false;
        return !m_lfc || std::abs((*m_lfc)[r]) >= m_lfcMin;
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex&) const override { return accepts(sourceRow); }

private:
    const std::vector<double>* m_lfc;
    const std::vector<double>* m_padj;
    const std::vector<std::string>* m_group;
    bool m_enabled = true;
    double m_padjMax = 0.05;
    double m_lfcMin = 1.0;
    std::string m_groupName;
};

bool DeResultView::accepts(const ResultTable& table)
{
    return resultNumbers(table, "log2fc") && resultNumbers(table, "pval");
}

DeResultView::DeResultView(ResultTable table, QWidget* parent) : QWidget(parent)
{
    m_model = new ResultTableModel(std::move(table), this);
    m_proxy = new DeFilterProxy(m_model->table(), this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResultTableModel::SortRole);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    if (const auto* groups = resultTexts(m_model->table(), "group")) {
        m_group = new QComboBox(this);
        m_group->setObjectName(QStringLiteral("groupSelector"));
        QStringList names;
        for (const auto& g : *groups)
            if (!names.contains(QString::fromStdString(g)))
                names << QString::fromStdString(g);
        m_group->addItems(names);
        bar->addWidget(new QLabel(tr("Group:"), this));
        bar->addWidget(m_group);
    }
    m_filterOn = new QCheckBox(tr("Filter:"), this);
    m_filterOn->setChecked(true);
    m_filterOn->setToolTip(tr("Show only the genes within both thresholds"));
    m_padj = new ThresholdSpinBox(this);
    m_padj->setObjectName(QStringLiteral("padjThreshold"));
    m_padj->setPrefix(QStringLiteral("padj \u2264 "));
    m_padj->setDecimals(15);
    m_padj->setRange(0, 1);
    m_padj->setSingleStep(0.01);
    m_padj->setValue(0.05);
    m_padj->setMinimumWidth(m_padj->fontMetrics().horizontalAdvance(QStringLiteral("padj \u2264 0.000001")) + 40);
    m_lfc = new QDoubleSpinBox(this);
    m_lfc->setObjectName(QStringLiteral("lfcThreshold"));
    m_lfc->setPrefix(QStringLiteral("|log₂FC| \u2265 "));
    m_lfc->setDecimals(2);
    m_lfc->setRange(0, 50);
    m_lfc->setSingleStep(0.1);
    m_lfc->setValue(1.0);
    m_count = new QLabel(this);
    auto* exportTableButton = new QPushButton(tr("Export table…"), this);
    exportTableButton->setToolTip(tr("Save the table as CSV or TSV"));
    auto* exportFigureButton = new QPushButton(tr("Export figure…"), this);
    exportFigureButton->setToolTip(tr("Save the visible plot as PNG, SVG or PDF"));
    bar->addWidget(m_filterOn);
    bar->addWidget(m_padj);
    bar->addWidget(m_lfc);
    bar->addWidget(m_count, 1);
    bar->addWidget(exportTableButton);
    bar->addWidget(exportFigureButton);
    layout->addLayout(bar);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_view = new QTableView(splitter);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    if (const int p = resultColumnIndex(m_model->table(), "pval"); p >= 0)
        m_view->sortByColumn(p, Qt::AscendingOrder);
    m_plots = new QTabWidget(splitter);
    m_volcano = new VolcanoPlot(m_plots);
    m_plots->addTab(m_volcano, tr("Volcano"));
    const ResultTable& t = m_model->table();
    if (resultNumbers(t, "mean") && resultNumbers(t, "dispersion")) {
        m_meanDispersion = new MeanDispersionPlot(m_plots);
        m_plots->addTab(m_meanDispersion, tr("Mean–dispersion"));
    }
    splitter->addWidget(m_view);
    splitter->addWidget(m_plots);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    auto fromBoxes = [this] {
        m_volcano->setThresholds(m_padj->value(), m_lfc->value());
        applyFilters();
    };
    connect(m_padj, &QDoubleSpinBox::valueChanged, this, fromBoxes);
    connect(m_lfc, &QDoubleSpinBox::valueChanged, this, fromBoxes);
    connect(m_filterOn, &QCheckBox::toggled, this, [this] { applyFilters(); });
    connect(m_volcano, &VolcanoPlot::thresholdsChanged, this, [this](double padj, double lfc) {
        const QSignalBlocker a(m_padj), b(m_lfc);
        m_padj->setValue(padj);
        m_lfc->setValue(lfc);
        applyFilters();
    });
    connect(m_volcano, &VolcanoPlot::geneClicked, this, &DeResultView::selectRow);
    if (m_meanDispersion)
        connect(m_meanDispersion, &MeanDispersionPlot::geneClicked, this, &DeResultView::selectRow);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        const int row = current.isValid() ? m_proxy->mapToSource(current).row() : -1;
        m_volcano->setHighlightedRow(row);
        if (m_meanDispersion)
            m_meanDispersion->setHighlightedRow(row);
    });
    if (m_group)
        connect(m_group, &QComboBox::currentTextChanged, this, [this] {
            loadPlots();
            applyFilters();
        });
    connect(exportTableButton, &QPushButton::clicked, this, &DeResultView::exportTable);
    connect(exportFigureButton, &QPushButton::clicked, this, &DeResultView::exportFigure);

    m_volcano->setThresholds(m_padj->value(), m_lfc->value());
    loadPlots();
    applyFilters();
}

const ResultTable& DeResultView::table() const
{
    return m_model->table();
}

void DeResultView::loadPlots()
{
    const ResultTable& t = m_model->table();
    const QString group = m_group ? m_group->currentText() : QString();
    const auto* groups = resultTexts(t, "group");
    std::vector<int> rows;
    for (int r = 0; r < static_cast<int>(t.rowCount()); ++r)
        if (!m_group || !groups || QString::fromStdString((*groups)[static_cast<std::size_t>(r)]) == group)
            rows.push_back(r);
    QStringList genes;
    genes.reserve(static_cast<qsizetype>(rows.size()));
    if (const auto* names = featureNames(t))
        for (int r : rows)
            genes << QString::fromStdString((*names)[static_cast<std::size_t>(r)]);
    m_volcano->setData(genes, pick(resultNumbers(t, "log2fc"), rows), pick(resultNumbers(t, "pval"), rows),
                       pick(resultNumbers(t, "padj"), rows), rows);
    if (m_meanDispersion)
        m_meanDispersion->setData(genes, pick(resultNumbers(t, "mean"), rows), pick(resultNumbers(t, "dispersion"), rows),
                                  pick(resultNumbers(t, "dispersion_trend"), rows), pick(resultNumbers(t, "ql_dispersion"), rows),
                                  rows);
    const int selected = selectedRow();
    m_volcano->setHighlightedRow(selected);
    if (m_meanDispersion)
        m_meanDispersion->setHighlightedRow(selected);
}

void DeResultView::applyFilters()
{
    m_proxy->set(m_filterOn->isChecked(), m_padj->value(), m_lfc->value(), m_group ? m_group->currentText() : QString());
    updateCount();
}

void DeResultView::updateCount()
{
    int total = m_model->rowCount();
    if (m_group) {
        const auto* groups = resultTexts(m_model->table(), "group");
        const std::string g = m_group->currentText().toStdString();
        total = static_cast<int>(std::count(groups->begin(), groups->end(), g));
    }
    m_count->setText(tr("%1 of %2 genes").arg(m_proxy->rowCount()).arg(total));
}

void DeResultView::setThresholds(double padj, double lfc)
{
    const QSignalBlocker a(m_padj), b(m_lfc);
    m_padj->setValue(padj);
    m_lfc->setValue(lfc);
    m_volcano->setThresholds(m_padj->value(), m_lfc->value());
    applyFilters();
}

double DeResultView::padjThreshold() const
{
    return m_padj->value();
}

double DeResultView::lfcThreshold() const
{
    return m_lfc->value();
}

std::vector<int> DeResultView::visibleRows() const
{
    std::vector<int> rows;
    rows.reserve(static_cast<std::size_t>(m_proxy->rowCount()));
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows.push_back(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    return rows;
}

int DeResultView::selectedRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void DeResultView::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!at.isValid()) {
        // Hidden by the thresholds: say so rather than silently changing the user's filters.
        const auto* names = featureNames(m_model->table());
        m_count->setText(tr("%1 is outside the filters").arg(
            names ? QString::fromStdString((*names)[static_cast<std::size_t>(row)]) : QString::number(row + 1)));
        m_volcano->setHighlightedRow(row);
        if (m_meanDispersion)
            m_meanDispersion->setHighlightedRow(row);
        return;
    }
    m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(at, QAbstractItemView::PositionAtCenter);
}

QCustomPlot* DeResultView::currentPlot() const
{
    return qobject_cast<QCustomPlot*>(m_plots->currentWidget());
}

QString DeResultView::exportTableTo(const QString& path, bool visibleRowsOnly) const
{
    const ResultTable& t = m_model->table();
    try {
        if (!visibleRowsOnly) {
            writeTableFile(t, path.toStdString());
            return {};
        }
        const std::vector<int> rows = visibleRows();
        ResultTable out;
        out.name = t.name;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            std::visit(
                [&](const auto& column) {
                    std::decay_t<decltype(column)> subset;
                    subset.reserve(rows.size());
                    for (int r : rows)
                        subset.push_back(column[static_cast<std::size_t>(r)]);
                    out.addColumn(t.columnNames[c], std::move(subset));
                },
                t.columns[c]);
        }
        writeTableFile(out, path.toStdString());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString DeResultView::exportFigureTo(const QString& path) const
{
    QCustomPlot* plot = currentPlot();
    return plot ? exportPlot(*plot, path) : tr("No plot to export");
}

void DeResultView::exportTable()
{
    TableExportDialog::run(this, QString::fromStdString(table().name), m_proxy->rowCount(), m_model->rowCount(),
                           [this](const QString& path, bool visibleOnly) { return exportTableTo(path, visibleOnly); });
}

void DeResultView::exportFigure()
{
    QCustomPlot* plot = currentPlot();
    if (!plot)
        return;
    // The shared figure dialog: format, size, DPI, title and light/dark theme for every plot.
    const QString base = m_plots->currentWidget() == m_volcano ? QStringLiteral("volcano") : QStringLiteral("mean_dispersion");
    const QString error = FigureExportDialog::run(*plot, base, QString::fromStdString(m_model->table().name), this);
    if (!error.isEmpty())
        QMessageBox::critical(this, tr("Export failed"), error);
}

} // namespace scdesk
