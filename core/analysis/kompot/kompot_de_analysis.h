#pragma once
// kompot-de: Kompot differential expression between two conditions of an obs column, on a
// cell-state embedding in obsm, for the genes of X or a layer (spec §6).
#include "analysis/analysis.h"

namespace scdesk::kompot {

class KompotDeAnalysis final : public Analysis {
public:
    KompotDeAnalysis();
    std::string id() const override { return "kompot-de"; }
    std::string title() const override;
    std::string description() const override;
    const ParamSchema& schema() const override { return m_schema; }
    void validate(const Dataset& dataset, const ParamValues& params) const override;
    std::optional<CostEstimate> estimateCost(const Dataset& dataset, const ParamValues& params) const override;
    std::shared_ptr<const AnalysisResult> run(const Dataset& dataset, const ParamValues& params,
                                              RunContext& context) const override;

private:
    ParamSchema m_schema;
};

} // namespace scdesk::kompot
