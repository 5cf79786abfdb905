#pragma once
// One matrix slot of a dataset (X, a layer, raw/X, an obsp graph): absent, CSR, CSC or dense.
//
// Value rule: values are held as float32 in memory whatever the file stores (float32 and
// integer counts below 2^24 stay exact; float64 and larger integers are rounded to float32).
// `dtype` keeps the stored type (numpy's name: "float32", "int64", ...) so `info` reports it
// and the writer knows what the file had.
#include <cstdint>
#include <string>
#include <variant>

#include <Eigen/Core>

#include "data/csc_matrix.h"
#include "data/csr_matrix.h"

namespace scdesk {

using DenseMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class Matrix {
public:
    Matrix() = default; // absent
    Matrix(CsrMatrix m, std::string dtype = "float32") : m_storage(std::move(m)), m_dtype(std::move(dtype)) {}
    Matrix(CscMatrix m, std::string dtype = "float32") : m_storage(std::move(m)), m_dtype(std::move(dtype)) {}
    Matrix(DenseMatrix m, std::string dtype = "float32") : m_storage(std::move(m)), m_dtype(std::move(dtype)) {}

    bool isNone() const { return std::holds_alternative<std::monostate>(m_storage); }
    const CsrMatrix* csr() const { return std::get_if<CsrMatrix>(&m_storage); }
    const CscMatrix* csc() const { return std::get_if<CscMatrix>(&m_storage); }
    const DenseMatrix* dense() const { return std::get_if<DenseMatrix>(&m_storage); }
    const std::string& dtype() const { return m_dtype; }
    const char* kindName() const; // "none", "csr", "csc" or "dense"

    std::int64_t rows() const;
    std::int64_t cols() const;
    std::int64_t storedValues() const; // nnz for sparse, rows × cols for dense
    std::int64_t bytes() const;        // memory held by the arrays

private:
    std::variant<std::monostate, CsrMatrix, CscMatrix, DenseMatrix> m_storage;
    std::string m_dtype = "float32";
};

} // namespace scdesk
