#include "analysis/analysis_result.h"

#include "util/errors.h"

namespace scdesk {

std::size_t ResultTable::rowCount() const
{
    if (columns.empty())
        return 0;
    return std::visit([](const auto& v) { return v.size(); }, columns.front());
}

void ResultTable::addColumn(std::string columnName, ColumnValues values)
{
    const std::size_t n = std::visit([](const auto& v) { return v.size(); }, values);
    if (!columns.empty() && n != rowCount())
        throw Error("result table '" + name + "': column '" + columnName + "' has " + std::to_string(n)
                    + " rows, expected " + std::to_string(rowCount()));
    columnNames.push_back(std::move(columnName));
    columns.push_back(std::move(values));
}

} // namespace scdesk
