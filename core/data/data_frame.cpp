#include "data/data_frame.h"

#include <algorithm>

#include "util/errors.h"

namespace scdesk {

std::size_t columnLength(const ColumnData& data)
{
    return std::visit(
        [](const auto& c) -> std::size_t {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CategoricalColumn>)
                return c.codes.size();
            else
                return c.values.size();
        },
        data);
}

const char* columnKindName(const ColumnData& data)
{
    switch (data.index()) {
    case 0: return "numeric";
    case 1: return "categorical";
    case 2: return "bool";
    default: return "string";
    }
}

const Column* DataFrame::find(const std::string& name) const
{
    auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == name; });
    return it == columns.end() ? nullptr : &*it;
}

const Column& DataFrame::require(const std::string& name, const char* what) const
{
    if (const Column* c = find(name))
        return *c;
    throw InvalidInput(std::string("column '") + name + "' not found in " + what);
}

void DataFrame::set(Column column)
{
    if (columnLength(column.data) != rows())
        throw InvalidInput("column '" + column.name + "' has " + std::to_string(columnLength(column.data))
                           + " values, the table has " + std::to_string(rows()) + " rows");
    for (auto& c : columns)
        if (c.name == column.name) {
            c = std::move(column);
            return;
        }
    columns.push_back(std::move(column));
}

} // namespace scdesk
