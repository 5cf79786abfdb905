#pragma once
// Versions of scDesk and the libraries core is built on, for --version and the About box.
#include <string>

namespace scdesk {

std::string scdeskVersion();
std::string eigenVersion();
std::string hdf5Version(); // of the library loaded at run time
std::string openmpDescription(); // "OpenMP 4.5, 8 threads"

} // namespace scdesk
