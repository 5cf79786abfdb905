#pragma once
// Kompot's null genes (spec §6.7): genes drawn at random whose expression, stacked over both
// conditions, is permuted with its own seed, breaking the dependence on cell state and condition.
// They go through the same GP and Mahalanobis pipeline and give the null distances for the FDR.
#include <cstdint>
#include <vector>

namespace scdesk::kompot {

struct NullGeneDraw {
    std::vector<std::int64_t> genes;       // drawn gene indices (source columns)
    std::vector<std::uint64_t> permutationSeeds; // one per drawn gene
    bool withReplacement = false;          // more were requested than genes exist
};

// `count` gene indices out of `nGenes`: without replacement when count ≤ nGenes, else with;
// deterministic for `seed` (our RNG, not numpy's). Throws InvalidParameter for nGenes = 0 or
// count < 0.
NullGeneDraw drawNullGenes(std::int64_t nGenes, std::int64_t count, std::uint64_t seed = 42);

// A permutation of 0..n-1 from a seed (Fisher–Yates on our RNG).
std::vector<std::int64_t> nullPermutation(std::int64_t n, std::uint64_t seed);

} // namespace scdesk::kompot
