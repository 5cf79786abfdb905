#pragma once
// An analysis's parameters, in order, grouped into wizard pages. Converts between the three
// outside forms (JSON, CLI flags, wizard values) and validates against a dataset.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/param_spec.h"

namespace scdesk {

struct Dataset;

// Parameter values: a JSON object keyed by parameter name, always complete after resolve().
using ParamValues = nlohmann::json;

class ParamSchema {
public:
    ParamSchema() = default;
    explicit ParamSchema(std::vector<ParamSpec> params);

    const std::vector<ParamSpec>& params() const { return m_params; }
    const ParamSpec* find(const std::string& name) const;
    std::vector<std::string> pages() const; // in first-appearance order

    // Fills defaults, converts types (e.g. "3" for an Int from the CLI), checks ranges and
    // choices, rejects unknown names. Throws InvalidParameter naming the parameter.
    ParamValues resolve(const ParamValues& given) const;
    // Also checks that column/layer/obsm names exist in the dataset (InvalidParameter otherwise).
    void validateAgainst(const ParamValues& resolved, const Dataset& dataset) const;

    // "--name value" pairs → values. Unconsumed arguments are returned in `rest` (positional).
    ParamValues parseCli(const std::vector<std::string>& args, std::vector<std::string>* rest) const;
    // Values → flags, omitting values equal to their default.
    std::vector<std::string> toCli(const ParamValues& resolved) const;
    // One block of text for `scdesk-cli ANALYSIS --help`.
    std::string cliHelp() const;

private:
    nlohmann::json convert(const ParamSpec& spec, const nlohmann::json& value) const;
    std::vector<ParamSpec> m_params;
};

// A string parameter's value, "" when it is absent or null (an optional column or list left empty).
std::string optionalString(const ParamValues& params, const char* name);

// "a, b,c" → {"a", "b", "c"}: blanks and line breaks around items trimmed, empty items dropped.
std::vector<std::string> splitCommaList(const std::string& commaSeparated);

} // namespace scdesk
