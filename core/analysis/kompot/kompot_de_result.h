#pragma once
// The result of kompot-de: one row per analysed gene (mean log fold change, Mahalanobis distance,
// its tail probability and, with null genes, the FDR), optional per-group tables, and the dataset
// fields under the names the newest Kompot uses (spec §6.9): var columns, the smoothed and
// fold-change layers, per-cell std in obs, group frames in varm and the run record in uns.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analysis_result.h"
#include "analysis/kompot/differential_expression.h"
#include "data/matrix.h"

namespace scdesk::kompot {

class KompotDeResult final : public AnalysisResult {
public:
    std::vector<std::string> varNames; // every gene of the dataset; de.genes index into it
    std::int64_t nObs = 0;             // cells of the dataset = evaluation cells
    std::string condition1, condition2;
    DeResult de;
    double fdrThreshold = 0.05;
    std::string normalization; // "none" or "log1p_cp10k": what was applied to the layer
    nlohmann::json params;
    // Set when the run computed the embedding (Palantir's diffusion map of X_pca, because obsm had
    // no DM_EigenVectors): writeInto() stores it as obsm[computedEmbeddingKey] and its eigenvalues
    // in uns, as the DA result does. Empty key: the embedding was read from obsm.
    std::string computedEmbeddingKey;
    Eigen::MatrixXd computedEmbedding;
    Eigen::VectorXd computedEigenvalues;

    std::string analysisId() const override { return "kompot-de"; }
    std::string summary() const override;
    std::vector<ResultTable> tables() const override;
    void writeInto(Dataset& dataset) const override;

    bool hasFdr() const { return de.localFdr.size() > 0; }
    bool hasLayers() const { return de.smoothed1.size() > 0; }
    // Key prefix "kompot_de_<c1>_to_<c2>" and the "_sample_var" suffix when samples were used.
    std::string prefix() const;
    std::string suffix() const;
    std::string smoothedLayer(int condition) const; // kompot_de_<c>_smoothed
    std::string foldChangeLayer() const;            // <prefix>_fold_change
    std::string stdKey(int condition) const;        // obs kompot_de_<c>_std
    std::string mainTableName() const;
    std::string groupTableName() const;
};

} // namespace scdesk::kompot
