#include "analysis/gene_stats/gene_stats_result.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "data/dataset.h"

namespace scdesk {

std::string GeneStatsResult::summary() const
{
    const auto passing = std::count(passesFilter.begin(), passesFilter.end(), true);
    return "gene statistics for " + std::to_string(features.size()) + " genes over " + std::to_string(nObs)
           + " cells; " + std::to_string(passing) + " pass the filter";
}

std::vector<ResultTable> GeneStatsResult::tables() const
{
    const std::size_t n = features.size();
    std::vector<double> dispersion(n), nCellsD(n), pass(n);
    for (std::size_t g = 0; g < n; ++g) {
        dispersion[g] = mean[g] > 0 ? variance[g] / mean[g] : std::numeric_limits<double>::quiet_NaN();
        nCellsD[g] = static_cast<double>(nCells[g]);
        pass[g] = passesFilter[g] ? 1.0 : 0.0;
    }
    ResultTable table;
    table.name = "gene_stats";
    table.addColumn("feature", features);
    table.addColumn("mean", mean);
    table.addColumn("variance", variance);
    table.addColumn("dispersion", dispersion);
    table.addColumn("fraction_expressing", fractionExpressing);
    table.addColumn("n_cells", nCellsD);
    table.addColumn("total", total);
    table.addColumn("passes_filter", pass);
    return {table};
}

void GeneStatsResult::writeInto(Dataset& dataset) const
{
    const std::size_t n = features.size();
    std::vector<double> nCellsD(n), dropout(n);
    for (std::size_t g = 0; g < n; ++g) {
        nCellsD[g] = static_cast<double>(nCells[g]);
        dropout[g] = 100.0 * (1.0 - fractionExpressing[g]);
    }
    BoolColumn pass;
    pass.values.assign(passesFilter.begin(), passesFilter.end());
    dataset.setVarColumn({"n_cells_by_counts", NumericColumn{.values = nCellsD, .integer = true}});
    dataset.setVarColumn({"mean_counts", NumericColumn{.values = mean}});
    dataset.setVarColumn({"variance_counts", NumericColumn{.values = variance}});
    dataset.setVarColumn({"pct_dropout_by_counts", NumericColumn{.values = dropout}});
    dataset.setVarColumn({"total_counts", NumericColumn{.values = total}});
    dataset.setVarColumn({"gene_stats_pass", std::move(pass)});
    dataset.setUns("gene_stats", {{"params", params}});
}

} // namespace scdesk
