// scdesk-cli info FILE [--json]: what an .h5ad holds. --json prints exactly the summary keys of
// summarizeDataset() on stdout (warnings go to stderr); the default is a listing for people.
#include <cstdio>
#include <iostream>

#include "cli_commands.h"
#include "console_progress.h"
#include "io/dataset_summary.h"
#include "io/h5ad/h5ad_reader.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::cli {

namespace {

using nlohmann::ordered_json;

std::string matrixLine(const ordered_json& m)
{
    const std::string kind = m["kind"].get<std::string>();
    if (kind == "none")
        return "none";
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.6g", m["sum"].get<double>());
    return kind + ", " + m["dtype"].get<std::string>() + ", " + std::to_string(m["nnz"].get<std::int64_t>())
           + (kind == "dense" ? " non-zero" : " stored") + " values, sum " + sum;
}

void printColumns(const char* title, const ordered_json& cols)
{
    std::printf("%s: %zu column%s\n", title, cols.size(), cols.size() == 1 ? "" : "s");
    for (auto it = cols.begin(); it != cols.end(); ++it)
        std::printf("  %-32s %s\n", it.key().c_str(), it->get<std::string>().c_str());
}

std::string joinNames(const ordered_json& names)
{
    std::string s;
    for (const auto& n : names)
        s += (s.empty() ? "" : ", ") + n.get<std::string>();
    return s;
}

} // namespace

int runInfo(const std::vector<std::string>& args)
{
    bool json = false;
    std::string file;
    for (const auto& a : args) {
        if (a == "--json")
            json = true;
        else if (a.rfind("--", 0) == 0 || !file.empty())
            throw InvalidParameter("usage: scdesk-cli info FILE [--json]");
        else
            file = a;
    }
    if (file.empty())
        throw InvalidParameter("usage: scdesk-cli info FILE [--json]");

    ConsoleProgress progress(true);
    const NeverCancel cancel;
    H5adReadReport report;
    const Dataset dataset = readH5ad(file, progress, cancel, &report);
    const ordered_json s = summarizeDataset(dataset);
    if (json) {
        for (const auto& w : report.warnings)
            progress.log(LogLevel::Warning, w);
        std::cout << s.dump(1) << std::endl;
        return 0;
    }
    std::printf("%s\n", file.c_str());
    std::printf("format: %s\n", report.era.c_str());
    std::printf("shape: %lld cells x %lld genes\n", static_cast<long long>(dataset.nObs()),
                static_cast<long long>(dataset.nVars()));
    std::printf("X: %s\n", matrixLine(s["X"]).c_str());
    std::printf("layers:%s\n", s["layers"].empty() ? " none" : "");
    for (auto it = s["layers"].begin(); it != s["layers"].end(); ++it)
        std::printf("  %-32s %s\n", it.key().c_str(), matrixLine(*it).c_str());
    std::printf("cells (obs) start with: %s\n", joinNames(s["obs_names_head"]).c_str());
    std::printf("genes (var) start with: %s\n", joinNames(s["var_names_head"]).c_str());
    printColumns("obs", s["obs"]);
    printColumns("var", s["var"]);
    std::printf("obsm:%s\n", s["obsm"].empty() ? " none" : "");
    for (auto it = s["obsm"].begin(); it != s["obsm"].end(); ++it)
        std::printf("  %-32s %lld x %lld\n", it.key().c_str(), static_cast<long long>((*it)[0].get<std::int64_t>()),
                    static_cast<long long>((*it)[1].get<std::int64_t>()));
    if (dataset.raw)
        std::printf("raw: %lld genes, X %s %s with %lld stored values\n", static_cast<long long>(dataset.raw->var.rows()),
                    dataset.raw->X.kindName(), dataset.raw->X.dtype().c_str(),
                    static_cast<long long>(dataset.raw->X.storedValues()));
    else
        std::printf("raw: none\n");
    std::printf("uns: %s\n", s["uns_keys"].empty() ? "none" : joinNames(s["uns_keys"]).c_str());
    if (!report.warnings.empty()) {
        std::printf("warnings:\n");
        for (const auto& w : report.warnings)
            std::printf("  %s\n", w.c_str());
    }
    return 0;
}

} // namespace scdesk::cli
