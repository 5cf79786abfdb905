// scdesk-cli: everything a wizard does, headless.
//   scdesk-cli --version | --help | list
//   scdesk-cli ANALYSIS (FILE | --demo [--demo-seed N]) [parameters] [common options]
//   scdesk-cli run SPEC.json [common options]
// Common options: --out FILE (.csv or .tsv; default: TSV on stdout), --save-spec FILE,
// --save-h5ad FILE (the dataset with the result written into it), --seed N,
// --device auto|cpu|cuda, --threads N, --quiet.
#include <QCoreApplication>
#include <filesystem>
#include <sys/resource.h>
#include <cstdio>
#include <iostream>
#include <omp.h>
#include <sstream>

#include "analysis/analysis_registry.h"
#include "analysis/analysis_runner.h"
#include "cli_commands.h"
#include "compute/compute_backend.h"
#include "console_progress.h"
#include "cuda_backends.h"
#include "io/dataset_loader.h"
#include "io/h5ad/h5ad_preflight.h"
#include "io/h5ad/h5_structure_walk.h"
#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/h5ad_writer.h"
#include "io/table_writer.h"
#include "util/build_info.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace {

using namespace scdesk;

struct CommonOptions {
    std::string out;
    std::string saveSpec;
    std::string saveH5ad;
    std::string device = "auto";
    std::optional<std::uint64_t> seed;
    int threads = 0;
    bool quiet = false;
};

std::uint64_t parseUnsigned(const std::string& flag, const std::string& text)
{
    try {
        std::size_t used = 0;
        const auto v = std::stoull(text, &used);
        if (used == text.size())
            return v;
    } catch (const std::exception&) {
    }
    throw InvalidParameter("option " + flag + " expects a non-negative integer, got '" + text + "'");
}

// Takes the options every command shares out of `args`, leaving the rest.
CommonOptions takeCommonOptions(std::vector<std::string>& args)
{
    CommonOptions o;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size())
                throw InvalidParameter("option " + a + " needs a value");
            return args[++i];
        };
        if (a == "--out" || a == "-o")
            o.out = value();
        else if (a == "--save-spec")
            o.saveSpec = value();
        else if (a == "--save-h5ad")
            o.saveH5ad = value();
        else if (a == "--device")
            o.device = value();
        else if (a == "--seed")
            o.seed = parseUnsigned(a, value());
        else if (a == "--threads")
            o.threads = static_cast<int>(parseUnsigned(a, value()));
        else if (a == "--quiet" || a == "-q")
            o.quiet = true;
        else
            rest.push_back(a);
    }
    if (o.device != "auto" && o.device != "cpu" && o.device != "cuda")
        throw InvalidParameter("option --device expects auto, cpu or cuda, got '" + o.device + "'");
    args = rest;
    return o;
}

void printVersion()
{
    std::printf("scDesk %s\n", scdeskVersion().c_str());
    std::printf("Qt %s\n", qVersion());
    std::printf("HDF5 %s\n", hdf5Version().c_str());
    std::printf("Eigen %s\n", eigenVersion().c_str());
    std::printf("%s\n", openmpDescription().c_str());
    std::string why;
    const auto backend = ComputeBackends::create("auto", &why);
    std::printf("Compute device: %s\n", backend->device().name.c_str());
    std::printf("%s\n", ComputeBackends::gpuStatus().c_str());
}

void printUsage()
{
    std::printf("Usage:\n"
                "  scdesk-cli --version              versions and the compute device\n"
                "  scdesk-cli list                   the analyses this build offers\n"
                "  scdesk-cli ANALYSIS --help        an analysis's parameters\n"
                "  scdesk-cli ANALYSIS (FILE | --demo [--demo-seed N]) [parameters] [options]\n"
                "  scdesk-cli run SPEC.json [options]  replay a job spec saved from scDesk\n"
                "  scdesk-cli info FILE [--json]     summary of an .h5ad file\n"
                "  scdesk-cli convert IN OUT         read IN, write OUT as an anndata >= 0.8 .h5ad\n"
                "  scdesk-cli demo --out FILE [--demo-seed N]  write the demo dataset as .h5ad\n"
                "\nOptions:\n"
                "  --out FILE        write the result table (.csv or .tsv); default: TSV on stdout\n"
                "  --save-spec FILE  also save the job spec (JSON) for `scdesk-cli run`\n"
                "  --save-h5ad FILE  also write the dataset with the results added (var columns, uns)\n"
                "  --seed N          random seed passed to the analysis\n"
                "  --device D        auto (default), cpu or cuda\n"
                "  --threads N       OpenMP threads (default: all cores)\n"
                "  --quiet           only warnings and errors on stderr\n");
}

int runSpec(const JobSpec& spec, const CommonOptions& options)
{
    const auto analysis = AnalysisRegistry::instance().find(spec.analysis);
    if (!analysis)
        throw InvalidParameter("unknown analysis '" + spec.analysis + "' (see `scdesk-cli list`)");
    if (options.threads > 0)
        omp_set_num_threads(options.threads);
    ConsoleProgress progress(options.quiet);
    const NeverCancel cancel;
    std::string why;
    const auto backend = ComputeBackends::create(options.device, &why);
    if (!why.empty())
        progress.log(LogLevel::Warning, why);
    progress.log(LogLevel::Info, "compute device: " + backend->device().name);

    if (!spec.input.isDemo()) {
        const InputRef now = InputRef::forFile(spec.input.path);
        if (spec.input.sizeBytes && (now.sizeBytes != spec.input.sizeBytes || now.mtimeSeconds != spec.input.mtimeSeconds))
            progress.log(LogLevel::Warning, "'" + spec.input.path + "' changed since the spec was saved");
    }
    // Check parameters before the (possibly long) load.
    const JobSpec resolved = [&] {
        JobSpec s = spec;
        s.params = analysis->schema().resolve(spec.params);
        return s;
    }();
    if (!options.saveH5ad.empty() && !spec.input.isDemo()) {
        // The writer copies untouched elements from the input: never write over it.
        std::error_code ec;
        if (std::filesystem::weakly_canonical(options.saveH5ad, ec) == std::filesystem::weakly_canonical(spec.input.path, ec)
            || std::filesystem::equivalent(options.saveH5ad, spec.input.path, ec))
            throw InvalidParameter("option --save-h5ad: '" + options.saveH5ad
                                   + "' is the input file; choose another output path");
    }
    if (!options.saveSpec.empty())
        resolved.save(options.saveSpec);
    const auto dataset = loadDataset(resolved.input, progress, cancel);
    const auto result = runJobSpec(resolved, *dataset, progress, cancel, *backend);
    progress.log(LogLevel::Info, result->summary());

    const auto tables = result->tables();
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (options.out.empty()) {
            writeTable(tables[t], std::cout, TableFormat::Tsv);
            continue;
        }
        std::string path = options.out;
        if (t > 0) { // further tables go next to the first: results.csv → results.<name>.csv
            const auto dot = path.rfind('.');
            path = path.substr(0, dot) + "." + tables[t].name + (dot == std::string::npos ? "" : path.substr(dot));
        }
        writeTableFile(tables[t], path);
        progress.log(LogLevel::Info, "wrote " + path);
    }
    if (!options.saveH5ad.empty()) {
        Dataset annotated = *dataset;
        result->writeInto(annotated);
        writeH5ad(annotated, options.saveH5ad, progress, cancel);
        progress.log(LogLevel::Info, "wrote " + options.saveH5ad);
    }
    return 0;
}

int runAnalysisCommand(const Analysis& analysis, std::vector<std::string> args)
{
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::printf("scdesk-cli %s (FILE | --demo [--demo-seed N]) [parameters] [options]\n\n%s\n\n%s",
                        analysis.id().c_str(), analysis.description().c_str(), analysis.schema().cliHelp().c_str());
            return 0;
        }
    CommonOptions options = takeCommonOptions(args);
    JobSpec spec;
    spec.analysis = analysis.id();
    spec.scdeskVersion = scdeskVersion();
    spec.seed = options.seed.value_or(0);
    bool demo = false;
    std::uint64_t demoSeed = 0;
    std::vector<std::string> rest, positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--demo")
            demo = true;
        else if (args[i] == "--demo-seed") {
            if (i + 1 >= args.size())
                throw InvalidParameter("option --demo-seed needs a value");
            demoSeed = parseUnsigned("--demo-seed", args[i + 1]);
            ++i;
            demo = true;
        } else
            rest.push_back(args[i]);
    }
    spec.params = analysis.schema().parseCli(rest, &positional);
    for (const auto& p : positional)
        if (p.rfind("--", 0) == 0)
            throw InvalidParameter("unknown option " + p + " for " + analysis.id() + " (see --help)");
    if (demo == !positional.empty() || positional.size() > 1)
        throw InvalidParameter("give exactly one input: an .h5ad FILE or --demo");
    spec.input = demo ? InputRef::forDemo(demoSeed) : InputRef::forFile(positional.front());
    return runSpec(spec, options);
}

int dispatch(std::vector<std::string> args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printUsage();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "-V" || args[0] == "version") {
        printVersion();
        return 0;
    }
    if (args[0] == "list") {
        for (const auto& a : AnalysisRegistry::instance().all())
            std::printf("%-12s %s\n", a->id().c_str(), a->title().c_str());
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "check-h5ad") {
        // The child side of preflightH5ad(): touch the whole structure, then read everything but
        // the big matrices; report errors (a crash is what the parent is watching for).
        if (rest.size() != 1)
            throw InvalidParameter("usage: scdesk-cli check-h5ad FILE");
        // A corrupted length can make libhdf5 allocate and clear terabytes: cap this process's
        // address space so that fails fast (structure and strings need far less than the file).
        std::error_code ec;
        const auto fileSize = std::filesystem::file_size(rest.front(), ec);
        const rlim_t cap = (rlim_t{2} << 30) + 2 * static_cast<rlim_t>(ec ? 0 : fileSize);
        const rlimit limit{cap, cap};
        setrlimit(RLIMIT_AS, &limit);
        h5::walkStructure(rest.front());
        NullProgress progress;
        const NeverCancel cancel;
        H5adReadOptions options;
        options.loadMatrices = false;
        readH5ad(rest.front(), progress, cancel, nullptr, options);
        return 0;
    }
    if (args[0] == "info")
        return cli::runInfo(rest);
    if (args[0] == "convert")
        return cli::runConvert(rest);
    if (args[0] == "demo")
        return cli::runDemo(rest);
    if (args[0] == "run") {
        std::vector<std::string> specArgs = rest;
        const CommonOptions options = takeCommonOptions(specArgs);
        if (specArgs.size() != 1)
            throw InvalidParameter("usage: scdesk-cli run SPEC.json [options]");
        JobSpec spec = JobSpec::load(specArgs.front());
        if (options.seed)
            spec.seed = *options.seed;
        return runSpec(spec, options);
    }
    if (const auto analysis = AnalysisRegistry::instance().find(args[0]))
        return runAnalysisCommand(*analysis, rest);
    throw InvalidParameter("unknown command '" + args[0] + "' (see scdesk-cli --help)");
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv); // for qVersion() and future Qt-core helpers; no event loop
    scdesk::gpu::registerCudaBackends();
    if (argc < 2 || std::string(argv[1]) != "check-h5ad")
        scdesk::setH5adPreflightExecutable(std::filesystem::read_symlink("/proc/self/exe").string());
    try {
        return dispatch(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const scdesk::InvalidParameter& e) {
        std::fprintf(stderr, "scdesk-cli: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "scdesk-cli: error: %s\n", e.what());
        return 1;
    }
}
