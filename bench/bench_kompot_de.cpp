// Kompot differential expression at scale: two conditions of N cells each (default 10,000) in a
// 10-D embedding (the Gaussian mixture of bench_kompot_da), G genes (default 2000) that are smooth
// functions of the state plus noise, 5 % of them shifted by +1 in condition 2 within one mixture
// component, run with M shared landmarks (default 2000), Kompot's 2000 null genes, layers stored.
// Reports wall time per phase, peak RSS, de_cost's estimate beside it and how the planted genes rank.
//
//   bench_kompot_de [--cells N] [--genes G] [--landmarks M] [--dims D] [--nulls K]
//
// The last line is `wall_ms=<wall time>`, for scripts.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "analysis/kompot/de_cost.h"
#include "analysis/kompot/differential_expression.h"
#include "math/random.h"
#include "phase_timer.h"
#include "util/progress_sink.h"

namespace {

using namespace scdesk;
using namespace scdesk::kompot;

constexpr int kComponents = 8;
constexpr int kPlanted = 0; // the component where planted genes change

Eigen::MatrixXd mixture(std::int64_t n, int dims, const Eigen::MatrixXd& centres, std::uint64_t stream,
                        std::vector<int>& component)
{
    Rng rng(7, stream);
    Eigen::MatrixXd x(n, dims);
    component.resize(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const int c = static_cast<int>(rng.below(kComponents));
        component[static_cast<std::size_t>(i)] = c;
        for (int j = 0; j < dims; ++j)
            x(i, j) = centres(c, j) + rng.normal();
    }
    return x;
}

} // namespace

int main(int argc, char** argv)
{
    std::int64_t cells = 10000, genes = 2000, landmarks = 2000, nulls = 2000;
    int dims = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--cells"))
            cells = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--genes"))
            genes = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--landmarks"))
            landmarks = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--dims"))
            dims = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--nulls"))
            nulls = std::atoll(argv[i + 1]);
    }

    Eigen::MatrixXd centres(kComponents, dims);
    Rng crng(11, 0);
    for (int c = 0; c < kComponents; ++c)
        for (int j = 0; j < dims; ++j)
            centres(c, j) = crng.normal(0.0, 3.0);
    std::vector<int> comp1, comp2;
    const Eigen::MatrixXd x1 = mixture(cells, dims, centres, 1, comp1);
    const Eigen::MatrixXd x2 = mixture(cells, dims, centres, 2, comp2);
    Eigen::MatrixXd eval(2 * cells, dims);
    eval << x1, x2;

    // Expression: gene g = Σ over 3 random directions of a·sin(w·x + φ) + N(0, 0.5²); planted genes
    // (every 20th) get +1 in condition 2 on cells of component kPlanted. Held as a dense cells ×
    // genes matrix, the bench's stand-in for a layer (1000 × 2000 × 8 B per 1000 cells).
    Eigen::MatrixXd expr(2 * cells, genes);
    std::vector<bool> planted(static_cast<std::size_t>(genes));
    {
        Rng grng(13, 0);
        Eigen::MatrixXd dir(genes * 3, dims);
        Eigen::VectorXd amp(genes * 3), freq(genes * 3), phase(genes * 3);
        for (Eigen::Index k = 0; k < genes * 3; ++k) {
            for (int j = 0; j < dims; ++j)
                dir(k, j) = grng.normal();
            dir.row(k).normalize();
            amp[k] = grng.uniform(0.3, 1.0);
            freq[k] = grng.uniform(0.1, 0.4);
            phase[k] = grng.uniform(0, 6.283);
        }
        for (std::int64_t g = 0; g < genes; ++g)
            planted[static_cast<std::size_t>(g)] = g % 20 == 0;
#pragma omp parallel for schedule(static)
        for (std::int64_t i = 0; i < 2 * cells; ++i) {
            const Eigen::VectorXd proj = dir * eval.row(i).transpose(); // 3G projections of this cell
            Rng rng(17, static_cast<std::uint64_t>(i));
            const bool cond2 = i >= cells;
            const int c = cond2 ? comp2[static_cast<std::size_t>(i - cells)] : comp1[static_cast<std::size_t>(i)];
            for (std::int64_t g = 0; g < genes; ++g) {
                double v = 0;
                for (int k = 0; k < 3; ++k)
                    v += amp[3 * g + k] * std::sin(freq[3 * g + k] * proj[3 * g + k] + phase[3 * g + k]);
                if (cond2 && c == kPlanted && planted[static_cast<std::size_t>(g)])
                    v += 1.0;
                expr(i, g) = v + 0.5 * rng.normal();
            }
        }
    }
    std::vector<Eigen::Index> cells1(static_cast<std::size_t>(cells)), cells2(static_cast<std::size_t>(cells));
    std::iota(cells1.begin(), cells1.end(), Eigen::Index{0});
    std::iota(cells2.begin(), cells2.end(), Eigen::Index{cells});
    ExpressionSource source;
    source.nGenes = genes;
    source.block = [&expr](const std::vector<Eigen::Index>& rows, const std::vector<std::int64_t>& cols) {
        Eigen::MatrixXd out(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols.size()));
        for (std::size_t j = 0; j < cols.size(); ++j)
            for (std::size_t i = 0; i < rows.size(); ++i)
                out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = expr(rows[i], cols[j]);
        return out;
    };

    DeOptions options;
    options.nLandmarks = landmarks;
    options.nullGenes = nulls;
    DeCostInputs ci{.cells1 = cells, .cells2 = cells, .evalCells = 2 * cells, .dims = dims, .landmarks = landmarks,
                    .genes = genes, .nullGenes = nulls};
    ci.batchSize = options.batchSize;
    const DeCostEstimate est = estimateDeCost(ci);
    const double inputMiB = static_cast<double>(expr.size() + 2 * eval.size()) * 8.0 / (1024.0 * 1024.0);
    std::printf("cells=%lld+%lld genes=%lld nulls=%lld landmarks=%lld dims=%d threads=%d\n",
                static_cast<long long>(cells), static_cast<long long>(cells), static_cast<long long>(genes),
                static_cast<long long>(nulls), static_cast<long long>(landmarks), dims, omp_get_max_threads());
    std::printf("estimate: %.1f s, %.0f MiB, %.3g flops; inputs %.0f MiB, peak RSS before the run %.0f MiB\n",
                est.seconds, est.bytes / (1024.0 * 1024.0), est.flops, inputMiB,
                static_cast<double>(bench::peakRssKb()) / 1024.0);
    std::fflush(stdout);

    const auto t0 = std::chrono::steady_clock::now();
    // Every gene batch into one line, null batches into another.
    bench::PhaseTimer phases([](std::string_view phase) {
        if (phase.starts_with("genes "))
            return std::string("gene batches");
        if (phase.starts_with("null genes "))
            return std::string("null gene batches");
        return std::string(phase);
    });
    const DeResult r = differentialExpression(x1, x2, cells1, cells2, eval, source, {}, options, {}, {}, &phases);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    // Truth: how the planted genes rank by Mahalanobis distance, and the FDR calls.
    const auto nPlanted = static_cast<std::size_t>(std::count(planted.begin(), planted.end(), true));
    std::vector<std::size_t> order(static_cast<std::size_t>(genes));
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return r.mahalanobis[static_cast<Eigen::Index>(a)] > r.mahalanobis[static_cast<Eigen::Index>(b)];
    });
    std::size_t hits = 0, called = 0, calledTrue = 0;
    for (std::size_t k = 0; k < nPlanted; ++k)
        hits += planted[order[k]];
    for (std::size_t g = 0; g < r.isDe.size(); ++g)
        if (r.isDe[g]) {
            ++called;
            calledTrue += planted[g];
        }
    std::printf("truth: %zu planted, %zu in the top %zu by Mahalanobis; %zu called DE, %zu of them planted\n", nPlanted,
                hits, nPlanted, called, calledTrue);
    const double peakMiB = static_cast<double>(bench::peakRssKb()) / 1024.0;
    std::printf("measured: %.1f s, peak RSS %.0f MiB (inputs %.0f MiB); estimate/measured time %.2f, memory "
                "estimate + inputs / peak %.2f\n",
                ms / 1000.0, peakMiB, inputMiB, est.seconds / (ms / 1000.0),
                (est.bytes / (1024.0 * 1024.0) + inputMiB) / peakMiB);
    std::printf("wall_ms=%.0f\n", ms);
    return 0;
}
