#include "result_columns.h"

#include <type_traits>

namespace scdesk {

int resultColumnIndex(const ResultTable& table, const std::string& name)
{
    for (std::size_t c = 0; c < table.columnNames.size(); ++c)
        if (table.columnNames[c] == name)
            return static_cast<int>(c);
    return -1;
}

const std::vector<double>* resultNumbers(const ResultTable& table, const std::string& name)
{
    const int c = resultColumnIndex(table, name);
    return c < 0 ? nullptr : std::get_if<std::vector<double>>(&table.columns[static_cast<std::size_t>(c)]);
}

const std::vector<std::string>* resultTexts(const ResultTable& table, const std::string& name)
{
    const int c = resultColumnIndex(table, name);
    return c < 0 ? nullptr : std::get_if<std::vector<std::string>>(&table.columns[static_cast<std::size_t>(c)]);
}

QString resultAttribute(const ResultTable& table, const std::string& key)
{
    const auto it = table.attributes.find(key);
    return it == table.attributes.end() ? QString() : QString::fromStdString(it->second);
}

double resultNumberAttribute(const ResultTable& table, const std::string& key, double fallback)
{
    bool ok = false;
    // The attributes are written in the C locale ("0.05"), whatever the user's locale.
    const double v = resultAttribute(table, key).toDouble(&ok);
    return ok ? v : fallback;
}

ResultTable resultRows(const ResultTable& table, const std::vector<int>& rows)
{
    ResultTable out;
    out.name = table.name;
    out.attributes = table.attributes;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        std::visit(
            [&](const auto& column) {
                std::decay_t<decltype(column)> subset;
                subset.reserve(rows.size());
                for (int r : rows)
                    subset.push_back(column[static_cast<std::size_t>(r)]);
                out.addColumn(table.columnNames[c], std::move(subset));
            },
            table.columns[c]);
    return out;
}

} // namespace scdesk
