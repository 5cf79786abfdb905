#pragma once
// Writes that never leave a half-written file behind: write to a temporary sibling, flush, then
// rename over the target. A crash or a full disk leaves the previous file untouched.
#include <functional>
#include <ostream>
#include <string>

namespace scdesk {

// Calls `write` with a stream to a temporary file next to `path`, then renames it into place.
// Throws IoError naming `path` on failure (the temporary file is removed).
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// A temporary path next to `path` for writers that need a file name (e.g. HDF5), and the rename.
std::string temporarySiblingPath(const std::string& path);
void commitTemporaryFile(const std::string& temporaryPath, const std::string& path);

} // namespace scdesk
