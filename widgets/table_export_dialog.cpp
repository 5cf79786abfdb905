#include "table_export_dialog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace scdesk {

void TableExportDialog::run(QWidget* parent, const QString& baseName, int filteredRows, int allRows,
                            const std::function<QString(const QString& path, bool filteredOnly)>& write)
{
    bool filteredOnly = false;
    if (filteredRows != allRows) {
        QMessageBox ask(QMessageBox::Question, tr("Export table"), tr("Which rows should the file hold?"),
                        QMessageBox::Cancel, parent);
        auto* filtered = ask.addButton(tr("Filtered rows (%1)").arg(filteredRows), QMessageBox::AcceptRole);
        auto* all = ask.addButton(tr("All rows (%1)").arg(allRows), QMessageBox::AcceptRole);
        ask.setDefaultButton(filtered);
        ask.exec();
        if (ask.clickedButton() != filtered && ask.clickedButton() != all)
            return;
        filteredOnly = ask.clickedButton() == filtered;
    }
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/export")).toString();
    const QString path = QFileDialog::getSaveFileName(parent, tr("Export table"),
                                                      dir + QLatin1Char('/') + baseName + QStringLiteral(".csv"),
                                                      tr("Comma-separated (*.csv);;Tab-separated (*.tsv)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(path).absolutePath());
    const QString error = write(path, filteredOnly);
    if (!error.isEmpty())
        QMessageBox::critical(parent, tr("Export failed"), error);
}

} // namespace scdesk
