#include "io/dataset_loader.h"

#include "data/demo_generator.h"
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
    // The .h5ad reader is the next piece of work (issue 3); until it lands, say so plainly.
    throw IoError("cannot open '" + input.path
                  + "': this build of scDesk cannot read .h5ad files yet; use the demo dataset (--demo)");
}

} // namespace scdesk
