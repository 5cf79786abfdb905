#pragma once
// Runs one job spec against a loaded dataset: the single path shared by the GUI's JobManager,
// `scdesk-cli ANALYSIS ...` and `scdesk-cli run SPEC.json`, so they cannot drift apart.
#include <memory>

#include "analysis/analysis.h"
#include "analysis/job_spec.h"

namespace scdesk {

class CancelToken;
class ComputeBackend;
class ProgressSink;
struct Dataset;

// Looks the analysis up (InvalidParameter if unknown), resolves and validates the parameters
// against the dataset before any work starts, then runs it.
std::shared_ptr<const AnalysisResult> runJobSpec(const JobSpec& spec, const Dataset& dataset, ProgressSink& progress,
                                                 const CancelToken& cancel, const ComputeBackend& compute);

} // namespace scdesk
