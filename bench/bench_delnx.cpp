// Benchmark of the delnx NB GLM (nbFit + nbTest, all cores) against glmGamPoi 1.10.2 (glm_gp + test_de,
// via Rscript) on the same counts and the same design, on three data sets:
//   airway  : /work/shared/data/airway (64,102 genes × 8 samples, ~ dex, reference control)
//   sclike  : gen_synthetic.py --preset sclike --seed 4 (2,000 genes × 1,000 cells, single-cell-like)
//   large   : gen_synthetic.py --preset large --seed 3 (20,000 genes × 200 samples)
//
//   bench_delnx [--runs N] [--r-runs N] [--work DIR] [--shared DIR] [--no-r] [--dump] [--only airway,sclike,large]
//
// scDesk is timed in-process (median of --runs, CSV parsing excluded). glmGamPoi is timed inside R around
// glm_gp + test_de only (R start-up and CSV reading excluded), median of --r-runs. The two results are
// compared (Jaccard of the padj < 0.05 calls, median and p99 |Δlog10 p|) so a fast wrong answer is caught:
// a data set whose agreement is below the bar is reported as MISMATCH and the exit status is 1.
// The last line is `median_ms=<airway scDesk median>`, for scripts.
#include <omp.h>

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/delnx/count_source.h"
#include "analysis/delnx/nb_glm.h"
#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace {

namespace fs = std::filesystem;
using namespace scdesk;
using namespace scdesk::delnx;

const char* const kPython = "/usr/bin/python3";

// glm_gp + test_de timed inside R; writes the per-gene p-values for the agreement check.
const char* const kRScript = R"R(
suppressPackageStartupMessages(library(glmGamPoi))
a <- commandArgs(trailingOnly = TRUE)
tab <- utils::read.csv(a[1], check.names = FALSE)
Y <- as.matrix(tab[, -1]); rownames(Y) <- tab[[1]]; storage.mode(Y) <- "double"
cd <- utils::read.csv(a[2], colClasses = "character"); rownames(cd) <- cd$sample
cd <- cd[colnames(Y), , drop = FALSE]
cd$condition <- factor(cd$condition, levels = c("A", "B"))
reps <- as.integer(a[3])
times <- numeric(reps)
for (i in seq_len(reps)) {
  gc()
  t0 <- proc.time()[["elapsed"]]
  fit <- glm_gp(Y, design = ~ condition, col_data = cd, on_disk = FALSE)
  res <- test_de(fit, contrast = conditionB)
  times[i] <- proc.time()[["elapsed"]] - t0
}
utils::write.csv(data.frame(gene = rownames(Y), pval = res$pval, padj = res$adj_pval), a[4], row.names = FALSE)
writeLines(sprintf("%.6f", times), a[5])
)R";

// Wall time per stage, from the stage names the fit reports (the last run's breakdown is printed).
class StageTimer final : public ProgressSink {
public:
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t, std::string_view text) override
    {
        if (text.empty())
            return;
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_stages.empty() && m_stages.back().first == text)
            return;
        close();
        m_stages.emplace_back(std::string(text), 0.0);
        m_start = std::chrono::steady_clock::now();
    }
    void log(LogLevel, std::string_view) override {}
    std::string finish()
    {
        close();
        std::string s;
        for (const auto& [name, ms] : m_stages)
            s += (s.empty() ? "" : ", ") + name + " " + std::to_string(static_cast<long long>(std::llround(ms)));
        m_stages.clear();
        return s;
    }

private:
    void close()
    {
        if (!m_stages.empty() && m_stages.back().second == 0.0)
            m_stages.back().second =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }
    std::mutex m_mutex;
    std::vector<std::pair<std::string, double>> m_stages;
    std::chrono::steady_clock::time_point m_start;
};

struct Options {
    int runs = 3;
    int rRuns = 3;
    bool r = true;
    bool dump = false;
    std::string work = (fs::temp_directory_path() / "scdesk_bench_delnx").string();
    std::string shared = "/work/shared";
    std::vector<std::string> only;
};

[[noreturn]] void usage(int code)
{
    std::fprintf(code ? stderr : stdout,
                 "usage: bench_delnx [--runs N] [--r-runs N] [--work DIR] [--shared DIR] [--no-r] [--dump]\n"
                 "                   [--only airway,sclike,large]\n"
                 "  --dump: write WORK/<set>_scdesk.csv (per-gene results, 17 digits) to diff builds\n");
    std::exit(code);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(2);
            return argv[++i];
        };
        if (a == "--runs")
            o.runs = std::max(1, std::atoi(next().c_str()));
        else if (a == "--r-runs")
            o.rRuns = std::max(1, std::atoi(next().c_str()));
        else if (a == "--work")
            o.work = next();
        else if (a == "--shared")
            o.shared = next();
        else if (a == "--no-r")
            o.r = false;
        else if (a == "--dump")
            o.dump = true;
        else if (a == "--only") {
            std::stringstream ss(next());
            std::string s;
            while (std::getline(ss, s, ','))
                o.only.push_back(s);
        } else if (a == "-h" || a == "--help")
            usage(0);
        else
            usage(2);
    }
    return o;
}

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
        const std::size_t c = line.find(',', start);
        std::string s = line.substr(start, c == std::string::npos ? std::string::npos : c - start);
        if (!s.empty() && s.back() == '\r')
            s.pop_back();
        if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
            s = s.substr(1, s.size() - 2);
        f.push_back(std::move(s));
        if (c == std::string::npos)
            return f;
        start = c + 1;
    }
}

std::vector<std::vector<std::string>> readCsv(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line != "\r")
            rows.push_back(splitCsvLine(line));
    return rows;
}

double num(const std::string& s)
{
    if (s == "NA" || s.empty())
        return std::nan("");
    return std::strtod(s.c_str(), nullptr);
}

struct DataSet {
    std::string name, counts, coldata; // counts: genes × samples; coldata: sample,condition (A ref, B)
    Eigen::MatrixXd y;                 // samples × genes
    Eigen::MatrixXd design;            // intercept, condition B
    std::vector<std::string> genes;
};

// Builds the design ~ condition from coldata in the counts' sample order (as R's model.matrix does).
void load(DataSet& d)
{
    const auto counts = readCsv(d.counts), cd = readCsv(d.coldata);
    std::map<std::string, std::string> cond;
    for (std::size_t i = 1; i < cd.size(); ++i)
        cond[cd[i][0]] = cd[i][1];
    const int N = static_cast<int>(counts[0].size()) - 1, G = static_cast<int>(counts.size()) - 1;
    d.design.resize(N, 2);
    for (int i = 0; i < N; ++i) {
        const auto it = cond.find(counts[0][i + 1]);
        if (it == cond.end())
            throw std::runtime_error("sample " + counts[0][i + 1] + " missing from " + d.coldata);
        d.design(i, 0) = 1;
        d.design(i, 1) = it->second == "B" ? 1 : 0;
    }
    d.y.resize(N, G);
    d.genes.resize(G);
    for (int g = 0; g < G; ++g) {
        d.genes[g] = counts[g + 1][0];
        for (int i = 0; i < N; ++i)
            d.y(i, g) = num(counts[g + 1][i + 1]);
    }
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? std::nan("") : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string joinMs(const std::vector<double>& v)
{
    std::string s;
    for (double x : v)
        s += (s.empty() ? "" : ", ") + std::to_string(static_cast<long long>(std::llround(x)));
    return s;
}

bool run(const std::string& cmd)
{
    std::fflush(stdout);
    return std::system(cmd.c_str()) == 0;
}

bool prepare(DataSet& d, const Options& o)
{
    if (d.name == "airway") {
        const std::string dir = o.shared + "/data/airway";
        d.counts = dir + "/airway_rawcounts.csv";
        d.coldata = o.work + "/airway_coldata.csv";
        const auto meta = readCsv(dir + "/airway_metadata.csv"); // id,dex,...: control is the reference
        std::ofstream out(d.coldata);
        out << "sample,condition\n";
        for (std::size_t i = 1; i < meta.size(); ++i)
            out << meta[i][0] << ',' << (meta[i][1] == "control" ? "A" : "B") << '\n';
        return true;
    }
    const std::string prefix = o.work + "/" + d.name;
    d.counts = prefix + "_counts.csv";
    d.coldata = prefix + "_coldata.csv";
    if (fs::exists(d.counts) && fs::exists(d.coldata))
        return true;
    const std::string seed = d.name == "sclike" ? "4" : "3";
    const std::string cmd = std::string(kPython) + " '" + o.shared + "/tools/nbglm/gen_synthetic.py' --preset " +
                            d.name + " --seed " + seed + " --out '" + prefix + "'";
    std::printf("generating: %s\n", cmd.c_str());
    return run(cmd);
}

} // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    fs::create_directories(o.work);
    const std::string rscript = o.work + "/bench_delnx_glmgampoi.R";
    std::ofstream(rscript) << kRScript;
    const bool haveR = o.r && run("Rscript -e 'suppressMessages(library(glmGamPoi))' >/dev/null 2>&1");
    std::printf("bench_delnx: %d OpenMP threads, scDesk runs %d, glmGamPoi runs %d%s\n", omp_get_max_threads(),
                o.runs, o.rRuns, haveR ? "" : " (Rscript/glmGamPoi not available: scDesk only)");

    std::vector<std::string> names = {"airway", "sclike", "large"};
    if (!o.only.empty())
        names = o.only;
    double airwayMs = std::nan("");
    bool allAgree = true;
    for (const std::string& name : names) {
        DataSet d;
        d.name = name;
        if (!prepare(d, o)) {
            std::printf("%s: could not prepare the data, skipped\n", name.c_str());
            allAgree = false;
            continue;
        }
        load(d);
        const int N = static_cast<int>(d.y.rows()), G = static_cast<int>(d.y.cols());
        auto src = countsFromDense(d.y);
        StageTimer progress;
        NeverCancel cancel;
        std::string stages;
        Eigen::VectorXd c = Eigen::VectorXd::Zero(2);
        c(1) = 1;
        std::vector<double> ms;
        NbTestResult test;
        for (int r = 0; r < o.runs; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            const NbGlmFit fit = nbFit(*src, d.design, {"Intercept", "condition[T.B]"}, d.genes, NbGlmOptions{},
                                       progress, cancel);
            test = nbTest(fit, *src, c, progress, cancel);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            stages = progress.finish();
            if (o.dump && r + 1 == o.runs) {
                std::ofstream out(o.work + "/" + name + "_scdesk.csv");
                out << "gene,theta,trend,ql_shrunken,beta0,beta1,pval,padj\n";
                char buf[512];
                for (int g = 0; g < G; ++g) {
                    std::snprintf(buf, sizeof buf, "%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", d.genes[g].c_str(),
                                  fit.overdispersion(g), fit.dispersionTrend(g), fit.qlShrunken(g), fit.beta(g, 0),
                                  fit.beta(g, 1), test.pval(g), test.padj(g));
                    out << buf;
                }
            }
        }
        const double ours = median(ms);
        if (name == "airway")
            airwayMs = ours;
        int calls = 0;
        for (int g = 0; g < G; ++g)
            calls += test.padj(g) < 0.05;
        std::printf("%s (%d genes x %d samples): scDesk nbFit+nbTest median %.0f ms (runs: %s); %d genes padj<0.05\n",
                    name.c_str(), G, N, ours, joinMs(ms).c_str(), calls);
        std::printf("  stages of the last run (ms): %s\n", stages.c_str());
        if (!haveR)
            continue;

        const std::string outCsv = o.work + "/" + name + "_glmgampoi_bench.csv",
                          timesTxt = o.work + "/" + name + "_glmgampoi_times.txt";
        const std::string cmd = "Rscript '" + rscript + "' '" + d.counts + "' '" + d.coldata + "' " +
                                std::to_string(o.rRuns) + " '" + outCsv + "' '" + timesTxt + "'";
        std::printf("  %s\n", cmd.c_str());
        if (!run(cmd)) {
            std::printf("%s: glmGamPoi run failed\n", name.c_str());
            allAgree = false;
            continue;
        }
        std::vector<double> rMs;
        {
            std::ifstream in(timesTxt);
            for (double t; in >> t;)
                rMs.push_back(1000 * t);
        }
        const double theirs = median(rMs);
        const auto ref = readCsv(outCsv);
        int a = 0, b = 0, both = 0;
        std::vector<double> dlog;
        for (int g = 0; g < G && g + 1 < static_cast<int>(ref.size()); ++g) {
            const double rp = num(ref[g + 1][1]), rq = num(ref[g + 1][2]);
            const bool sa = test.padj(g) < 0.05, sb = rq < 0.05;
            a += sa;
            b += sb;
            both += sa && sb;
            if (std::isfinite(rp) && std::isfinite(test.pval(g)) && rp > 0 && test.pval(g) > 0)
                dlog.push_back(std::fabs(std::log10(test.pval(g)) - std::log10(rp)));
        }
        const double jaccard = a + b - both > 0 ? double(both) / (a + b - both) : 1.0;
        const double medDlog = median(dlog);
        std::sort(dlog.begin(), dlog.end());
        const double p99 = dlog.empty() ? std::nan("") : dlog[static_cast<std::size_t>(0.99 * (dlog.size() - 1))];
        const bool agree = static_cast<int>(ref.size()) == G + 1 && jaccard >= 0.99 && medDlog <= 0.01 && p99 <= 0.05;
        allAgree = allAgree && agree;
        std::printf("%s: glmGamPoi glm_gp+test_de median %.0f ms (runs: %s); %d genes padj<0.05\n", name.c_str(),
                    theirs, joinMs(rMs).c_str(), b);
        std::printf("%s: agreement %s: Jaccard(padj<0.05) %.4f, |dlog10 p| median %.2e p99 %.2e\n", name.c_str(),
                    agree ? "OK" : "MISMATCH", jaccard, medDlog, p99);
        std::printf("%s: ratio glmGamPoi/scDesk = %.1fx\n", name.c_str(), theirs / ours);
    }
    std::printf("median_ms=%.0f\n", airwayMs);
    return allAgree ? 0 : 1;
}
