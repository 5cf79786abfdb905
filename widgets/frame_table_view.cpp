#include "frame_table_view.h"

#include <QAbstractItemView>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QStringListModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>

#include "data/dataset.h"

namespace scdesk {

FrameTableView::FrameTableView(QWidget* parent) : QWidget(parent)
{
    m_pool.setMaxThreadCount(1);
    m_model = new FrameTableModel(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("tableSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setVisible(false);
    m_completer = new QCompleter(this);
    m_completer->setModel(new QStringListModel(m_completer));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_search->setCompleter(m_completer);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& name) { findName(name); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findName(m_search->text()); });

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("tableFilter"));
    m_filter->setClearButtonEnabled(true);
    // Dropped files belong to the window (it opens .h5ad files), not to these text fields.
    m_filter->setAcceptDrops(false);
    m_search->setAcceptDrops(false);
    m_filterColumn = new QComboBox(this);
    m_filterColumn->setObjectName(QStringLiteral("tableFilterColumn"));
    m_filterColumn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_columns = new QToolButton(this);
    m_columns->setObjectName(QStringLiteral("tableColumns"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_columns->setMenu(new QMenu(m_columns));
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // indeterminate
    m_busyBar->setMaximumWidth(80);
    m_busyBar->setMaximumHeight(12);
    m_busyBar->setTextVisible(false);
    m_busyBar->setVisible(false);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("tableRowCount"));
    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("tableCopy"));
    bar->addWidget(m_search, 1);
    bar->addWidget(m_filter, 2);
    bar->addWidget(m_filterColumn);
    bar->addWidget(m_columns);
    bar->addWidget(m_busyBar);
    bar->addWidget(m_count);
    bar->addWidget(m_copy);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("tableView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_applyingSelection)
            return;
        m_linkedFlags.clear();
        Q_EMIT sourceRowsSelected();
    });
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    // Fixed row heights keep a million rows cheap (no per-row size queries).
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->verticalHeader()->setVisible(false);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setResizeContentsPrecision(200);
    header->setStretchLastSection(true);
    layout->addWidget(m_view, 1);
    m_view->installEventFilter(this);

    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(200);
    connect(m_filterDelay, &QTimer::timeout, this, [this] {
        m_query.filter = m_filter->text();
        requestUpdate();
    });
    connect(m_filter, &QLineEdit::textEdited, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_filterDelay->stop();
        m_query.filter = m_filter->text();
        requestUpdate();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty() && !m_query.filter.isEmpty()) { // the clear button
            m_filterDelay->stop();
            m_query.filter.clear();
            requestUpdate();
        }
    });
    connect(m_filterColumn, qOverload<int>(&QComboBox::activated), this, [this](int i) {
        m_query.filterColumn = m_filterColumn->itemData(i).toInt();
        if (!m_query.filter.isEmpty())
            requestUpdate();
    });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        m_query.sortColumn = column;
        m_query.order = order;
        requestUpdate();
    });
    connect(m_copy, &QToolButton::clicked, this, &FrameTableView::copySelection);

    retranslate();
    updateCount();
}

FrameTableView::~FrameTableView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
}

void FrameTableView::retranslate()
{
    m_search->setToolTip(tr("Type a name; choose a suggestion to select and show that row"));
    m_filter->setPlaceholderText(tr("Filter rows…"));
    m_filter->setToolTip(tr("Show rows whose text contains this (case-insensitive)"));
    m_columns->setText(tr("Columns"));
    m_columns->setToolTip(tr("Choose the columns to show"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the selected rows as tab-separated text with a header (Ctrl+C)"));
    m_busyBar->setToolTip(tr("Sorting and filtering…"));
    rebuildColumnControls();
    updateCount();
}

void FrameTableView::setSearchEnabled(bool enabled, const QString& placeholder)
{
    m_searchEnabled = enabled;
    m_search->setVisible(enabled);
    m_search->setPlaceholderText(placeholder.isEmpty() ? tr("Find…") : placeholder);
    updateCompleter();
}

void FrameTableView::setDataset(std::shared_ptr<const Dataset> dataset, bool genes)
{
    if (!dataset) {
        setFrame({});
        return;
    }
    setFrame(std::shared_ptr<const DataFrame>(dataset, genes ? &dataset->var : &dataset->obs));
}

void FrameTableView::setFrame(std::shared_ptr<const DataFrame> frame)
{
    const int columns = frame ? static_cast<int>(frame->columns.size()) + 1 : 0;
    // Keep the user's sort and filter only when the columns are still the same.
    const bool sameColumns = m_model->frame() && frame && m_model->columnCount() == columns;
    if (!sameColumns) {
        m_query.sortColumn = -1;
        m_query.filterColumn = -1;
        const QSignalBlocker block(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    }
    m_model->setFrame(std::move(frame));
    rebuildColumnControls();
    if (m_model->frame() && !sameColumns) {
        m_view->horizontalHeader()->setDefaultSectionSize(110);
        m_view->resizeColumnsToContents(); // looks at the first rows only (resize precision)
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_view->setColumnWidth(c, std::clamp(m_view->columnWidth(c), 60, 260));
    }
    updateCompleter();
    if (!m_query.filter.isEmpty() || m_query.sortColumn >= 0) {
        requestUpdate();
    } else {
        ++m_generation; // a query still in flight was for the old frame
        if (m_cancel)
            m_cancel->store(true);
        setBusy(false);
        updateCount();
        Q_EMIT rowsUpdated();
    }
}

void FrameTableView::rebuildColumnControls()
{
    const int keep = m_query.filterColumn;
    m_filterColumn->clear();
    m_filterColumn->addItem(tr("All text columns"), -1);
    QMenu* menu = m_columns->menu();
    menu->clear();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString name = m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        m_filterColumn->addItem(name, c);
        if (c == 0)
            continue; // the names always stay
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(c));
        connect(action, &QAction::toggled, this, [this, c](bool on) { m_view->setColumnHidden(c, !on); });
    }
    m_columns->setEnabled(m_model->columnCount() > 1);
    m_filterColumn->setCurrentIndex(std::max(0, m_filterColumn->findData(keep)));
}

void FrameTableView::updateCompleter()
{
    auto* list = static_cast<QStringListModel*>(m_completer->model());
    QStringList names;
    if (m_searchEnabled && m_model->frame()) {
        names.reserve(static_cast<qsizetype>(m_model->frame()->rows()));
        for (const std::string& n : m_model->frame()->index)
            names.append(QString::fromStdString(n));
    }
    list->setStringList(names);
    m_search->setEnabled(!names.isEmpty());
}

void FrameTableView::sortBy(int column, Qt::SortOrder order)
{
    {
        const QSignalBlocker block(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(column, order);
    }
    m_query.sortColumn = column;
    m_query.order = order;
    requestUpdate();
}

void FrameTableView::setFilter(const QString& text, int column)
{
    m_filterDelay->stop();
    if (m_filter->text() != text) {
        const QSignalBlocker block(m_filter);
        m_filter->setText(text);
    }
    m_query.filter = text;
    m_query.filterColumn = column;
    m_filterColumn->setCurrentIndex(std::max(0, m_filterColumn->findData(column)));
    requestUpdate();
}

void FrameTableView::requestUpdate()
{
    const std::uint64_t generation = ++m_generation;
    if (m_cancel)
        m_cancel->store(true); // the worker gives up at its next check
    const auto frame = m_model->frame();
    if (!frame) {
        setBusy(false);
        updateCount();
        return;
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    setBusy(true);
    auto* watcher = new QFutureWatcher<std::shared_ptr<const RowOrder>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        applyResult(generation, watcher->future().resultCount() > 0 ? watcher->result() : nullptr);
    });
    const FrameQuery query = m_query;
    const auto cancel = m_cancel;
    m_queryTimer.start();
    watcher->setFuture(QtConcurrent::run(&m_pool, [frame, query, cancel] { return computeFrameView(*frame, query, cancel.get()); }));
}

void FrameTableView::applyResult(std::uint64_t generation, std::shared_ptr<const RowOrder> order)
{
    if (generation != m_generation || !order)
        return; // superseded by a newer query
    m_lastQueryMs = m_queryTimer.elapsed();
    const bool identity = m_query.filter.isEmpty() && m_query.sortColumn < 0;
    m_model->setRowOrder(identity ? nullptr : std::move(order));
    setBusy(false);
    updateCount();
    applyLinkedSelection();
    if (m_pendingSelect >= 0) {
        selectViewRow(m_model->viewRow(static_cast<std::size_t>(m_pendingSelect)));
        m_pendingSelect = -1;
    }
    Q_EMIT rowsUpdated();
}

void FrameTableView::setBusy(bool busy)
{
    m_busyBar->setVisible(busy);
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void FrameTableView::updateCount()
{
    const QLocale locale;
    const auto total = static_cast<qlonglong>(m_model->sourceRowCount());
    const auto shown = static_cast<qlonglong>(m_model->rowCount());
    m_count->setText(shown == total ? tr("%1 rows").arg(locale.toString(total))
                                    : tr("%1 of %2 rows").arg(locale.toString(shown), locale.toString(total)));
}

bool FrameTableView::findName(const QString& name)
{
    const auto frame = m_model->frame();
    const QString wanted = name.trimmed();
    if (!frame || wanted.isEmpty())
        return false;
    const QByteArray utf8 = wanted.toUtf8();
    std::int64_t found = -1;
    for (std::size_t r = 0; r < frame->rows() && found < 0; ++r)
        if (frame->index[r] == utf8.constData())
            found = static_cast<std::int64_t>(r);
    for (std::size_t r = 0; r < frame->rows() && found < 0; ++r)
        if (QString::fromStdString(frame->index[r]).compare(wanted, Qt::CaseInsensitive) == 0)
            found = static_cast<std::int64_t>(r);
    for (std::size_t r = 0; r < frame->rows() && found < 0; ++r)
        if (QString::fromStdString(frame->index[r]).contains(wanted, Qt::CaseInsensitive))
            found = static_cast<std::int64_t>(r);
    if (found < 0)
        return false;
    const int row = m_model->viewRow(static_cast<std::size_t>(found));
    if (row < 0 || m_busy) {
        // Hidden by the filter (or a result is on its way): clear it and select when it lands.
        m_pendingSelect = found;
        if (row < 0)
            setFilter(QString(), m_query.filterColumn);
        return true;
    }
    selectViewRow(row);
    return true;
}

void FrameTableView::selectSourceRows(const std::vector<std::uint8_t>& flags)
{
    m_linkedFlags = flags.size() == m_model->sourceRowCount() ? flags : std::vector<std::uint8_t>{};
    applyLinkedSelection();
}

void FrameTableView::applyLinkedSelection()
{
    if (m_linkedFlags.size() != m_model->sourceRowCount())
        m_linkedFlags.clear(); // a new frame
    // Runs of consecutive selected view rows become one range each.
    QItemSelection selection;
    const int rows = m_model->rowCount();
    const int columns = m_model->columnCount() - 1;
    int start = -1;
    for (int r = 0; r <= rows; ++r) {
        const bool on = r < rows && !m_linkedFlags.empty() && m_linkedFlags[m_model->sourceRow(r)];
        if (on && start < 0)
            start = r;
        if (!on && start >= 0) {
            selection.select(m_model->index(start, 0), m_model->index(r - 1, std::max(0, columns)));
            start = -1;
        }
    }
    m_applyingSelection = true;
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_applyingSelection = false;
}

std::vector<std::uint32_t> FrameTableView::selectedSourceRows() const
{
    std::vector<std::uint32_t> rows;
    for (const QItemSelectionRange& range : m_view->selectionModel()->selection())
        for (int r = range.top(); r <= range.bottom(); ++r)
            rows.push_back(static_cast<std::uint32_t>(m_model->sourceRow(r)));
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

void FrameTableView::selectViewRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

QString FrameTableView::selectedRowsAsTsv() const
{
    // Walk the selection ranges rather than selectedRows(): cheap even with every row selected.
    std::vector<std::pair<int, int>> ranges;
    for (const QItemSelectionRange& range : m_view->selectionModel()->selection())
        ranges.emplace_back(range.top(), range.bottom());
    if (ranges.empty())
        return {};
    std::sort(ranges.begin(), ranges.end());
    // Visible columns in on-screen order.
    std::vector<int> columns;
    const QHeaderView* header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.push_back(logical);
    }
    auto clean = [](QString s) { return s.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' ')); };
    QString out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i)
            out += QLatin1Char('\t');
        out += clean(m_model->headerData(columns[i], Qt::Horizontal, Qt::DisplayRole).toString());
    }
    out += QLatin1Char('\n');
    int last = -1;
    for (const auto& [top, bottom] : ranges) {
        for (int row = std::max(top, last + 1); row <= bottom; ++row) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (i)
                    out += QLatin1Char('\t');
                out += clean(m_model->plainText(row, columns[i]));
            }
            out += QLatin1Char('\n');
        }
        last = std::max(last, bottom);
    }
    return out;
}

void FrameTableView::copySelection()
{
    const QString text = selectedRowsAsTsv();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

bool FrameTableView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view) {
        if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
            event->accept(); // keep Ctrl+C for the table, not a window-wide shortcut
            return true;
        }
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
            copySelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace scdesk
