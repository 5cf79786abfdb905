#pragma once
// The result of kompot-da: per-cell DA columns, written into obs and uns under the names the
// newest Kompot uses (spec §5.4).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_result.h"
#include "analysis/kompot/differential_abundance.h"

namespace scdesk::kompot {

// Kompot's sanitisation of condition names in keys: space / \ - . become _.
std::string sanitizeConditionName(std::string name);

class KompotDaResult final : public AnalysisResult {
public:
    std::vector<std::string> cells;
    std::string condition1, condition2;
    DaResult da;
    nlohmann::json params;
    // Set when the run computed the embedding (Palantir's diffusion map of X_pca, because obsm had
    // no DM_EigenVectors): writeInto() stores it as obsm[computedEmbeddingKey] and its eigenvalues
    // in uns ("DM_EigenValues"). Empty key: the embedding was read, nothing to store.
    std::string computedEmbeddingKey;
    Eigen::MatrixXd computedEmbedding;
    Eigen::VectorXd computedEigenvalues;

    std::string analysisId() const override { return "kompot-da"; }
    std::string summary() const override;
    std::vector<ResultTable> tables() const override;
    void writeInto(Dataset& dataset) const override;

    // obs keys, e.g. "kompot_da_control_to_stimulated_lfc".
    std::string lfcKey() const;
    std::string zscoreKey() const;
    std::string ptpKey() const;
    std::string directionKey() const;
    std::string logDensityKey(int condition) const;
};

} // namespace scdesk::kompot
