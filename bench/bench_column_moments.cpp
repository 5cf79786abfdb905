// Benchmark of ComputeBackend::columnMoments: the CPU back end against a plain Eigen reference
// measured in the same run (and the CUDA back end where there is one).
//
//   bench_column_moments [--cells N] [--genes N] [--density D] [--repeat N] [--seed S]
//
// The last line is always `median_ms=<CPU back end median>`, for scripts.
#include <Eigen/SparseCore>
#include <omp.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "compute/compute_backend.h"
#include "compute/cpu_backend.h"
#include "data/csr_matrix.h"
#include "gpu/cuda_backends.h"
#include "util/cancel_token.h"

namespace {

struct Options {
    std::int64_t cells = 100000;
    std::int64_t genes = 20000;
    double density = 0.05;
    int repeat = 5;
    std::uint64_t seed = 12345;
};

[[noreturn]] void usage(int code)
{
    std::fprintf(code ? stderr : stdout,
                 "usage: bench_column_moments [--cells N] [--genes N] [--density D] [--repeat N] [--seed S]\n"
                 "  defaults: --cells 100000 --genes 20000 --density 0.05 --repeat 5 --seed 12345\n");
    std::exit(code);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
            usage(0);
        if (i + 1 >= argc)
            usage(2);
        const char* v = argv[++i];
        char* end = nullptr;
        if (a == "--cells")
            o.cells = std::strtoll(v, &end, 10);
        else if (a == "--genes")
            o.genes = std::strtoll(v, &end, 10);
        else if (a == "--density")
            o.density = std::strtod(v, &end);
        else if (a == "--repeat")
            o.repeat = static_cast<int>(std::strtol(v, &end, 10));
        else if (a == "--seed")
            o.seed = std::strtoull(v, &end, 10);
        else
            usage(2);
        if (!end || *end != '\0')
            usage(2);
    }
    if (o.cells < 0 || o.genes < 0 || o.genes > std::numeric_limits<std::int32_t>::max() || !(o.density >= 0.0)
        || o.density > 1.0 || o.repeat < 1)
        usage(2);
    return o;
}

// splitmix64: a small, fast generator that is good enough for benchmark data and can be seeded
// per row block, so generation runs in parallel and still gives the same matrix every time.
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; } // (0, 1)
};

// Cells × genes with about `density` of entries stored, count-like values (1, 2, 3, ...: UMI counts).
scdesk::CsrMatrix randomCounts(const Options& o)
{
    constexpr std::int64_t kBlockRows = 1024;
    const std::int64_t blocks = (o.cells + kBlockRows - 1) / kBlockRows;
    std::vector<std::vector<std::int32_t>> idx(static_cast<std::size_t>(blocks));
    std::vector<std::vector<float>> val(static_cast<std::size_t>(blocks));
    std::vector<std::int64_t> rowNnz(static_cast<std::size_t>(o.cells), 0);
    const double logSkip = o.density < 1.0 ? std::log1p(-o.density) : -std::numeric_limits<double>::infinity();

#pragma omp parallel for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks; ++b) {
        SplitMix rng{o.seed * 0x100000001B3ull + static_cast<std::uint64_t>(b)};
        auto& bi = idx[static_cast<std::size_t>(b)];
        auto& bv = val[static_cast<std::size_t>(b)];
        const std::int64_t rowEnd = std::min(o.cells, (b + 1) * kBlockRows);
        const auto expected = static_cast<std::size_t>(1.05 * o.density * static_cast<double>(o.genes)
                                                       * static_cast<double>(rowEnd - b * kBlockRows)) + 64;
        bi.reserve(expected);
        bv.reserve(expected);
        for (std::int64_t r = b * kBlockRows; r < rowEnd; ++r) {
            if (o.density <= 0.0)
                break;
            std::int64_t n = 0;
            // Geometric gaps between stored columns give each column probability `density`.
            for (double c = std::floor(std::log(rng.uniform()) / logSkip); c < static_cast<double>(o.genes);
                 c += 1.0 + std::floor(std::log(rng.uniform()) / logSkip)) {
                bi.push_back(static_cast<std::int32_t>(c));
                // 1 + a geometric(1/2) count from the trailing zero bits: cheap and count-like.
                bv.push_back(static_cast<float>(1 + std::countr_zero(rng.next() | (std::uint64_t{1} << 15))));
                ++n;
            }
            rowNnz[static_cast<std::size_t>(r)] = n;
        }
    }

    scdesk::CsrMatrix m;
    m.rows = o.cells;
    m.cols = o.genes;
    m.indptr.resize(static_cast<std::size_t>(o.cells) + 1, 0);
    for (std::int64_t r = 0; r < o.cells; ++r)
        m.indptr[static_cast<std::size_t>(r) + 1] = m.indptr[static_cast<std::size_t>(r)] + rowNnz[static_cast<std::size_t>(r)];
    m.indices.resize(static_cast<std::size_t>(m.indptr.back()));
    m.data.resize(static_cast<std::size_t>(m.indptr.back()));
#pragma omp parallel for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const auto at = static_cast<std::size_t>(m.indptr[static_cast<std::size_t>(b * kBlockRows)]);
        std::copy(idx[static_cast<std::size_t>(b)].begin(), idx[static_cast<std::size_t>(b)].end(), m.indices.begin() + static_cast<std::ptrdiff_t>(at));
        std::copy(val[static_cast<std::size_t>(b)].begin(), val[static_cast<std::size_t>(b)].end(), m.data.begin() + static_cast<std::ptrdiff_t>(at));
        std::vector<std::int32_t>().swap(idx[static_cast<std::size_t>(b)]);
        std::vector<float>().swap(val[static_cast<std::size_t>(b)]);
    }
    return m;
}

double millisecondsOf(const std::function<void()>& f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// One untimed warm-up, then the median of `repeat` timed runs.
double medianMs(int repeat, const std::function<void()>& f)
{
    f();
    std::vector<double> t;
    for (int i = 0; i < repeat; ++i)
        t.push_back(millisecondsOf(f));
    std::sort(t.begin(), t.end());
    const auto n = t.size();
    return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

double maxRelativeDifference(const std::vector<double>& a, const std::vector<double>& b)
{
    double worst = 0.0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        const double scale = std::max(std::abs(a[i]), std::abs(b[i]));
        if (scale > 0.0)
            worst = std::max(worst, std::abs(a[i] - b[i]) / scale);
    }
    return worst;
}

} // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    try {
        std::printf("column moments: %lld cells x %lld genes, density %g, %d repeats, %d OpenMP threads\n",
                    static_cast<long long>(o.cells), static_cast<long long>(o.genes), o.density, o.repeat,
                    omp_get_max_threads());
        scdesk::CsrMatrix m;
        const double genMs = millisecondsOf([&] { m = randomCounts(o); });
        std::printf("generated %lld non-zeros (%.1f MB) in %.0f ms\n", static_cast<long long>(m.nnz()),
                    static_cast<double>(m.nnz()) * 8.0 / 1e6, genMs);

        const scdesk::NeverCancel never;
        scdesk::CpuBackend cpu;
        scdesk::ColumnMoments cpuResult;
        const double cpuMs = medianMs(o.repeat, [&] { cpuResult = cpu.columnMoments(m, never); });
        std::printf("cpu back end   [%s]: median %.2f ms\n", cpu.device().name.c_str(), cpuMs);

        // The reference: the CSR arrays mapped as an Eigen row-major sparse matrix, and the three
        // column reductions written the straightforward Eigen way (ones-vector products).
        if (m.nnz() <= std::numeric_limits<int>::max()) {
            const std::vector<int> outer(m.indptr.begin(), m.indptr.end());
            const Eigen::Map<const Eigen::SparseMatrix<float, Eigen::RowMajor, int>> x(
                m.rows, m.cols, m.nnz(), outer.data(), m.indices.data(), m.data.data());
            const Eigen::RowVectorXd ones = Eigen::RowVectorXd::Ones(m.rows);
            Eigen::RowVectorXd sum, sumSquares, nonZero;
            const double eigenMs = medianMs(o.repeat, [&] {
                sum = ones * x.cast<double>();
                sumSquares = ones * x.cast<double>().cwiseAbs2();
                nonZero = ones * x.unaryExpr([](float v) { return v != 0.0f ? 1.0 : 0.0; });
            });
            std::printf("eigen reference [1 thread]: median %.2f ms\n", eigenMs);
            std::printf("ratio eigen/cpu back end: %.2fx (above 1: the back end is faster)\n", eigenMs / cpuMs);

            std::vector<double> nzCpu(cpuResult.nonZero.begin(), cpuResult.nonZero.end());
            const std::vector<double> sumE(sum.data(), sum.data() + sum.size());
            const std::vector<double> sqE(sumSquares.data(), sumSquares.data() + sumSquares.size());
            const std::vector<double> nzE(nonZero.data(), nonZero.data() + nonZero.size());
            std::printf("check vs eigen: max relative difference sum %.3g, sum of squares %.3g, non-zeros %.3g\n",
                        maxRelativeDifference(cpuResult.sum, sumE), maxRelativeDifference(cpuResult.sumSquares, sqE),
                        maxRelativeDifference(nzCpu, nzE));
        } else {
            std::printf("eigen reference: skipped (more than 2^31 non-zeros for an int-indexed Eigen map)\n");
        }

        scdesk::gpu::registerCudaBackends();
        std::printf("%s\n", scdesk::ComputeBackends::gpuStatus().c_str());
        for (const scdesk::DeviceInfo& d : scdesk::ComputeBackends::available()) {
            if (d.kind != "cuda")
                continue;
            auto cuda = scdesk::ComputeBackends::create("cuda:" + std::to_string(d.index));
            if (cuda->device().kind != "cuda")
                continue;
            scdesk::ColumnMoments gpuResult;
            const double gpuMs = medianMs(o.repeat, [&] { gpuResult = cuda->columnMoments(m, never); });
            std::printf("cuda back end  [%s]: median %.2f ms (upload included), ratio cpu/cuda %.2fx, "
                        "max relative difference to cpu: sum %.3g, sum of squares %.3g, non-zeros %s\n",
                        d.name.c_str(), gpuMs, cpuMs / gpuMs, maxRelativeDifference(cpuResult.sum, gpuResult.sum),
                        maxRelativeDifference(cpuResult.sumSquares, gpuResult.sumSquares),
                        cpuResult.nonZero == gpuResult.nonZero ? "equal" : "DIFFER");
        }

        std::printf("median_ms=%.3f\n", cpuMs);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_column_moments: %s\n", e.what());
        return 1;
    }
    return 0;
}
