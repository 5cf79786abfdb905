#include "analysis/delnx/pseudobulk.h"

#include <cmath>
#include <map>

#include "analysis/delnx/design_matrix.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::delnx {

namespace {

// Per cell: the index of its level in `levels`.
std::vector<int> levelCodes(const Column& column, const std::vector<std::string>& levels)
{
    std::map<std::string, int> index;
    for (std::size_t k = 0; k < levels.size(); ++k)
        index[levels[k]] = static_cast<int>(k);
    const std::size_t n = columnLength(column.data);
    std::vector<int> codes(n);
    for (std::size_t i = 0; i < n; ++i)
        codes[i] = index.at(factorValue(column, i));
    return codes;
}

// A column's value per pseudobulk sample, checking it is the same in every cell of the sample.
// `firstCell[u]` is a cell of unit u; `unitOf[i]` the unit of cell i (−1: none).
template <typename T>
T carryColumn(const T& c, const std::string& name, const std::vector<int>& unitOf, const std::vector<std::int64_t>& firstCell,
              const std::vector<std::string>& unitNames)
{
    auto missing = [&](std::size_t i) -> bool {
        if constexpr (std::is_same_v<T, CategoricalColumn>)
            return c.codes[i] < 0;
        else if constexpr (std::is_same_v<T, NumericColumn>)
            return (!c.mask.empty() && c.mask[i]) || std::isnan(c.values[i]);
        else
            return !c.mask.empty() && c.mask[i];
    };
    auto same = [&](std::size_t a, std::size_t b) -> bool {
        if (missing(a) || missing(b))
            return missing(a) == missing(b);
        if constexpr (std::is_same_v<T, CategoricalColumn>)
            return c.codes[a] == c.codes[b];
        else
            return c.values[a] == c.values[b];
    };
    for (std::size_t i = 0; i < unitOf.size(); ++i) {
        if (unitOf[i] < 0)
            continue;
        const auto first = static_cast<std::size_t>(firstCell[static_cast<std::size_t>(unitOf[i])]);
        if (!same(i, first))
            throw InvalidInput("obs column '" + name + "' is not constant within pseudobulk sample '"
                               + unitNames[static_cast<std::size_t>(unitOf[i])]
                               + "'; a condition or covariate must take one value per sample to be used "
                                 "after pseudobulking");
    }
    T out;
    if constexpr (std::is_same_v<T, CategoricalColumn>) {
        out.categories = c.categories;
        out.ordered = c.ordered;
        for (auto f : firstCell)
            out.codes.push_back(c.codes[static_cast<std::size_t>(f)]);
    } else {
        out.values.reserve(firstCell.size());
        for (auto f : firstCell) {
            out.values.push_back(c.values[static_cast<std::size_t>(f)]);
            if (!c.mask.empty())
                out.mask.push_back(c.mask[static_cast<std::size_t>(f)]);
        }
        if constexpr (std::is_same_v<T, NumericColumn>)
            out.integer = c.integer;
    }
    return out;
}

CategoricalColumn categorical(const std::vector<std::string>& levels, std::vector<std::int32_t> codes)
{
    CategoricalColumn c;
    c.categories = levels;
    c.codes = std::move(codes);
    return c;
}

} // namespace

Pseudobulk pseudobulk(const Dataset& dataset, const PseudobulkOptions& options, ProgressSink& progress,
                      const CancelToken& cancel)
{
    const Matrix& m = dataset.matrix(options.layer);
    const std::int64_t nCells = dataset.nObs();
    const std::int64_t nGenes = dataset.nVars();
    if (m.rows() != nCells || m.cols() != nGenes)
        throw InvalidInput("matrix '" + options.layer + "' does not match the dataset's shape");

    const Column& sampleCol = dataset.obs.require(options.sampleKey, "obs");
    const std::vector<std::string> sampleLevels = factorLevels(sampleCol, false, "sample column");
    const std::vector<int> sampleOf = levelCodes(sampleCol, sampleLevels);
    std::vector<std::string> groupLevels{""};
    std::vector<int> groupOfCell(static_cast<std::size_t>(nCells), 0);
    if (!options.groupKey.empty()) {
        const Column& groupCol = dataset.obs.require(options.groupKey, "obs");
        groupLevels = factorLevels(groupCol, false, "group column");
        groupOfCell = levelCodes(groupCol, groupLevels);
    }

    // Units (pseudobulk samples) that occur, ordered by group, then sample.
    const std::size_t nS = sampleLevels.size();
    std::vector<int> unitOfPair(groupLevels.size() * nS, -1);
    for (std::int64_t i = 0; i < nCells; ++i)
        unitOfPair[static_cast<std::size_t>(groupOfCell[i]) * nS + static_cast<std::size_t>(sampleOf[i])] = 0;
    std::vector<std::size_t> pairOfUnit;
    for (std::size_t k = 0; k < unitOfPair.size(); ++k)
        if (unitOfPair[k] == 0) {
            unitOfPair[k] = static_cast<int>(pairOfUnit.size());
            pairOfUnit.push_back(k);
        }
    const std::size_t nUnits = pairOfUnit.size();
    std::vector<int> unitOf(static_cast<std::size_t>(nCells));
    std::vector<std::int64_t> firstCell(nUnits, -1), cellsIn(nUnits, 0);
    for (std::int64_t i = 0; i < nCells; ++i) {
        const int u = unitOfPair[static_cast<std::size_t>(groupOfCell[i]) * nS + static_cast<std::size_t>(sampleOf[i])];
        unitOf[static_cast<std::size_t>(i)] = u;
        if (firstCell[static_cast<std::size_t>(u)] < 0)
            firstCell[static_cast<std::size_t>(u)] = i;
        ++cellsIn[static_cast<std::size_t>(u)];
    }
    std::vector<std::string> unitNames(nUnits);
    for (std::size_t u = 0; u < nUnits; ++u) {
        unitNames[u] = sampleLevels[pairOfUnit[u] % nS];
        if (!options.groupKey.empty())
            unitNames[u] += "_" + groupLevels[pairOfUnit[u] / nS];
    }

    // Carried columns first: a bad covariate is reported before the sums.
    std::vector<Column> carried;
    for (const auto& name : options.carry) {
        if (name == options.sampleKey || name == options.groupKey)
            continue;
        const Column& col = dataset.obs.require(name, "obs");
        carried.push_back({name, std::visit([&](const auto& c) -> ColumnData {
                               return carryColumn(c, name, unitOf, firstCell, unitNames);
                           }, col.data)});
    }

    progress.log(LogLevel::Info, "pseudobulk: summing " + std::to_string(nCells) + " cells into "
                                     + std::to_string(nUnits) + " samples");
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(nUnits), nGenes);
    if (const auto* csr = m.csr()) {
        for (std::int64_t r = 0; r < csr->rows; ++r) {
            if (r % 8192 == 0)
                cancel.throwIfCancelled();
            const int u = unitOf[static_cast<std::size_t>(r)];
            for (auto k = csr->indptr[r]; k < csr->indptr[r + 1]; ++k)
                sums(u, csr->indices[k]) += csr->data[k];
        }
    } else if (const auto* csc = m.csc()) {
        for (std::int64_t c = 0; c < csc->cols; ++c) {
            if (c % 256 == 0)
                cancel.throwIfCancelled();
            for (auto k = csc->indptr[c]; k < csc->indptr[c + 1]; ++k)
                sums(unitOf[static_cast<std::size_t>(csc->indices[k])], c) += csc->data[k];
        }
    } else if (const auto* dense = m.dense()) {
        for (std::int64_t r = 0; r < dense->rows(); ++r) {
            if (r % 1024 == 0)
                cancel.throwIfCancelled();
            sums.row(unitOf[static_cast<std::size_t>(r)]) += dense->row(r).cast<double>();
        }
    }
    const Eigen::VectorXd totals = sums.rowwise().sum();

    // decoupler's filters, in its order: cells, then counts.
    Pseudobulk out;
    std::vector<std::size_t> keep;
    for (std::size_t u = 0; u < nUnits; ++u) {
        if (cellsIn[u] < options.minCells)
            ++out.droppedFewCells;
        else if (totals[static_cast<Eigen::Index>(u)] < options.minCounts)
            ++out.droppedFewCounts;
        else
            keep.push_back(u);
    }
    if (out.droppedFewCells + out.droppedFewCounts > 0)
        progress.log(LogLevel::Warning,
                     "pseudobulk: dropped " + std::to_string(out.droppedFewCells) + " sample(s) with fewer than "
                         + std::to_string(options.minCells) + " cells and " + std::to_string(out.droppedFewCounts)
                         + " with fewer than " + std::to_string(static_cast<long long>(options.minCounts))
                         + " counts; " + std::to_string(keep.size()) + " remain");

    out.counts.resize(static_cast<Eigen::Index>(keep.size()), nGenes);
    std::vector<std::int32_t> sampleCodes, groupCodes;
    std::vector<double> nCellsKept, totalsKept;
    for (std::size_t r = 0; r < keep.size(); ++r) {
        const std::size_t u = keep[r];
        out.counts.row(static_cast<Eigen::Index>(r)) = sums.row(static_cast<Eigen::Index>(u));
        out.obs.index.push_back(unitNames[u]);
        sampleCodes.push_back(static_cast<std::int32_t>(pairOfUnit[u] % nS));
        groupCodes.push_back(static_cast<std::int32_t>(pairOfUnit[u] / nS));
        out.groupOf.push_back(static_cast<int>(pairOfUnit[u] / nS));
        nCellsKept.push_back(static_cast<double>(cellsIn[u]));
        totalsKept.push_back(totals[static_cast<Eigen::Index>(u)]);
    }
    out.obs.indexName = "pseudobulk";
    out.obs.set({options.sampleKey, categorical(sampleLevels, sampleCodes)});
    if (!options.groupKey.empty()) {
        out.obs.set({options.groupKey, categorical(groupLevels, groupCodes)});
        out.groupLevels = groupLevels;
    }
    auto subset = [&](const ColumnData& data) -> ColumnData {
        return std::visit([&](const auto& c) -> ColumnData {
            using T = std::decay_t<decltype(c)>;
            T s = c;
            if constexpr (std::is_same_v<T, CategoricalColumn>) {
                s.codes.clear();
                for (auto u : keep)
                    s.codes.push_back(c.codes[u]);
            } else {
                s.values.clear();
                s.mask.clear();
                for (auto u : keep) {
                    s.values.push_back(c.values[u]);
                    if (!c.mask.empty())
                        s.mask.push_back(c.mask[u]);
                }
            }
            return s;
        }, data);
    };
    for (auto& col : carried)
        out.obs.set({col.name, subset(col.data)});
    out.obs.set({"n_cells", NumericColumn{.values = nCellsKept, .integer = true}});
    out.obs.set({"total_counts", NumericColumn{.values = totalsKept}});
    return out;
}

} // namespace scdesk::delnx
