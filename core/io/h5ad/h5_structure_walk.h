#pragma once
// Touches every piece of an HDF5 file's structure that a reader depends on — each object header,
// every attribute's value, every string dataset's values (global heap), every chunk index entry —
// without reading bulk numeric data. Run in the preflight child so that a file damaged in any of
// those places crashes the child, not scDesk. Errors are ignored: only crashes matter here.
#include <string>

namespace scdesk::h5 {

void walkStructure(const std::string& path);

} // namespace scdesk::h5
