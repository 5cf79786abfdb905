#pragma once
// Human-readable sizes and durations for cost estimates ("1.2 GiB", "3 min 20 s") and the
// warning logged when an estimate does not fit in memory.
#include <string>

#include "analysis/analysis.h"

namespace scdesk {

std::string formatDuration(double seconds);
std::string formatMemory(double bytes);
// "<analysis> needs about X but only Y are available: the run may swap or be killed".
std::string memoryWarning(const std::string& analysisName, const CostEstimate& cost);

} // namespace scdesk
