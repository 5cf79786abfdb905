#pragma once
// The design matrix of `~ condition + covariates` from obs columns, as delnx's build_design makes it
// with patsy (Treatment coding, names `Intercept`, `condition[T.level]`, `cov[T.level]`, `cov`), plus
// the checks glmGamPoi makes before fitting (NA, p < N, full column rank at tolerance 1e-7).
#include <Eigen/Core>

#include <string>
#include <vector>

#include "data/data_frame.h"

namespace scdesk::delnx {

struct DesignSpec {
    std::string condition;               // obs column: categorical, string or bool (not numeric)
    std::string reference;               // a level of `condition`; becomes the intercept
    std::vector<std::string> covariates; // obs columns, categorical/string/bool or numeric
};

struct Design {
    Eigen::MatrixXd matrix;                    // N × p
    std::vector<std::string> columnNames;      // Intercept, condition[T.lvl]..., covariate columns
    std::vector<std::string> conditionLevels;  // reference first, then the other levels present
    std::vector<std::string> conditionColumns; // the condition[T.lvl] names (a subset of columnNames)
    std::vector<int> conditionCodes;           // per row: index into conditionLevels
};

// The levels of a factor column as patsy orders them: category order for categoricals, order of
// first appearance for strings when `firstAppearance`, else sorted unique values; only levels
// that occur. Throws InvalidInput for numeric columns and for missing values (naming the column
// and its `role`: "condition", "sample column", ...).
std::vector<std::string> factorLevels(const Column& column, bool firstAppearance, const std::string& role);
// Row i's level as text ("" only for missing values, which factorLevels rejects).
std::string factorValue(const Column& column, std::size_t row);

// Builds and checks the design. Throws InvalidInput naming the column at fault: a numeric or
// one-level condition, a reference that is not a level (listing the levels), missing values,
// N <= p, or a rank-deficient design (naming the aliased columns).
Design buildDesign(const DataFrame& obs, const DesignSpec& spec);

// Columns that are linear combinations of the columns before them (pivoted Gram–Schmidt in column
// order, relative tolerance 1e-7 as R's qr()); empty for a full-rank matrix.
std::vector<std::size_t> aliasedColumns(const Eigen::MatrixXd& matrix, double tolerance = 1e-7);

} // namespace scdesk::delnx
