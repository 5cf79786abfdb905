#pragma once
// obs / var tables: a named index and typed columns, as anndata stores them.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace scdesk {

// Numbers as float64. Nullable integers (anndata's nullable-integer) keep their mask; plain
// float columns mark missing values as NaN. `integer` remembers that the file stored integers.
struct NumericColumn {
    std::vector<double> values{};
    std::vector<std::uint8_t> mask{}; // empty, or 1 = missing, per row
    bool integer = false;
};

// Categories are held as text; numeric or boolean categories in a file are formatted as text.
struct CategoricalColumn {
    std::vector<std::int32_t> codes{}; // -1 = missing
    std::vector<std::string> categories{};
    bool ordered = false;
};

struct BoolColumn {
    std::vector<std::uint8_t> values{};
    std::vector<std::uint8_t> mask{}; // empty, or 1 = missing (nullable-boolean)
};

struct StringColumn {
    std::vector<std::string> values{};
    std::vector<std::uint8_t> mask{}; // empty, or 1 = missing (nullable-string-array)
};

using ColumnData = std::variant<NumericColumn, CategoricalColumn, BoolColumn, StringColumn>;

struct Column {
    std::string name;
    ColumnData data;
};

std::size_t columnLength(const ColumnData& data);
// "numeric", "categorical", "bool" or "string", the names `scdesk-cli info --json` uses.
const char* columnKindName(const ColumnData& data);

class DataFrame {
public:
    std::string indexName = "_index";
    std::vector<std::string> index;
    std::vector<Column> columns;

    std::size_t rows() const { return index.size(); }
    const Column* find(const std::string& name) const;
    // Throws InvalidInput naming `what` (e.g. "obs") when the column is absent.
    const Column& require(const std::string& name, const char* what) const;
    // Adds the column, replacing one of the same name; throws InvalidInput on a length mismatch.
    void set(Column column);
};

} // namespace scdesk
