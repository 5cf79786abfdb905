#include "log_dock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "log_model.h"

namespace scdesk {

// Filters by level (at least), category (exact, or all) and a case-insensitive text search.
class LogFilterModel : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    int minimumLevel = 0; // ranks: debug 0, info 1, warning 2, error 3
    QString category;
    QString text;

    void refresh() { invalidateFilter(); }

    static int rank(QtMsgType t)
    {
        switch (t) {
        case QtDebugMsg: return 0;
        case QtInfoMsg: return 1;
        case QtWarningMsg: return 2;
        default: return 3;
        }
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const auto* m = sourceModel();
        const auto level = static_cast<QtMsgType>(m->index(row, 0, parent).data(LogModel::LevelRole).toInt());
        if (rank(level) < minimumLevel)
            return false;
        if (!category.isEmpty() && m->index(row, LogModel::CategoryColumn, parent).data().toString() != category)
            return false;
        return text.isEmpty()
               || m->index(row, LogModel::MessageColumn, parent).data().toString().contains(text, Qt::CaseInsensitive);
    }
};

LogDock::LogDock(LogModel* model, QWidget* parent) : QDockWidget(tr("Log"), parent)
{
    setObjectName(QStringLiteral("logDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_level = new QComboBox(body);
    m_level->addItems({tr("Debug and above"), tr("Info and above"), tr("Warnings and errors"), tr("Errors only")});
    m_level->setCurrentIndex(1);
    m_category = new QComboBox(body);
    m_category->addItem(tr("All categories"), QString());
    for (const QString& c : model->categories())
        m_category->addItem(c, c);
    m_text = new QLineEdit(body);
    m_text->setPlaceholderText(tr("Search messages"));
    m_text->setClearButtonEnabled(true);
    bar->addWidget(new QLabel(tr("Show:"), body));
    bar->addWidget(m_level);
    bar->addWidget(m_category);
    bar->addWidget(m_text, 1);
    layout->addLayout(bar);

    m_filter = new LogFilterModel(this);
    m_filter->setSourceModel(model);
    m_view = new QTableView(body);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(LogModel::TimeColumn, fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000__")));
    layout->addWidget(m_view);
    setWidget(body);

    connect(model, &LogModel::categoryAdded, this, [this](const QString& c) { m_category->addItem(c, c); });
    connect(model, &QAbstractItemModel::rowsInserted, m_view, [this] { m_view->scrollToBottom(); });
    connect(m_level, &QComboBox::currentIndexChanged, this, &LogDock::updateFilter);
    connect(m_category, &QComboBox::currentIndexChanged, this, &LogDock::updateFilter);
    connect(m_text, &QLineEdit::textChanged, this, &LogDock::updateFilter);
    updateFilter();
}

void LogDock::updateFilter()
{
    m_filter->minimumLevel = m_level->currentIndex();
    m_filter->category = m_category->currentData().toString();
    m_filter->text = m_text->text();
    m_filter->refresh();
}

} // namespace scdesk
