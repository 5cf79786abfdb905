#pragma once
// Every message scDesk logs (Qt's qDebug/qInfo/qWarning by category, plus job messages), for the
// Log dock. Appends are cheap; the model keeps the newest kMaxEntries.
#include <QAbstractTableModel>
#include <QDateTime>
#include <QString>
#include <QtGlobal>
#include <deque>

namespace scdesk {

struct LogEntry {
    QDateTime time;
    QtMsgType level = QtInfoMsg;
    QString category;
    QString message;
};

class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 };
    static constexpr int kMaxEntries = 20000;

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void append(const LogEntry& entry); // GUI thread only
    QStringList categories() const;
    static QString levelName(QtMsgType level);

Q_SIGNALS:
    void categoryAdded(const QString& category);

private:
    std::deque<LogEntry> m_entries;
    QStringList m_categories;
};

} // namespace scdesk
