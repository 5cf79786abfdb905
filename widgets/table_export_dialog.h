#pragma once
// "Export table…" for result views with filters: asks whether the file should hold the filtered
// rows or all of them (only when they differ), then a CSV/TSV file name (remembering the folder),
// and reports a failed write in a message box.
#include <QCoreApplication>
#include <QString>
#include <functional>

class QWidget;

namespace scdesk {

class TableExportDialog {
    Q_DECLARE_TR_FUNCTIONS(scdesk::TableExportDialog)
public:
    // `write(path, filteredOnly)` writes the file and returns an error message, empty on success.
    static void run(QWidget* parent, const QString& baseName, int filteredRows, int allRows,
                    const std::function<QString(const QString& path, bool filteredOnly)>& write);
};

} // namespace scdesk
