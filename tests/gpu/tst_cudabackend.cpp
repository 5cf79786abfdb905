// The CUDA column-moments kernel against its CPU twin on random inputs. Skipped, with the reason,
// in builds without CUDA and on machines without a CUDA device; the status line and the CPU
// fallback are checked everywhere.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <string>

#include "compute/compute_backend.h"
#include "compute/cpu_backend.h"
#include "gpu/cuda_backends.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#ifdef SCDESK_HAVE_CUDA
#include "gpu/cuda_backend.h"
#endif

using namespace scdesk;

namespace {

// Random CSR matrix with ~density of entries per row (geometric gaps), count-like integer values
// (sums exact in float64) or signed log-normal reals; ~2 % stored zeros; row 0 and column 1 empty.
CsrMatrix randomCsr(std::int64_t rows, std::int64_t cols, double density, bool integerValued, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::geometric_distribution<std::int64_t> gap(std::clamp(density, 1e-9, 1.0));
    std::geometric_distribution<int> counts(0.3);
    std::lognormal_distribution<float> reals(0.0f, 1.5f);
    CsrMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.indptr.reserve(static_cast<std::size_t>(rows) + 1);
    m.indptr.push_back(0);
    for (std::int64_t r = 0; r < rows; ++r) {
        for (std::int64_t c = gap(rng); r > 0 && c < cols; c += 1 + gap(rng)) {
            if (c == 1)
                continue;
            float v = integerValued ? static_cast<float>(1 + counts(rng)) : reals(rng);
            if (u(rng) < 0.02)
                v = 0.0f;
            else if (!integerValued && u(rng) < 0.3)
                v = -v;
            m.indices.push_back(static_cast<std::int32_t>(c));
            m.data.push_back(v);
        }
        m.indptr.push_back(m.nnz());
    }
    return m;
}

std::vector<DeviceInfo> cudaDevices()
{
    std::vector<DeviceInfo> out;
    for (const DeviceInfo& d : ComputeBackends::available())
        if (d.kind == "cuda")
            out.push_back(d);
    return out;
}

// Sums: relative 1e-12 against the CPU twin (exact for counts in practice); non-zeros: exact.
void compareToCpu(const ColumnMoments& gpu, const ColumnMoments& cpu, double relTol, const std::vector<double>& scale)
{
    QCOMPARE(gpu.sum.size(), cpu.sum.size());
    QCOMPARE(gpu.sumSquares.size(), cpu.sumSquares.size());
    QCOMPARE(gpu.nonZero, cpu.nonZero);
    for (std::size_t c = 0; c < cpu.sum.size(); ++c) {
        const double s = scale.empty() ? std::abs(cpu.sum[c]) : scale[c];
        QVERIFY2(std::abs(gpu.sum[c] - cpu.sum[c]) <= relTol * s,
                 qPrintable(QStringLiteral("sum of column %1: GPU %2, CPU %3")
                                .arg(c)
                                .arg(gpu.sum[c], 0, 'g', 17)
                                .arg(cpu.sum[c], 0, 'g', 17)));
        QVERIFY2(std::abs(gpu.sumSquares[c] - cpu.sumSquares[c]) <= relTol * std::abs(cpu.sumSquares[c]),
                 qPrintable(QStringLiteral("sum of squares of column %1: GPU %2, CPU %3")
                                .arg(c)
                                .arg(gpu.sumSquares[c], 0, 'g', 17)
                                .arg(cpu.sumSquares[c], 0, 'g', 17)));
    }
}

class CancelAfter final : public CancelToken {
public:
    explicit CancelAfter(int polls) : m_left(polls) {}
    bool isCancelled() const override { return m_left.fetch_sub(1) <= 0; }

private:
    mutable std::atomic<int> m_left;
};

} // namespace

// QSKIPs the calling test unless this build has CUDA and this machine a CUDA device.
#define REQUIRE_CUDA_DEVICE()                                                                                \
    do {                                                                                                     \
        if (!gpu::builtWithCuda())                                                                           \
            QSKIP("scDesk was built without CUDA (SCDESK_CUDA=OFF, or no nvcc at configure time)");          \
        if (cudaDevices().empty())                                                                           \
            QSKIP(qPrintable(QStringLiteral("no CUDA device on this machine: %1")                            \
                                 .arg(QString::fromStdString(ComputeBackends::gpuStatus()))));               \
    } while (false)

class TestCudaBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusLine();
    void requestFollowsAvailability();
    void matchesCpuTwin_data();
    void matchesCpuTwin();
    void realsMatchCpuTwin();
    void emptyShapes();
    void cancellation();
    void rejectsBadColumnIndex();

private:
    std::unique_ptr<ComputeBackend> firstCuda() const;
};

void TestCudaBackend::initTestCase()
{
    gpu::registerCudaBackends();
    gpu::registerCudaBackends(); // idempotent: the second call must not duplicate devices
    qInfo("%s", ComputeBackends::gpuStatus().c_str());
    for (const DeviceInfo& d : ComputeBackends::available())
        qInfo("back end: %s %d %s, %lld MiB, sm_%d%d", d.kind.c_str(), d.index, d.name.c_str(),
              static_cast<long long>(d.memoryBytes >> 20), d.computeMajor, d.computeMinor);
}

std::unique_ptr<ComputeBackend> TestCudaBackend::firstCuda() const
{
    auto b = ComputeBackends::create("cuda");
    if (!b || b->device().kind != "cuda")
        qFatal("no CUDA back end although one is listed");
    return b;
}

void TestCudaBackend::statusLine()
{
    const std::string status = ComputeBackends::gpuStatus();
    if (!gpu::builtWithCuda()) {
        QCOMPARE(status, std::string("CUDA: not built (configure with SCDESK_CUDA=ON)"));
        QVERIFY(cudaDevices().empty());
        return;
    }
    QVERIFY2(status.rfind("CUDA ", 0) == 0, status.c_str());
    if (cudaDevices().empty()) {
        QVERIFY2(status.find("no device found") != std::string::npos
                     || status.find("no usable device") != std::string::npos,
                 status.c_str());
    } else {
        QVERIFY2(status.find("runtime: ") != std::string::npos, status.c_str());
        QVERIFY2(status.find(cudaDevices().front().name) != std::string::npos, status.c_str());
        // One entry per device, even after two discoveries.
        auto devices = cudaDevices();
        std::sort(devices.begin(), devices.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
        QVERIFY(std::adjacent_find(devices.begin(), devices.end(), [](const auto& a, const auto& b) {
                    return a.index == b.index;
                }) == devices.end());
        for (const DeviceInfo& d : devices) {
            QVERIFY(d.memoryBytes > 0);
            QVERIFY(d.computeMajor >= 8);
        }
    }
}

void TestCudaBackend::requestFollowsAvailability()
{
    std::string why;
    auto b = ComputeBackends::create("cuda", &why);
    QVERIFY(b);
    if (cudaDevices().empty()) {
        QCOMPARE(b->device().kind, std::string("cpu"));
        QVERIFY2(why.find(ComputeBackends::gpuStatus()) != std::string::npos, why.c_str());
    } else {
        QCOMPARE(b->device().kind, std::string("cuda"));
        QVERIFY2(why.empty(), why.c_str());
        QCOMPARE(ComputeBackends::create("auto")->device().kind, std::string("cuda"));
    }
    QCOMPARE(ComputeBackends::available().front().kind, std::string("cpu"));
}

void TestCudaBackend::matchesCpuTwin_data()
{
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("cols");
    QTest::addColumn<double>("density");
    QTest::addColumn<qint64>("chunk"); // non-zeros per upload; 0 = the back end's default
    QTest::addColumn<quint64>("seed");

    QTest::newRow("tiny") << qint64(3) << qint64(4) << 0.9 << qint64(0) << quint64(1);
    QTest::newRow("small") << qint64(200) << qint64(150) << 0.1 << qint64(0) << quint64(2);
    QTest::newRow("many cells") << qint64(50000) << qint64(500) << 0.05 << qint64(0) << quint64(3);
    QTest::newRow("wide") << qint64(2000) << qint64(33000) << 0.01 << qint64(0) << quint64(4);
    QTest::newRow("chunked") << qint64(20000) << qint64(300) << 0.05 << qint64(4099) << quint64(5);
    QTest::newRow("chunk of one") << qint64(40) << qint64(30) << 0.2 << qint64(1) << quint64(6);
}

void TestCudaBackend::matchesCpuTwin()
{
    REQUIRE_CUDA_DEVICE();
    QFETCH(qint64, rows);
    QFETCH(qint64, cols);
    QFETCH(double, density);
    QFETCH(qint64, chunk);
    QFETCH(quint64, seed);

    const CsrMatrix m = randomCsr(rows, cols, density, true, seed);
    m.validate();
#ifdef SCDESK_HAVE_CUDA
    const ColumnMoments cpu = CpuBackend().columnMoments(m, NeverCancel());
    for (const DeviceInfo& d : cudaDevices()) {
        const gpu::CudaBackend cuda(d, chunk > 0 ? chunk : gpu::CudaBackend::kDefaultChunkNnz);
        compareToCpu(cuda.columnMoments(m, NeverCancel()), cpu, 1e-12, {});
    }
#else
    Q_UNUSED(chunk);
#endif
}

void TestCudaBackend::realsMatchCpuTwin()
{
    REQUIRE_CUDA_DEVICE();
    const CsrMatrix m = randomCsr(30000, 400, 0.05, false, 7);
    const ColumnMoments cpu = CpuBackend().columnMoments(m, NeverCancel());
    // Both sum in float64 but in different orders: the difference is bounded by n·ε·Σ|x|.
    std::vector<double> absSum(static_cast<std::size_t>(m.cols), 0.0);
    for (std::int64_t i = 0; i < m.nnz(); ++i)
        absSum[static_cast<std::size_t>(m.indices[i])] += std::abs(static_cast<double>(m.data[i]));
    compareToCpu(firstCuda()->columnMoments(m, NeverCancel()), cpu, 1e-11, absSum);
}

void TestCudaBackend::emptyShapes()
{
    REQUIRE_CUDA_DEVICE();
    auto cuda = firstCuda();
    NeverCancel never;

    CsrMatrix zeroByZero;
    zeroByZero.indptr = {0};
    ColumnMoments r = cuda->columnMoments(zeroByZero, never);
    QVERIFY(r.sum.empty() && r.sumSquares.empty() && r.nonZero.empty());

    CsrMatrix nByZero;
    nByZero.rows = 5;
    nByZero.indptr.assign(6, 0);
    r = cuda->columnMoments(nByZero, never);
    QVERIFY(r.sum.empty() && r.nonZero.empty());

    CsrMatrix noEntries;
    noEntries.rows = 10;
    noEntries.cols = 4;
    noEntries.indptr.assign(11, 0);
    r = cuda->columnMoments(noEntries, never);
    QCOMPARE(r.sum, std::vector<double>(4, 0.0));
    QCOMPARE(r.nonZero, std::vector<std::int64_t>(4, 0));
}

void TestCudaBackend::cancellation()
{
    REQUIRE_CUDA_DEVICE();
    const CsrMatrix m = randomCsr(5000, 200, 0.05, true, 8);
    CancelFlag cancelled;
    cancelled.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, firstCuda()->columnMoments(m, cancelled));
#ifdef SCDESK_HAVE_CUDA
    // Polled between chunks: with ~50 chunks, the third poll cancels.
    const gpu::CudaBackend chunked(cudaDevices().front(), m.nnz() / 50 + 1);
    CancelAfter later(3);
    QVERIFY_THROWS_EXCEPTION(Cancelled, chunked.columnMoments(m, later));
    // The device is still usable afterwards.
    compareToCpu(chunked.columnMoments(m, NeverCancel()), CpuBackend().columnMoments(m, NeverCancel()), 1e-12, {});
#endif
}

void TestCudaBackend::rejectsBadColumnIndex()
{
    REQUIRE_CUDA_DEVICE();
    CsrMatrix m = randomCsr(100, 20, 0.3, true, 9);
    m.indices[m.indices.size() / 3] = 20;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, firstCuda()->columnMoments(m, NeverCancel()));
    m.indices[m.indices.size() / 3] = -5;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, firstCuda()->columnMoments(m, NeverCancel()));
    // And the next call works.
    m.indices[m.indices.size() / 3] = 2;
    compareToCpu(firstCuda()->columnMoments(m, NeverCancel()), CpuBackend().columnMoments(m, NeverCancel()), 1e-12, {});
}

QTEST_GUILESS_MAIN(TestCudaBackend)
#include "tst_cudabackend.moc"
