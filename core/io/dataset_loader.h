#pragma once
// Turns an InputRef (a file or the built-in demo) into a Dataset snapshot.
#include <memory>

#include "analysis/job_spec.h"
#include "data/dataset.h"

namespace scdesk {

class CancelToken;
class ProgressSink;

std::shared_ptr<const Dataset> loadDataset(const InputRef& input, ProgressSink& progress, const CancelToken& cancel);

} // namespace scdesk
