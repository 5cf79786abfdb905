#pragma once
// A read-only table model over a ResultTable (columnar, no QVariant per cell). Numeric columns
// sort numerically through SortRole.
#include <QAbstractTableModel>

#include "analysis/analysis_result.h"

namespace scdesk {

class ResultTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ResultTableModel(ResultTable table, QObject* parent = nullptr);
    const ResultTable& table() const { return m_table; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ResultTable m_table;
};

} // namespace scdesk
