// The analyses scDesk ships, in menu order. A new analysis adds one line here.
#include "analysis/analysis_registry.h"
#include "analysis/gene_stats/gene_stats_analysis.h"

namespace scdesk {

void registerBuiltinAnalyses(AnalysisRegistry& registry)
{
    registry.add(std::make_shared<GeneStatsAnalysis>());
}

} // namespace scdesk
