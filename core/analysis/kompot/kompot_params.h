#pragma once
// The parameters Kompot DA and DE declare alike: the condition column, the reference condition
// and the diffusion-map fallback for a missing DM_EigenVectors.
#include <string>

#include "analysis/param_spec.h"

namespace scdesk::kompot {

ParamSpec conditionColumnParam(const std::string& page);
ParamSpec referenceConditionParam(const std::string& page);
ParamSpec computeDiffusionMapParam(const std::string& page);

} // namespace scdesk::kompot
