#include "analysis/cost_text.h"

#include <cmath>
#include <cstdio>

namespace scdesk {

std::string formatDuration(double seconds)
{
    char buf[64];
    if (seconds < 1.0)
        std::snprintf(buf, sizeof buf, "under a second");
    else if (seconds < 90.0)
        std::snprintf(buf, sizeof buf, "%.0f s", seconds);
    else if (seconds < 5400.0)
        std::snprintf(buf, sizeof buf, "%.0f min %.0f s", std::floor(seconds / 60.0), std::fmod(seconds, 60.0));
    else
        std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600.0);
    return buf;
}

std::string formatMemory(double bytes)
{
    char buf[64];
    if (bytes < 1024.0 * 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.0f MiB", bytes / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return buf;
}

std::string memoryWarning(const std::string& analysisName, const CostEstimate& cost)
{
    return analysisName + " needs about " + formatMemory(cost.bytes) + " but only " + formatMemory(cost.availableBytes)
           + " are available: the run may swap or be killed (fewer landmarks need less)";
}

} // namespace scdesk
