// The analyses scDesk ships, in menu order. A new analysis adds one line here.
#include "analysis/analysis_registry.h"
#include "analysis/delnx/delnx_analysis.h"
#include "analysis/diffusion/diffusion_map_analysis.h"
#include "analysis/gene_stats/gene_stats_analysis.h"
#include "analysis/kompot/kompot_da_analysis.h"
#include "analysis/kompot/kompot_de_analysis.h"

namespace scdesk {

void registerBuiltinAnalyses(AnalysisRegistry& registry)
{
    registry.add(std::make_shared<GeneStatsAnalysis>());
    registry.add(std::make_shared<delnx::DelnxAnalysis>());
    registry.add(std::make_shared<DiffusionMapAnalysis>());
    registry.add(std::make_shared<kompot::KompotDaAnalysis>());
    registry.add(std::make_shared<kompot::KompotDeAnalysis>());
}

} // namespace scdesk
