#include "analysis/param_schema.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "data/dataset.h"
#include "util/errors.h"

namespace scdesk {

namespace {

[[noreturn]] void fail(const ParamSpec& spec, const std::string& what)
{
    throw InvalidParameter("parameter '" + spec.name + "' (" + spec.cliFlag() + "): " + what);
}

bool parseBool(const std::string& text, bool* out)
{
    if (text == "true" || text == "1" || text == "yes" || text == "on") {
        *out = true;
        return true;
    }
    if (text == "false" || text == "0" || text == "no" || text == "off") {
        *out = false;
        return true;
    }
    return false;
}

} // namespace

ParamSchema::ParamSchema(std::vector<ParamSpec> params) : m_params(std::move(params)) {}

const ParamSpec* ParamSchema::find(const std::string& name) const
{
    auto it = std::find_if(m_params.begin(), m_params.end(), [&](const ParamSpec& p) { return p.name == name; });
    return it == m_params.end() ? nullptr : &*it;
}

std::vector<std::string> ParamSchema::pages() const
{
    std::vector<std::string> pages;
    for (const auto& p : m_params)
        if (std::find(pages.begin(), pages.end(), p.page) == pages.end())
            pages.push_back(p.page);
    return pages;
}

nlohmann::json ParamSchema::convert(const ParamSpec& spec, const nlohmann::json& value) const
{
    const std::string text = value.is_string() ? value.get<std::string>() : std::string();
    switch (spec.type) {
    case ParamType::Bool: {
        if (value.is_boolean())
            return value;
        bool b = false;
        if (value.is_string() && parseBool(text, &b))
            return b;
        fail(spec, "expected true or false, got " + value.dump());
    }
    case ParamType::Int: {
        long long v = 0;
        if (value.is_number_integer())
            v = value.get<long long>();
        else if (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>())
            v = static_cast<long long>(value.get<double>());
        else if (value.is_string()) {
            auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc() || ptr != text.data() + text.size() || text.empty())
                fail(spec, "expected an integer, got '" + text + "'");
        } else
            fail(spec, "expected an integer, got " + value.dump());
        if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max))
            fail(spec, std::to_string(v) + " is outside the allowed range");
        return v;
    }
    case ParamType::Double: {
        double v = 0;
        if (value.is_number())
            v = value.get<double>();
        else if (value.is_string()) {
            std::istringstream in(text);
            in.imbue(std::locale::classic());
            if (!(in >> v) || !in.eof())
                fail(spec, "expected a number, got '" + text + "'");
        } else
            fail(spec, "expected a number, got " + value.dump());
        if (!std::isfinite(v))
            fail(spec, "expected a finite number");
        if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max)) {
            std::ostringstream range;
            range << v << " is outside [" << (spec.min ? std::to_string(*spec.min) : "-inf") << ", "
                  << (spec.max ? std::to_string(*spec.max) : "inf") << "]";
            fail(spec, range.str());
        }
        return v;
    }
    case ParamType::Choice:
        if (!value.is_string())
            fail(spec, "expected one of the choices, got " + value.dump());
        if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
            std::string list;
            for (const auto& c : spec.choices)
                list += (list.empty() ? "" : ", ") + c;
            fail(spec, "'" + text + "' is not one of: " + list);
        }
        return value;
    case ParamType::String:
    case ParamType::ObsColumn:
    case ParamType::VarColumn:
    case ParamType::Layer:
    case ParamType::ObsmKey:
        if (!value.is_string())
            fail(spec, "expected text, got " + value.dump());
        return value;
    }
    fail(spec, "unknown parameter type");
}

ParamValues ParamSchema::resolve(const ParamValues& given) const
{
    if (!given.is_null() && !given.is_object())
        throw InvalidParameter("parameters must be a JSON object");
    ParamValues resolved = nlohmann::json::object();
    if (given.is_object())
        for (const auto& [key, value] : given.items())
            if (!find(key))
                throw InvalidParameter("unknown parameter '" + key + "'");
    for (const auto& spec : m_params) {
        const bool present = given.is_object() && given.contains(spec.name) && !given.at(spec.name).is_null();
        if (present)
            resolved[spec.name] = convert(spec, given.at(spec.name));
        else if (!spec.defaultValue.is_null())
            resolved[spec.name] = convert(spec, spec.defaultValue);
        else if (spec.required)
            fail(spec, "is required");
        else
            resolved[spec.name] = nullptr;
    }
    return resolved;
}

void ParamSchema::validateAgainst(const ParamValues& resolved, const Dataset& dataset) const
{
    for (const auto& spec : m_params) {
        if (!resolved.contains(spec.name) || !resolved.at(spec.name).is_string())
            continue;
        const std::string name = resolved.at(spec.name).get<std::string>();
        switch (spec.type) {
        case ParamType::ObsColumn:
            if (!dataset.obs.find(name))
                fail(spec, "no obs column named '" + name + "'");
            break;
        case ParamType::VarColumn:
            if (!dataset.var.find(name))
                fail(spec, "no var column named '" + name + "'");
            break;
        case ParamType::Layer:
            if (!name.empty() && name != "X" && !dataset.layers.count(name))
                fail(spec, "no layer named '" + name + "'");
            break;
        case ParamType::ObsmKey:
            if (!dataset.obsm.count(name) && !spec.mayBeComputed)
                fail(spec, "no obsm entry named '" + name + "'");
            break;
        default:
            break;
        }
    }
}

ParamValues ParamSchema::parseCli(const std::vector<std::string>& args, std::vector<std::string>* rest) const
{
    ParamValues given = nlohmann::json::object();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0) {
            if (rest)
                rest->push_back(arg);
            continue;
        }
        std::string flag = arg;
        std::string value;
        bool hasValue = false;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            flag = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            hasValue = true;
        }
        auto it = std::find_if(m_params.begin(), m_params.end(), [&](const ParamSpec& p) { return p.cliFlag() == flag; });
        if (it == m_params.end()) {
            // A negated boolean: --no-name.
            auto neg = std::find_if(m_params.begin(), m_params.end(), [&](const ParamSpec& p) {
                return p.type == ParamType::Bool && "--no-" + p.cliFlag().substr(2) == flag;
            });
            if (neg != m_params.end() && !hasValue) {
                given[neg->name] = false;
                continue;
            }
            if (rest) {
                rest->push_back(arg);
                continue;
            }
            throw InvalidParameter("unknown option " + flag);
        }
        if (!hasValue) {
            if (it->type == ParamType::Bool && (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)) {
                given[it->name] = true;
                continue;
            }
            if (i + 1 >= args.size())
                throw InvalidParameter("option " + flag + " needs a value");
            value = args[++i];
        }
        given[it->name] = value;
    }
    return resolve(given);
}

std::vector<std::string> ParamSchema::toCli(const ParamValues& resolved) const
{
    std::vector<std::string> args;
    for (const auto& spec : m_params) {
        if (!resolved.contains(spec.name) || resolved.at(spec.name).is_null())
            continue;
        const auto& value = resolved.at(spec.name);
        if (!spec.defaultValue.is_null() && convert(spec, spec.defaultValue) == value)
            continue;
        if (spec.type == ParamType::Bool) {
            args.push_back(value.get<bool>() ? spec.cliFlag() : "--no-" + spec.cliFlag().substr(2));
            continue;
        }
        args.push_back(spec.cliFlag());
        if (value.is_string())
            args.push_back(value.get<std::string>());
        else if (value.is_number_float()) {
            std::ostringstream out;
            out.imbue(std::locale::classic());
            out.precision(17);
            out << value.get<double>();
            args.push_back(out.str());
        } else
            args.push_back(value.dump());
    }
    return args;
}

std::string ParamSchema::cliHelp() const
{
    std::ostringstream out;
    for (const auto& page : pages()) {
        out << page << ":\n";
        for (const auto& spec : m_params) {
            if (spec.page != page)
                continue;
            out << "  " << spec.cliFlag() << " <" << paramTypeName(spec.type) << ">";
            if (spec.required)
                out << " (required)";
            if (!spec.defaultValue.is_null())
                out << " [default " << (spec.defaultValue.is_string() ? spec.defaultValue.get<std::string>()
                                                                      : spec.defaultValue.dump())
                    << "]";
            out << "\n      " << spec.help;
            if (!spec.choices.empty()) {
                out << " Choices:";
                for (const auto& c : spec.choices)
                    out << " " << c;
                out << ".";
            }
            out << "\n";
        }
    }
    return out.str();
}

std::string optionalString(const ParamValues& params, const char* name)
{
    return params.contains(name) && params.at(name).is_string() ? params.at(name).get<std::string>() : std::string();
}

std::vector<std::string> splitCommaList(const std::string& commaSeparated)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= commaSeparated.size()) {
        auto end = commaSeparated.find(',', start);
        if (end == std::string::npos)
            end = commaSeparated.size();
        const std::string item = commaSeparated.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t\r\n");
        const auto last = item.find_last_not_of(" \t\r\n");
        if (first != std::string::npos)
            out.push_back(item.substr(first, last - first + 1));
        start = end + 1;
    }
    return out;
}

} // namespace scdesk
