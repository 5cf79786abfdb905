#pragma once
// Parallel loops over fixed work items (blocks of genes, points or rows) check for cancellation
// after every round of this many items: one per thread. The partition into items stays fixed,
// so the round size never changes a result.
#include <algorithm>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace scdesk {

inline int workItemsPerCancelCheck()
{
#ifdef _OPENMP
    return std::max(1, omp_get_max_threads());
#else
    return 1;
#endif
}

} // namespace scdesk
