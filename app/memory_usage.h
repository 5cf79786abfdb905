#pragma once
#include <cstdint>

namespace scdesk {

// Resident memory of this process in bytes (from /proc/self/statm; 0 where unavailable).
std::int64_t residentMemoryBytes();

} // namespace scdesk
