#include "result_table_model.h"

#include <QLocale>
#include <cmath>

namespace scdesk {

ResultTableModel::ResultTableModel(ResultTable table, QObject* parent)
    : QAbstractTableModel(parent), m_table(std::move(table))
{
}

int ResultTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rowCount());
}

int ResultTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant ResultTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const auto& column = m_table.columns[static_cast<std::size_t>(index.column())];
    const auto row = static_cast<std::size_t>(index.row());
    if (const auto* nums = std::get_if<std::vector<double>>(&column)) {
        const double v = (*nums)[row];
        if (role == SortRole || role == Qt::EditRole)
            return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
        if (role == Qt::DisplayRole)
            return std::isnan(v) ? QStringLiteral("NA") : QLocale().toString(v, 'g', 6);
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::EditRole)
        return QString::fromStdString(std::get<std::vector<std::string>>(column)[row]);
    return {};
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return QString::fromStdString(m_table.columnNames[static_cast<std::size_t>(section)]);
    return section + 1;
}

} // namespace scdesk
