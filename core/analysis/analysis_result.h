#pragma once
// What an analysis returns. Results are immutable once made and shared as shared_ptr<const>.
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace scdesk {

struct Dataset;

// A rectangular table for display and CSV/TSV export.
struct ResultTable {
    using ColumnValues = std::variant<std::vector<double>, std::vector<std::string>>;
    std::string name;
    std::vector<std::string> columnNames;
    std::vector<ColumnValues> columns;
    // What a specialised view needs beyond the columns, e.g. {"kind": "kompot-de",
    // "layer_condition1": "kompot_de_control_smoothed"}; empty for plain tables.
    std::map<std::string, std::string> attributes;

    std::size_t rowCount() const;
    void addColumn(std::string columnName, ColumnValues values);
};

class AnalysisResult {
public:
    virtual ~AnalysisResult() = default;
    virtual std::string analysisId() const = 0;
    // A line for the log and the Jobs dock.
    virtual std::string summary() const = 0;
    virtual std::vector<ResultTable> tables() const = 0;
    // Adds the result to a dataset (var/obs columns, uns entries named as the upstream tool does).
    virtual void writeInto(Dataset& dataset) const = 0;
};

} // namespace scdesk
