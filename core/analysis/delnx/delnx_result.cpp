#include "analysis/delnx/delnx_result.h"

#include <cmath>

#include "data/dataset.h"
#include "util/errors.h"

namespace scdesk::delnx {

std::string DelnxResult::summary() const
{
    std::size_t significant = 0;
    for (double p : padj)
        significant += p < 0.05;
    return "delnx NB GLM, contrast " + contrast + ": " + std::to_string(significant) + " of "
           + std::to_string(feature.size()) + (grouped ? " gene×group rows" : " genes") + " with padj < 0.05";
}

std::vector<ResultTable> DelnxResult::tables() const
{
    ResultTable t;
    t.name = "delnx";
    t.addColumn("feature", feature);
    if (grouped)
        t.addColumn("group", group);
    t.addColumn("log2fc", log2fc);
    t.addColumn("coef", coef);
    t.addColumn("stat", stat);
    t.addColumn("pval", pval);
    t.addColumn("padj", padj);
    t.addColumn("dispersion", dispersion);
    t.addColumn("ql_dispersion", qlDispersion);
    t.addColumn("mean", mean);
    t.addColumn("dispersion_trend", dispersionTrend);
    return {t};
}

void DelnxResult::writeInto(Dataset& dataset) const
{
    nlohmann::json uns = {{"params", params},
                          {"design_columns", designColumns},
                          {"contrast", contrast},
                          {"df0", df0},
                          {"info", info}};
    if (grouped) {
        // One row per (group, gene) does not fit var: keep the long table as column arrays.
        nlohmann::json results = nlohmann::json::object();
        for (const auto& table : tables())
            for (std::size_t c = 0; c < table.columns.size(); ++c)
                std::visit([&](const auto& values) { results[table.columnNames[c]] = values; }, table.columns[c]);
        uns["results"] = std::move(results);
    } else {
        if (feature.size() != static_cast<std::size_t>(dataset.nVars()))
            throw InvalidInput("the delnx result has " + std::to_string(feature.size()) + " genes, the dataset "
                               + std::to_string(dataset.nVars()));
        dataset.setVarColumn({"delnx_log2fc", NumericColumn{.values = log2fc}});
        dataset.setVarColumn({"delnx_pval", NumericColumn{.values = pval}});
        dataset.setVarColumn({"delnx_padj", NumericColumn{.values = padj}});
        dataset.setVarColumn({"delnx_stat", NumericColumn{.values = stat}});
        dataset.setVarColumn({"delnx_dispersion", NumericColumn{.values = dispersion}});
        dataset.setVarColumn({"delnx_ql_dispersion", NumericColumn{.values = qlDispersion}});
    }
    dataset.setUns("delnx", std::move(uns));
}

} // namespace scdesk::delnx
