#include "data/demo_generator.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "math/random.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk {

namespace {

// ---- fixed design ------------------------------------------------------------------------------

constexpr int kTypes = 6;
const std::array<const char*, kTypes> kTypeNames = {"CD4 T", "CD8 T", "B", "NK", "CD14 Mono", "DC"};
// PBMC-like composition, before per-sample noise.
constexpr std::array<double, kTypes> kTypeProportions = {0.32, 0.15, 0.13, 0.10, 0.24, 0.06};
constexpr int kDaType = 4; // the DA region is a sub-lobe of the CD14 monocytes

constexpr int kSamplesPerCondition = 4;
constexpr int kSamples = 2 * kSamplesPerCondition;
const std::array<const char*, 2> kConditionNames = {"control", "stimulated"};

// Latent cell state: dims 0–4 place the cell types, 5–8 carry the within-type trajectory that
// modulates expression, 9 is the DA lobe.
constexpr int kLatentDims = 10;
constexpr int kIdentityDims = 5;
constexpr int kStateDims = 5; // dims 5..9: the ones gene loadings act on
constexpr int kLobeDim = 9;
constexpr double kLatentNoise = 0.25;
constexpr double kLobeOffset = 2.0;
// DM_EigenVectors is the same state with most of the isotropic noise removed: a diffusion map keeps
// the low-dimensional structure (types, trajectories, the lobe) and drops the noise directions,
// which is what makes Kompot's length scale (≈ 200 × the nearest-neighbour distance) resolve it.
constexpr double kDiffusionNoiseFraction = 0.03;

constexpr int kAtacDims = 256;
constexpr int kRnaDims = 512;

// Planted effect sizes, also written to uns["demo"].
constexpr double kRegionFractionControl = 0.05;
constexpr double kRegionFractionStimulated = 0.35; // density ratio 7 in the region
constexpr double kRegionTStart = 0.78;             // the lobe grows from this end of the trajectory
constexpr double kSizeFactorLogSd = 0.45;
constexpr double kSampleLibraryLogSd = 0.12;
constexpr double kSampleSizeLogSd = 0.2;
constexpr double kSampleCompositionLogSd = 0.2;
constexpr double kSampleGeneLogSd = 0.1;
constexpr double kMedianTotalCountsAt2000Genes = 3000.0;
constexpr double kBackgroundLevel = 0.015; // leak of a marker outside its type (ambient RNA)
constexpr double kSyntheticSoftCap = 40.0; // mean count (size factor 1) above which the tail is compressed
constexpr double kSyntheticTypeLogSd = 0.4;
constexpr double kBroadGeneFraction = 0.06;
constexpr double kRestrictedGeneFraction = 0.30;
constexpr double kOnGeneMedian = 5.0; // counts per cell at size factor 1, before scaling
constexpr double kOnGeneLogSd = 1.2;
constexpr double kLowGeneMedian = 0.03;
constexpr double kLowGeneLogSd = 1.0;
constexpr double kRestrictedLogDrop = 4.5; // ~1 % of the level in the expressing types (ambient RNA)
constexpr double kLoadedGeneFraction = 0.4;
constexpr double kLoadingSd = 0.45;
constexpr double kDispersionLogMean = -1.4; // median dispersion ≈ 0.25
constexpr double kDispersionLogSd = 0.4;
constexpr double kDeFraction = 0.05;
constexpr double kTypeSpecificDeFraction = 0.3;
constexpr double kLowGeneDeAcceptance = 0.2; // share of low genes kept when drawn as DE candidates

// scanpy's default_20 palette; colours go to categories in order, as scanpy assigns them.
const std::array<const char*, 20> kPalette = {
    "#1f77b4", "#ff7f0e", "#279e68", "#d62728", "#aa40fc", "#8c564b", "#e377c2",
    "#b5bd61", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
    "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#ad494a", "#8c6d31"};

constexpr int kNoDe = -2;
constexpr int kDeAll = -1;

// A gene with a real symbol: its mean count at size factor 1 in a cell of a type at level 1,
// per-type levels (0 = background only), marker type, and planted DE.
struct NamedGene {
    const char* symbol;
    const char* role;
    double mean;
    std::array<double, kTypes> level; // CD4 T, CD8 T, B, NK, CD14 Mono, DC
    int markerOf = -1;
    double log2fc = 0.0;
    int deScope = kNoDe;
};

constexpr std::array<double, kTypes> kAll = {1, 1, 1, 1, 1, 1};
constexpr std::array<double, kTypes> only(int type)
{
    std::array<double, kTypes> a{};
    a[static_cast<std::size_t>(type)] = 1.0;
    return a;
}

// Symbols Effendi's IEG-vs-priming comparison looks for are included, so it is testable here.
const std::vector<NamedGene>& namedGenes()
{
    static const std::vector<NamedGene> genes = {
        // housekeeping
        {"MALAT1", "housekeeping", 60, {1, 1, 1, 1, 0.8, 0.9}},
        {"B2M", "housekeeping", 50, {1, 1, 0.9, 1.1, 0.9, 0.8}},
        {"TMSB4X", "housekeeping", 45, {1, 1, 0.8, 1, 1.1, 1}},
        {"ACTB", "housekeeping", 30, {0.8, 0.8, 0.7, 0.9, 1.3, 1.2}},
        {"EEF1A1", "housekeeping", 30, {1.2, 1.1, 1, 0.8, 0.7, 0.8}},
        {"RPL13", "housekeeping", 25, {1.2, 1.1, 1.1, 0.8, 0.7, 0.8}},
        {"RPS27", "housekeeping", 25, {1.2, 1.1, 1.1, 0.9, 0.6, 0.7}},
        {"FTL", "housekeeping", 15, {0.3, 0.3, 0.4, 0.4, 2.5, 1.5}},
        {"GAPDH", "housekeeping", 6, {0.7, 0.8, 0.8, 1, 1.5, 1.4}},
        {"PTPRC", "housekeeping", 3, {1, 1, 1, 1, 0.8, 0.8}},
        // lineage genes shared by several types
        {"CD3E", "lineage", 4, {1, 1, 0, 0.15, 0, 0}},
        {"CD3D", "lineage", 4, {1, 1.1, 0, 0.1, 0, 0}},
        {"CD2", "lineage", 3, {1, 1.2, 0, 0.6, 0, 0}},
        {"HLA-DRA", "lineage", 8, {0, 0, 1, 0, 1, 2}},
        {"CD74", "lineage", 10, {0.05, 0.05, 1, 0.05, 0.8, 1.5}},
        {"CST3", "lineage", 6, {0, 0, 0, 0, 1, 1.5}},
        {"FCGR3A", "lineage", 3, {0, 0, 0, 1, 0.15, 0}},
        {"CTSW", "lineage", 3, {0.1, 1, 0, 1.2, 0, 0}},
        // markers, exclusive to one type
        {"IL7R", "marker", 3, only(0), 0},
        {"CCR7", "marker", 2, only(0), 0},
        {"LEF1", "marker", 1.5, only(0), 0},
        {"MAL", "marker", 1.2, only(0), 0},
        {"TCF7", "marker", 1.5, only(0), 0},
        {"CD8A", "marker", 2, only(1), 1},
        {"CD8B", "marker", 2, only(1), 1},
        {"GZMK", "marker", 2, only(1), 1},
        {"CRTAM", "marker", 0.8, only(1), 1},
        {"LINC02446", "marker", 0.8, only(1), 1},
        {"MS4A1", "marker", 3, only(2), 2},
        {"CD79A", "marker", 5, only(2), 2},
        {"CD79B", "marker", 3, only(2), 2},
        {"CD19", "marker", 0.8, only(2), 2},
        {"BANK1", "marker", 1.5, only(2), 2},
        {"NKG7", "marker", 15, only(3), 3},
        {"GNLY", "marker", 25, only(3), 3},
        {"KLRD1", "marker", 3, only(3), 3},
        {"KLRF1", "marker", 2, only(3), 3},
        {"PRF1", "marker", 3, only(3), 3},
        {"LYZ", "marker", 60, only(4), 4},
        {"S100A9", "marker", 40, only(4), 4},
        {"S100A8", "marker", 25, only(4), 4},
        {"CD14", "marker", 3, only(4), 4},
        {"FCN1", "marker", 6, only(4), 4},
        {"FCER1A", "marker", 4, only(5), 5},
        {"CD1C", "marker", 2, only(5), 5},
        {"CLEC10A", "marker", 2, only(5), 5},
        {"CLEC9A", "marker", 0.8, only(5), 5},
        {"HLA-DQA1", "marker", 3, only(5), 5},
        // immediate-early genes: induced by the stimulation in every type
        {"FOS", "immediate_early", 3, kAll, -1, 1.2, kDeAll},
        {"JUN", "immediate_early", 2, kAll, -1, 1.0, kDeAll},
        {"JUNB", "immediate_early", 4, kAll, -1, 1.0, kDeAll},
        {"EGR1", "immediate_early", 1, kAll, -1, 1.5, kDeAll},
        {"NR4A1", "immediate_early", 0.8, kAll, -1, 1.5, kDeAll},
        {"NR4A2", "immediate_early", 0.5, kAll, -1, 1.2, kDeAll},
        {"ATF3", "immediate_early", 0.3, kAll, -1, 1.8, kDeAll},
        // priming transcription factors: lineage-restricted, not DE
        {"SPI1", "priming_tf", 1.5, {0, 0, 0.6, 0, 1, 1}},
        {"CEBPA", "priming_tf", 0.5, {0, 0, 0, 0, 1, 0.5}},
        {"CEBPB", "priming_tf", 1, {0, 0, 0, 0, 1, 0.3}},
        {"GATA2", "priming_tf", 0.1, kAll},
        {"IRF8", "priming_tf", 1.5, {0, 0, 0.8, 0.1, 0.6, 1}},
        {"RUNX1", "priming_tf", 1.5, {1, 1, 0.5, 1, 0.6, 0.5}},
        // interferon-stimulated genes: strongly up in every type
        {"ISG15", "interferon_stimulated", 2, kAll, -1, 3.5, kDeAll},
        {"IFI6", "interferon_stimulated", 1.5, kAll, -1, 3.0, kDeAll},
        {"IFIT1", "interferon_stimulated", 0.3, kAll, -1, 4.0, kDeAll},
        {"IFIT3", "interferon_stimulated", 0.5, kAll, -1, 3.5, kDeAll},
        {"MX1", "interferon_stimulated", 0.8, kAll, -1, 2.5, kDeAll},
        {"OAS1", "interferon_stimulated", 0.5, kAll, -1, 2.5, kDeAll},
        {"IFI44L", "interferon_stimulated", 0.3, kAll, -1, 3.0, kDeAll},
        {"RSAD2", "interferon_stimulated", 0.2, kAll, -1, 3.5, kDeAll},
        {"LY6E", "interferon_stimulated", 1.5, kAll, -1, 2.0, kDeAll},
        {"ISG20", "interferon_stimulated", 1, kAll, -1, 2.0, kDeAll},
        // changes confined to one cell type
        {"CXCL10", "type_specific_de", 0.1, {0, 0, 0, 0, 1, 0.5}, -1, 4.5, 4},
        {"IDO1", "type_specific_de", 0.2, {0, 0, 0, 0, 0.2, 1}, -1, 3.0, 5},
        {"GZMB", "type_specific_de", 1, {0, 0.3, 0, 1, 0, 0.5}, -1, 1.5, 3},
        {"VCAN", "type_specific_de", 2, {0, 0, 0, 0, 1, 0.2}, -1, -1.5, 4},
        {"TXNIP", "type_specific_de", 4, kAll, -1, -1.2, 0},
    };
    return genes;
}

// Cell-type layout of the 2-D embedding: centre, length and angle of the (bent) cluster.
struct UmapShape {
    double cx, cy, length, angleDeg, bend, width;
};
const std::array<UmapShape, kTypes> kUmapShapes = {{
    {-7.0, 2.0, 4.5, 80.0, 1.0, 0.75},   // CD4 T
    {-2.5, 5.8, 3.2, 20.0, 0.8, 0.6},    // CD8 T
    {-3.0, -5.5, 3.0, 150.0, 0.7, 0.6},  // B
    {2.2, 7.2, 2.6, -10.0, 0.6, 0.55},   // NK
    {7.0, -0.5, 4.5, 100.0, 1.2, 0.75},  // CD14 Mono
    {3.5, -6.0, 1.8, 30.0, 0.4, 0.45},   // DC
}};

// Latent type centres on the identity dims (T/NK share a lymphoid side, Mono/DC a myeloid one).
constexpr std::array<std::array<double, kIdentityDims>, kTypes> kTypeCentres = {{
    {2.0, 1.2, 1.4, 0.0, 0.0},
    {2.0, 1.2, -0.6, 1.2, 0.0},
    {1.6, -2.4, 0.0, 0.0, 0.0},
    {2.0, 0.6, -1.4, -1.0, 0.0},
    {-2.2, 0.0, 0.0, 0.0, 1.0},
    {-1.6, 0.0, 0.0, 0.0, -1.6},
}};

// Random streams: one per purpose and item, so each cell/gene is independent of the thread count.
enum class Stream : std::uint64_t { Global = 1, Cell = 2, CellEmbedding = 3, GeneEmbedding = 4 };
std::uint64_t streamId(Stream s, std::uint64_t item) { return (static_cast<std::uint64_t>(s) << 56) ^ item; }

std::string padded(const char* prefix, std::int64_t value, int width)
{
    const std::string digitsText = std::to_string(value);
    std::string out(prefix);
    if (static_cast<int>(digitsText.size()) < width)
        out.append(static_cast<std::size_t>(width) - digitsText.size(), '0');
    return out + digitsText;
}

int digits(std::int64_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

nlohmann::json palette(std::size_t n)
{
    nlohmann::json colors = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i)
        colors.push_back(kPalette[i % kPalette.size()]);
    return colors;
}

// Splits `total` in proportion to `weights` (largest remainder), so the counts sum exactly.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights)
{
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<std::int64_t> counts(weights.size());
    std::vector<std::pair<double, std::size_t>> remainders;
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double exact = static_cast<double>(total) * weights[i] / sum;
        counts[i] = static_cast<std::int64_t>(std::floor(exact));
        assigned += counts[i];
        remainders.emplace_back(exact - std::floor(exact), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; assigned < total; ++i, ++assigned)
        ++counts[remainders[i % remainders.size()].second];
    return counts;
}

// Everything planted per gene, drawn once from the global stream.
struct GeneModel {
    std::int64_t nGenes = 0;
    std::vector<std::string> symbols;
    std::vector<std::string> roles;
    std::vector<int> markerOf;
    std::vector<double> log2fc;
    std::vector<int> deScope;
    std::vector<std::uint8_t> regionProgram;
    std::vector<double> dispersion;
    std::vector<double> typeLogMean; // [type][gene], log of the mean count at size factor 1, control
    std::vector<double> loading;     // [state dim][gene], effect of latent dims 5..9 on log mean
    std::vector<std::size_t> loadedGenes; // genes with any non-zero loading
    double targetMedianTotal = 0.0;
    double syntheticScale = 1.0;
};

GeneModel plantGenes(std::int64_t nGenes, Rng& rng)
{
    GeneModel m;
    m.nGenes = nGenes;
    const auto G = static_cast<std::size_t>(nGenes);
    m.symbols.resize(G);
    m.roles.assign(G, "synthetic");
    m.markerOf.assign(G, -1);
    m.log2fc.assign(G, 0.0);
    m.deScope.assign(G, kNoDe);
    m.regionProgram.assign(G, 0);
    m.dispersion.resize(G);
    m.typeLogMean.assign(kTypes * G, 0.0);
    m.loading.assign(kStateDims * G, 0.0);

    // Named genes sit at fixed, evenly spread positions so a gene keeps its row across seeds.
    const auto& named = namedGenes();
    std::vector<int> namedAt(G, -1);
    for (std::size_t i = 0; i < named.size(); ++i) {
        const auto pos = static_cast<std::size_t>((2 * i + 1) * G / (2 * named.size()));
        namedAt[pos] = static_cast<int>(i);
    }
    const int width = std::max(4, digits(nGenes - 1));
    std::vector<std::size_t> synthetic;
    for (std::size_t g = 0; g < G; ++g) {
        if (namedAt[g] < 0) {
            m.symbols[g] = padded("Gene", static_cast<std::int64_t>(g), width);
            synthetic.push_back(g);
            continue;
        }
        const NamedGene& n = named[static_cast<std::size_t>(namedAt[g])];
        m.symbols[g] = n.symbol;
        m.roles[g] = n.role;
        m.markerOf[g] = n.markerOf;
        m.log2fc[g] = n.log2fc;
        m.deScope[g] = n.deScope;
        for (int k = 0; k < kTypes; ++k) {
            const double level = std::max(n.level[static_cast<std::size_t>(k)], kBackgroundLevel);
            m.typeLogMean[k * G + g] = std::log(n.mean * level) + rng.normal(0.0, 0.1);
        }
    }

    // Synthetic genes, in three kinds as among real variable genes: broadly expressed, restricted
    // to one or two types (off elsewhere), and low everywhere. Counts concentrate on the genes a
    // type expresses, which is what makes real matrices sparse at a few thousand counts per cell.
    std::vector<std::uint8_t> expressed(G, 1);
    for (std::size_t g : synthetic) {
        const double kind = rng.uniform();
        const bool broad = kind < kBroadGeneFraction;
        const bool restricted = !broad && kind < kBroadGeneFraction + kRestrictedGeneFraction;
        expressed[g] = broad || restricted;
        const double base = (broad || restricted) ? rng.normal(std::log(kOnGeneMedian), kOnGeneLogSd)
                                                  : rng.normal(std::log(kLowGeneMedian), kLowGeneLogSd);
        const int first = static_cast<int>(rng.below(kTypes));
        const int second = rng.uniform() < 0.3 ? static_cast<int>(rng.below(kTypes)) : first;
        for (int k = 0; k < kTypes; ++k) {
            const bool off = restricted && k != first && k != second;
            m.typeLogMean[k * G + g] = base + rng.normal(0.0, kSyntheticTypeLogSd) - (off ? kRestrictedLogDrop : 0.0);
        }
    }

    // Scale synthetic genes so the median library lands near the target (a few thousand), and
    // compress the far tail so no synthetic gene takes an implausible share of a cell's counts.
    m.targetMedianTotal = kMedianTotalCountsAt2000Genes * std::sqrt(static_cast<double>(nGenes) / 2000.0);
    const double logCap = std::log(kSyntheticSoftCap);
    m.syntheticScale = 1.0;
    for (int pass = 0; pass < 3; ++pass) {
        double namedTotal = 0.0;
        double syntheticTotal = 0.0;
        for (int k = 0; k < kTypes; ++k)
            for (std::size_t g = 0; g < G; ++g) {
                const double v = kTypeProportions[static_cast<std::size_t>(k)] * std::exp(m.typeLogMean[k * G + g]);
                (namedAt[g] >= 0 ? namedTotal : syntheticTotal) += v;
            }
        const double scale = std::max(m.targetMedianTotal - namedTotal, 0.3 * m.targetMedianTotal) / syntheticTotal;
        m.syntheticScale *= scale;
        for (int k = 0; k < kTypes; ++k)
            for (std::size_t g : synthetic) {
                double& v = m.typeLogMean[k * G + g];
                v += std::log(scale);
                if (v > logCap)
                    v = logCap + 0.3 * (v - logCap);
            }
    }

    // Within-type state: a fraction of genes follow the trajectory dims.
    for (std::size_t g = 0; g < G; ++g)
        if (rng.uniform() < kLoadedGeneFraction)
            for (int d = 0; d < kStateDims - 1; ++d)
                m.loading[d * G + g] = rng.normal(0.0, kLoadingSd);

    // Draw the synthetic special genes without replacement from a seeded shuffle.
    std::vector<std::size_t> pool = synthetic;
    for (std::size_t i = pool.size(); i > 1; --i)
        std::swap(pool[i - 1], pool[rng.below(i)]);
    std::size_t next = 0;

    // The DA region's own programme: genes that rise along the lobe dim (but are not DE: at a
    // fixed cell state they do not depend on the condition).
    const auto nProgram = static_cast<std::size_t>(std::max<std::int64_t>(5, nGenes / 150));
    for (std::size_t i = 0; i < nProgram && next < pool.size(); ++i) {
        const std::size_t g = pool[next++];
        m.regionProgram[g] = 1;
        m.roles[g] = "da_region_program";
        m.loading[(kStateDims - 1) * G + g] = rng.uniform(0.9, 1.4);
        auto& monoMean = m.typeLogMean[kDaType * G + g];
        monoMean = std::max(monoMean, std::log(0.3));
    }

    // Synthetic DE genes: alternate up and down, |log2FC| in [0.8, 2.5], mostly among expressed
    // genes (so most of the truth is detectable); some confined to the type expressing them most.
    std::int64_t namedDe = 0;
    for (std::size_t g = 0; g < G; ++g)
        namedDe += m.deScope[g] != kNoDe;
    const auto nDe = std::max<std::int64_t>(30, static_cast<std::int64_t>(std::llround(kDeFraction * nGenes)));
    for (std::int64_t i = 0; i < nDe - namedDe && next < pool.size(); ++next) {
        const std::size_t g = pool[next];
        if (!expressed[g] && rng.uniform() >= kLowGeneDeAcceptance)
            continue;
        const double magnitude = rng.uniform(0.8, 2.5);
        m.log2fc[g] = (i % 2 == 0) ? magnitude : -magnitude;
        if (rng.uniform() < kTypeSpecificDeFraction) {
            int top = 0;
            for (int k = 1; k < kTypes; ++k)
                if (m.typeLogMean[k * G + g] > m.typeLogMean[static_cast<std::size_t>(top) * G + g])
                    top = k;
            m.deScope[g] = top;
        } else {
            m.deScope[g] = kDeAll;
        }
        m.roles[g] = "synthetic_de";
        ++i;
    }

    for (std::size_t g = 0; g < G; ++g)
        for (std::size_t d = 0; d < kStateDims; ++d)
            if (m.loading[d * G + g] != 0.0) {
                m.loadedGenes.push_back(g);
                break;
            }

    // Overdispersion on top of the state-driven variation: modest, as in UMI data.
    for (std::size_t g = 0; g < G; ++g)
        m.dispersion[g] = std::clamp(std::exp(rng.normal(kDispersionLogMean, kDispersionLogSd)), 0.02, 1.0);
    return m;
}

struct SampleModel {
    std::vector<std::int64_t> firstCell; // kSamples + 1 offsets: samples are contiguous blocks
    std::vector<std::array<double, kTypes>> typeCdf;
    std::vector<double> libraryFactor;
    std::vector<double> baseMean; // [sample][type][gene]: exp(type mean + DE + sample noise)
};

SampleModel plantSamples(std::int64_t nCells, const GeneModel& genes, Rng& rng)
{
    SampleModel s;
    const auto G = static_cast<std::size_t>(genes.nGenes);
    std::vector<double> weights(kSamples);
    for (auto& w : weights)
        w = std::exp(rng.normal(0.0, kSampleSizeLogSd));
    const auto sizes = apportion(nCells, weights);
    s.firstCell.assign(kSamples + 1, 0);
    for (int i = 0; i < kSamples; ++i)
        s.firstCell[i + 1] = s.firstCell[i] + sizes[static_cast<std::size_t>(i)];

    s.typeCdf.resize(kSamples);
    s.libraryFactor.resize(kSamples);
    for (int i = 0; i < kSamples; ++i) {
        std::array<double, kTypes> p{};
        double sum = 0.0;
        for (int k = 0; k < kTypes; ++k) {
            p[static_cast<std::size_t>(k)] =
                kTypeProportions[static_cast<std::size_t>(k)] * std::exp(rng.normal(0.0, kSampleCompositionLogSd));
            sum += p[static_cast<std::size_t>(k)];
        }
        double acc = 0.0;
        for (int k = 0; k < kTypes; ++k) {
            acc += p[static_cast<std::size_t>(k)] / sum;
            s.typeCdf[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] = acc;
        }
        s.typeCdf[static_cast<std::size_t>(i)][kTypes - 1] = 1.0;
        s.libraryFactor[static_cast<std::size_t>(i)] = std::exp(rng.normal(0.0, kSampleLibraryLogSd));
    }

    s.baseMean.resize(static_cast<std::size_t>(kSamples) * kTypes * G);
    for (int i = 0; i < kSamples; ++i) {
        const bool stimulated = i >= kSamplesPerCondition;
        std::vector<double> noise(G);
        for (auto& v : noise)
            v = rng.normal(0.0, kSampleGeneLogSd);
        for (int k = 0; k < kTypes; ++k) {
            double* row = &s.baseMean[(static_cast<std::size_t>(i) * kTypes + k) * G];
            for (std::size_t g = 0; g < G; ++g) {
                double v = genes.typeLogMean[k * G + g] + noise[g];
                if (stimulated && (genes.deScope[g] == kDeAll || genes.deScope[g] == k))
                    v += std::log(2.0) * genes.log2fc[g];
                row[g] = std::exp(v);
            }
        }
    }
    return s;
}

// Orthonormal columns (modified Gram–Schmidt on Gaussian columns), row-major rows × cols.
std::vector<double> orthonormalBasis(int rows, int cols, Rng& rng)
{
    std::vector<double> q(static_cast<std::size_t>(rows) * cols);
    for (auto& v : q)
        v = rng.normal();
    for (int j = 0; j < cols; ++j) {
        for (int i = 0; i < j; ++i) {
            double dot = 0.0;
            for (int r = 0; r < rows; ++r)
                dot += q[r * cols + i] * q[r * cols + j];
            for (int r = 0; r < rows; ++r)
                q[r * cols + j] -= dot * q[r * cols + i];
        }
        double norm = 0.0;
        for (int r = 0; r < rows; ++r)
            norm += q[r * cols + j] * q[r * cols + j];
        norm = std::sqrt(norm);
        for (int r = 0; r < rows; ++r)
            q[r * cols + j] /= norm;
    }
    return q;
}

int threadIndex()
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

constexpr double kPi = 3.14159265358979323846;

// Everything the per-cell simulation reads; planted once, sequentially, from the global stream.
struct Design {
    std::uint64_t seed = 0;
    GeneModel genes;
    SampleModel samples;
    std::vector<double> atacMapT;  // [latent dim][ATAC dim]: a random linear map of the state
    std::vector<double> rnaBasisT; // [latent dim][RNA dim]: an isometry the gene embedding shares
    // Per type, two orthonormal directions in dims 5..8: the trajectory, then its bend.
    std::array<std::array<double, 2 * (kStateDims - 1)>, kTypes> trajectory{};
};

Design plantDesign(std::uint64_t seed, std::int64_t nCells, std::int64_t nGenes)
{
    Design d;
    d.seed = seed;
    Rng global(seed, streamId(Stream::Global, 0));
    d.genes = plantGenes(nGenes, global);
    d.samples = plantSamples(nCells, d.genes, global);
    // Latent-dim-major layouts, so the per-cell products vectorise over the output dims.
    d.atacMapT.resize(static_cast<std::size_t>(kLatentDims) * kAtacDims);
    for (auto& v : d.atacMapT)
        v = global.normal(0.0, 1.0 / std::sqrt(double(kLatentDims)));
    const std::vector<double> rnaBasis = orthonormalBasis(kRnaDims, kLatentDims, global); // [j][d]
    d.rnaBasisT.resize(rnaBasis.size());
    for (std::size_t j = 0; j < kRnaDims; ++j)
        for (std::size_t k = 0; k < kLatentDims; ++k)
            d.rnaBasisT[k * kRnaDims + j] = rnaBasis[j * kLatentDims + k];
    for (auto& t : d.trajectory) {
        const std::vector<double> basis = orthonormalBasis(kStateDims - 1, 2, global);
        for (std::size_t k = 0; k < kStateDims - 1; ++k) {
            t[k] = basis[k * 2];
            t[kStateDims - 1 + k] = basis[k * 2 + 1];
        }
    }
    return d;
}

// What one cell contributes to obs.
struct CellRecord {
    std::int32_t type = 0;
    std::int32_t sample = 0;
    bool region = false;
    double sizeFactor = 1.0;
    double totalCounts = 0.0;
    std::int64_t nnz = 0;
};

// Row outputs of one cell: its sparse counts are appended to `indices`/`data`, its embedding rows
// written through the pointers. Everything is drawn from the cell's own streams.
struct CellRows {
    std::vector<std::int32_t>* indices;
    std::vector<float>* data;
    float* latent;
    float* diffusion;
    float* umap;
    float* atac;
    float* rna;
};

CellRecord simulateCell(std::int64_t c, const Design& design, std::vector<double>& mean, std::vector<double>& embed,
                        const CellRows& out)
{
    const GeneModel& genes = design.genes;
    const SampleModel& samples = design.samples;
    const auto G = static_cast<std::size_t>(genes.nGenes);
    Rng rng(design.seed, streamId(Stream::Cell, static_cast<std::uint64_t>(c)));
    CellRecord rec;

    // Identity: the sample is fixed by the cell's block, the type drawn from that sample's mix.
    rec.sample = static_cast<std::int32_t>(std::upper_bound(samples.firstCell.begin() + 1, samples.firstCell.end(), c)
                                           - (samples.firstCell.begin() + 1));
    const bool stimulated = rec.sample >= kSamplesPerCondition;
    const auto& cdf = samples.typeCdf[static_cast<std::size_t>(rec.sample)];
    const double uType = rng.uniform();
    while (rec.type < kTypes - 1 && uType >= cdf[static_cast<std::size_t>(rec.type)])
        ++rec.type;
    const auto type = static_cast<std::size_t>(rec.type);
    rec.region = rec.type == kDaType
                 && rng.uniform() < (stimulated ? kRegionFractionStimulated : kRegionFractionControl);

    // Position along the type's trajectory: two dense sub-states joined by a sparser bridge;
    // DA-region cells sit at the far end, their lobe growing out with s.
    const double s = rec.region ? rng.uniform() : 0.0;
    double t = kRegionTStart + (1.0 - kRegionTStart) * s;
    if (!rec.region) {
        const bool early = rng.uniform() < 0.55;
        do
            t = early ? rng.normal(0.3, 0.15) : rng.normal(0.72, 0.13);
        while (t < 0.0 || t > 1.0);
    }

    // Latent state: type centre + trajectory (+ bend) + lobe + isotropic noise.
    std::array<double, kLatentDims> noise{};
    for (auto& v : noise)
        v = rng.normal();
    std::array<double, kLatentDims> z{};
    const auto& traj = design.trajectory[type];
    const double along = 1.6 * (t - 0.5);
    const double bend = 1.5 * (4.0 * (t - 0.5) * (t - 0.5) - 1.0 / 3.0);
    for (std::size_t d = 0; d < kLatentDims; ++d) {
        double v = kLatentNoise * noise[d];
        if (d < kIdentityDims)
            v += kTypeCentres[type][d];
        else if (d < kLobeDim)
            v += along * traj[d - kIdentityDims] + bend * traj[kStateDims - 1 + d - kIdentityDims];
        else if (rec.region)
            v += kLobeOffset * (0.5 + 0.5 * s);
        z[d] = v;
        out.latent[d] = static_cast<float>(v);
        out.diffusion[d] = static_cast<float>(v - (1.0 - kDiffusionNoiseFraction) * kLatentNoise * noise[d]);
    }

    // 2-D layout: the cluster's bent stripe, thicker in the middle; the lobe grows sideways out
    // of its far end.
    const UmapShape& shape = kUmapShapes[type];
    double u = shape.length * (t - 0.5);
    double v = shape.bend * (4.0 * (t - 0.5) * (t - 0.5) - 1.0 / 3.0);
    if (rec.region) {
        const double reach = 0.45 + 1.7 * s;
        u += 0.33 * reach + 0.3 * noise[5];
        v += 0.94 * reach + 0.3 * noise[6];
    } else {
        const double width = shape.width * (0.55 + 0.9 * std::sin(kPi * t));
        u += 0.3 * shape.width * noise[5];
        v += 0.5 * width * noise[6];
    }
    const double angle = shape.angleDeg * kPi / 180.0;
    out.umap[0] = static_cast<float>(shape.cx + u * std::cos(angle) - v * std::sin(angle));
    out.umap[1] = static_cast<float>(shape.cy + u * std::sin(angle) + v * std::cos(angle));

    // Counts: NB around size_factor · exp(type/sample/condition base + state loadings).
    rec.sizeFactor = samples.libraryFactor[static_cast<std::size_t>(rec.sample)] * std::exp(kSizeFactorLogSd * rng.normal());
    // Only the genes that follow the state need an exp() per cell; the rest scale a table entry.
    const double* base = &samples.baseMean[(static_cast<std::size_t>(rec.sample) * kTypes + type) * G];
    for (std::size_t g = 0; g < G; ++g)
        mean[g] = rec.sizeFactor * base[g];
    for (std::size_t g : genes.loadedGenes) {
        double shift = 0.0;
        for (std::size_t d = 0; d < kStateDims; ++d)
            shift += genes.loading[d * G + g] * z[kIdentityDims + d];
        mean[g] *= std::exp(shift);
    }
    for (std::size_t g = 0; g < G; ++g) {
        const std::int64_t x = rng.negativeBinomialInversion(mean[g], genes.dispersion[g]);
        if (x > 0) {
            out.indices->push_back(static_cast<std::int32_t>(g));
            out.data->push_back(static_cast<float>(x));
            ++rec.nnz;
            rec.totalCounts += static_cast<double>(x);
        }
    }

    // ATAC- and RNA-like embeddings of the same state, with their own noise stream.
    Rng erng(design.seed, streamId(Stream::CellEmbedding, static_cast<std::uint64_t>(c)));
    std::fill(embed.begin(), embed.end(), 0.0);
    for (std::size_t d = 0; d < kLatentDims; ++d) {
        const double* atacRow = &design.atacMapT[d * kAtacDims];
        const double* rnaRow = &design.rnaBasisT[d * kRnaDims];
        for (std::size_t j = 0; j < kAtacDims; ++j)
            embed[j] += atacRow[j] * z[d];
        for (std::size_t j = 0; j < kRnaDims; ++j)
            embed[kAtacDims + j] += rnaRow[j] * z[d];
    }
    for (std::size_t j = 0; j < kAtacDims; ++j)
        out.atac[j] = static_cast<float>(embed[j] + 0.3 * erng.normal());
    for (std::size_t j = 0; j < kRnaDims; ++j)
        out.rna[j] = static_cast<float>(embed[kAtacDims + j] + 0.05 * erng.normal());
    return rec;
}

// Gene embedding: each gene's direction of response in latent space (type contrasts on the
// identity dims, loadings on the state dims), through X_rna's basis, plus noise in the rest.
DenseMatrix geneEmbedding(const Design& design)
{
    const GeneModel& genes = design.genes;
    const auto G = static_cast<std::size_t>(genes.nGenes);
    DenseMatrix emb(genes.nGenes, kRnaDims);
#pragma omp parallel for schedule(static)
    for (std::int64_t gi = 0; gi < genes.nGenes; ++gi) {
        const auto g = static_cast<std::size_t>(gi);
        Rng rng(design.seed, streamId(Stream::GeneEmbedding, g));
        std::array<double, kLatentDims> a{};
        double meanLog = 0.0;
        for (std::size_t k = 0; k < kTypes; ++k)
            meanLog += kTypeProportions[k] * genes.typeLogMean[k * G + g];
        for (std::size_t k = 0; k < kTypes; ++k) {
            const double w = kTypeProportions[k] * (genes.typeLogMean[k * G + g] - meanLog);
            for (std::size_t d = 0; d < kIdentityDims; ++d)
                a[d] += w * kTypeCentres[k][d];
        }
        for (std::size_t d = 0; d < kStateDims; ++d)
            a[kIdentityDims + d] = genes.loading[d * G + g];
        double norm = 0.0;
        for (double v : a)
            norm += v * v;
        norm = std::sqrt(norm);
        if (norm < 1e-12) {
            a[0] = 1.0;
            norm = 1.0;
        }
        for (std::size_t j = 0; j < kRnaDims; ++j) {
            double acc = 0.0;
            for (std::size_t d = 0; d < kLatentDims; ++d)
                acc += design.rnaBasisT[d * kRnaDims + j] * a[d];
            emb(gi, static_cast<Eigen::Index>(j)) = static_cast<float>(acc / norm + 0.02 * rng.normal());
        }
    }
    return emb;
}

void fillObs(DataFrame& obs, const std::vector<CellRecord>& cells)
{
    const auto N = static_cast<std::int64_t>(cells.size());
    obs.indexName = "cell_id";
    obs.index.resize(cells.size());
    const int width = std::max(6, digits(N));
    for (std::int64_t c = 0; c < N; ++c)
        obs.index[static_cast<std::size_t>(c)] = padded("cell_", c + 1, width);

    CategoricalColumn cellType{{}, {kTypeNames.begin(), kTypeNames.end()}, false};
    CategoricalColumn condition{{}, {kConditionNames.begin(), kConditionNames.end()}, false};
    CategoricalColumn sample;
    for (int i = 0; i < kSamples; ++i)
        sample.categories.push_back((i < kSamplesPerCondition ? "ctrl_" : "stim_")
                                    + std::to_string(i % kSamplesPerCondition + 1));
    NumericColumn sizeFactor, totalCounts, nGenesByCounts;
    BoolColumn region;
    for (const CellRecord& r : cells) {
        cellType.codes.push_back(r.type);
        condition.codes.push_back(r.sample >= kSamplesPerCondition ? 1 : 0);
        sample.codes.push_back(r.sample);
        sizeFactor.values.push_back(r.sizeFactor);
        totalCounts.values.push_back(r.totalCounts);
        nGenesByCounts.values.push_back(static_cast<double>(r.nnz));
        region.values.push_back(r.region ? 1 : 0);
    }
    obs.set({"cell_type", std::move(cellType)});
    obs.set({"condition", std::move(condition)});
    obs.set({"sample", std::move(sample)});
    obs.set({"size_factor", std::move(sizeFactor)});
    obs.set({"total_counts", std::move(totalCounts)});
    obs.set({"n_genes_by_counts", std::move(nGenesByCounts)});
    obs.set({"truth_da_region", std::move(region)});
}

void fillVar(DataFrame& var, const GeneModel& genes)
{
    const auto G = static_cast<std::size_t>(genes.nGenes);
    var.indexName = "gene_symbol";
    var.index = genes.symbols;
    StringColumn geneIds;
    CategoricalColumn markerOf{{genes.markerOf.begin(), genes.markerOf.end()}, {kTypeNames.begin(), kTypeNames.end()}, false};
    BoolColumn truthDe;
    NumericColumn truthLog2fc, baseMean;
    CategoricalColumn deScope;
    deScope.categories.push_back("all");
    deScope.categories.insert(deScope.categories.end(), kTypeNames.begin(), kTypeNames.end());
    for (std::size_t g = 0; g < G; ++g) {
        geneIds.values.push_back(padded("ENSG9", static_cast<std::int64_t>(g), 10)); // ENSG-like, never a real id
        truthDe.values.push_back(genes.deScope[g] != kNoDe ? 1 : 0);
        truthLog2fc.values.push_back(genes.log2fc[g]);
        deScope.codes.push_back(genes.deScope[g] == kNoDe ? -1 : genes.deScope[g] + 1);
        double mean = 0.0;
        for (std::size_t k = 0; k < kTypes; ++k)
            mean += kTypeProportions[k] * std::exp(genes.typeLogMean[k * G + g]);
        baseMean.values.push_back(mean);
    }
    var.set({"gene_ids", std::move(geneIds)});
    var.set({"marker_of", std::move(markerOf)});
    var.set({"truth_de", std::move(truthDe)});
    var.set({"truth_log2fc", std::move(truthLog2fc)});
    var.set({"base_mean", std::move(baseMean)});
    var.set({"truth_de_scope", std::move(deScope)});
}

// uns["demo"]: the seed and every planted parameter, so a user (or a test) can check results
// against the truth. Only objects, strings, numbers and flat arrays, which h5ad can store.
nlohmann::json demoDescription(const Design& design, std::int64_t nCells, const std::vector<std::string>& sampleNames)
{
    const GeneModel& genes = design.genes;
    const auto G = static_cast<std::size_t>(genes.nGenes);
    nlohmann::json markers = nlohmann::json::object();
    nlohmann::json program = nlohmann::json::array();
    nlohmann::json deGenes = nlohmann::json::array();
    nlohmann::json deLog2fc = nlohmann::json::array();
    nlohmann::json deScopes = nlohmann::json::array();
    nlohmann::json ieg = nlohmann::json::array();
    nlohmann::json priming = nlohmann::json::array();
    for (std::size_t g = 0; g < G; ++g) {
        if (genes.markerOf[g] >= 0)
            markers[kTypeNames[static_cast<std::size_t>(genes.markerOf[g])]].push_back(genes.symbols[g]);
        if (genes.regionProgram[g])
            program.push_back(genes.symbols[g]);
        if (genes.deScope[g] != kNoDe) {
            deGenes.push_back(genes.symbols[g]);
            deLog2fc.push_back(genes.log2fc[g]);
            deScopes.push_back(genes.deScope[g] == kDeAll ? "all" : kTypeNames[static_cast<std::size_t>(genes.deScope[g])]);
        }
        if (genes.roles[g] == "immediate_early")
            ieg.push_back(genes.symbols[g]);
        if (genes.roles[g] == "priming_tf")
            priming.push_back(genes.symbols[g]);
    }
    std::vector<std::int64_t> sampleSizes;
    for (std::size_t i = 0; i < kSamples; ++i)
        sampleSizes.push_back(design.samples.firstCell[i + 1] - design.samples.firstCell[i]);
    return {
        {"generator", "scdesk built-in demo"},
        {"version", 1},
        {"seed", design.seed},
        {"n_cells", nCells},
        {"n_genes", genes.nGenes},
        {"description", "PBMC-like two-condition experiment with planted truth: negative-binomial counts "
                        "around size_factor * exp(cell-type/sample/condition base + latent-state loadings)"},
        {"cell_types", kTypeNames},
        {"cell_type_proportions", kTypeProportions},
        {"conditions", kConditionNames},
        {"samples", sampleNames},
        {"sample_sizes", sampleSizes},
        {"sample_library_factors", design.samples.libraryFactor},
        {"sample_noise_log_sd", {{"composition", kSampleCompositionLogSd},
                                 {"library", kSampleLibraryLogSd},
                                 {"gene", kSampleGeneLogSd},
                                 {"size", kSampleSizeLogSd}}},
        {"size_factor_log_sd", kSizeFactorLogSd},
        {"target_median_total_counts", genes.targetMedianTotal},
        {"synthetic_mean_scale", genes.syntheticScale},
        {"dispersion", {{"model", "var = mean + dispersion * mean^2"},
                        {"log_mean", kDispersionLogMean},
                        {"log_sd", kDispersionLogSd}}},
        {"markers", markers},
        {"de", {{"n_de", deGenes.size()},
                {"direction", "stimulated vs control, log2, at a fixed cell state"},
                {"genes", deGenes},
                {"log2fc", deLog2fc},
                {"scope", deScopes}}},
        {"da_region", {{"cell_type", kTypeNames[kDaType]},
                       {"fraction_of_type_control", kRegionFractionControl},
                       {"fraction_of_type_stimulated", kRegionFractionStimulated},
                       {"density_ratio", std::round(1000.0 * kRegionFractionStimulated / kRegionFractionControl) / 1000.0},
                       {"latent_dim", kLobeDim},
                       {"latent_offset", kLobeOffset},
                       {"program_genes", program}}},
        {"effendi", {{"immediate_early", ieg}, {"priming_tf", priming}}},
        {"obsm", {{"X_latent", "10-D latent cell state: dims 0-4 cell type, 5-8 within-type trajectory, 9 DA lobe"},
                  {"DM_EigenVectors", "diffusion-map-like: X_latent with 3 % of its isotropic noise, under Kompot's default obsm key"},
                  {"X_umap", "UMAP-like 2-D layout derived from the latent state"},
                  {"X_atac", "256-D ATAC-like embedding (random linear map of the state + noise)"},
                  {"X_rna", "512-D RNA-like cell embedding (isometric map of the state + noise)"}}},
        {"varm", {{"gene_embedding", "512-D gene embedding: each gene's latent response direction, in X_rna's basis"}}},
        {"var_columns", {{"base_mean", "planted mean count at size factor 1 in control, averaged over cell types"},
                         {"truth_de_scope", "'all' or the one cell type the change is confined to"}}},
    };
}

} // namespace

Dataset generateDemoDataset(const DemoOptions& options)
{
    NullProgress progress;
    NeverCancel cancel;
    return generateDemoDataset(options, progress, cancel);
}

Dataset generateDemoDataset(const DemoOptions& options, ProgressSink& progress, const CancelToken& cancel)
{
    const std::int64_t N = options.nCells;
    const std::int64_t nG = options.nGenes;
    // Below 100 a cell type or sample can come out empty; above the caps memory runs out first
    // (each cell carries 778 embedding floats).
    if (N < 100 || N > 2'000'000)
        throw InvalidParameter("demo nCells must lie in [100, 2000000] (got " + std::to_string(N) + ")");
    if (nG < 100 || nG > 100'000)
        throw InvalidParameter("demo nGenes must lie in [100, 100000] (got " + std::to_string(nG) + ")");

    progress.setRange(N);
    progress.setProgress(0, "Planting gene and sample parameters");
    cancel.throwIfCancelled();
    const Design design = plantDesign(options.seed, N, nG);

    DenseMatrix latent(N, kLatentDims);
    DenseMatrix diffusion(N, kLatentDims);
    DenseMatrix umap(N, 2);
    DenseMatrix atac(N, kAtacDims);
    DenseMatrix rna(N, kRnaDims);
    std::vector<CellRecord> cells(static_cast<std::size_t>(N));

    // Cells are simulated in chunks, each with its own sparse buffer, stitched together after.
    // Every cell draws from its own streams, so neither the schedule nor the thread count matters.
    constexpr std::int64_t kChunk = 128;
    const std::int64_t nChunks = (N + kChunk - 1) / kChunk;
    std::vector<std::vector<std::int32_t>> chunkIndices(static_cast<std::size_t>(nChunks));
    std::vector<std::vector<float>> chunkData(static_cast<std::size_t>(nChunks));
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> cellsDone{0};
#pragma omp parallel
    {
        std::vector<double> mean(static_cast<std::size_t>(nG));
        std::vector<double> embed(kAtacDims + kRnaDims);
#pragma omp for schedule(dynamic, 1)
        for (std::int64_t chunk = 0; chunk < nChunks; ++chunk) {
            // No exception may leave an OpenMP region: note the request and skip the rest.
            if (stop.load(std::memory_order_relaxed))
                continue;
            if (cancel.isCancelled()) {
                stop.store(true, std::memory_order_relaxed);
                continue;
            }
            const auto ch = static_cast<std::size_t>(chunk);
            const std::int64_t begin = chunk * kChunk;
            const std::int64_t end = std::min(N, begin + kChunk);
            for (std::int64_t c = begin; c < end; ++c) {
                const CellRows rows{&chunkIndices[ch], &chunkData[ch], &latent(c, 0), &diffusion(c, 0), &umap(c, 0), &atac(c, 0), &rna(c, 0)};
                cells[static_cast<std::size_t>(c)] = simulateCell(c, design, mean, embed, rows);
            }
            const std::int64_t done = cellsDone.fetch_add(end - begin, std::memory_order_relaxed) + (end - begin);
            if (threadIndex() == 0) // the caller's thread, where GUI adapters expect to be called
                progress.setProgress(done, "Simulating cells");
        }
    }
    if (stop.load())
        throw Cancelled();

    CsrMatrix X;
    X.rows = N;
    X.cols = nG;
    X.indptr.assign(static_cast<std::size_t>(N) + 1, 0);
    for (std::size_t c = 0; c < cells.size(); ++c)
        X.indptr[c + 1] = X.indptr[c] + cells[c].nnz;
    X.indices.resize(static_cast<std::size_t>(X.indptr.back()));
    X.data.resize(static_cast<std::size_t>(X.indptr.back()));
#pragma omp parallel for schedule(static)
    for (std::int64_t chunk = 0; chunk < nChunks; ++chunk) {
        const auto ch = static_cast<std::size_t>(chunk);
        const auto offset = static_cast<std::ptrdiff_t>(X.indptr[static_cast<std::size_t>(chunk * kChunk)]);
        std::copy(chunkIndices[ch].begin(), chunkIndices[ch].end(), X.indices.begin() + offset);
        std::copy(chunkData[ch].begin(), chunkData[ch].end(), X.data.begin() + offset);
        std::vector<std::int32_t>().swap(chunkIndices[ch]); // release as we go: peak memory
        std::vector<float>().swap(chunkData[ch]);
    }
    cancel.throwIfCancelled();

    Dataset ds;
    fillObs(ds.obs, cells);
    fillVar(ds.var, design.genes);
    ds.X = std::move(X);
    ds.obsm["X_latent"] = std::move(latent);
    ds.obsm["DM_EigenVectors"] = std::move(diffusion);
    ds.obsm["X_umap"] = std::move(umap);
    ds.obsm["X_atac"] = std::move(atac);
    ds.obsm["X_rna"] = std::move(rna);
    ds.varm["gene_embedding"] = geneEmbedding(design);
    ds.uns["cell_type_colors"] = palette(kTypes);
    ds.uns["condition_colors"] = palette(kConditionNames.size());
    ds.uns["sample_colors"] = palette(kSamples);
    ds.uns["demo"] = demoDescription(design, N, std::get<CategoricalColumn>(ds.obs.require("sample", "obs").data).categories);

    progress.setProgress(N, "Demo dataset ready");
    progress.log(LogLevel::Info, "Generated demo dataset: " + std::to_string(N) + " cells x " + std::to_string(nG)
                                     + " genes, " + std::to_string(ds.X.storedValues())
                                     + " non-zero counts (seed " + std::to_string(options.seed) + ")");
    return ds;
}

} // namespace scdesk
