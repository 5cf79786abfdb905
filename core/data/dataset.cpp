#include "data/dataset.h"

#include "util/errors.h"

namespace scdesk {

std::int64_t axisArrayRows(const AxisArray& a)
{
    if (const auto* m = std::get_if<DenseMatrix>(&a))
        return m->rows();
    if (const auto* m = std::get_if<CsrMatrix>(&a))
        return m->rows;
    if (const auto* m = std::get_if<CscMatrix>(&a))
        return m->rows;
    return static_cast<std::int64_t>(std::get<DataFrame>(a).rows());
}

std::int64_t axisArrayCols(const AxisArray& a)
{
    if (const auto* m = std::get_if<DenseMatrix>(&a))
        return m->cols();
    if (const auto* m = std::get_if<CsrMatrix>(&a))
        return m->cols;
    if (const auto* m = std::get_if<CscMatrix>(&a))
        return m->cols;
    return static_cast<std::int64_t>(std::get<DataFrame>(a).columns.size());
}

const DenseMatrix* denseOf(const AxisArray& a)
{
    return std::get_if<DenseMatrix>(&a);
}

namespace {

std::int64_t axisArrayBytes(const AxisArray& a)
{
    if (const auto* m = std::get_if<DenseMatrix>(&a))
        return Matrix(*m).bytes();
    if (const auto* m = std::get_if<CsrMatrix>(&a))
        return static_cast<std::int64_t>(m->data.size() * (sizeof(float) + sizeof(std::int32_t)));
    if (const auto* m = std::get_if<CscMatrix>(&a))
        return static_cast<std::int64_t>(m->data.size() * (sizeof(float) + sizeof(std::int32_t)));
    return static_cast<std::int64_t>(std::get<DataFrame>(a).rows() * std::get<DataFrame>(a).columns.size() * sizeof(double));
}

} // namespace

const Matrix& Dataset::matrix(const std::string& layer) const
{
    if (layer.empty() || layer == "X") {
        if (X.isNone())
            throw InvalidInput("the dataset has no X matrix; choose a layer");
        return X;
    }
    auto it = layers.find(layer);
    if (it == layers.end())
        throw InvalidInput("layer '" + layer + "' not found in the dataset");
    return it->second;
}

std::int64_t Dataset::memoryBytes() const
{
    std::int64_t total = X.bytes();
    for (const auto& [name, m] : layers)
        total += m.bytes();
    if (raw)
        total += raw->X.bytes();
    for (const auto* axis : {&obsm, &varm})
        for (const auto& [name, a] : *axis)
            total += axisArrayBytes(a);
    for (const auto* graphs : {&obsp, &varp})
        for (const auto& [name, m] : *graphs)
            total += m.bytes();
    return total;
}

void Dataset::setObsColumn(Column column)
{
    modified.insert("obs/" + column.name);
    obs.set(std::move(column));
}

void Dataset::setVarColumn(Column column)
{
    modified.insert("var/" + column.name);
    var.set(std::move(column));
}

void Dataset::setLayer(const std::string& name, Matrix m)
{
    if (m.rows() != nObs() || m.cols() != nVars())
        throw InvalidInput("layer '" + name + "' is " + std::to_string(m.rows()) + " × " + std::to_string(m.cols())
                           + ", the dataset is " + std::to_string(nObs()) + " × " + std::to_string(nVars()));
    modified.insert("layers/" + name);
    layers[name] = std::move(m);
}

void Dataset::setObsm(const std::string& name, AxisArray a)
{
    if (axisArrayRows(a) != nObs())
        throw InvalidInput("obsm '" + name + "' has " + std::to_string(axisArrayRows(a)) + " rows, the dataset has "
                           + std::to_string(nObs()) + " cells");
    modified.insert("obsm/" + name);
    obsm[name] = std::move(a);
}

void Dataset::setUns(const std::string& key, nlohmann::json value)
{
    modified.insert("uns/" + key);
    uns[key] = std::move(value);
}

} // namespace scdesk
