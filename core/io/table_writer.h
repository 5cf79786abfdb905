#pragma once
// CSV / TSV export of result tables (RFC 4180 quoting for CSV; full double precision).
#include <ostream>
#include <string>

#include "analysis/analysis_result.h"

namespace scdesk {

enum class TableFormat { Csv, Tsv };

// "csv" or "tsv" from a file name; CSV when the suffix is neither.
TableFormat tableFormatForPath(const std::string& path);
void writeTable(const ResultTable& table, std::ostream& out, TableFormat format);
void writeTableFile(const ResultTable& table, const std::string& path); // atomic

} // namespace scdesk
