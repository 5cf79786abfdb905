#include "io/dataset_summary.h"

#include <algorithm>

namespace scdesk {

namespace {

using nlohmann::ordered_json;

// kind, dtype, nnz (stored values of sparse matrices, non-zero entries of dense ones, as anndata
// counts them) and the float64 sum of the stored values.
ordered_json matrixSummary(const Matrix& m)
{
    ordered_json j;
    j["kind"] = m.kindName();
    if (m.isNone())
        return j;
    j["dtype"] = m.dtype();
    double sum = 0.0;
    std::int64_t nnz = 0;
    auto add = [&](const float* p, std::size_t n, bool countNonZero) {
        for (std::size_t i = 0; i < n; ++i)
            sum += static_cast<double>(p[i]);
        nnz += countNonZero ? std::count_if(p, p + n, [](float v) { return v != 0.0f; }) : static_cast<std::int64_t>(n);
    };
    if (const CsrMatrix* c = m.csr())
        add(c->data.data(), c->data.size(), false);
    else if (const CscMatrix* t = m.csc())
        add(t->data.data(), t->data.size(), false);
    else if (const DenseMatrix* d = m.dense())
        add(d->data(), static_cast<std::size_t>(d->size()), true);
    j["nnz"] = nnz;
    j["sum"] = sum;
    return j;
}

ordered_json columnKinds(const DataFrame& df)
{
    ordered_json j = ordered_json::object();
    for (const Column& c : df.columns)
        j[c.name] = columnKindName(c.data);
    return j;
}

ordered_json head(const std::vector<std::string>& names)
{
    ordered_json j = ordered_json::array();
    for (std::size_t i = 0; i < std::min<std::size_t>(3, names.size()); ++i)
        j.push_back(names[i]);
    return j;
}

} // namespace

ordered_json summarizeDataset(const Dataset& dataset)
{
    ordered_json j;
    j["n_obs"] = dataset.nObs();
    j["n_vars"] = dataset.nVars();
    j["X"] = matrixSummary(dataset.X);
    j["obs"] = columnKinds(dataset.obs);
    j["var"] = columnKinds(dataset.var);
    j["obs_names_head"] = head(dataset.obs.index);
    j["var_names_head"] = head(dataset.var.index);
    ordered_json obsm = ordered_json::object();
    for (const auto& [key, a] : dataset.obsm)
        obsm[key] = {axisArrayRows(a), axisArrayCols(a)};
    j["obsm"] = obsm;
    ordered_json layers = ordered_json::object();
    for (const auto& [key, m] : dataset.layers)
        layers[key] = matrixSummary(m);
    j["layers"] = layers;
    j["raw_n_vars"] = dataset.raw ? ordered_json(static_cast<std::int64_t>(dataset.raw->var.rows())) : ordered_json(nullptr);
    ordered_json uns = ordered_json::array();
    if (dataset.uns.is_object())
        for (auto it = dataset.uns.begin(); it != dataset.uns.end(); ++it)
            uns.push_back(it.key());
    j["uns_keys"] = uns;
    return j;
}

} // namespace scdesk
