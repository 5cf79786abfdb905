#include "analysis/gene_stats/gene_stats_analysis.h"

#include <algorithm>

#include "analysis/gene_stats/gene_stats_result.h"
#include "compute/compute_backend.h"
#include "data/dataset.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

namespace {

// Dense matrices are rare for counts; a plain row pass (check cancel per block of rows) suffices.
ColumnMoments denseColumnMoments(const DenseMatrix& m, const CancelToken& cancel)
{
    ColumnMoments out;
    const auto cols = static_cast<std::size_t>(m.cols());
    out.sum.assign(cols, 0.0);
    out.sumSquares.assign(cols, 0.0);
    out.nonZero.assign(cols, 0);
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        if (r % 4096 == 0)
            cancel.throwIfCancelled();
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const double v = m(r, c);
            out.sum[c] += v;
            out.sumSquares[c] += v * v;
            out.nonZero[c] += v != 0;
        }
    }
    return out;
}

// CSC stores each gene contiguously: one pass per column.
ColumnMoments cscColumnMoments(const CscMatrix& m, const CancelToken& cancel)
{
    m.validateStructure();
    ColumnMoments out;
    const auto cols = static_cast<std::size_t>(m.cols);
    out.sum.assign(cols, 0.0);
    out.sumSquares.assign(cols, 0.0);
    out.nonZero.assign(cols, 0);
    for (std::int64_t c = 0; c < m.cols; ++c) {
        if (c % 1024 == 0)
            cancel.throwIfCancelled();
        for (auto k = m.indptr[c]; k < m.indptr[c + 1]; ++k) {
            const double v = m.data[k];
            out.sum[c] += v;
            out.sumSquares[c] += v * v;
            out.nonZero[c] += v != 0;
        }
    }
    return out;
}

} // namespace

GeneStatsAnalysis::GeneStatsAnalysis()
{
    const std::string data = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Data");
    const std::string stats = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Statistics");
    m_schema = ParamSchema({
        {.name = "layer",
         .type = ParamType::Layer,
         .defaultValue = "X",
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Matrix"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "X or the layer to summarise."),
         .page = data},
        {.name = "variance",
         .type = ParamType::Choice,
         .defaultValue = "sample",
         .choices = {"sample", "population"},
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Variance"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "sample divides by n - 1 (scanpy, numpy ddof=1); population divides by n."),
         .page = stats},
        {.name = "min_cells",
         .type = ParamType::Int,
         .defaultValue = 3,
         .min = 0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Minimum cells"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "A gene passes the filter when at least this many cells express it."),
         .page = stats},
        {.name = "min_mean",
         .type = ParamType::Double,
         .defaultValue = 0.0,
         .min = 0.0,
         .label = SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Minimum mean"),
         .help = SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                       "A gene passes the filter only when its mean is at least this value."),
         .page = stats},
    });
}

std::string GeneStatsAnalysis::title() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis", "Gene statistics");
}

std::string GeneStatsAnalysis::description() const
{
    return SCDESK_TRANSLATE_NOOP("scdesk::Analysis",
                                 "Per-gene mean, variance, dispersion and the fraction of cells expressing each "
                                 "gene, with a simple expression filter. Results are added to the gene table.");
}

std::shared_ptr<const AnalysisResult> GeneStatsAnalysis::run(const Dataset& dataset, const ParamValues& params,
                                                             RunContext& context) const
{
    const std::string layer = params.at("layer").get<std::string>();
    const Matrix& matrix = dataset.matrix(layer);
    const std::int64_t rows = matrix.rows();
    const std::int64_t cols = matrix.cols();
    if (cols != dataset.nVars() || rows != dataset.nObs())
        throw InvalidInput("matrix '" + layer + "' is " + std::to_string(rows) + " × " + std::to_string(cols)
                           + ", the dataset has " + std::to_string(dataset.nObs()) + " cells × "
                           + std::to_string(dataset.nVars()) + " genes");

    context.progress.setRange(2);
    context.progress.setProgress(0, "summing over cells on " + context.compute.device().name);
    const ColumnMoments moments = matrix.csr()   ? context.compute.columnMoments(*matrix.csr(), context.cancel)
                                  : matrix.csc() ? cscColumnMoments(*matrix.csc(), context.cancel)
                                                 : denseColumnMoments(*matrix.dense(), context.cancel);
    context.cancel.throwIfCancelled();
    context.progress.setProgress(1, "finishing");

    auto result = std::make_shared<GeneStatsResult>();
    result->nObs = rows;
    result->params = params;
    result->features = dataset.var.index;
    const bool sample = params.at("variance").get<std::string>() == "sample";
    const auto minCells = params.at("min_cells").get<std::int64_t>();
    const double minMean = params.at("min_mean").get<double>();
    const double n = static_cast<double>(rows);
    result->mean.resize(cols);
    result->variance.resize(cols);
    result->fractionExpressing.resize(cols);
    result->nCells = moments.nonZero;
    result->total = moments.sum;
    result->passesFilter.resize(cols);
    for (std::int64_t g = 0; g < cols; ++g) {
        const double mean = rows > 0 ? moments.sum[g] / n : 0.0;
        // Σ(x - mean)² from the raw moments; clamp the rounding residue below zero.
        const double ss = std::max(0.0, moments.sumSquares[g] - n * mean * mean);
        const double dof = sample ? n - 1 : n;
        result->mean[g] = mean;
        result->variance[g] = dof > 0 ? ss / dof : 0.0;
        result->fractionExpressing[g] = rows > 0 ? static_cast<double>(moments.nonZero[g]) / n : 0.0;
        result->passesFilter[g] = moments.nonZero[g] >= minCells && mean >= minMean;
    }
    context.progress.setProgress(2);
    return result;
}

} // namespace scdesk
