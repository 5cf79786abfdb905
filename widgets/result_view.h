#pragma once
// A result table with sorting, a text filter on the first column, and CSV/TSV export.
#include <QWidget>

#include "analysis/analysis_result.h"

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace scdesk {

class ResultTableModel;

class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(ResultTable table, QWidget* parent = nullptr);
    const ResultTable& table() const;
    // Asks for a file name, then writes CSV or TSV (by suffix); errors go to a message box.
    void exportTable();
    QTableView* view() const { return m_view; }

private:
    ResultTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_view;
};

} // namespace scdesk
