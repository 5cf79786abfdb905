#include "io/table_writer.h"

#include <cmath>
#include <cstdio>

#include "io/atomic_file.h"

namespace scdesk {

namespace {

std::string quoted(const std::string& field, TableFormat format)
{
    if (format == TableFormat::Tsv) {
        std::string clean = field; // TSV has no quoting: tabs and newlines become spaces
        for (char& c : clean)
            if (c == '\t' || c == '\n' || c == '\r')
                c = ' ';
        return clean;
    }
    if (field.find_first_of(",\"\n\r") == std::string::npos)
        return field;
    std::string out = "\"";
    for (char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string formatNumber(double v)
{
    if (std::isnan(v))
        return "NA";
    if (std::isinf(v))
        return v > 0 ? "Inf" : "-Inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

} // namespace

TableFormat tableFormatForPath(const std::string& path)
{
    auto endsWith = [&](const char* s) {
        const std::string suffix(s);
        return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return endsWith(".tsv") || endsWith(".txt") || endsWith(".tab") ? TableFormat::Tsv : TableFormat::Csv;
}

void writeTable(const ResultTable& table, std::ostream& out, TableFormat format)
{
    const char sep = format == TableFormat::Csv ? ',' : '\t';
    for (std::size_t c = 0; c < table.columnNames.size(); ++c)
        out << (c ? std::string(1, sep) : std::string()) << quoted(table.columnNames[c], format);
    out << '\n';
    const std::size_t rows = table.rowCount();
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (c)
                out << sep;
            if (auto* nums = std::get_if<std::vector<double>>(&table.columns[c]))
                out << formatNumber((*nums)[r]);
            else
                out << quoted(std::get<std::vector<std::string>>(table.columns[c])[r], format);
        }
        out << '\n';
    }
}

void writeTableFile(const ResultTable& table, const std::string& path)
{
    const TableFormat format = tableFormatForPath(path);
    writeFileAtomically(path, [&](std::ostream& out) { writeTable(table, out, format); });
}

} // namespace scdesk
