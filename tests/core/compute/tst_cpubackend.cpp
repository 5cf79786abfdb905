// CpuBackend::columnMoments against a naive dense reference, its thread-count independence and
// cancellation; and the ComputeBackends registry.
#include <QtTest>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <random>
#include <thread>

#include "compute/compute_backend.h"
#include "compute/cpu_backend.h"
#include "util/cancel_token.h"
#include "util/errors.h"

using namespace scdesk;

namespace {

// Random CSR matrix; `integerValued` gives count-like values (exact sums in float64), otherwise
// log-normal reals. Rows and columns listed in emptyRows / emptyCols get no entries at all, and a
// few stored zeros are mixed in (they must not count as non-zero).
CsrMatrix randomCsr(std::int64_t rows, std::int64_t cols, double density, bool integerValued, std::uint64_t seed,
                    const std::vector<std::int64_t>& emptyRows = {}, const std::vector<std::int64_t>& emptyCols = {})
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::geometric_distribution<int> counts(0.4);
    std::lognormal_distribution<float> reals(0.0f, 1.5f);
    CsrMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.indptr.push_back(0);
    for (std::int64_t r = 0; r < rows; ++r) {
        const bool rowEmpty = std::find(emptyRows.begin(), emptyRows.end(), r) != emptyRows.end();
        for (std::int64_t c = 0; c < cols && !rowEmpty; ++c) {
            if (std::find(emptyCols.begin(), emptyCols.end(), c) != emptyCols.end() || u(rng) >= density)
                continue;
            float v = integerValued ? static_cast<float>(1 + counts(rng)) : reals(rng);
            if (u(rng) < 0.02)
                v = 0.0f; // an explicitly stored zero
            else if (!integerValued && u(rng) < 0.3)
                v = -v;
            m.indices.push_back(static_cast<std::int32_t>(c));
            m.data.push_back(v);
        }
        m.indptr.push_back(m.nnz());
    }
    return m;
}

ColumnMoments denseReference(const CsrMatrix& m)
{
    std::vector<double> dense(static_cast<std::size_t>(m.rows * m.cols), 0.0);
    for (std::int64_t r = 0; r < m.rows; ++r)
        for (std::int64_t i = m.indptr[r]; i < m.indptr[r + 1]; ++i)
            dense[static_cast<std::size_t>(r * m.cols + m.indices[i])] = m.data[i];
    ColumnMoments ref;
    ref.sum.assign(m.cols, 0.0);
    ref.sumSquares.assign(m.cols, 0.0);
    ref.nonZero.assign(m.cols, 0);
    for (std::int64_t c = 0; c < m.cols; ++c)
        for (std::int64_t r = 0; r < m.rows; ++r) {
            const double v = dense[static_cast<std::size_t>(r * m.cols + c)];
            ref.sum[c] += v;
            ref.sumSquares[c] += v * v;
            ref.nonZero[c] += v != 0.0;
        }
    return ref;
}

bool bitIdentical(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Cancels itself on its n-th poll: proves the kernel polls while it runs, not only on entry.
class CancelAfter final : public CancelToken {
public:
    explicit CancelAfter(int polls) : m_left(polls) {}
    bool isCancelled() const override { return m_left.fetch_sub(1) <= 0; }
    int polls() const { return m_left.load(); }

private:
    mutable std::atomic<int> m_left;
};

// Restores the OpenMP thread count a test changed.
class ThreadCountScope {
public:
    ThreadCountScope() : m_saved(omp_get_max_threads()) {}
    ~ThreadCountScope() { omp_set_num_threads(m_saved); }

private:
    int m_saved;
};

} // namespace

class TestCpuBackend : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesDenseReference_data();
    void matchesDenseReference();
    void emptyShapes();
    void explicitZerosAreNotNonZero();
    void bitIdenticalAcrossThreadCounts();
    void wideMatrix();
    void deviceNamesThreadCount();
    void preCancelledTokenThrows();
    void cancelDuringRunThrows();
    void rejectsInconsistentMatrix();

    void registryHasCpuFirst();
    void gpuStatusDefaultsToNotBuilt();
    void cudaRequestFallsBackToCpu();
    void unknownPreferenceThrows();
    void registeredDeviceIsUsedAndReplaced();
    void failingFactoryFallsBack();
    void registryIsThreadSafe();
};

void TestCpuBackend::matchesDenseReference_data()
{
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("cols");
    QTest::addColumn<double>("density");
    QTest::addColumn<bool>("integerValued");
    QTest::addColumn<quint64>("seed");

    QTest::newRow("1x1 counts") << qint64(1) << qint64(1) << 1.0 << true << quint64(1);
    QTest::newRow("small counts") << qint64(37) << qint64(23) << 0.2 << true << quint64(2);
    QTest::newRow("small reals") << qint64(41) << qint64(19) << 0.3 << false << quint64(3);
    QTest::newRow("dense counts") << qint64(50) << qint64(40) << 1.0 << true << quint64(4);
    QTest::newRow("very sparse") << qint64(300) << qint64(500) << 0.002 << true << quint64(5);
    // Taller than one block (2048 rows), so partial sums are merged across blocks and waves.
    QTest::newRow("many blocks counts") << qint64(9000) << qint64(60) << 0.1 << true << quint64(6);
    QTest::newRow("many blocks reals") << qint64(7001) << qint64(45) << 0.15 << false << quint64(7);
}

void TestCpuBackend::matchesDenseReference()
{
    QFETCH(qint64, rows);
    QFETCH(qint64, cols);
    QFETCH(double, density);
    QFETCH(bool, integerValued);
    QFETCH(quint64, seed);

    // Row 0, the last row and columns 0 and 3 (where they exist) stay empty.
    std::vector<std::int64_t> emptyRows;
    std::vector<std::int64_t> emptyCols;
    if (rows > 2)
        emptyRows = {0, rows - 1};
    if (cols > 4)
        emptyCols = {0, 3};
    const CsrMatrix m = randomCsr(rows, cols, density, integerValued, seed, emptyRows, emptyCols);
    m.validate();

    const ColumnMoments got = CpuBackend().columnMoments(m, NeverCancel());
    const ColumnMoments ref = denseReference(m);
    QCOMPARE(got.sum.size(), std::size_t(cols));
    QCOMPARE(got.sumSquares.size(), std::size_t(cols));
    QCOMPARE(got.nonZero, ref.nonZero);
    // Σ|x| per column bounds the rounding error of any order of summation (≈ n·ε·Σ|x|).
    std::vector<double> absSum(static_cast<std::size_t>(cols), 0.0);
    for (std::int64_t i = 0; i < m.nnz(); ++i)
        absSum[static_cast<std::size_t>(m.indices[i])] += std::abs(static_cast<double>(m.data[i]));
    for (std::int64_t c = 0; c < cols; ++c) {
        if (integerValued) {
            // Sums of small integers are exact in float64, whatever the order of additions.
            QCOMPARE(got.sum[c], ref.sum[c]);
            QCOMPARE(got.sumSquares[c], ref.sumSquares[c]);
        } else {
            QVERIFY2(std::abs(got.sum[c] - ref.sum[c]) <= 1e-12 * absSum[c], qPrintable(QString::number(c)));
            QVERIFY2(std::abs(got.sumSquares[c] - ref.sumSquares[c]) <= 1e-12 * ref.sumSquares[c],
                     qPrintable(QString::number(c)));
        }
    }
    for (std::int64_t c : emptyCols) {
        QCOMPARE(got.sum[c], 0.0);
        QCOMPARE(got.nonZero[c], std::int64_t(0));
    }
}

void TestCpuBackend::emptyShapes()
{
    CpuBackend cpu;
    NeverCancel never;

    CsrMatrix zeroByZero;
    zeroByZero.indptr = {0};
    ColumnMoments r = cpu.columnMoments(zeroByZero, never);
    QVERIFY(r.sum.empty() && r.sumSquares.empty() && r.nonZero.empty());

    // Default-constructed: no indptr at all.
    r = cpu.columnMoments(CsrMatrix{}, never);
    QVERIFY(r.sum.empty() && r.sumSquares.empty() && r.nonZero.empty());

    CsrMatrix nByZero;
    nByZero.rows = 5;
    nByZero.indptr.assign(6, 0);
    r = cpu.columnMoments(nByZero, never);
    QVERIFY(r.sum.empty() && r.sumSquares.empty() && r.nonZero.empty());

    CsrMatrix zeroByN;
    zeroByN.cols = 7;
    zeroByN.indptr = {0};
    r = cpu.columnMoments(zeroByN, never);
    QCOMPARE(r.sum, std::vector<double>(7, 0.0));
    QCOMPARE(r.sumSquares, std::vector<double>(7, 0.0));
    QCOMPARE(r.nonZero, std::vector<std::int64_t>(7, 0));

    // Rows and columns but no stored entry.
    CsrMatrix allEmpty;
    allEmpty.rows = 4000;
    allEmpty.cols = 3;
    allEmpty.indptr.assign(4001, 0);
    r = cpu.columnMoments(allEmpty, never);
    QCOMPARE(r.sum, std::vector<double>(3, 0.0));
    QCOMPARE(r.nonZero, std::vector<std::int64_t>(3, 0));
}

void TestCpuBackend::explicitZerosAreNotNonZero()
{
    CsrMatrix m;
    m.rows = 3;
    m.cols = 2;
    m.indptr = {0, 2, 3, 4};
    m.indices = {0, 1, 1, 0};
    m.data = {2.0f, 0.0f, -3.0f, 0.5f};
    const ColumnMoments r = CpuBackend().columnMoments(m, NeverCancel());
    QCOMPARE(r.sum, (std::vector<double>{2.5, -3.0}));
    QCOMPARE(r.sumSquares, (std::vector<double>{4.25, 9.0}));
    QCOMPARE(r.nonZero, (std::vector<std::int64_t>{2, 1}));
}

void TestCpuBackend::bitIdenticalAcrossThreadCounts()
{
    ThreadCountScope restore;
    // Real values, so a different order of additions would show in the last bits; tall enough for
    // many blocks, and wide enough that a wave does not hold all of them.
    const CsrMatrix m = randomCsr(40000, 300, 0.05, false, 42);

    omp_set_num_threads(1);
    const ColumnMoments one = CpuBackend().columnMoments(m, NeverCancel());
    for (int threads : {2, 3, 4}) {
        omp_set_num_threads(threads);
        const ColumnMoments many = CpuBackend().columnMoments(m, NeverCancel());
        QVERIFY2(bitIdentical(one.sum, many.sum), qPrintable(QStringLiteral("sum, %1 threads").arg(threads)));
        QVERIFY2(bitIdentical(one.sumSquares, many.sumSquares),
                 qPrintable(QStringLiteral("sum of squares, %1 threads").arg(threads)));
        QCOMPARE(one.nonZero, many.nonZero);
    }
}

void TestCpuBackend::wideMatrix()
{
    // 33 000 genes (~1 MB of partial sums per block) and 20 blocks: more than one wave holds with
    // one or two threads, so the results also cross waves of different sizes.
    ThreadCountScope restore;
    const std::int64_t rows = 40000;
    const std::int64_t cols = 33000;
    CsrMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.indptr.push_back(0);
    std::mt19937_64 rng(77);
    std::uniform_int_distribution<std::int32_t> col(0, static_cast<std::int32_t>(cols - 1));
    std::uniform_int_distribution<int> count(1, 9);
    for (std::int64_t r = 0; r < rows; ++r) {
        std::vector<std::int32_t> cs(40);
        for (auto& c : cs)
            c = col(rng);
        std::sort(cs.begin(), cs.end());
        cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
        for (auto c : cs) {
            m.indices.push_back(c);
            m.data.push_back(static_cast<float>(count(rng)));
        }
        m.indptr.push_back(m.nnz());
    }
    // Reference: one pass over the stored entries (integer values: exact in any order).
    std::vector<double> sum(cols, 0.0), sumSquares(cols, 0.0);
    std::vector<std::int64_t> nonZero(cols, 0);
    for (std::int64_t i = 0; i < m.nnz(); ++i) {
        sum[m.indices[i]] += m.data[i];
        sumSquares[m.indices[i]] += double(m.data[i]) * m.data[i];
        ++nonZero[m.indices[i]];
    }
    omp_set_num_threads(1);
    const ColumnMoments one = CpuBackend().columnMoments(m, NeverCancel());
    omp_set_num_threads(2);
    const ColumnMoments two = CpuBackend().columnMoments(m, NeverCancel());
    QCOMPARE(one.sum, sum);
    QCOMPARE(one.sumSquares, sumSquares);
    QCOMPARE(one.nonZero, nonZero);
    QVERIFY(bitIdentical(one.sum, two.sum));
    QVERIFY(bitIdentical(one.sumSquares, two.sumSquares));
    QCOMPARE(one.nonZero, two.nonZero);
}

void TestCpuBackend::deviceNamesThreadCount()
{
    ThreadCountScope restore;
    omp_set_num_threads(2);
    const DeviceInfo d = CpuBackend().device();
    QCOMPARE(d.kind, std::string("cpu"));
    QCOMPARE(d.name, std::string("CPU (OpenMP, 2 threads)"));
    omp_set_num_threads(1);
    QCOMPARE(CpuBackend().device().name, std::string("CPU (OpenMP, 1 thread)"));
}

void TestCpuBackend::preCancelledTokenThrows()
{
    CancelFlag flag;
    flag.cancel();
    const CsrMatrix m = randomCsr(10, 10, 0.5, true, 8);
    QVERIFY_THROWS_EXCEPTION(Cancelled, CpuBackend().columnMoments(m, flag));
    QVERIFY_THROWS_EXCEPTION(Cancelled, CpuBackend().columnMoments(CsrMatrix{}, flag));
}

void TestCpuBackend::cancelDuringRunThrows()
{
    // 30 blocks of 2048 rows: the token is polled many times, and gives in on the 5th poll.
    const CsrMatrix m = randomCsr(60000, 50, 0.02, true, 9);
    CancelAfter token(5);
    QVERIFY_THROWS_EXCEPTION(Cancelled, CpuBackend().columnMoments(m, token));
    QVERIFY(token.polls() <= 0);
}

void TestCpuBackend::rejectsInconsistentMatrix()
{
    CpuBackend cpu;
    NeverCancel never;
    CsrMatrix m = randomCsr(20, 10, 0.3, true, 10);
    m.indices[m.indices.size() / 2] = 10; // == cols
    QVERIFY_THROWS_EXCEPTION(InvalidInput, cpu.columnMoments(m, never));
    m.indices[m.indices.size() / 2] = -1;
    QVERIFY_THROWS_EXCEPTION(InvalidInput, cpu.columnMoments(m, never));

    CsrMatrix shortIndptr = randomCsr(20, 10, 0.3, true, 11);
    shortIndptr.indptr.pop_back();
    QVERIFY_THROWS_EXCEPTION(InvalidInput, cpu.columnMoments(shortIndptr, never));

    CsrMatrix mismatch = randomCsr(20, 10, 0.3, true, 12);
    mismatch.data.push_back(1.0f);
    QVERIFY_THROWS_EXCEPTION(InvalidInput, cpu.columnMoments(mismatch, never));

    CsrMatrix noColumns;
    noColumns.rows = 1;
    noColumns.indptr = {0, 1};
    noColumns.indices = {0};
    noColumns.data = {1.0f};
    QVERIFY_THROWS_EXCEPTION(InvalidInput, cpu.columnMoments(noColumns, never));
}

void TestCpuBackend::registryHasCpuFirst()
{
    const std::vector<DeviceInfo> devices = ComputeBackends::available();
    QVERIFY(!devices.empty());
    QCOMPARE(devices.front().kind, std::string("cpu"));
    auto cpu = ComputeBackends::create("cpu");
    QVERIFY(cpu);
    QCOMPARE(cpu->device().kind, std::string("cpu"));
    QCOMPARE(ComputeBackends::create("CPU")->device().kind, std::string("cpu"));
}

void TestCpuBackend::gpuStatusDefaultsToNotBuilt()
{
    // This test does not link gpu/, so nothing has set the status yet.
    QCOMPARE(ComputeBackends::gpuStatus(), std::string("CUDA: not built"));
}

void TestCpuBackend::cudaRequestFallsBackToCpu()
{
    std::string why = "stale";
    auto b = ComputeBackends::create("cuda", &why);
    QVERIFY(b);
    QCOMPARE(b->device().kind, std::string("cpu"));
    QVERIFY2(why.find("no CUDA device") != std::string::npos, why.c_str());
    QVERIFY2(why.find("CUDA: not built") != std::string::npos, why.c_str()); // names the status

    why = "stale";
    b = ComputeBackends::create("cuda:1", &why);
    QCOMPARE(b->device().kind, std::string("cpu"));
    QVERIFY(!why.empty() && why != "stale");

    why = "stale";
    b = ComputeBackends::create("auto", &why);
    QCOMPARE(b->device().kind, std::string("cpu"));
    QVERIFY2(why.empty(), why.c_str()); // the CPU is what "auto" means here, not a fallback

    why = "stale";
    b = ComputeBackends::create("cpu", &why);
    QVERIFY(why.empty()); // nothing to explain

    QVERIFY(ComputeBackends::create("cuda")); // `why` is optional
}

void TestCpuBackend::unknownPreferenceThrows()
{
    QVERIFY_THROWS_EXCEPTION(InvalidParameter, ComputeBackends::create("tpu"));
    QVERIFY_THROWS_EXCEPTION(InvalidParameter, ComputeBackends::create("cuda:x"));
    QVERIFY_THROWS_EXCEPTION(InvalidParameter, ComputeBackends::create(""));
}

namespace {
// Stands in for a CUDA device in the registry tests (this test has no GPU code).
class FakeBackend final : public ComputeBackend {
public:
    explicit FakeBackend(DeviceInfo d) : m_device(std::move(d)) {}
    DeviceInfo device() const override { return m_device; }
    ColumnMoments columnMoments(const CsrMatrix& m, const CancelToken& c) const override
    {
        return CpuBackend().columnMoments(m, c);
    }

private:
    DeviceInfo m_device;
};

DeviceInfo fakeCuda(int index, std::string name)
{
    DeviceInfo d;
    d.kind = "cuda";
    d.index = index;
    d.name = std::move(name);
    d.computeMajor = 9;
    return d;
}
} // namespace

void TestCpuBackend::registeredDeviceIsUsedAndReplaced()
{
    const std::size_t before = ComputeBackends::available().size();
    const DeviceInfo a = fakeCuda(0, "Fake GPU A");
    ComputeBackends::add(a, [a] { return std::make_unique<FakeBackend>(a); });
    QCOMPARE(ComputeBackends::available().size(), before + 1);
    QCOMPARE(ComputeBackends::available().front().kind, std::string("cpu"));

    std::string why = "stale";
    QCOMPARE(ComputeBackends::create("cuda", &why)->device().name, std::string("Fake GPU A"));
    QVERIFY(why.empty());
    QCOMPARE(ComputeBackends::create("auto")->device().name, std::string("Fake GPU A"));
    QCOMPARE(ComputeBackends::create("cuda:0")->device().name, std::string("Fake GPU A"));
    QCOMPARE(ComputeBackends::create("cpu")->device().kind, std::string("cpu"));

    // Same kind and index again (discovery run twice): replaced, not duplicated.
    const DeviceInfo b = fakeCuda(0, "Fake GPU B");
    ComputeBackends::add(b, [b] { return std::make_unique<FakeBackend>(b); });
    QCOMPARE(ComputeBackends::available().size(), before + 1);
    QCOMPARE(ComputeBackends::create("cuda")->device().name, std::string("Fake GPU B"));

    // Registering a "cpu" device never displaces the built-in CPU back end.
    DeviceInfo cpuImpostor;
    cpuImpostor.kind = "cpu";
    cpuImpostor.name = "impostor";
    ComputeBackends::add(cpuImpostor, [cpuImpostor] { return std::make_unique<FakeBackend>(cpuImpostor); });
    QCOMPARE(ComputeBackends::create("cpu")->device().name, CpuBackend().device().name);

    QVERIFY_THROWS_EXCEPTION(InvalidParameter, ComputeBackends::add(fakeCuda(5, "no factory"), nullptr));
}

void TestCpuBackend::failingFactoryFallsBack()
{
    const DeviceInfo broken = fakeCuda(0, "Broken GPU");
    ComputeBackends::add(broken, []() -> std::unique_ptr<ComputeBackend> { throw Error("context creation failed"); });
    std::string why;
    auto b = ComputeBackends::create("cuda", &why);
    QCOMPARE(b->device().kind, std::string("cpu"));
    QVERIFY2(why.find("context creation failed") != std::string::npos, why.c_str());
}

void TestCpuBackend::registryIsThreadSafe()
{
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t, &failures] {
            for (int i = 0; i < 200; ++i) {
                const DeviceInfo d = fakeCuda(100 + t, "Fake GPU " + std::to_string(t));
                ComputeBackends::add(d, [d] { return std::make_unique<FakeBackend>(d); });
                if (ComputeBackends::available().front().kind != "cpu")
                    ++failures;
                if (!ComputeBackends::create(i % 2 ? "cpu" : "cuda"))
                    ++failures;
                ComputeBackends::setGpuStatus("status " + std::to_string(i));
                if (ComputeBackends::gpuStatus().rfind("status ", 0) != 0)
                    ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(TestCpuBackend)
#include "tst_cpubackend.moc"
