#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_result.h"

namespace scdesk {

class GeneStatsResult final : public AnalysisResult {
public:
    std::vector<std::string> features;
    std::vector<double> mean;
    std::vector<double> variance;
    std::vector<double> fractionExpressing;
    std::vector<std::int64_t> nCells;
    std::vector<double> total;
    std::vector<bool> passesFilter;
    std::int64_t nObs = 0;
    nlohmann::json params;

    std::string analysisId() const override { return "gene-stats"; }
    std::string summary() const override;
    std::vector<ResultTable> tables() const override;
    void writeInto(Dataset& dataset) const override;
};

} // namespace scdesk
