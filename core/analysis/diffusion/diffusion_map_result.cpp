#include "analysis/diffusion/diffusion_map_result.h"

#include <cstdio>

#include "data/dataset.h"

namespace scdesk {

std::string eigenvalueKeyFor(const std::string& eigenvectorKey)
{
    static const std::string vectors = "EigenVectors";
    if (eigenvectorKey.size() >= vectors.size()
        && eigenvectorKey.compare(eigenvectorKey.size() - vectors.size(), vectors.size(), vectors) == 0)
        return eigenvectorKey.substr(0, eigenvectorKey.size() - vectors.size()) + "EigenValues";
    return eigenvectorKey + "_eigenvalues";
}

void writeDiffusionMap(Dataset& dataset, const std::string& key, const Eigen::MatrixXd& eigenvectors,
                       const Eigen::VectorXd& eigenvalues)
{
    dataset.setObsm(key, DenseMatrix(eigenvectors.cast<float>()));
    dataset.setUns(eigenvalueKeyFor(key),
                   nlohmann::json(std::vector<double>(eigenvalues.data(), eigenvalues.data() + eigenvalues.size())));
}

std::string DiffusionMapResult::summary() const
{
    char range[64];
    const auto k = map.eigenvalues.size();
    std::snprintf(range, sizeof range, "%.4f … %.4f", k > 0 ? map.eigenvalues[0] : 0.0,
                  k > 0 ? map.eigenvalues[k - 1] : 0.0);
    return "diffusion map of " + sourceKey + " on " + std::to_string(nCells) + " cells: " + std::to_string(k)
           + " components (eigenvalues " + range + ") → obsm " + outKey;
}

std::vector<ResultTable> DiffusionMapResult::tables() const
{
    const auto k = static_cast<std::size_t>(map.eigenvalues.size());
    std::vector<double> component(k), value(k);
    for (std::size_t i = 0; i < k; ++i) {
        component[i] = static_cast<double>(i);
        value[i] = map.eigenvalues[static_cast<Eigen::Index>(i)];
    }
    ResultTable t;
    t.name = "diffusion_map_eigenvalues";
    t.addColumn("component", component);
    t.addColumn("eigenvalue", value);
    return {t};
}

void DiffusionMapResult::writeInto(Dataset& dataset) const
{
    writeDiffusionMap(dataset, outKey, map.eigenvectors, map.eigenvalues);
}

} // namespace scdesk
