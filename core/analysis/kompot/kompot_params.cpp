#include "analysis/kompot/kompot_params.h"

namespace scdesk::kompot {

ParamSpec conditionColumnParam(const std::string& page)
{
    return {.name = "groupby",
            .type = ParamType::ObsColumn,
            .required = true,
            .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Condition column"),
            .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "The obs column holding the conditions to compare."),
            .page = page};
}

ParamSpec referenceConditionParam(const std::string& page)
{
    return {.name = "condition1",
            .type = ParamType::String,
            .required = true,
            .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Reference condition"),
            .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Fold changes go from this condition to condition 2."),
            .page = page};
}

ParamSpec computeDiffusionMapParam(const std::string& page)
{
    return {.name = "compute_diffusion_map",
            .type = ParamType::Bool,
            .defaultValue = true,
            .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Compute DM_EigenVectors from X_pca if missing"),
            .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                          "When obsm has no DM_EigenVectors, first compute Palantir's diffusion map "
                                          "(30 neighbours, 10 components) from X_pca and store it with the results."),
            .page = page};
}

} // namespace scdesk::kompot
