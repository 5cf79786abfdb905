// h5::readArray: the parallel chunk reader (gzip, shuffle, LZF, Blosc) and the plain H5Dread path
// must give exactly what a plain H5Dread gives, for every stored type, with checked narrowing.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <hdf5.h>
#include <omp.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "io/h5ad/array_reader.h"
#include "io/h5ad/filters.h"
#include "io/h5ad/hdf5_handle.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

using scdesk::h5::Handle;

namespace {

constexpr H5Z_filter_t kLzf = 32000;
constexpr H5Z_filter_t kBlosc = 32001;
constexpr H5Z_filter_t kDummy = 40000;

struct Layout {
    hsize_t chunk = 0; // 0: contiguous
    int gzip = -1;
    bool shuffle = false;
    H5Z_filter_t extra = 0; // LZF / Blosc / dummy
    std::vector<unsigned> extraCd{};
};

template <class S>
void writeDataset(hid_t file, const char* name, hid_t memType, hid_t fileType, const std::vector<S>& values,
                  const Layout& layout, std::vector<hsize_t> dims = {})
{
    if (dims.empty())
        dims = {static_cast<hsize_t>(values.size())};
    std::vector<hsize_t> maxDims = dims;
    if (layout.chunk)
        maxDims[0] = H5S_UNLIMITED;
    Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxDims.data()));
    Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    if (layout.chunk) {
        std::vector<hsize_t> chunk = dims;
        chunk[0] = layout.chunk;
        for (auto& c : chunk)
            c = std::max<hsize_t>(c, 1);
        QVERIFY(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()) >= 0);
        if (layout.shuffle)
            QVERIFY(H5Pset_shuffle(dcpl.get()) >= 0);
        if (layout.gzip >= 0)
            QVERIFY(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(layout.gzip)) >= 0);
        if (layout.extra)
            QVERIFY(H5Pset_filter(dcpl.get(), layout.extra, H5Z_FLAG_OPTIONAL, layout.extraCd.size(),
                                  layout.extraCd.data())
                    >= 0);
    }
    Handle dset(H5Dcreate2(file, name, fileType, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
    QVERIFY(dset);
    if (!values.empty())
        QVERIFY(H5Dwrite(dset.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
}

template <class T>
hid_t memTypeOf()
{
    if constexpr (std::is_same_v<T, float>)
        return H5T_NATIVE_FLOAT;
    else if constexpr (std::is_same_v<T, double>)
        return H5T_NATIVE_DOUBLE;
    else if constexpr (std::is_same_v<T, std::int32_t>)
        return H5T_NATIVE_INT32;
    else
        return H5T_NATIVE_INT64;
}

// The reference: a plain H5Dread converting to T.
template <class T>
std::vector<T> plainRead(hid_t dset)
{
    Handle space(H5Dget_space(dset));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::vector<T> v(n);
    if (n)
        H5Dread(dset, memTypeOf<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    return v;
}

template <class T>
std::vector<T> readWith(hid_t file, const char* name, const scdesk::CancelToken& cancel = scdesk::NeverCancel())
{
    Handle dset(H5Dopen2(file, name, H5P_DEFAULT));
    std::vector<T> out;
    scdesk::h5::readArray(dset.get(), out, std::string("test.h5: /") + name, cancel);
    return out;
}

template <class T>
bool sameAsPlain(hid_t file, const char* name)
{
    Handle dset(H5Dopen2(file, name, H5P_DEFAULT));
    const std::vector<T> expected = plainRead<T>(dset.get());
    const std::vector<T> got = readWith<T>(file, name);
    if (got.size() != expected.size()) {
        qWarning("%s: size %zu, expected %zu", name, got.size(), expected.size());
        return false;
    }
    for (std::size_t i = 0; i < got.size(); ++i)
        if (!(got[i] == expected[i])) {
            qWarning("%s: element %zu differs", name, i);
            return false;
        }
    return true;
}

class RecordingProgress final : public scdesk::ProgressSink {
public:
    void setRange(std::int64_t total) override { m_range = total; }
    void setProgress(std::int64_t done, std::string_view) override
    {
        std::lock_guard lock(m_mutex);
        m_max = std::max(m_max, done);
    }
    void log(scdesk::LogLevel, std::string_view) override {}
    std::int64_t m_range = -1;
    std::int64_t m_max = 0;
    std::mutex m_mutex;
};

// Pass-through filter registered only while writing, so reading finds it missing.
size_t dummyFilter(unsigned, size_t, const unsigned[], size_t nbytes, size_t*, void**)
{
    return nbytes;
}

// Prints a dataset's values as h5py reads them. Without an HDF5 Blosc plugin for h5py (none on
// Debian by default), Blosc chunks are fetched raw by h5py and decoded with libblosc via ctypes,
// independently of scDesk's chunk handling.
const char* const kExpectedScript = R"(
import sys, ctypes, h5py, numpy as np
d = h5py.File(sys.argv[1], 'r')[sys.argv[2]]
try:
    a = d[()]
except OSError:
    lib = ctypes.CDLL('libblosc.so.1')
    a = np.empty(d.shape, d.dtype)
    ch = d.chunks
    for off in np.ndindex(*[-(-s // c) for s, c in zip(d.shape, ch)]):
        start = tuple(o * c for o, c in zip(off, ch))
        mask, raw = d.id.read_direct_chunk(start)
        buf = np.empty(ch, d.dtype)
        if mask & 1:
            buf = np.frombuffer(raw, d.dtype).reshape(ch).copy()
        elif lib.blosc_decompress(raw, buf.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(buf.nbytes)) != buf.nbytes:
            sys.exit('blosc_decompress failed')
        sl = tuple(slice(s, min(s + c, S)) for s, c, S in zip(start, ch, d.shape))
        a[sl] = buf[tuple(slice(0, x.stop - x.start) for x in sl)]
print(' '.join(repr(float(x)) for x in a.ravel()))
)";

QString sharedDir()
{
    return QStringLiteral(SCDESK_SHARED_DIR);
}

// Runs Debian's python with h5py; empty on failure (the caller skips).
QByteArray pythonOutput(const QString& script, const QStringList& args, QString* why)
{
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3"))) {
        *why = QStringLiteral("/usr/bin/python3 is absent");
        return {};
    }
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = QStringLiteral("python3 with h5py failed: ") + QString::fromUtf8(p.readAllStandardError().left(300));
        return {};
    }
    return p.readAllStandardOutput();
}

std::vector<double> parseNumbers(const QByteArray& text)
{
    std::vector<double> v;
    for (const QByteArray& tok : text.simplified().split(' '))
        if (!tok.isEmpty())
            v.push_back(tok.toDouble());
    return v;
}

} // namespace

class TestArrayReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        scdesk::h5::registerFilters();
        scdesk::h5::registerFilters(); // idempotent
        QVERIFY(m_dir.isValid());
        // More threads than cores, so chunks really are decoded concurrently.
        omp_set_num_threads(4);
        m_path = m_dir.filePath(QStringLiteral("arrays.h5")).toStdString();
        Handle file(H5Fcreate(m_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
        QVERIFY(file);
        const hid_t f = file.get();

        std::mt19937_64 rng(7);
        const std::size_t n = 100'003; // not a multiple of any chunk size below
        std::vector<std::int32_t> i32(n);
        std::vector<std::int64_t> i64(n);
        std::vector<std::uint16_t> u16(n);
        std::vector<double> f64(n);
        std::vector<float> f32(n);
        std::poisson_distribution<int> counts(2.0);
        for (std::size_t i = 0; i < n; ++i) {
            i32[i] = static_cast<std::int32_t>(rng() % 2'000'000) - 1'000'000;
            i64[i] = static_cast<std::int64_t>(i) * 3 - 7;
            u16[i] = static_cast<std::uint16_t>(rng());
            f64[i] = std::ldexp(static_cast<double>(rng() % 1'000'000), -7) - 3.5;
            f32[i] = static_cast<float>(counts(rng));
        }
        const Layout contiguous{};
        const Layout chunked{4096};
        const Layout gzip{4096, 4};
        const Layout gzipShuffle{3000, 6, true};
        writeDataset(f, "i32_contiguous", H5T_NATIVE_INT32, H5T_STD_I32LE, i32, contiguous);
        writeDataset(f, "i32_chunked", H5T_NATIVE_INT32, H5T_STD_I32LE, i32, chunked);
        writeDataset(f, "i32_gzip", H5T_NATIVE_INT32, H5T_STD_I32LE, i32, gzip);
        writeDataset(f, "i32_gzip_shuffle", H5T_NATIVE_INT32, H5T_STD_I32LE, i32, gzipShuffle);
        writeDataset(f, "i32_be_gzip", H5T_NATIVE_INT32, H5T_STD_I32BE, i32, gzip);
        writeDataset(f, "i64_contiguous", H5T_NATIVE_INT64, H5T_STD_I64LE, i64, contiguous);
        writeDataset(f, "i64_gzip_shuffle", H5T_NATIVE_INT64, H5T_STD_I64LE, i64, gzipShuffle);
        writeDataset(f, "u16_chunked", H5T_NATIVE_UINT16, H5T_STD_U16LE, u16, chunked);
        writeDataset(f, "u16_gzip_shuffle", H5T_NATIVE_UINT16, H5T_STD_U16LE, u16, gzipShuffle);
        writeDataset(f, "f64_contiguous", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, f64, contiguous);
        writeDataset(f, "f64_gzip_shuffle", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, f64, gzipShuffle);
        writeDataset(f, "f32_gzip", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f32, gzip);
        writeDataset(f, "f32_chunked", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f32, Layout{100'000});

        // Our own LZF encoder (compressible counts, and random bytes that LZF cannot shrink, which
        // libhdf5 then stores unfiltered with the chunk's filter-mask bit set) and Blosc+zstd.
        std::vector<std::uint64_t> noise(n);
        for (auto& v : noise)
            v = rng();
        writeDataset(f, "f32_lzf", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f32, Layout{5000, -1, false, kLzf});
        writeDataset(f, "noise_lzf", H5T_NATIVE_UINT64, H5T_STD_U64LE, noise, Layout{5000, -1, false, kLzf});
        writeDataset(f, "i64_lzf_shuffle", H5T_NATIVE_INT64, H5T_STD_I64LE, i64, Layout{5000, -1, true, kLzf});
        writeDataset(f, "f32_blosc", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f32,
                     Layout{16384, -1, false, kBlosc, {0, 0, 0, 0, 5, 1, 4 /* zstd */}});
        writeDataset(f, "i64_blosc", H5T_NATIVE_INT64, H5T_STD_I64LE, i64,
                     Layout{16384, -1, false, kBlosc, {0, 0, 0, 0, 5, 2, 1 /* lz4 */}});
        // 2-D, LZF: chunks that are not rows go through H5Dread with our registered filter.
        writeDataset(f, "f32_2d_lzf", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, std::vector<float>(f32.begin(), f32.begin() + 600),
                     Layout{7, -1, false, kLzf}, {20, 30});

        writeDataset(f, "empty_contiguous", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, std::vector<float>{}, contiguous);
        writeDataset(f, "empty_chunked", H5T_NATIVE_INT64, H5T_STD_I64LE, std::vector<std::int64_t>{}, gzip);

        std::vector<std::int64_t> big(10'000, 5);
        big[7777] = std::int64_t{3'000'000'000};
        writeDataset(f, "too_big_gzip", H5T_NATIVE_INT64, H5T_STD_I64LE, big, gzip);
        writeDataset(f, "too_big_contiguous", H5T_NATIVE_INT64, H5T_STD_I64LE, big, contiguous);
        std::vector<std::uint32_t> bigU(10'000, 5);
        bigU[42] = 4'000'000'000u;
        writeDataset(f, "too_big_u32_chunked", H5T_NATIVE_UINT32, H5T_STD_U32LE, bigU, chunked);
        std::vector<double> fractional(100, 1.0);
        fractional[3] = 2.5;
        writeDataset(f, "fractional", H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, fractional, contiguous);

        // A filter this build does not know at read time.
        const H5Z_class2_t dummy = {H5Z_CLASS_T_VERS, kDummy, 1, 1, "dummy", nullptr, nullptr, dummyFilter};
        QVERIFY(H5Zregister(&dummy) >= 0);
        writeDataset(f, "unknown_filter", H5T_NATIVE_FLOAT, H5T_IEEE_F32LE, f32, Layout{4096, -1, false, kDummy});
        QVERIFY(H5Zunregister(kDummy) >= 0);

        std::vector<std::int32_t> missingChunks(10'000, 0);
        writeDataset(f, "strings", H5T_NATIVE_INT32, H5T_STD_I32LE, missingChunks, contiguous);
        file = Handle();
        // Overwrite "strings" with a string dataset for the type check.
        Handle file2(H5Fopen(m_path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        H5Ldelete(file2.get(), "strings", H5P_DEFAULT);
        Handle strType(H5Tcopy(H5T_C_S1));
        H5Tset_size(strType.get(), H5T_VARIABLE);
        const hsize_t two = 2;
        Handle space(H5Screate_simple(1, &two, nullptr));
        Handle sd(H5Dcreate2(file2.get(), "strings", strType.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        QVERIFY(sd);
        // A chunked dataset with unwritten chunks (fill value 0): must fall back to H5Dread.
        {
            const hsize_t dims = 50'000, chunk = 1000, maxd = H5S_UNLIMITED;
            Handle sp(H5Screate_simple(1, &dims, &maxd));
            Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
            H5Pset_chunk(dcpl.get(), 1, &chunk);
            H5Pset_deflate(dcpl.get(), 1);
            Handle d(H5Dcreate2(file2.get(), "sparse_chunks", H5T_STD_I32LE, sp.get(), H5P_DEFAULT, dcpl.get(),
                                H5P_DEFAULT));
            const hsize_t start = 20'000, count = 1500;
            H5Sselect_hyperslab(sp.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
            Handle ms(H5Screate_simple(1, &count, nullptr));
            std::vector<std::int32_t> ones(count, 1);
            QVERIFY(H5Dwrite(d.get(), H5T_NATIVE_INT32, ms.get(), sp.get(), H5P_DEFAULT, ones.data()) >= 0);
        }
    }

    void filterNames()
    {
        QCOMPARE(scdesk::h5::filterName(1), std::string("gzip"));
        QCOMPARE(scdesk::h5::filterName(2), std::string("shuffle"));
        QCOMPARE(scdesk::h5::filterName(32000), std::string("lzf"));
        QCOMPARE(scdesk::h5::filterName(32001), std::string("blosc"));
        QCOMPARE(scdesk::h5::filterName(32015), std::string("zstd"));
        QCOMPARE(scdesk::h5::filterName(54321), std::string("filter 54321"));
        QVERIFY(H5Zfilter_avail(kLzf) > 0);
        QVERIFY(H5Zfilter_avail(kBlosc) > 0);
    }

    void lzfCodecRoundTrip()
    {
        std::mt19937 rng(3);
        for (std::size_t size : {1u, 2u, 3u, 31u, 32u, 33u, 1000u, 70'000u}) {
            std::vector<std::uint8_t> in(size);
            for (std::size_t i = 0; i < size; ++i)
                in[i] = static_cast<std::uint8_t>(i % 7 == 0 ? rng() : (i / 300) % 5);
            std::vector<std::uint8_t> packed(size + size / 16 + 64), back(size);
            const std::size_t len = scdesk::h5::detail::lzfCompress(in.data(), size, packed.data(), packed.size());
            QVERIFY(len > 0);
            QCOMPARE(scdesk::h5::detail::lzfDecompress(packed.data(), len, back.data(), size), size);
            QVERIFY(back == in);
            // Truncated input and a too-small output are reported, never overrun.
            if (len > 2)
                QVERIFY(scdesk::h5::detail::lzfDecompress(packed.data(), len - 1, back.data(), size) != size);
            if (size > 1)
                QCOMPARE(scdesk::h5::detail::lzfDecompress(packed.data(), len, back.data(), size - 1), size);
        }
        // A back-reference before the start of the output is corrupt.
        const std::uint8_t bad[] = {0x20, 0x05};
        std::uint8_t out[16];
        QCOMPARE(scdesk::h5::detail::lzfDecompress(bad, sizeof bad, out, sizeof out), std::size_t{0});
    }

    void matchesPlainRead_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* name :
             {"i32_contiguous", "i32_chunked", "i32_gzip", "i32_gzip_shuffle", "i32_be_gzip", "i64_contiguous",
              "i64_gzip_shuffle", "u16_chunked", "u16_gzip_shuffle", "f64_contiguous", "f64_gzip_shuffle", "f32_gzip",
              "f32_chunked", "f32_lzf", "i64_lzf_shuffle", "f32_blosc", "i64_blosc", "f32_2d_lzf", "sparse_chunks",
              "empty_contiguous", "empty_chunked"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void matchesPlainRead()
    {
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        QVERIFY(sameAsPlain<double>(file.get(), n.c_str()));
        QVERIFY(sameAsPlain<float>(file.get(), n.c_str()));
        // Fractional doubles are refused as integers (narrowingIsChecked); HDF5 would truncate them.
        if (!name.startsWith(QLatin1String("f64"))) {
            QVERIFY(sameAsPlain<std::int64_t>(file.get(), n.c_str()));
            QVERIFY(sameAsPlain<std::int32_t>(file.get(), n.c_str()));
        }
    }

    void incompressibleLzfChunks()
    {
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        Handle dset(H5Dopen2(file.get(), "noise_lzf", H5P_DEFAULT));
        // libhdf5 stored these chunks unfiltered (mask bit set) because LZF could not shrink them.
        const hsize_t offset = 0;
        unsigned mask = 0;
        haddr_t addr = 0;
        hsize_t size = 0;
        QVERIFY(H5Dget_chunk_info_by_coord(dset.get(), &offset, &mask, &addr, &size) >= 0);
        QCOMPARE(mask, 1u);
        std::vector<std::uint64_t> expected(static_cast<std::size_t>(100'003));
        QVERIFY(H5Dread(dset.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, expected.data()) >= 0);
        std::vector<double> got;
        scdesk::h5::readArray(dset.get(), got, "noise", scdesk::NeverCancel());
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QCOMPARE(got[i], static_cast<double>(expected[i]));
        // uint64 noise does not fit int64 either: the first bad value is named.
        std::vector<std::int64_t> asInt;
        QVERIFY_THROWS_EXCEPTION(scdesk::InvalidInput, scdesk::h5::readArray(dset.get(), asInt, "noise", scdesk::NeverCancel()));
    }

    void narrowingIsChecked_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("int64 gzip") << QStringLiteral("too_big_gzip") << QStringLiteral("3000000000 at index 7777");
        QTest::newRow("int64 contiguous") << QStringLiteral("too_big_contiguous") << QStringLiteral("3000000000 at index 7777");
        QTest::newRow("uint32 chunked") << QStringLiteral("too_big_u32_chunked") << QStringLiteral("4000000000 at index 42");
        QTest::newRow("fraction") << QStringLiteral("fractional") << QStringLiteral("2.5 at index 3");
    }

    void narrowingIsChecked()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        try {
            readWith<std::int32_t>(file.get(), name.toStdString().c_str());
            QFAIL("no error for a value that does not fit int32");
        } catch (const scdesk::InvalidInput& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QLatin1String("test.h5: /") + name), qPrintable(msg));
            QVERIFY2(msg.contains(value), qPrintable(msg));
            QVERIFY2(msg.contains(QLatin1String("int32")), qPrintable(msg));
        }
        if (name != QLatin1String("fractional")) {
            const auto wide = readWith<std::int64_t>(file.get(), name.toStdString().c_str());
            QCOMPARE(wide.size(), std::size_t{10'000});
        }
    }

    void missingFilterIsNamed()
    {
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        try {
            readWith<float>(file.get(), "unknown_filter");
            QFAIL("no error for an unknown filter");
        } catch (const scdesk::IoError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QLatin1String("test.h5: /unknown_filter")), qPrintable(msg));
            QVERIFY2(msg.contains(QLatin1String("filter 40000")), qPrintable(msg));
        }
    }

    void notNumeric()
    {
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        try {
            readWith<double>(file.get(), "strings");
            QFAIL("no error for strings");
        } catch (const scdesk::InvalidInput& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QLatin1String("/strings")) && msg.contains(QLatin1String("numeric")), qPrintable(msg));
        }
    }

    void cancelAndProgress()
    {
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        scdesk::CancelFlag cancel;
        cancel.cancel();
        for (const char* name : {"i32_gzip", "f64_contiguous"})
            QVERIFY_THROWS_EXCEPTION(scdesk::Cancelled, readWith<double>(file.get(), name, cancel));
        for (const char* name : {"i32_gzip", "f64_contiguous", "f32_2d_lzf"}) {
            Handle dset(H5Dopen2(file.get(), name, H5P_DEFAULT));
            RecordingProgress progress;
            std::vector<double> out;
            scdesk::h5::readArray(dset.get(), out, name, scdesk::NeverCancel(), &progress);
            QCOMPARE(progress.m_range, static_cast<std::int64_t>(out.size()));
            QCOMPARE(progress.m_max, static_cast<std::int64_t>(out.size()));
        }
    }

    void reusesOutput()
    {
        Handle file(H5Fopen(m_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        Handle dset(H5Dopen2(file.get(), "i32_gzip", H5P_DEFAULT));
        std::vector<std::int64_t> out(5, 99);
        scdesk::h5::readArray(dset.get(), out, "x", scdesk::NeverCancel());
        QCOMPARE(out.size(), std::size_t{100'003});
        QCOMPARE(out.capacity(), out.size()); // sized once, no growth slack
    }

    // Compressed corpus files: LZF written by h5py, Blosc+zstd in anndata-rs's layout.
    void corpus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("dataset");
        const QString lzf = QStringLiteral("ad08_dense_f32_lzf.h5ad");
        const QString blosc = QStringLiteral("emu_anndata-rs_blosc_zstd.h5ad");
        QTest::newRow("lzf X (2-D)") << lzf << QStringLiteral("X");
        QTest::newRow("lzf obs/score") << lzf << QStringLiteral("obs/score");
        QTest::newRow("lzf codes int16") << lzf << QStringLiteral("obs/fine_cluster/codes");
        QTest::newRow("lzf obsm") << lzf << QStringLiteral("obsm/X_umap");
        QTest::newRow("blosc X/data") << blosc << QStringLiteral("X/data");
        QTest::newRow("blosc X/indices") << blosc << QStringLiteral("X/indices");
        QTest::newRow("blosc X/indptr") << blosc << QStringLiteral("X/indptr");
        QTest::newRow("blosc obsm") << blosc << QStringLiteral("obsm/X_spectral");
    }

    void corpus()
    {
        QFETCH(QString, file);
        QFETCH(QString, dataset);
        const QString path = sharedDir() + QStringLiteral("/data/h5ad/generated/") + file;
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("corpus file absent (needs ../shared): ") + path));
        QString why;
        const QByteArray text = pythonOutput(QString::fromLatin1(kExpectedScript), {path, dataset}, &why);
        if (text.isEmpty())
            QSKIP(qPrintable(why));
        const std::vector<double> expected = parseNumbers(text);
        QVERIFY(!expected.empty());

        Handle f(H5Fopen(path.toStdString().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        QVERIFY(f);
        Handle d(H5Dopen2(f.get(), dataset.toStdString().c_str(), H5P_DEFAULT));
        QVERIFY(d);
        std::vector<double> got;
        scdesk::h5::readArray(d.get(), got, (file + QStringLiteral(": /") + dataset).toStdString(), scdesk::NeverCancel());
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            if (got[i] != expected[i])
                QFAIL(qPrintable(QStringLiteral("element %1: %2, h5py says %3").arg(i).arg(got[i]).arg(expected[i])));
        // The plain H5Dread (through our registered filter) agrees too.
        const std::vector<double> plain = plainRead<double>(d.get());
        QVERIFY(plain == got);
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
};

QTEST_APPLESS_MAIN(TestArrayReader)
#include "tst_arrayreader.moc"
