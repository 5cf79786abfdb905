#include "analysis/param_spec.h"

#include <algorithm>

namespace scdesk {

const char* paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Bool: return "bool";
    case ParamType::Int: return "integer";
    case ParamType::Double: return "number";
    case ParamType::String: return "text";
    case ParamType::Choice: return "choice";
    case ParamType::ObsColumn: return "obs column";
    case ParamType::VarColumn: return "var column";
    case ParamType::Layer: return "layer";
    case ParamType::ObsmKey: return "obsm key";
    }
    return "?";
}

std::string ParamSpec::cliFlag() const
{
    std::string flag = "--" + name;
    std::replace(flag.begin() + 2, flag.end(), '_', '-');
    return flag;
}

} // namespace scdesk
