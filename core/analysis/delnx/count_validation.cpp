#include "analysis/delnx/count_validation.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::delnx {

namespace {

CountCheck checkValues(const float* values, std::int64_t n, const CancelToken& cancel)
{
    CountCheck total;
    constexpr std::int64_t kBlock = 1 << 20;
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<CountCheck> perBlock(static_cast<std::size_t>(blocks));
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < blocks; ++b) {
        if (cancel.isCancelled())
            continue; // rethrown below, after the parallel region
        CountCheck& c = perBlock[static_cast<std::size_t>(b)];
        const std::int64_t end = std::min(n, (b + 1) * kBlock);
        for (std::int64_t i = b * kBlock; i < end; ++i) {
            const float v = values[i];
            if (v < 0) {
                if (c.negative++ == 0)
                    c.firstNegative = v;
            } else if (!(std::floor(v) == v)) { // also NaN and inf (floor(inf) == inf: checked below)
                if (c.nonInteger++ == 0)
                    c.firstNonInteger = v;
            } else if (std::isinf(v)) {
                if (c.nonInteger++ == 0)
                    c.firstNonInteger = v;
            }
        }
    }
    cancel.throwIfCancelled();
    // Blocks in order, so the example values do not depend on the thread count.
    for (const auto& c : perBlock) {
        if (c.negative && !total.negative)
            total.firstNegative = c.firstNegative;
        if (c.nonInteger && !total.nonInteger)
            total.firstNonInteger = c.firstNonInteger;
        total.negative += c.negative;
        total.nonInteger += c.nonInteger;
    }
    return total;
}

std::string layerLabel(const std::string& layer)
{
    return layer.empty() || layer == "X" ? std::string("X") : "layer '" + layer + "'";
}

} // namespace

CountCheck checkCounts(const Matrix& matrix, const CancelToken& cancel)
{
    if (const auto* csr = matrix.csr())
        return checkValues(csr->data.data(), csr->nnz(), cancel);
    if (const auto* csc = matrix.csc())
        return checkValues(csc->data.data(), csc->nnz(), cancel);
    if (const auto* dense = matrix.dense())
        return checkValues(dense->data(), dense->size(), cancel);
    return {};
}

std::vector<std::string> layersWithCounts(const Dataset& dataset, const CancelToken& cancel)
{
    std::vector<std::string> out;
    if (!dataset.X.isNone() && checkCounts(dataset.X, cancel).ok())
        out.push_back("X");
    for (const auto& [name, m] : dataset.layers)
        if (!m.isNone() && m.rows() == dataset.nObs() && m.cols() == dataset.nVars() && checkCounts(m, cancel).ok())
            out.push_back(name);
    return out;
}

void requireCounts(const Dataset& dataset, const std::string& layer, const CancelToken& cancel)
{
    const Matrix& m = dataset.matrix(layer);
    if (m.isNone())
        throw InvalidInput(layerLabel(layer) + " is absent; choose a matrix that holds raw counts");
    const CountCheck check = checkCounts(m, cancel);
    if (check.ok())
        return;
    std::ostringstream msg;
    msg.imbue(std::locale::classic());
    msg << layerLabel(layer) << " does not hold raw counts (non-negative integers): ";
    if (check.negative)
        msg << check.negative << " negative value" << (check.negative == 1 ? "" : "s") << " (e.g. "
            << check.firstNegative << ")" << (check.nonInteger ? " and " : "");
    if (check.nonInteger)
        msg << check.nonInteger << " non-integer value" << (check.nonInteger == 1 ? "" : "s") << " (e.g. "
            << check.firstNonInteger << ")";
    if (check.negative)
        msg << "; it looks scaled or centred";
    else
        msg << "; it looks log-normalised";
    std::vector<std::string> good = layersWithCounts(dataset, cancel);
    if (good.empty()) {
        msg << ". No matrix in this dataset holds counts; the NB GLM needs the raw counts.";
    } else {
        msg << ". Choose ";
        for (std::size_t i = 0; i < good.size(); ++i)
            msg << (i == 0 ? "" : i + 1 == good.size() ? " or " : ", ")
                << (good[i] == "X" ? std::string("X") : "layer '" + good[i] + "'");
        msg << ", which hold" << (good.size() == 1 ? "s" : "") << " counts (--layer " << good.front() << ").";
    }
    throw InvalidInput(msg.str());
}

} // namespace scdesk::delnx
