#pragma once
// Typed access to a ResultTable's columns and attributes by name, for the specialised result
// views (null / empty when absent, so a view can offer what the table holds).
#include <QString>
#include <string>
#include <vector>

#include "analysis/analysis_result.h"

namespace scdesk {

int resultColumnIndex(const ResultTable& table, const std::string& name);
const std::vector<double>* resultNumbers(const ResultTable& table, const std::string& name);
const std::vector<std::string>* resultTexts(const ResultTable& table, const std::string& name);
// The attribute's value, empty when absent.
QString resultAttribute(const ResultTable& table, const std::string& key);
// A numeric attribute ("0.05"), `fallback` when absent or not a number.
double resultNumberAttribute(const ResultTable& table, const std::string& key, double fallback);
// The given rows of a table, in that order (for "export the filtered rows").
ResultTable resultRows(const ResultTable& table, const std::vector<int>& rows);

} // namespace scdesk
