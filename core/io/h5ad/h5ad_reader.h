#pragma once
// Reads an AnnData .h5ad file of any era (anndata < 0.7, 0.7.x, >= 0.8) and the layouts other
// writers produce (SeuratDisk, anndataR, anndata-rs, Julia) into a Dataset. Unknown or
// undecodable elements outside X/obs/var are skipped with a warning in the report; anything
// malformed that matters throws an error naming the file, the HDF5 path and what was expected.
#include <string>
#include <vector>

#include "data/dataset.h"

namespace scdesk {

class CancelToken;
class ProgressSink;

struct H5adReadReport {
    std::string era;                   // "anndata >= 0.8", "anndata 0.7", "anndata < 0.7"
    std::vector<std::string> warnings; // skipped elements and why, attached legacy categories, ...
};

struct H5adReadOptions {
    bool loadMatrices = true;                 // false: X/layers/raw.X/obsp left absent (fast summary)
    std::size_t unsArrayLimit = 100'000;      // larger uns arrays are described, not loaded
};

Dataset readH5ad(const std::string& path, ProgressSink& progress, const CancelToken& cancel,
                 H5adReadReport* report = nullptr, const H5adReadOptions& options = {});

} // namespace scdesk
