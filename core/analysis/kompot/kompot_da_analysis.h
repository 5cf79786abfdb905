#pragma once
// kompot-da: Kompot differential abundance between two conditions of an obs column, on a
// cell-state embedding in obsm (spec §5).
#include "analysis/analysis.h"

namespace scdesk::kompot {

class KompotDaAnalysis final : public Analysis {
public:
    KompotDaAnalysis();
    std::string id() const override { return "kompot-da"; }
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
