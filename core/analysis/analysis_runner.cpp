#include "analysis/analysis_runner.h"

#include "analysis/analysis_registry.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

std::shared_ptr<const AnalysisResult> runJobSpec(const JobSpec& spec, const Dataset& dataset, ProgressSink& progress,
                                                 const CancelToken& cancel, const ComputeBackend& compute)
{
    const auto analysis = AnalysisRegistry::instance().find(spec.analysis);
    if (!analysis)
        throw InvalidParameter("unknown analysis '" + spec.analysis + "'");
    const ParamValues params = analysis->schema().resolve(spec.params);
    analysis->schema().validateAgainst(params, dataset);
    analysis->validate(dataset, params);
    progress.log(LogLevel::Info, "running " + spec.analysis + " with " + params.dump());
    RunContext context{progress, cancel, compute, spec.seed};
    return analysis->run(dataset, params, context);
}

} // namespace scdesk
