#pragma once
// Writes a Dataset as an anndata >= 0.8 .h5ad (every element tagged with encoding-type and
// encoding-version), readable by Python's anndata. When the dataset came from a file
// (sourcePath), every element not listed in Dataset::modified is copied from that file as it is
// (H5Ocopy), so nothing scDesk did not change is lost or re-encoded. The file is written to a
// temporary sibling and renamed into place; the source file is never opened for writing.
#include <string>

#include "data/dataset.h"

namespace scdesk {

class CancelToken;
class ProgressSink;

void writeH5ad(const Dataset& dataset, const std::string& path, ProgressSink& progress, const CancelToken& cancel);

} // namespace scdesk
