// Benchmark of reading a sparse X (X/indptr, X/indices, X/data) from .h5ad, in the same run:
//   (a) plain HDF5 C: H5Dread of each array into a buffer allocated for it (the reference),
//   (b) scDesk's h5::readArray (parallel chunk decoding),
//   (c) anndata.read_h5ad in Debian's python3 (timed inside Python: the read only),
//   (d) scDesk's full readH5ad (X, obs, var, obsm, ...),
// plus the peak RSS growth of (b), measured in a forked child, against the arrays' size.
//
//   bench_h5ad_read [--repeat N] [--no-anndata] [FILE.h5ad ...]
//
// Without files, /work/shared/tools/h5ad/make_big.py generates an uncompressed and a gzip variant
// (100k cells x 20k genes, 60 M non-zeros) into a temporary directory, removed afterwards.
// The last line is `median_ms=<(b) for the first (uncompressed) file>`, for scripts.
#include <hdf5.h>
#include <omp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/h5ad/array_reader.h"
#include "io/h5ad/filters.h"
#include "io/h5ad/h5ad_reader.h"
#include "io/h5ad/hdf5_handle.h"
#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace {

const char* const kMakeBig = "/work/shared/tools/h5ad/make_big.py";
const char* const kPython = "/usr/bin/python3";
const char* const kArrays[] = {"X/indptr", "X/indices", "X/data"};

struct Options {
    int repeat = 3;
    bool anndata = true;
    std::vector<std::string> files;
};

[[noreturn]] void usage(int code)
{
    std::fprintf(code ? stderr : stdout,
                 "usage: bench_h5ad_read [--repeat N] [--no-anndata] [FILE.h5ad ...]\n"
                 "  without files: generates big_none.h5ad and big_gzip.h5ad with %s\n",
                 kMakeBig);
    std::exit(code);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h")
            usage(0);
        else if (a == "--no-anndata")
            o.anndata = false;
        else if (a == "--repeat") {
            if (i + 1 >= argc)
                usage(2);
            o.repeat = std::atoi(argv[++i]);
            if (o.repeat < 1)
                usage(2);
        } else if (!a.empty() && a[0] == '-')
            usage(2);
        else
            o.files.push_back(a);
    }
    return o;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    if (v.empty())
        return -1.0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

std::string runsText(const std::vector<double>& v)
{
    std::string s;
    char buf[32];
    for (double x : v) {
        std::snprintf(buf, sizeof buf, "%s%.0f", s.empty() ? "" : ", ", x);
        s += buf;
    }
    return s;
}

// (a) The reference: what a C programmer writes with libhdf5 alone.
std::size_t plainCRead(const std::string& path)
{
    scdesk::h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file)
        throw std::runtime_error("cannot open " + path);
    std::size_t bytes = 0;
    for (const char* name : kArrays) {
        scdesk::h5::Handle d(H5Dopen2(file.get(), name, H5P_DEFAULT));
        scdesk::h5::Handle space(H5Dget_space(d.get()));
        scdesk::h5::Handle ftype(H5Dget_type(d.get()));
        scdesk::h5::Handle mtype(H5Tget_native_type(ftype.get(), H5T_DIR_ASCEND));
        const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
        const std::size_t size = n * H5Tget_size(mtype.get());
        void* buf = std::malloc(size);
        if (!buf || H5Dread(d.get(), mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0)
            throw std::runtime_error(std::string("H5Dread failed: ") + name);
        bytes += size;
        std::free(buf);
    }
    return bytes;
}

// (b) scDesk: the element types the CSR model holds (indptr int64, indices int32, data float).
struct Arrays {
    std::vector<std::int64_t> indptr;
    std::vector<std::int32_t> indices;
    std::vector<float> data;
    std::size_t bytes() const
    {
        return indptr.size() * sizeof(std::int64_t) + indices.size() * sizeof(std::int32_t)
               + data.size() * sizeof(float);
    }
};

void scdeskRead(const std::string& path, Arrays& a)
{
    scdesk::h5::registerFilters();
    scdesk::h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file)
        throw std::runtime_error("cannot open " + path);
    const scdesk::NeverCancel never;
    auto open = [&](const char* name) { return scdesk::h5::Handle(H5Dopen2(file.get(), name, H5P_DEFAULT)); };
    scdesk::h5::readArray(open("X/indptr").get(), a.indptr, path + ": /X/indptr", never);
    scdesk::h5::readArray(open("X/indices").get(), a.indices, path + ": /X/indices", never);
    scdesk::h5::readArray(open("X/data").get(), a.data, path + ": /X/data", never);
}

long statusKb(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::size_t len = std::strlen(key);
    while (std::getline(in, line))
        if (line.compare(0, len, key) == 0)
            return std::strtol(line.c_str() + len + 1, nullptr, 10);
    return -1;
}

// Peak RSS growth of (b) in a fresh child process (this executable with --peak-child, so no
// OpenMP pool or page cache of ours is inherited): its VmHWM after the read minus VmRSS before.
int peakChild(const std::string& path)
{
    const long before = statusKb("VmRSS:");
    Arrays a;
    scdeskRead(path, a);
    std::printf("%ld %zu\n", statusKb("VmHWM:") - before, a.bytes());
    return 0;
}

long peakGrowthKb(const std::string& path, std::size_t& arrayBytes)
{
    const std::string cmd = "/proc/" + std::to_string(getpid()) + "/exe --peak-child '" + path + "'";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return -1;
    long kb = -1;
    std::size_t bytes = 0;
    if (std::fscanf(p, "%ld %zu", &kb, &bytes) != 2)
        kb = -1;
    pclose(p);
    arrayBytes = bytes;
    return kb;
}

// (c) anndata.read_h5ad in one persistent Python process (started once, so interpreter start and
// imports are not timed); each request line makes it read the file once and answer the read's ms.
class AnndataWorker {
public:
    explicit AnndataWorker(const std::string& path)
    {
        static const char* const script = "import sys, time, gc, anndata\n"
                                          "for _ in sys.stdin:\n"
                                          "    t = time.perf_counter(); a = anndata.read_h5ad(sys.argv[1])\n"
                                          "    ms = (time.perf_counter() - t) * 1e3\n"
                                          "    del a; gc.collect(); print(ms, flush=True)\n";
        int toChild[2], fromChild[2];
        if (pipe(toChild) != 0)
            return;
        if (pipe(fromChild) != 0) {
            close(toChild[0]);
            close(toChild[1]);
            return;
        }
        m_pid = fork();
        if (m_pid == 0) {
            dup2(toChild[0], 0);
            dup2(fromChild[1], 1);
            close(toChild[1]);
            close(fromChild[0]);
            execl(kPython, kPython, "-c", script, path.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(toChild[0]);
        close(fromChild[1]);
        m_in = fdopen(toChild[1], "w");
        m_out = fdopen(fromChild[0], "r");
    }
    ~AnndataWorker()
    {
        if (m_in)
            std::fclose(m_in);
        if (m_out)
            std::fclose(m_out);
        if (m_pid > 0)
            waitpid(m_pid, nullptr, 0);
    }
    AnndataWorker(const AnndataWorker&) = delete;
    AnndataWorker& operator=(const AnndataWorker&) = delete;

    // Milliseconds of one read_h5ad, or a negative value when the worker failed.
    double readOnce()
    {
        if (!m_in || !m_out || std::fputs("go\n", m_in) < 0 || std::fflush(m_in) != 0)
            return -1.0;
        char line[128];
        if (!std::fgets(line, sizeof line, m_out))
            return -1.0;
        return std::strtod(line, nullptr);
    }

private:
    pid_t m_pid = -1;
    FILE* m_in = nullptr;
    FILE* m_out = nullptr;
};

struct Timing {
    std::vector<double> runs;
    double med() const { return median(runs); }
};

Timing timeIt(int repeat, const std::function<void()>& f)
{
    Timing t;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        t.runs.push_back(msSince(t0));
    }
    return t;
}

std::string generate(std::string& dir)
{
    char tmpl[] = "/tmp/scdesk_bench_h5ad_XXXXXX";
    if (!mkdtemp(tmpl))
        return {};
    dir = tmpl;
    const std::string cmd = std::string(kPython) + " " + kMakeBig + " make --out " + dir + " --variants none gzip";
    std::printf("generating test files: %s\n", cmd.c_str());
    std::fflush(stdout);
    if (std::system(cmd.c_str()) != 0)
        return {};
    return dir;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--peak-child") == 0)
        return peakChild(argv[2]);
    Options opt = parse(argc, argv);
    std::string tempDir;
    if (opt.files.empty()) {
        if (generate(tempDir).empty()) {
            std::fprintf(stderr, "bench_h5ad_read: could not generate files with %s\n", kMakeBig);
            return 1;
        }
        opt.files = {tempDir + "/big_none.h5ad", tempDir + "/big_gzip.h5ad"};
    }
    scdesk::h5::registerFilters();
    std::printf("threads: %d, repeat: %d, HDF5 %u.%u.%u\n", omp_get_max_threads(), opt.repeat, H5_VERS_MAJOR,
                H5_VERS_MINOR, H5_VERS_RELEASE);
    double firstMedian = -1.0;
    int status = 0;
    for (const std::string& path : opt.files) {
        std::printf("\n== %s (%.1f MB on disk)\n", path.c_str(),
                    static_cast<double>(std::filesystem::file_size(path)) / 1e6);
        try {
            // Warm the page cache once so every contender reads from memory. The contenders then
            // take turns, round after round, so load from other processes hits them alike.
            plainCRead(path);
            std::size_t cBytes = 0, ourBytes = 0;
            Timing a, b, c, d;
            std::string fullError;
            std::unique_ptr<AnndataWorker> worker;
            if (opt.anndata)
                worker = std::make_unique<AnndataWorker>(path);
            for (int round = 0; round < opt.repeat; ++round) {
                a.runs.push_back(timeIt(1, [&] { cBytes = plainCRead(path); }).runs[0]);
                b.runs.push_back(timeIt(1, [&] {
                                     Arrays arrays;
                                     scdeskRead(path, arrays);
                                     ourBytes = arrays.bytes();
                                 }).runs[0]);
                if (worker) {
                    const double ms = worker->readOnce();
                    if (ms < 0)
                        worker.reset();
                    else
                        c.runs.push_back(ms);
                }
                if (fullError.empty()) {
                    try {
                        d.runs.push_back(timeIt(1, [&] {
                                             scdesk::NullProgress progress;
                                             scdesk::NeverCancel never;
                                             scdesk::Dataset ds = scdesk::readH5ad(path, progress, never);
                                         }).runs[0]);
                    } catch (const std::exception& e) {
                        fullError = e.what();
                    }
                }
            }
            worker.reset();
            std::size_t arrayBytes = 0;
            const long peakKb = peakGrowthKb(path, arrayBytes);

            std::printf("(a) plain HDF5 C read     : %8.1f ms  [%s]  %.1f MB as stored\n", a.med(),
                        runsText(a.runs).c_str(), static_cast<double>(cBytes) / 1e6);
            std::printf("(b) scDesk readArray      : %8.1f ms  [%s]  %.1f MB (indptr int64)\n", b.med(),
                        runsText(b.runs).c_str(), static_cast<double>(ourBytes) / 1e6);
            if (!c.runs.empty())
                std::printf("(c) anndata.read_h5ad     : %8.1f ms  [%s]\n", c.med(), runsText(c.runs).c_str());
            else
                std::printf("(c) anndata.read_h5ad     : not measured\n");
            if (fullError.empty())
                std::printf("(d) scDesk readH5ad (full): %8.1f ms  [%s]\n", d.med(), runsText(d.runs).c_str());
            else
                std::printf("(d) scDesk readH5ad (full): failed: %s\n", fullError.c_str());
            std::printf("ratio (b)/(a) = %.2f   (target <= 1.2 uncompressed)\n", b.med() / a.med());
            if (!c.runs.empty())
                std::printf("ratio (c)/(b) = %.2f   (target >= 1.5 uncompressed, >= 2 gzip)\n", c.med() / b.med());
            if (peakKb >= 0 && arrayBytes > 0)
                std::printf("peak RSS growth during (b): %.1f MB for %.1f MB of arrays = %.2fx   (target <= 1.3)\n",
                            static_cast<double>(peakKb) * 1024.0 / 1e6, static_cast<double>(arrayBytes) / 1e6,
                            static_cast<double>(peakKb) * 1024.0 / static_cast<double>(arrayBytes));
            else
                std::printf("peak RSS growth: not measured\n");
            if (firstMedian < 0)
                firstMedian = b.med();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "bench_h5ad_read: %s: %s\n", path.c_str(), e.what());
            status = 1;
        }
        std::fflush(stdout);
    }
    if (!tempDir.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(tempDir, ec);
    }
    std::printf("median_ms=%.1f\n", firstMedian);
    return status;
}
