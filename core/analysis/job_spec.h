#pragma once
// A reproducible record of one job: which analysis, with which parameters, on which input.
// Saved from the Jobs dock, replayed by `scdesk-cli run SPEC.json`.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analysis/param_schema.h"

namespace scdesk {

// The data a job ran on: a file (with size and mtime to notice a changed file) or the demo.
struct InputRef {
    std::string path;             // empty for the demo dataset
    std::int64_t sizeBytes = 0;
    std::int64_t mtimeSeconds = 0; // seconds since the epoch
    std::optional<std::uint64_t> demoSeed; // set for the built-in demo dataset

    static InputRef forFile(const std::string& path); // reads size and mtime; IoError if missing
    static InputRef forDemo(std::uint64_t seed);
    bool isDemo() const { return demoSeed.has_value(); }
};

struct JobSpec {
    static constexpr int kFormatVersion = 1;
    std::string analysis;
    ParamValues params = nlohmann::json::object();
    InputRef input;
    std::uint64_t seed = 0;
    std::string scdeskVersion;

    nlohmann::json toJson() const;
    // Throws InvalidInput naming the missing or malformed key.
    static JobSpec fromJson(const nlohmann::json& json);
    static JobSpec load(const std::string& path); // IoError / InvalidInput naming the file
    void save(const std::string& path) const;      // atomic (temporary file, then rename)
    // The equivalent `scdesk-cli` command line, shell-quoted.
    std::string toCommandLine(const ParamSchema& schema) const;
};

} // namespace scdesk
