#pragma once
// Per-gene summary statistics (mean, variance, fraction of cells expressing, ...), the names
// following scanpy's calculate_qc_metrics where one exists.
#include "analysis/analysis.h"

namespace scdesk {

class GeneStatsAnalysis final : public Analysis {
public:
    GeneStatsAnalysis();
    std::string id() const override { return "gene-stats"; }
    std::string title() const override;
    std::string description() const override;
    const ParamSchema& schema() const override { return m_schema; }
    std::shared_ptr<const AnalysisResult> run(const Dataset& dataset, const ParamValues& params,
                                              RunContext& context) const override;

private:
    ParamSchema m_schema;
};

} // namespace scdesk
