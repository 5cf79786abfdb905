#pragma once
// Per-gene access to a count matrix for the NB GLM, without densifying a large sparse matrix:
// the fit asks for one gene's counts across all samples at a time (genes are independent).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/matrix.h"

namespace scdesk::delnx {

class CountSource {
public:
    virtual ~CountSource() = default;
    virtual std::int64_t genes() const = 0;
    virtual std::int64_t samples() const = 0;
    // Writes gene g's counts for every sample into out[0..samples()); thread-safe.
    virtual void gene(std::int64_t g, double* out) const = 0;
};

// Samples × genes matrix (the AnnData orientation: rows are cells or pseudobulk samples). CSR input
// is converted once to CSC (one extra copy of the non-zeros, never a dense matrix).
std::unique_ptr<CountSource> countsFromMatrix(const Matrix& samplesByGenes);
// Dense samples × genes counts (pseudobulk), held by the source.
std::unique_ptr<CountSource> countsFromDense(Eigen::MatrixXd samplesByGenes);

} // namespace scdesk::delnx
