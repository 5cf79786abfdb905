#include "io/dataset_loader.h"

#include "data/demo_generator.h"
#include "io/h5ad/h5ad_reader.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

std::shared_ptr<const Dataset> loadDataset(const InputRef& input, ProgressSink& progress, const CancelToken& cancel)
{
    if (input.isDemo()) {
        DemoOptions options;
        options.seed = *input.demoSeed;
        return std::make_shared<const Dataset>(generateDemoDataset(options, progress, cancel));
    }
    // readH5ad sets Dataset::sourcePath; what it skipped or repaired goes to the log.
    H5adReadReport report;
    auto dataset = std::make_shared<const Dataset>(readH5ad(input.path, progress, cancel, &report));
    for (const auto& w : report.warnings)
        progress.log(LogLevel::Warning, w);
    return dataset;
}

} // namespace scdesk
