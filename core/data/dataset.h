#pragma once
// The AnnData model: X, layers, obs/var frames, obsm/varm embeddings and uns metadata.
// Datasets are shared between threads as immutable snapshots (shared_ptr<const Dataset>).
#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "data/csr_matrix.h"
#include "data/data_frame.h"

namespace scdesk {

using DenseMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Matrix = std::variant<CsrMatrix, DenseMatrix>;

std::int64_t matrixRows(const Matrix& m);
std::int64_t matrixCols(const Matrix& m);
// Bytes held by the matrix's arrays, for memory estimates.
std::int64_t matrixBytes(const Matrix& m);

struct Dataset {
    std::string sourcePath; // empty for generated data
    Matrix X;
    std::map<std::string, Matrix> layers;
    DataFrame obs;
    DataFrame var;
    std::map<std::string, DenseMatrix> obsm;
    std::map<std::string, DenseMatrix> varm;
    nlohmann::json uns = nlohmann::json::object();

    std::int64_t nObs() const { return static_cast<std::int64_t>(obs.rows()); }
    std::int64_t nVars() const { return static_cast<std::int64_t>(var.rows()); }
    // X when `layer` is empty or "X", else the named layer; throws InvalidInput naming the layer.
    const Matrix& matrix(const std::string& layer) const;
    std::int64_t memoryBytes() const;
};

} // namespace scdesk
