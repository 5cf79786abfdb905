#include "data/csr_matrix.h"

#include "data/compressed_layout_check.h"

namespace scdesk {

void CsrMatrix::validateStructure() const
{
    detail::validateCompressedStructure(*this, rows, cols, "row", "column");
}

void CsrMatrix::validate() const
{
    validateStructure();
    detail::validateCompressedIndices(*this, cols, "column");
}

} // namespace scdesk
