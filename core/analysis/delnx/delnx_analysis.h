#pragma once
// delnx nb_fit + nb_test as an scDesk analysis: a condition contrast (with covariates) fitted with
// glmGamPoi's NB GLM and quasi-likelihood F-test, on single cells or on pseudobulk samples, for the
// whole dataset or per group (cell type) with BH across groups, as delnx's grouped() does.
#include "analysis/analysis.h"

namespace scdesk::delnx {

class DelnxAnalysis final : public Analysis {
public:
    DelnxAnalysis();
    std::string id() const override { return "delnx"; }
    std::string title() const override;
    std::string description() const override;
    const ParamSchema& schema() const override { return m_schema; }
    // Counts, condition levels, reference, NA, samples vs coefficients, rank, pseudobulk consistency.
    void validate(const Dataset& dataset, const ParamValues& params) const override;
    std::shared_ptr<const AnalysisResult> run(const Dataset& dataset, const ParamValues& params,
                                              RunContext& context) const override;

private:
    ParamSchema m_schema;
};

} // namespace scdesk::delnx
