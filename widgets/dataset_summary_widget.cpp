#include "dataset_summary_widget.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "data/dataset.h"

namespace scdesk {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

namespace {

QString kindName(const ColumnData& d)
{
    switch (d.index()) {
    case 0: return DatasetSummaryWidget::tr("numeric");
    case 1: return DatasetSummaryWidget::tr("categorical");
    case 2: return DatasetSummaryWidget::tr("boolean");
    default: return DatasetSummaryWidget::tr("text");
    }
}

QString describe(const Matrix& m)
{
    const QLocale locale;
    const QString shape = DatasetSummaryWidget::tr("%1 × %2").arg(locale.toString(m.rows()), locale.toString(m.cols()));
    const QString dtype = QString::fromStdString(m.dtype());
    if (m.isNone())
        return DatasetSummaryWidget::tr("absent");
    if (m.dense())
        return DatasetSummaryWidget::tr("dense %1, %2, %3").arg(shape, dtype, formatBytes(m.bytes()));
    const double cells = static_cast<double>(m.rows()) * static_cast<double>(m.cols());
    const double density = cells > 0 ? 100.0 * static_cast<double>(m.storedValues()) / cells : 0.0;
    return DatasetSummaryWidget::tr("sparse %1 %2, %3, %4 stored values (%5 % dense), %6")
        .arg(QString::fromLatin1(m.kindName()).toUpper(), shape, dtype, locale.toString(m.storedValues()))
        .arg(density, 0, 'f', 1)
        .arg(formatBytes(m.bytes()));
}

void addFrame(QTreeWidget* tree, const QString& title, const DataFrame& frame)
{
    auto* item = new QTreeWidgetItem(tree, {title, DatasetSummaryWidget::tr("%n column(s)", nullptr,
                                                                            static_cast<int>(frame.columns.size()))});
    for (const auto& c : frame.columns) {
        QString detail = kindName(c.data);
        if (const auto* cat = std::get_if<CategoricalColumn>(&c.data))
            detail += DatasetSummaryWidget::tr(", %n categories", nullptr, static_cast<int>(cat->categories.size()));
        new QTreeWidgetItem(item, {QString::fromStdString(c.name), detail});
    }
}

} // namespace

DatasetSummaryWidget::DatasetSummaryWidget(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(tr("No dataset open"), this);
    m_title->setObjectName(QStringLiteral("datasetTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_shape = new QLabel(this);
    m_shape->setObjectName(QStringLiteral("datasetShape"));
    m_shape->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({tr("Element"), tr("Details")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(m_title);
    layout->addWidget(m_shape);
    layout->addWidget(m_tree, 1);
}

QString DatasetSummaryWidget::shapeText() const
{
    return m_shape->text();
}

void DatasetSummaryWidget::setDataset(std::shared_ptr<const Dataset> dataset, const QString& title)
{
    m_tree->clear();
    if (!dataset) {
        m_title->setText(tr("No dataset open"));
        m_shape->clear();
        return;
    }
    const QLocale locale;
    const Dataset& d = *dataset;
    m_title->setText(title);
    m_shape->setText(tr("%1 cells × %2 genes").arg(locale.toString(d.nObs()), locale.toString(d.nVars())));

    new QTreeWidgetItem(m_tree, {tr("X"), describe(d.X)});
    if (d.raw)
        new QTreeWidgetItem(m_tree, {tr("raw"), describe(d.raw->X)});
    new QTreeWidgetItem(m_tree, {tr("Memory estimate"), formatBytes(d.memoryBytes())});
    addFrame(m_tree, tr("obs (cells)"), d.obs);
    addFrame(m_tree, tr("var (genes)"), d.var);
    auto* layers = new QTreeWidgetItem(m_tree, {tr("layers"), QString::number(d.layers.size())});
    for (const auto& [name, m] : d.layers)
        new QTreeWidgetItem(layers, {QString::fromStdString(name), describe(m)});
    auto addArrays = [&](const QString& label, const std::map<std::string, AxisArray>& arrays) {
        auto* item = new QTreeWidgetItem(m_tree, {label, QString::number(arrays.size())});
        for (const auto& [name, a] : arrays)
            new QTreeWidgetItem(item, {QString::fromStdString(name),
                                       tr("%1 × %2").arg(locale.toString(axisArrayRows(a)), locale.toString(axisArrayCols(a)))});
    };
    addArrays(tr("obsm"), d.obsm);
    addArrays(tr("varm"), d.varm);
    auto addGraphs = [&](const QString& label, const std::map<std::string, Matrix>& graphs) {
        auto* item = new QTreeWidgetItem(m_tree, {label, QString::number(graphs.size())});
        for (const auto& [name, m] : graphs)
            new QTreeWidgetItem(item, {QString::fromStdString(name), describe(m)});
    };
    addGraphs(tr("obsp"), d.obsp);
    addGraphs(tr("varp"), d.varp);
    auto* uns = new QTreeWidgetItem(m_tree, {tr("uns"), QString::number(d.uns.size())});
    for (const auto& [key, value] : d.uns.items())
        new QTreeWidgetItem(uns, {QString::fromStdString(key), QString::fromLatin1(value.type_name())});
    m_tree->topLevelItem(d.raw ? 3 : 2)->setExpanded(true); // obs
}

} // namespace scdesk
