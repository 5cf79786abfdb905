// scdesk-cli convert IN OUT and scdesk-cli demo --out FILE [--demo-seed N].
#include <charconv>
#include <filesystem>
#include <system_error>

#include "cli_commands.h"
#include "console_progress.h"
#include "data/demo_generator.h"
#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/h5ad_writer.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::cli {

namespace {

// True when both names lead to the same file (also through links or "./" spellings).
bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    if (std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec))
        return true;
    const auto ca = std::filesystem::weakly_canonical(a, ec);
    const auto cb = std::filesystem::weakly_canonical(b, ec);
    return !ec && ca == cb;
}

} // namespace

int runConvert(const std::vector<std::string>& args)
{
    if (args.size() != 2 || args[0].rfind("--", 0) == 0 || args[1].rfind("--", 0) == 0)
        throw InvalidParameter("usage: scdesk-cli convert IN OUT (IN: an .h5ad file; OUT: the .h5ad to write)");
    const std::string& in = args[0];
    const std::string& out = args[1];
    if (sameFile(in, out))
        throw InvalidParameter("convert: OUT '" + out + "' is the input file; choose another name (the input is never "
                               "modified)");
    ConsoleProgress progress(false);
    NeverCancel cancel;
    H5adReadReport report;
    const Dataset dataset = readH5ad(in, progress, cancel, &report);
    for (const auto& w : report.warnings)
        progress.log(LogLevel::Warning, w);
    writeH5ad(dataset, out, progress, cancel);
    progress.log(LogLevel::Info, "wrote " + out + " (" + std::to_string(dataset.nObs()) + " cells × "
                                     + std::to_string(dataset.nVars()) + " genes; read as " + report.era + ")");
    return 0;
}

int runDemo(const std::vector<std::string>& args)
{
    std::string out;
    DemoOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--out" || a == "--demo-seed") && i + 1 >= args.size())
            throw InvalidParameter("option " + a + " needs a value");
        if (a == "--out") {
            out = args[++i];
        } else if (a == "--demo-seed") {
            const std::string& v = args[++i];
            const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), options.seed);
            if (ec != std::errc() || p != v.data() + v.size())
                throw InvalidParameter("option --demo-seed expects a non-negative integer, not '" + v + "'");
        } else {
            throw InvalidParameter("unknown argument '" + a + "' (usage: scdesk-cli demo --out FILE [--demo-seed N])");
        }
    }
    if (out.empty())
        throw InvalidParameter("usage: scdesk-cli demo --out FILE [--demo-seed N]");
    // Fail before generating when the folder is missing (writeH5ad would say so only afterwards).
    std::error_code ec;
    const auto folder = std::filesystem::absolute(out, ec).parent_path();
    if (!std::filesystem::is_directory(folder, ec))
        throw IoError("cannot create '" + out + "': the folder '" + folder.string() + "' does not exist");
    ConsoleProgress progress(false);
    NeverCancel cancel;
    const Dataset dataset = generateDemoDataset(options, progress, cancel);
    writeH5ad(dataset, out, progress, cancel);
    progress.log(LogLevel::Info, "wrote " + out);
    return 0;
}

} // namespace scdesk::cli
