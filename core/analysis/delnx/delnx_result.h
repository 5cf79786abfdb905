#pragma once
// The result of a delnx run: one row per gene (per group and gene with groupby), in gene order,
// with delnx's nb_test columns plus the fit's per-gene dispersions.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_result.h"

namespace scdesk::delnx {

class DelnxResult final : public AnalysisResult {
public:
    bool grouped = false;            // run per level of `groupby`
    std::vector<std::string> group;  // per row, only when grouped
    std::vector<std::string> feature;
    std::vector<double> log2fc;      // clamped to [-10, 10] as delnx does
    std::vector<double> coef;        // natural-log coefficient of the contrast
    std::vector<double> stat;        // quasi-likelihood F
    std::vector<double> pval;
    std::vector<double> padj;        // BH, across all groups when grouped
    std::vector<double> dispersion;  // θ̂, the Cox–Reid MLE (NB scale)
    std::vector<double> qlDispersion; // shrunken quasi-likelihood dispersion (≈1 scale)
    std::vector<double> mean;         // mean fitted μ, used by the trend
    std::vector<double> dispersionTrend;

    std::string contrast;                   // the tested design column
    std::vector<std::string> designColumns; // of the (first) fitted design
    nlohmann::json df0;                     // ql_df0: a number ("inf" if infinite), or {group: df0}
    nlohmann::json params;                  // the resolved parameters
    nlohmann::json info = nlohmann::json::object(); // samples, dropped pseudobulk samples, skipped groups

    std::string analysisId() const override { return "delnx"; }
    std::string summary() const override;
    std::vector<ResultTable> tables() const override;
    // Without groupby: var columns delnx_log2fc, delnx_pval, delnx_padj, delnx_stat, delnx_dispersion,
    // delnx_ql_dispersion. With groupby the long table goes to uns["delnx"]["results"] (column arrays).
    // Always uns["delnx"] = {params, design_columns, contrast, df0, ...}.
    void writeInto(Dataset& dataset) const override;
};

} // namespace scdesk::delnx
