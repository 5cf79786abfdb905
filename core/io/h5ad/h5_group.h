#pragma once
// Listing a group's members, shared by the reader and the writer.
#include <hdf5.h>

#include <string>
#include <vector>

namespace scdesk::h5 {

std::vector<std::string> memberNames(hid_t group); // in name order

} // namespace scdesk::h5
