#pragma once
// The Cells / Genes table: a FrameTableModel in a QTableView with a text filter, a column chooser,
// sorting by header click, a row count, "Copy" (Ctrl+C: selected rows as TSV with a header) and an
// optional name search with completion. Sorting and filtering run on a worker thread; the GUI
// thread only swaps the finished row order in, and a generation counter drops stale results.
#include <QElapsedTimer>
#include <QThreadPool>
#include <QWidget>
#include <atomic>
#include <memory>

#include "frame_table_model.h"

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QTimer;
class QToolButton;

namespace scdesk {

class FrameTableView : public QWidget {
    Q_OBJECT
public:
    explicit FrameTableView(QWidget* parent = nullptr);
    ~FrameTableView() override; // cancels the running query and waits for the worker

    // Keeps the current sort and filter when the new frame still has those columns.
    void setFrame(std::shared_ptr<const DataFrame> frame);
    void setDataset(std::shared_ptr<const Dataset> dataset, bool genes);
    // Shows a "find by name" box whose completer offers the index names (for the Genes table).
    void setSearchEnabled(bool enabled, const QString& placeholder = {});

    void sortBy(int column, Qt::SortOrder order = Qt::AscendingOrder);
    void setFilter(const QString& text, int column = -1); // starts at once (typing waits a moment)
    const FrameQuery& query() const { return m_query; }
    bool isBusy() const { return m_busy; }
    qint64 lastQueryMs() const { return m_lastQueryMs; }

    // Selects and scrolls to the row named `name` (case-insensitive; exact match first, else the
    // first name containing it). Clears a filter that hides it. False when no name matches.
    bool findName(const QString& name);
    QString selectedRowsAsTsv() const;
    // Linked selection (e.g. the cells selected in an embedding): selects the rows whose flag is
    // set, one flag per source row; an empty vector clears. Kept across sorting and filtering.
    void selectSourceRows(const std::vector<std::uint8_t>& flags);
    std::vector<std::uint32_t> selectedSourceRows() const; // ascending
    void copySelection();
    void retranslate();

    FrameTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLineEdit* searchEdit() const { return m_search; }
    QCompleter* completer() const { return m_completer; }
    QLabel* countLabel() const { return m_count; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void rowsUpdated(); // a sort/filter result (or a new frame) is on screen
    void sourceRowsSelected(); // the user changed the row selection (not selectSourceRows)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void requestUpdate();
    void applyResult(std::uint64_t generation, std::shared_ptr<const RowOrder> order);
    void setBusy(bool busy);
    void updateCount();
    void rebuildColumnControls();
    void updateCompleter();
    void selectViewRow(int row);
    void applyLinkedSelection();

    FrameTableModel* m_model;
    QTableView* m_view;
    QLineEdit* m_search;
    QCompleter* m_completer;
    QLineEdit* m_filter;
    QComboBox* m_filterColumn;
    QToolButton* m_columns;
    QProgressBar* m_busyBar;
    QLabel* m_count;
    QToolButton* m_copy;
    QTimer* m_filterDelay;

    FrameQuery m_query;
    bool m_searchEnabled = false;
    bool m_busy = false;
    qint64 m_lastQueryMs = 0;
    QElapsedTimer m_queryTimer;
    std::uint64_t m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel; // of the query in flight
    std::vector<std::uint8_t> m_linkedFlags;     // the last selectSourceRows(), re-applied after a sort
    bool m_applyingSelection = false;
    std::int64_t m_pendingSelect = -1;           // source row to select once the next result lands
    QThreadPool m_pool;                           // one worker: a new query cancels the running one
};

} // namespace scdesk
