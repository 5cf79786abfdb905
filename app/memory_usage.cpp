#include "memory_usage.h"

#include <fstream>

#include <unistd.h>

namespace scdesk {

std::int64_t residentMemoryBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::int64_t sizePages = 0, residentPages = 0;
    if (!(statm >> sizePages >> residentPages))
        return 0;
    return residentPages * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

} // namespace scdesk
