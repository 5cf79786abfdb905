#pragma once
// State shared by the element readers of one readH5ad() call: the file name for messages, the
// era, the report that collects warnings, options, cancel and progress; plus navigation helpers.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/hdf5_handle.h"
#include "util/errors.h"

namespace scdesk {

class CancelToken;
class ProgressSink;

namespace h5ad {

enum class Era { L0, L1, L2 }; // anndata < 0.7, 0.7.x (and imitators), >= 0.8

// An element whose encoding this reader does not know (or cannot decode): optional elements are
// skipped with a warning, required ones (X, obs, var) turn it into an error.
class UnsupportedElement : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

struct Context {
    std::string file; // as given by the caller, for messages
    Era era = Era::L2;
    H5adReadReport& report;
    const H5adReadOptions& options;
    ProgressSink& progress;
    const CancelToken& cancel;
    std::int64_t progressDone = 0; // elements of the main arrays read so far

    std::string where(const std::string& path) const { return file + ": " + path; }
    void warn(const std::string& message) { report.warnings.push_back(message); }
};

bool childExists(hid_t group, const std::string& name);
h5::Handle openObject(hid_t group, const std::string& name, const std::string& where);
bool isGroup(hid_t object);
bool isDataset(hid_t object);
std::vector<std::string> childNames(hid_t group); // in name order
std::string childPath(const std::string& parent, const std::string& name); // "/obs" + "x" -> "/obs/x"

} // namespace h5ad
} // namespace scdesk
