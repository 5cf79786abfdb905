#pragma once
// Size factors (spec §4 S1), normalised to geometric mean 1.
#include <Eigen/Core>

#include "analysis/delnx/count_source.h"
#include "analysis/delnx/nb_glm.h"

namespace scdesk::delnx {

struct CountSummary {
    Eigen::VectorXd sizeFactors;
    int badSamples = 0; // samples whose raw factor was ≤ 0 (set to 0.001, like glmGamPoi)
};

// One sequential pass over the genes; also validates the counts (non-negative integers, finite),
// throwing InvalidInput that names the gene and sample.
CountSummary computeSizeFactors(const CountSource& counts, SizeFactorMethod method,
                                const std::vector<std::string>& featureNames);

} // namespace scdesk::delnx
