#pragma once
// The result of diffusion-map: Palantir's diffusion components, written where Palantir writes
// them (obsm "DM_EigenVectors", uns "DM_EigenValues"); also the writer the Kompot analyses use
// when they computed the diffusion map themselves.
#include <string>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "analysis/analysis_result.h"
#include "math/diffusion_map.h"

namespace scdesk {

// Palantir's uns key for the eigenvalues of an eigenvector obsm key: "DM_EigenVectors" →
// "DM_EigenValues" (any "...EigenVectors" likewise); other keys get "<key>_eigenvalues".
std::string eigenvalueKeyFor(const std::string& eigenvectorKey);

// obsm[key] as float32 and uns[eigenvalueKeyFor(key)] as a JSON array.
void writeDiffusionMap(Dataset& dataset, const std::string& key, const Eigen::MatrixXd& eigenvectors,
                       const Eigen::VectorXd& eigenvalues);

class DiffusionMapResult final : public AnalysisResult {
public:
    std::string sourceKey; // obsm input, "X_pca"
    std::string outKey;    // obsm output, "DM_EigenVectors"
    std::int64_t nCells = 0;
    DiffusionMap map;
    nlohmann::json params;

    std::string analysisId() const override { return "diffusion-map"; }
    std::string summary() const override;
    std::vector<ResultTable> tables() const override;
    void writeInto(Dataset& dataset) const override;
};

} // namespace scdesk
