#include "analysis/kompot/null_genes.h"

#include <numeric>
#include <string>
#include <utility>

#include "math/random.h"
#include "util/errors.h"

namespace scdesk::kompot {

NullGeneDraw drawNullGenes(std::int64_t nGenes, std::int64_t count, std::uint64_t seed)
{
    if (nGenes <= 0)
        throw InvalidParameter("null genes need at least one gene to draw from, got " + std::to_string(nGenes));
    if (count < 0)
        throw InvalidParameter("the number of null genes must not be negative, got " + std::to_string(count));

    Rng rng(seed);
    NullGeneDraw draw;
    draw.withReplacement = count > nGenes;
    draw.genes.reserve(static_cast<std::size_t>(count));
    if (!draw.withReplacement) {
        // Partial Fisher–Yates: the first `count` positions of a shuffle of 0..nGenes-1.
        std::vector<std::int64_t> pool(static_cast<std::size_t>(nGenes));
        std::iota(pool.begin(), pool.end(), std::int64_t{0});
        for (std::int64_t i = 0; i < count; ++i) {
            const auto j = i + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(nGenes - i)));
            std::swap(pool[static_cast<std::size_t>(i)], pool[static_cast<std::size_t>(j)]);
            draw.genes.push_back(pool[static_cast<std::size_t>(i)]);
        }
    } else {
        for (std::int64_t i = 0; i < count; ++i)
            draw.genes.push_back(static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(nGenes))));
    }
    // One permutation seed per drawn gene, from the same stream, so the whole null set follows
    // from `seed` alone.
    draw.permutationSeeds.reserve(draw.genes.size());
    for (std::size_t i = 0; i < draw.genes.size(); ++i)
        draw.permutationSeeds.push_back(rng.next());
    return draw;
}

std::vector<std::int64_t> nullPermutation(std::int64_t n, std::uint64_t seed)
{
    if (n < 0)
        throw InvalidParameter("a permutation length must not be negative, got " + std::to_string(n));
    std::vector<std::int64_t> perm(static_cast<std::size_t>(n));
    std::iota(perm.begin(), perm.end(), std::int64_t{0});
    Rng rng(seed);
    for (std::int64_t i = n - 1; i > 0; --i) {
        const auto j = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(i + 1)));
        std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(j)]);
    }
    return perm;
}

} // namespace scdesk::kompot
