#include "analysis/kompot/layer_expression.h"

#include <cmath>
#include <vector>

#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::kompot {

namespace {

constexpr double kCountsPerCell = 1e4;


bool isCount(float v) { return v >= 0.0f && std::floor(v) == v; }

struct LayerState {
    const DenseMatrix* dense = nullptr;
    const CscMatrix* csc = nullptr;
    CscMatrix ownedCsc;       // the CSC copy of a CSR matrix
    std::vector<double> scale; // per cell: 1e4 / total, empty without normalisation
    std::int64_t rows = 0;

    double transform(std::int64_t cell, float v) const
    {
        if (scale.empty())
            return v;
        return std::log1p(static_cast<double>(v) * scale[static_cast<std::size_t>(cell)]);
    }
};

} // namespace

bool holdsCounts(const Matrix& m, const CancelToken* cancel)
{
    auto allCounts = [&](const std::vector<float>& data) {
        for (std::size_t i = 0; i < data.size(); ++i) {
            if (!isCount(data[i]))
                return false;
            if ((i & 0xFFFFFF) == 0)
                throwIfCancelled(cancel);
        }
        return true;
    };
    if (const auto* d = m.dense()) {
        for (Eigen::Index r = 0; r < d->rows(); ++r) {
            for (Eigen::Index c = 0; c < d->cols(); ++c)
                if (!isCount((*d)(r, c)))
                    return false;
            if ((r & 0xFFF) == 0)
                throwIfCancelled(cancel);
        }
        return true;
    }
    if (const auto* r = m.csr())
        return allCounts(r->data);
    if (const auto* c = m.csc())
        return allCounts(c->data);
    return false;
}

ExpressionSource layerExpression(const Matrix& m, bool logNormalise, const std::string& name,
                                 const CancelToken* cancel)
{
    if (m.isNone())
        throw InvalidInput("matrix '" + name + "' is absent");
    auto state = std::make_shared<LayerState>();
    state->rows = m.rows();
    if (const auto* d = m.dense()) {
        state->dense = d;
    } else if (const auto* c = m.csc()) {
        state->csc = c;
    } else if (const auto* r = m.csr()) {
        state->ownedCsc = toCsc(*r);
        state->csc = &state->ownedCsc;
    }
    throwIfCancelled(cancel);
    if (logNormalise) {
        std::vector<double> total(static_cast<std::size_t>(state->rows), 0.0);
        bool negative = false;
        if (state->dense) {
            for (Eigen::Index r = 0; r < state->dense->rows(); ++r)
                for (Eigen::Index c = 0; c < state->dense->cols(); ++c) {
                    const float v = (*state->dense)(r, c);
                    negative |= v < 0;
                    total[static_cast<std::size_t>(r)] += v;
                }
        } else {
            const CscMatrix& c = *state->csc;
            for (std::size_t k = 0; k < c.data.size(); ++k) {
                negative |= c.data[k] < 0;
                total[static_cast<std::size_t>(c.indices[k])] += c.data[k];
            }
        }
        if (negative)
            throw InvalidInput("matrix '" + name
                               + "' has negative values, so it cannot be log-normalised as counts; choose "
                                 "normalize 'none' if it already holds log-normalised expression");
        state->scale.resize(total.size());
        for (std::size_t i = 0; i < total.size(); ++i)
            state->scale[i] = total[i] > 0 ? kCountsPerCell / total[i] : 0.0;
    }

    ExpressionSource source;
    source.nGenes = m.cols();
    source.block = [state](const std::vector<Eigen::Index>& cells, const std::vector<std::int64_t>& genes) {
        Eigen::MatrixXd out = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(cells.size()),
                                                    static_cast<Eigen::Index>(genes.size()));
        if (state->dense) {
            for (std::size_t i = 0; i < cells.size(); ++i)
                for (std::size_t j = 0; j < genes.size(); ++j)
                    out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
                        state->transform(cells[i], (*state->dense)(cells[i], genes[j]));
            return out;
        }
        // Row → position in `cells`, then each gene's non-zeros.
        std::vector<std::int32_t> position(static_cast<std::size_t>(state->rows), -1);
        for (std::size_t i = 0; i < cells.size(); ++i)
            position[static_cast<std::size_t>(cells[i])] = static_cast<std::int32_t>(i);
        const CscMatrix& c = *state->csc;
        for (std::size_t j = 0; j < genes.size(); ++j) {
            const auto g = static_cast<std::size_t>(genes[j]);
            for (std::int64_t k = c.indptr[g]; k < c.indptr[g + 1]; ++k) {
                const std::int32_t row = c.indices[static_cast<std::size_t>(k)];
                const std::int32_t pos = position[static_cast<std::size_t>(row)];
                if (pos >= 0)
                    out(pos, static_cast<Eigen::Index>(j)) = state->transform(row, c.data[static_cast<std::size_t>(k)]);
            }
        }
        return out;
    };
    return source;
}

} // namespace scdesk::kompot
