#pragma once
// The Log dock: all messages, filterable by minimum level, category and text.
#include <QDockWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace scdesk {

class LogModel;
class LogFilterModel;

class LogDock : public QDockWidget {
    Q_OBJECT
public:
    LogDock(LogModel* model, QWidget* parent = nullptr);

private:
    void updateFilter();

    LogFilterModel* m_filter;
    QComboBox* m_level;
    QComboBox* m_category;
    QLineEdit* m_text;
    QTableView* m_view;
};

} // namespace scdesk
