#pragma once
// diffusion-map: Palantir's diffusion map (run_diffusion_maps: 30 neighbours, 10 components,
// alpha 0) of an obsm matrix, usually X_pca, stored as obsm "DM_EigenVectors" — the cell-state
// space Kompot and Mellon expect (spec §7, §12.6).
#include <cstdint>
#include <string>

#include <Eigen/Dense>

#include "analysis/analysis.h"

namespace scdesk {

// The obsm matrix a diffusion map is computed from, checked: present (else "compute a PCA
// first"), dense, one row per cell, finite. Throws InvalidInput naming the key.
Eigen::MatrixXd diffusionMapInput(const Dataset& dataset, const std::string& obsmKey);

// Throws InvalidInput when the dataset has too few cells for `knn` and `nComponents`.
void checkDiffusionMapCellCount(std::int64_t nCells, std::int64_t knn, std::int64_t nComponents);

class DiffusionMapAnalysis final : public Analysis {
public:
    DiffusionMapAnalysis();
    std::string id() const override { return "diffusion-map"; }
    std::string title() const override;
    std::string description() const override;
    const ParamSchema& schema() const override { return m_schema; }
    void validate(const Dataset& dataset, const ParamValues& params) const override;
    std::optional<CostEstimate> estimateCost(const Dataset& dataset, const ParamValues& params) const override;
    std::shared_ptr<const AnalysisResult> run(const Dataset& dataset, const ParamValues& params,
                                              RunContext& context) const override;

private:
    ParamSchema m_schema;
};

} // namespace scdesk
