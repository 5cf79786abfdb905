#pragma once
// The Jobs dock: one row per job with a progress bar, status, elapsed time and Cancel; for
// analysis jobs "Copy as command" and "Save spec…".
#include <QDockWidget>
#include <map>

class QTreeWidget;
class QTreeWidgetItem;
class QTimer;

namespace scdesk {

class JobManager;

class JobsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit JobsDock(JobManager* jobs, QWidget* parent = nullptr);
    void retranslate();
    // The command line and spec of a job (empty when it has no spec); used by the menu actions.
    QString commandFor(int id) const;
    void copyCommand(int id);
    void saveSpec(int id);

private:
    enum Column { TitleColumn, ProgressColumn, StatusColumn, ElapsedColumn, CancelColumn, ColumnCount };
    void addRow(int id);
    void updateRow(int id);
    void removeRow(int id);
    int currentJob() const;
    void showMenu(const QPoint& pos);

    JobManager* m_jobs;
    QTreeWidget* m_tree;
    QTimer* m_clock;
    std::map<int, QTreeWidgetItem*> m_rows;
};

} // namespace scdesk
