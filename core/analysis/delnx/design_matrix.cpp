#include "analysis/delnx/design_matrix.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <Eigen/Dense>

#include "util/errors.h"

namespace scdesk::delnx {

namespace {

std::string joinQuoted(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "'" : ", '") + s + "'";
    return out;
}

bool isMissing(const ColumnData& data, std::size_t row)
{
    return std::visit(
        [row](const auto& c) -> bool {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CategoricalColumn>)
                return c.codes[row] < 0;
            else if constexpr (std::is_same_v<T, NumericColumn>)
                return (!c.mask.empty() && c.mask[row]) || std::isnan(c.values[row]);
            else
                return !c.mask.empty() && c.mask[row];
        },
        data);
}

// patsy/pandas refuse NA in a formula term: say which column and how many cells.
void requireNoMissing(const Column& column)
{
    const std::size_t n = columnLength(column.data);
    std::size_t missing = 0;
    for (std::size_t i = 0; i < n; ++i)
        missing += isMissing(column.data, i);
    if (missing > 0)
        throw InvalidInput("obs column '" + column.name + "' has " + std::to_string(missing) + " missing value"
                           + (missing == 1 ? "" : "s") + " (of " + std::to_string(n)
                           + "); remove those cells or fill the column before fitting");
}

} // namespace

std::string factorValue(const Column& column, std::size_t row)
{
    if (isMissing(column.data, row))
        return {};
    return std::visit(
        [row](const auto& c) -> std::string {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CategoricalColumn>)
                return c.categories[static_cast<std::size_t>(c.codes[row])];
            else if constexpr (std::is_same_v<T, BoolColumn>)
                return c.values[row] ? "True" : "False"; // numpy's str(bool), as patsy names it
            else if constexpr (std::is_same_v<T, StringColumn>)
                return c.values[row];
            else
                return {};
        },
        column.data);
}

std::vector<std::string> factorLevels(const Column& column, bool firstAppearance, const std::string& role)
{
    if (std::holds_alternative<NumericColumn>(column.data))
        throw InvalidInput("obs column '" + column.name + "' is numeric; the " + role
                           + " must be categorical or text (convert it to a category)");
    requireNoMissing(column);
    const std::size_t n = columnLength(column.data);
    if (const auto* cat = std::get_if<CategoricalColumn>(&column.data)) {
        // Category order, keeping only the categories that occur (an unused category would give
        // an all-zero design column).
        std::vector<char> used(cat->categories.size(), 0);
        for (auto code : cat->codes)
            used[static_cast<std::size_t>(code)] = 1;
        std::vector<std::string> levels;
        for (std::size_t k = 0; k < cat->categories.size(); ++k)
            if (used[k])
                levels.push_back(cat->categories[k]);
        return levels;
    }
    std::vector<std::string> levels;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
        std::string v = factorValue(column, i);
        if (seen.insert(v).second)
            levels.push_back(std::move(v));
    }
    if (!firstAppearance || std::holds_alternative<BoolColumn>(column.data))
        std::sort(levels.begin(), levels.end());
    return levels;
}

std::vector<std::size_t> aliasedColumns(const Eigen::MatrixXd& matrix, double tolerance)
{
    std::vector<std::size_t> aliased;
    std::vector<Eigen::VectorXd> basis;
    for (Eigen::Index j = 0; j < matrix.cols(); ++j) {
        Eigen::VectorXd v = matrix.col(j);
        const double norm0 = v.norm();
        if (!(norm0 > 0)) {
            aliased.push_back(static_cast<std::size_t>(j));
            continue;
        }
        for (int pass = 0; pass < 2; ++pass) // twice is enough for orthogonality in float64
            for (const auto& q : basis)
                v -= q.dot(v) * q;
        const double norm = v.norm();
        if (norm < tolerance * norm0) {
            aliased.push_back(static_cast<std::size_t>(j));
            continue;
        }
        basis.push_back(v / norm);
    }
    return aliased;
}

Design buildDesign(const DataFrame& obs, const DesignSpec& spec)
{
    const Column& condition = obs.require(spec.condition, "obs");
    const std::size_t n = obs.rows();
    std::vector<std::string> levels = factorLevels(condition, true, "condition");
    if (levels.size() < 2)
        throw InvalidInput("obs column '" + spec.condition + "' has only one level ("
                           + (levels.empty() ? std::string("none") : "'" + levels.front() + "'")
                           + "); a condition needs at least two levels to compare");
    const auto ref = std::find(levels.begin(), levels.end(), spec.reference);
    if (ref == levels.end())
        throw InvalidInput("reference '" + spec.reference + "' is not a level of obs column '" + spec.condition
                           + "'; its levels are " + joinQuoted(levels));
    std::rotate(levels.begin(), ref, ref + 1); // the reference first, the others keep their order

    Design d;
    d.conditionLevels = levels;
    std::map<std::string, int> levelIndex;
    for (std::size_t k = 0; k < levels.size(); ++k)
        levelIndex[levels[k]] = static_cast<int>(k);
    d.conditionCodes.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        d.conditionCodes[i] = levelIndex.at(factorValue(condition, i));

    std::vector<Eigen::VectorXd> cols;
    d.columnNames.push_back("Intercept");
    cols.push_back(Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n)));
    for (std::size_t k = 1; k < levels.size(); ++k) {
        Eigen::VectorXd c = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
        for (std::size_t i = 0; i < n; ++i)
            c[static_cast<Eigen::Index>(i)] = d.conditionCodes[i] == static_cast<int>(k) ? 1.0 : 0.0;
        const std::string name = spec.condition + "[T." + levels[k] + "]";
        d.columnNames.push_back(name);
        d.conditionColumns.push_back(name);
        cols.push_back(std::move(c));
    }

    for (const auto& covName : spec.covariates) {
        if (covName == spec.condition)
            throw InvalidInput("covariate '" + covName + "' is the condition itself");
        const Column& cov = obs.require(covName, "obs");
        if (const auto* num = std::get_if<NumericColumn>(&cov.data)) {
            requireNoMissing(cov);
            d.columnNames.push_back(covName);
            cols.push_back(Eigen::Map<const Eigen::VectorXd>(num->values.data(), static_cast<Eigen::Index>(n)));
            continue;
        }
        const std::vector<std::string> covLevels = factorLevels(cov, false, "covariate");
        for (std::size_t k = 1; k < covLevels.size(); ++k) {
            Eigen::VectorXd c = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
            for (std::size_t i = 0; i < n; ++i)
                c[static_cast<Eigen::Index>(i)] = factorValue(cov, i) == covLevels[k] ? 1.0 : 0.0;
            d.columnNames.push_back(covName + "[T." + covLevels[k] + "]");
            cols.push_back(std::move(c));
        }
    }

    const std::size_t p = cols.size();
    if (n <= p)
        throw InvalidInput("the design has " + std::to_string(p) + " coefficients (" + joinQuoted(d.columnNames)
                           + ") but only " + std::to_string(n)
                           + " samples; the quasi-likelihood test needs more samples than coefficients");
    d.matrix.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
    for (std::size_t j = 0; j < p; ++j)
        d.matrix.col(static_cast<Eigen::Index>(j)) = cols[j];
    if (!d.matrix.allFinite())
        throw InvalidInput("the design matrix has non-finite values (check the numeric covariates)");

    const auto aliased = aliasedColumns(d.matrix);
    if (!aliased.empty()) {
        std::vector<std::string> names;
        for (auto j : aliased)
            names.push_back(d.columnNames[j]);
        throw InvalidInput("the design is rank-deficient: column" + std::string(names.size() == 1 ? " " : "s ")
                           + joinQuoted(names) + (names.size() == 1 ? " is" : " are")
                           + " a linear combination of the columns before (confounded with the condition or "
                             "another covariate); remove the covariate or choose other columns");
    }
    return d;
}

} // namespace scdesk::delnx
