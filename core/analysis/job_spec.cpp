#include "analysis/job_spec.h"

#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include "io/atomic_file.h"
#include "util/errors.h"

namespace scdesk {

namespace {

std::string shellQuote(const std::string& s)
{
    if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
                          == std::string::npos)
        return s;
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

template <typename T>
T requireKey(const nlohmann::json& json, const char* key, const char* where)
{
    if (!json.contains(key))
        throw InvalidInput(std::string("job spec: missing key '") + key + "' in " + where);
    try {
        return json.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw InvalidInput(std::string("job spec: key '") + key + "' in " + where + " has the wrong type");
    }
}

} // namespace

InputRef InputRef::forFile(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw IoError("cannot open '" + path + "': no such file");
    InputRef ref;
    ref.path = path;
    ref.sizeBytes = static_cast<std::int64_t>(st.st_size);
    ref.mtimeSeconds = static_cast<std::int64_t>(st.st_mtime);
    return ref;
}

InputRef InputRef::forDemo(std::uint64_t seed)
{
    InputRef ref;
    ref.demoSeed = seed;
    return ref;
}

nlohmann::json JobSpec::toJson() const
{
    nlohmann::json input;
    if (this->input.isDemo())
        input["demo"] = {{"seed", *this->input.demoSeed}};
    else
        input = {{"path", this->input.path}, {"size", this->input.sizeBytes}, {"mtime", this->input.mtimeSeconds}};
    return {{"scdesk_job_spec", kFormatVersion},
            {"analysis", analysis},
            {"params", params},
            {"input", input},
            {"seed", seed},
            {"scdesk_version", scdeskVersion}};
}

JobSpec JobSpec::fromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw InvalidInput("job spec: expected a JSON object");
    const int version = requireKey<int>(json, "scdesk_job_spec", "the top level");
    if (version > kFormatVersion)
        throw InvalidInput("job spec: format version " + std::to_string(version)
                           + " is newer than this scDesk understands (" + std::to_string(kFormatVersion) + ")");
    JobSpec spec;
    spec.analysis = requireKey<std::string>(json, "analysis", "the top level");
    spec.params = json.value("params", nlohmann::json::object());
    if (!spec.params.is_object())
        throw InvalidInput("job spec: 'params' must be an object");
    spec.seed = json.value("seed", std::uint64_t{0});
    spec.scdeskVersion = json.value("scdesk_version", std::string());
    const auto input = json.value("input", nlohmann::json());
    if (!input.is_object())
        throw InvalidInput("job spec: missing key 'input'");
    if (input.contains("demo"))
        spec.input = InputRef::forDemo(requireKey<std::uint64_t>(input.at("demo"), "seed", "input.demo"));
    else {
        spec.input.path = requireKey<std::string>(input, "path", "input");
        spec.input.sizeBytes = input.value("size", std::int64_t{0});
        spec.input.mtimeSeconds = input.value("mtime", std::int64_t{0});
    }
    return spec;
}

JobSpec JobSpec::load(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw IoError("cannot open job spec '" + path + "'");
    try {
        return fromJson(nlohmann::json::parse(in));
    } catch (const nlohmann::json::parse_error& e) {
        throw InvalidInput("job spec '" + path + "' is not valid JSON: " + e.what());
    } catch (const InvalidInput& e) {
        throw InvalidInput("'" + path + "': " + e.what());
    }
}

void JobSpec::save(const std::string& path) const
{
    writeFileAtomically(path, [&](std::ostream& out) { out << toJson().dump(2) << '\n'; });
}

std::string JobSpec::toCommandLine(const ParamSchema& schema) const
{
    std::ostringstream cmd;
    cmd << "scdesk-cli " << shellQuote(analysis);
    if (input.isDemo()) {
        cmd << " --demo";
        if (*input.demoSeed != 0)
            cmd << " --demo-seed " << *input.demoSeed;
    } else
        cmd << ' ' << shellQuote(input.path);
    for (const auto& arg : schema.toCli(schema.resolve(params)))
        cmd << ' ' << shellQuote(arg);
    if (seed != 0)
        cmd << " --seed " << seed;
    return cmd.str();
}

} // namespace scdesk
