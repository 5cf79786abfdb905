#pragma once
// Deterministic random numbers: xoshiro256** seeded through splitmix64 from (seed, stream), with
// our own samplers. std:: distributions are implementation-defined, so results would differ
// between standard libraries; these give the same numbers everywhere the same libm is used.
// Parallel code gives every work item (cell, gene) its own stream, so results do not depend on
// the thread count or the schedule.
#include <cstdint>

namespace scdesk {

// One step of splitmix64: advances `state` and returns the next output.
std::uint64_t splitmix64(std::uint64_t& state);

// log(k!) for k >= 0: a table for small k, Stirling's series above (relative error < 1e-15).
double logFactorial(std::int64_t k);

// Samplers throw InvalidParameter on arguments outside their domain (NaN included).
class Rng {
public:
    // Streams with different (seed, stream) pairs are statistically independent.
    explicit Rng(std::uint64_t seed = 0, std::uint64_t stream = 0);

    std::uint64_t next() // 64 raw bits: xoshiro256** 1.0 (Blackman & Vigna)
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1), 53 bits
    double uniformOpen(); // (0, 1): safe for log()
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    std::uint64_t below(std::uint64_t n); // uniform integer in [0, n), unbiased; n > 0

    double normal(); // standard normal (Marsaglia polar method)
    double normal(double mean, double sd) { return mean + sd * normal(); }
    double logNormal(double logMean, double logSd);
    // Marsaglia–Tsang; shape > 0, scale > 0. Mean shape·scale, variance shape·scale².
    double gamma(double shape, double scale);
    // Multiplication method for lambda < 10, Hörmann's PTRS above (both exact).
    std::int64_t poisson(double lambda);
    // Poisson–Gamma mixture with var = mean + dispersion·mean²; dispersion 0 is Poisson.
    std::int64_t negativeBinomial(double mean, double dispersion);
    // The same distribution as negativeBinomial(), faster for the small means that dominate
    // count matrices: inversion from one uniform for mean < 16, Poisson–Gamma above. The common
    // case (a zero decided by a squeeze) is inline; it runs for every entry of a count matrix.
    std::int64_t negativeBinomialInversion(double mean, double dispersion)
    {
        if (!(mean > 0.0 && mean < kInversionLimit && dispersion >= 0.0))
            return negativeBinomialOther(mean, dispersion);
        const double u = uniform();
        // P(0) >= e^-m > 1 - m + m²/2 - m³/6: below that no transcendental call is needed, and the
        // outcome is exactly that of the full inversion.
        if (u < 1.0 - mean * (1.0 - mean * (0.5 - mean * (1.0 / 6.0))))
            return 0;
        return negativeBinomialInverseCdf(u, mean, dispersion);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static constexpr double kInversionLimit = 16.0;
    std::int64_t negativeBinomialOther(double mean, double dispersion); // zero, large or invalid mean
    static std::int64_t negativeBinomialInverseCdf(double u, double mean, double dispersion);

    std::uint64_t m_s[4];
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

} // namespace scdesk
