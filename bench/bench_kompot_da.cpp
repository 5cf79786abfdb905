// Kompot differential abundance at scale: two conditions of N cells each (default 25,000) in a
// 10-D embedding, drawn from a Gaussian mixture in which one component is 3× as heavy in
// condition 2, run with the analysis' defaults (DaOptions{}: per-condition 5000 k-means landmarks,
// ls_factor 10, every cell evaluated). Reports wall time, peak RSS and da_cost's estimate beside it.
//
//   bench_kompot_da [--cells N] [--dims D] [--repeat R]
//
// The last line is `median_ms=<median wall time>`, for scripts.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "analysis/kompot/da_cost.h"
#include "analysis/kompot/differential_abundance.h"
#include "math/random.h"
#include "phase_timer.h"
#include "util/progress_sink.h"

namespace {

using namespace scdesk;
using namespace scdesk::kompot;

constexpr int kComponents = 8;
constexpr int kPlanted = 0; // the component whose weight is 3× in condition 2

// Draws n cells; `weights` need not be normalised. component[i] records the truth.
Eigen::MatrixXd mixture(std::int64_t n, int dims, const Eigen::MatrixXd& centres, const std::vector<double>& weights,
                        std::uint64_t stream, std::vector<int>& component)
{
    Rng rng(7, stream);
    double total = 0;
    for (double w : weights)
        total += w;
    Eigen::MatrixXd x(n, dims);
    component.resize(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        double u = rng.uniform() * total;
        int c = 0;
        while (c + 1 < kComponents && u >= weights[static_cast<std::size_t>(c)])
            u -= weights[static_cast<std::size_t>(c++)];
        component[static_cast<std::size_t>(i)] = c;
        for (int j = 0; j < dims; ++j)
            x(i, j) = centres(c, j) + rng.normal();
    }
    return x;
}

} // namespace

int main(int argc, char** argv)
{
    std::int64_t cells = 25000;
    int dims = 10, repeat = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--cells"))
            cells = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--dims"))
            dims = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::max(1, std::atoi(argv[i + 1]));
    }

    // Centres 4 sd apart on average, so the components overlap a little as real clusters do.
    Eigen::MatrixXd centres(kComponents, dims);
    Rng crng(11, 0);
    for (int c = 0; c < kComponents; ++c)
        for (int j = 0; j < dims; ++j)
            centres(c, j) = crng.normal(0.0, 3.0);
    std::vector<double> w1(kComponents, 1.0), w2(kComponents, 1.0);
    w2[kPlanted] = 3.0;
    std::vector<int> comp1, comp2;
    const Eigen::MatrixXd x1 = mixture(cells, dims, centres, w1, 1, comp1);
    const Eigen::MatrixXd x2 = mixture(cells, dims, centres, w2, 2, comp2);
    Eigen::MatrixXd eval(2 * cells, dims);
    eval << x1, x2;

    const DaOptions options; // the analysis' defaults
    const DaCostEstimate est = estimateDaCost(cells, cells, 2 * cells, dims, options.nLandmarks);
    std::printf("cells=%lld+%lld dims=%d threads=%d repeat=%d\n", static_cast<long long>(cells),
                static_cast<long long>(cells), dims, omp_get_max_threads(), repeat);
    std::printf("estimate: %.1f s, %.0f MiB, %.3g flops, landmarks %lld / %lld\n", est.seconds,
                est.bytes / (1024.0 * 1024.0), est.flops, static_cast<long long>(est.landmarks1),
                static_cast<long long>(est.landmarks2));
    std::fflush(stdout);

    std::vector<double> ms;
    DaResult r;
    for (int rep = 0; rep < repeat; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        bench::PhaseTimer phases;
        r = differentialAbundance(x1, x2, eval, options, {}, {}, &phases);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        std::printf("run %d: %.0f ms (lbfgs iterations %lld / %lld)\n", rep + 1, ms.back(),
                    static_cast<long long>(r.fit1.iterations), static_cast<long long>(r.fit2.iterations));
        std::fflush(stdout);
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];

    // Truth check: the planted component should carry LFC ≈ ln 3 (less the normalisation shift).
    double inSum = 0, outSum = 0;
    std::int64_t inN = 0, outN = 0, up = 0, upIn = 0;
    for (Eigen::Index i = 0; i < eval.rows(); ++i) {
        const int c = i < cells ? comp1[static_cast<std::size_t>(i)] : comp2[static_cast<std::size_t>(i - cells)];
        (c == kPlanted ? inSum : outSum) += r.lfc[i];
        ++(c == kPlanted ? inN : outN);
        if (r.direction[static_cast<std::size_t>(i)] == DaDirection::Up) {
            ++up;
            upIn += c == kPlanted;
        }
    }
    std::printf("truth: mean LFC planted %.3f (expected %.3f), elsewhere %.3f (expected %.3f); up %lld (%lld planted)\n",
                inSum / static_cast<double>(inN), std::log(3.0 * 8.0 / 10.0), outSum / static_cast<double>(outN),
                std::log(8.0 / 10.0), static_cast<long long>(up), static_cast<long long>(upIn));
    const double peakMiB = static_cast<double>(bench::peakRssKb()) / 1024.0;
    const double inputMiB = 3.0 * static_cast<double>(2 * cells * dims) * 8.0 / (1024.0 * 1024.0);
    std::printf("measured: median %.1f s, peak RSS %.0f MiB (inputs %.0f MiB); estimate/measured time %.2f\n",
                median / 1000.0, peakMiB, inputMiB, est.seconds / (median / 1000.0));
    std::printf("median_ms=%.0f\n", median);
    return 0;
}
