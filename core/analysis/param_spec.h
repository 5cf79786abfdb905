#pragma once
// One parameter of an analysis, declared once: from it come the wizard field, the CLI flag,
// the JSON job-spec entry, validation and the "Copy as command" text.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// Marks a user-visible string in core for translation without a Qt dependency: lupdate extracts it
// (alias of QT_TRANSLATE_NOOP), the GUI looks it up with QCoreApplication::translate(context, text).
// All analyses use the context "scdesk::Analysis".
#define SCDESK_TRANSLATE_NOOP(context, text) text

namespace scdesk {

enum class ParamType {
    Bool,
    Int,
    Double,
    String,
    Choice,      // one of `choices`
    ObsColumn,   // name of an obs column
    VarColumn,   // name of a var column
    Layer,       // "X" or a layer name
    ObsmKey,     // name of an obsm matrix
};

const char* paramTypeName(ParamType type);

struct ParamSpec {
    // Every member has a default, so analyses declare parameters with designated initializers.
    std::string name{};  // snake_case; CLI flag is --name-with-dashes
    ParamType type = ParamType::String;
    nlohmann::json defaultValue{}; // null = no default (then `required` decides)
    bool required = false;
    std::optional<double> min{};
    std::optional<double> max{};
    std::vector<std::string> choices{};
    std::string label{}; // short, for the wizard ("Minimum cells")
    std::string help{};  // one sentence, for tooltips and --help
    std::string page{};  // wizard page title this parameter belongs to
    // ObsmKey only: the analysis computes the entry when it is missing (Kompot's diffusion map), so
    // the schema does not reject an absent key; the analysis's validate() decides.
    bool mayBeComputed = false;

    std::string cliFlag() const; // "--min-cells"
};

} // namespace scdesk
