#include "log_model.h"

#include <QBrush>
#include <QColor>

namespace scdesk {

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::levelName(QtMsgType level)
{
    switch (level) {
    case QtDebugMsg: return tr("Debug");
    case QtInfoMsg: return tr("Info");
    case QtWarningMsg: return tr("Warning");
    case QtCriticalMsg: return tr("Error");
    case QtFatalMsg: return tr("Fatal");
    }
    return {};
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const LogEntry& e = m_entries[static_cast<std::size_t>(index.row())];
    if (role == LevelRole)
        return static_cast<int>(e.level);
    if (role == Qt::ForegroundRole && index.column() == LevelColumn) {
        if (e.level == QtWarningMsg)
            return QBrush(QColor(0xd9, 0x8c, 0x00));
        if (e.level == QtCriticalMsg || e.level == QtFatalMsg)
            return QBrush(QColor(0xd6, 0x27, 0x28));
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case LevelColumn: return levelName(e.level);
    case CategoryColumn: return e.category;
    case MessageColumn: return e.message;
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case LevelColumn: return tr("Level");
    case CategoryColumn: return tr("Category");
    case MessageColumn: return tr("Message");
    }
    return {};
}

void LogModel::append(const LogEntry& entry)
{
    if (static_cast<int>(m_entries.size()) >= kMaxEntries) {
        beginRemoveRows({}, 0, 0);
        m_entries.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    endInsertRows();
    if (!m_categories.contains(entry.category)) {
        m_categories.append(entry.category);
        Q_EMIT categoryAdded(entry.category);
    }
}

QStringList LogModel::categories() const
{
    return m_categories;
}

} // namespace scdesk
