#include "math/random.h"

#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "util/errors.h"

namespace scdesk {

namespace {

constexpr std::uint64_t rotl64(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr int kLogFactorialTableSize = 256;

const std::array<double, kLogFactorialTableSize>& logFactorialTable()
{
    static const std::array<double, kLogFactorialTableSize> table = [] {
        std::array<double, kLogFactorialTableSize> t{};
        t[0] = 0.0;
        for (int k = 1; k < kLogFactorialTableSize; ++k)
            t[k] = t[k - 1] + std::log(static_cast<double>(k));
        return t;
    }();
    return table;
}

} // namespace

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double logFactorial(std::int64_t k)
{
    if (k < 0)
        throw InvalidParameter("logFactorial of a negative number (" + std::to_string(k) + ")");
    if (k < kLogFactorialTableSize)
        return logFactorialTable()[static_cast<std::size_t>(k)];
    // Stirling's series; at n >= 256 the next term is below 1e-20 of the result.
    const double n = static_cast<double>(k);
    const double inv = 1.0 / n;
    const double inv2 = inv * inv;
    return n * std::log(n) - n + 0.5 * std::log(2.0 * std::numbers::pi * n)
           + inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0)));
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream)
{
    // Hash seed and stream separately and combine, so neighbouring seeds or streams (0, 1, 2, ...)
    // start far apart; then expand to 256 bits of state with splitmix64, as xoshiro's authors advise.
    std::uint64_t a = seed;
    std::uint64_t b = stream ^ 0x632BE59BD9B4E019ULL;
    std::uint64_t state = splitmix64(a) ^ rotl64(splitmix64(b), 23);
    for (auto& word : m_s)
        word = splitmix64(state);
    if ((m_s[0] | m_s[1] | m_s[2] | m_s[3]) == 0)
        m_s[0] = 1; // the all-zero state is xoshiro's only fixed point
}

double Rng::uniformOpen() { return (static_cast<double>(next() >> 12) + 0.5) * 0x1.0p-52; }

std::uint64_t Rng::below(std::uint64_t n)
{
    if (n == 0)
        throw InvalidParameter("Rng::below(0): the range is empty");
    // Reject the low values that would make `r % n` favour small results.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t r = next();
        if (r >= threshold)
            return r % n;
    }
}

double Rng::normal()
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return m_spareNormal;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spareNormal = v * f;
    m_hasSpare = true;
    return u * f;
}

double Rng::logNormal(double logMean, double logSd) { return std::exp(normal(logMean, logSd)); }

double Rng::gamma(double shape, double scale)
{
    if (!(shape > 0.0) || !(scale > 0.0) || !std::isfinite(shape) || !std::isfinite(scale))
        throw InvalidParameter("gamma distribution needs shape > 0 and scale > 0 (got shape "
                               + std::to_string(shape) + ", scale " + std::to_string(scale) + ")");
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia & Tsang 2000, §6).
        const double u = uniformOpen();
        return gamma(shape + 1.0, scale) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x, v;
        do {
            x = normal();
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniformOpen();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2)
            return d * v * scale;
        if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v)))
            return d * v * scale;
    }
}

std::int64_t Rng::poisson(double lambda)
{
    if (!(lambda >= 0.0) || !std::isfinite(lambda))
        throw InvalidParameter("Poisson distribution needs a finite lambda >= 0 (got " + std::to_string(lambda)
                               + ")");
    if (lambda == 0.0)
        return 0;
    if (lambda < 10.0) {
        // Multiply uniforms until the product drops below e^-lambda (Knuth); ~lambda + 1 draws.
        const double limit = std::exp(-lambda);
        std::int64_t k = 0;
        double product = uniform();
        while (product > limit) {
            ++k;
            product *= uniform();
        }
        return k;
    }
    // PTRS: transformed rejection with squeeze (Hörmann 1993), as numpy uses for lambda >= 10.
    const double slam = std::sqrt(lambda);
    const double loglam = std::log(lambda);
    const double b = 0.931 + 2.53 * slam;
    const double a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const double vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = uniform() - 0.5;
        const double v = uniform();
        const double us = 0.5 - std::fabs(u);
        const double kd = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
        if (us >= 0.07 && v <= vr)
            return static_cast<std::int64_t>(kd);
        if (kd < 0.0 || (us < 0.013 && v > us))
            continue;
        const auto k = static_cast<std::int64_t>(kd);
        if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b)
            <= -lambda + kd * loglam - logFactorial(k))
            return k;
    }
}

std::int64_t Rng::negativeBinomial(double mean, double dispersion)
{
    if (!(mean >= 0.0) || !(dispersion >= 0.0) || !std::isfinite(mean) || !std::isfinite(dispersion))
        throw InvalidParameter("negative binomial needs mean >= 0 and dispersion >= 0 (got mean "
                               + std::to_string(mean) + ", dispersion " + std::to_string(dispersion) + ")");
    if (mean == 0.0)
        return 0;
    if (dispersion == 0.0)
        return poisson(mean);
    // Size r = 1/dispersion; the Poisson rate is Gamma(r, mean/r) with mean `mean`.
    const double size = 1.0 / dispersion;
    return poisson(gamma(size, mean / size));
}

std::int64_t Rng::negativeBinomialOther(double mean, double dispersion)
{
    if (!(mean >= 0.0) || !(dispersion >= 0.0) || !std::isfinite(mean) || !std::isfinite(dispersion))
        throw InvalidParameter("negative binomial needs mean >= 0 and dispersion >= 0 (got mean "
                               + std::to_string(mean) + ", dispersion " + std::to_string(dispersion) + ")");
    if (mean == 0.0)
        return 0;
    return negativeBinomial(mean, dispersion); // mean >= kInversionLimit: inversion would walk ~mean steps
}

std::int64_t Rng::negativeBinomialInverseCdf(double u, double mean, double dispersion)
{
    if (!std::isfinite(dispersion))
        throw InvalidParameter("negative binomial needs a finite dispersion (got " + std::to_string(dispersion) + ")");
    // Sequential search of the CDF: P(0) = (1 + φm)^(-1/φ), P(k+1) = P(k)·q·(k + r)/(k + 1) with
    // r = 1/φ, q = φm/(1 + φm); the Poisson limit when φ = 0.
    double p;
    double q;
    double size;
    if (dispersion > 0.0) {
        const double pm = dispersion * mean;
        size = 1.0 / dispersion;
        p = std::exp(-size * std::log1p(pm));
        q = pm / (1.0 + pm);
    } else {
        size = 0.0;
        p = std::exp(-mean);
        q = mean;
    }
    double cdf = p;
    std::int64_t k = 0;
    while (u >= cdf) {
        const double kd = static_cast<double>(k);
        p *= (dispersion > 0.0 ? q * (kd + size) : q) / (kd + 1.0);
        ++k;
        cdf += p;
        // Past the mode, once terms no longer change the sum, rounding has left cdf a hair below u.
        if (kd > mean && p <= cdf * 1e-17)
            break;
    }
    return k;
}

} // namespace scdesk
