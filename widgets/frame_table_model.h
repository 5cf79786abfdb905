#pragma once
// A read-only table model over an obs or var DataFrame: the index first, then the typed columns.
// Cells are formatted on demand from the columnar storage (no QVariant per cell). Row order is a
// permutation (view row -> source row) computed off the GUI thread by computeFrameView() and
// swapped in with setRowOrder(); QSortFilterProxyModel is too slow for a million rows (app.md §5.2).
#include <QAbstractTableModel>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "data/data_frame.h"

namespace scdesk {

struct Dataset;

using RowOrder = std::vector<std::uint32_t>;

// What the rows should show: filter first, then a stable sort. Columns are model columns
// (0 = index, k = frame column k - 1).
struct FrameQuery {
    int sortColumn = -1; // -1: file order
    Qt::SortOrder order = Qt::AscendingOrder;
    QString filter;       // case-insensitive substring; empty = all rows
    int filterColumn = -1; // -1: the index and every text (string or categorical) column
};

// Pure function, safe on any thread while `frame` is not modified. Returns std::nullopt-like empty
// shared_ptr when `cancel` becomes true (a newer query superseded it).
std::shared_ptr<const RowOrder> computeFrameView(const DataFrame& frame, const FrameQuery& query,
                                                 const std::atomic<bool>* cancel = nullptr);

class FrameTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;         // raw value: double, bool, QString
    static constexpr int CategoryCodeRole = Qt::UserRole + 2; // categorical columns: the code (-1 missing)
    static constexpr int SourceRowRole = Qt::UserRole + 3;    // the row in the frame

    explicit FrameTableModel(QObject* parent = nullptr);

    // `frame` must stay unmodified while the model holds it (datasets are immutable snapshots).
    void setFrame(std::shared_ptr<const DataFrame> frame);
    // obs (cells) or var (genes) of `dataset`, sharing its ownership.
    void setDataset(std::shared_ptr<const Dataset> dataset, bool genes);
    std::shared_ptr<const DataFrame> frame() const { return m_frame; }

    // Swaps in a row order (null = file order). Resets the model.
    void setRowOrder(std::shared_ptr<const RowOrder> order);
    std::size_t sourceRow(int viewRow) const;
    int viewRow(std::size_t sourceRow) const; // -1 when filtered out
    std::size_t sourceRowCount() const { return m_frame ? m_frame->rows() : 0; }

    // Plain text for copying: C-locale numbers at full precision, "true"/"false", empty for missing.
    QString plainText(int viewRow, int column) const;
    // Columns whose content is text (index, string, categorical), for the filter's default.
    bool isTextColumn(int column) const;
    bool isNumericColumn(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Column* column(int modelColumn) const; // null for the index column
    QString displayText(std::size_t row, int column) const;

    std::shared_ptr<const DataFrame> m_frame;
    std::shared_ptr<const RowOrder> m_order;
};

} // namespace scdesk
