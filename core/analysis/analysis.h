#pragma once
// The one interface every analysis implements. A run is a pure function of the dataset and the
// parameters: it reads nothing else and changes nothing; the caller merges the result.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "analysis/analysis_result.h"
#include "analysis/param_schema.h"

namespace scdesk {

class CancelToken;
class ComputeBackend;
class ProgressSink;
struct Dataset;

// A price before the run (Kompot's dry run): what the wizard shows on its last page and the CLI
// logs before starting.
struct CostEstimate {
    double seconds = 0;
    double bytes = 0;          // peak working memory beyond the dataset
    double availableBytes = 0; // physical memory available now (0 = unknown)
    bool memoryFits = true;
    std::string details;       // one line: sizes the estimate assumed ("8104 + 11896 cells, 1000 landmarks")
};

struct RunContext {
    ProgressSink& progress;
    const CancelToken& cancel;
    const ComputeBackend& compute;
    std::uint64_t seed = 0;
};

class Analysis {
public:
    virtual ~Analysis() = default;
    virtual std::string id() const = 0;          // CLI subcommand and job-spec key: "gene-stats"
    virtual std::string title() const = 0;       // menu entry (translatable, context "scdesk::Analysis")
    virtual std::string description() const = 0; // one paragraph for the wizard intro
    virtual const ParamSchema& schema() const = 0;
    // Checks that need the data (a condition with one level, counts that are not integers, ...),
    // run before any work starts and by the wizard before it closes. Throws InvalidInput with a
    // message a biologist can act on (say which layer holds counts, which columns are aliased).
    virtual void validate(const Dataset& dataset, const ParamValues& params) const
    {
        (void)dataset;
        (void)params;
    }
    // Cheap (no pass over the data): the expected run time and memory, or nullopt for analyses
    // that are always quick. Throws InvalidInput like validate().
    virtual std::optional<CostEstimate> estimateCost(const Dataset& dataset, const ParamValues& params) const
    {
        (void)dataset;
        (void)params;
        return std::nullopt;
    }
    // `params` has been resolved by schema().resolve(); throws InvalidInput / Cancelled.
    virtual std::shared_ptr<const AnalysisResult> run(const Dataset& dataset, const ParamValues& params,
                                                      RunContext& context) const = 0;
};

} // namespace scdesk
