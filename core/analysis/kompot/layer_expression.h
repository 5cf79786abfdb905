#pragma once
// Kompot DE's view of a dataset matrix (X or a layer, CSR / CSC / dense float32): blocks of
// cells × genes in float64 on demand, optionally log-normalised (log1p of counts per 10,000), so
// the whole matrix is never densified. CSR is converted once to CSC (one extra copy of the
// non-zeros), which makes a block of genes cost only those genes' non-zeros.
#include <memory>
#include <string>

#include "analysis/kompot/differential_expression.h"
#include "data/matrix.h"

namespace scdesk {
class CancelToken;
}

namespace scdesk::kompot {

// True when every stored value is a non-negative integer (raw counts).
bool holdsCounts(const Matrix& m, const CancelToken* cancel = nullptr);

// A source over `m` (cells × genes). With `logNormalise`, each value becomes
// log1p(value / total of its cell × 1e4), the totals taken over all genes; a cell without counts
// stays 0. Throws InvalidInput for an absent matrix, or negative values with `logNormalise`.
// The source keeps what it needs (a CSC copy for CSR input, else a reference to `m`, which must
// outlive it).
ExpressionSource layerExpression(const Matrix& m, bool logNormalise, const std::string& name,
                                 const CancelToken* cancel = nullptr);

} // namespace scdesk::kompot
