#include "result_view.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "io/table_writer.h"
#include "result_table_model.h"
#include "util/errors.h"

namespace scdesk {

ResultView::ResultView(ResultTable table, QWidget* parent) : QWidget(parent)
{
    m_model = new ResultTableModel(std::move(table), this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResultTableModel::SortRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by %1").arg(QString::fromStdString(
        m_model->table().columnNames.empty() ? std::string() : m_model->table().columnNames.front())));
    m_filter->setClearButtonEnabled(true);
    auto* count = new QLabel(this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save this table as CSV or TSV"));
    bar->addWidget(m_filter, 1);
    bar->addWidget(count);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    layout->addWidget(m_view, 1);

    auto updateCount = [this, count] {
        count->setText(tr("%1 of %2 rows").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    };
    connect(m_filter, &QLineEdit::textChanged, this, [this, updateCount](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    connect(exportButton, &QPushButton::clicked, this, &ResultView::exportTable);
    updateCount();
}

const ResultTable& ResultView::table() const
{
    return m_model->table();
}

void ResultView::exportTable()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/export")).toString();
    const QString name = QString::fromStdString(table().name);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export table"), dir + QLatin1Char('/') + name + QStringLiteral(".csv"),
                                                      tr("Comma-separated (*.csv);;Tab-separated (*.tsv)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(path).absolutePath());
    try {
        writeTableFile(table(), path.toStdString());
    } catch (const Error& e) {
        QMessageBox::critical(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace scdesk
