#pragma once
// The checks CSR and CSC share: the same three arrays, read along the major axis (rows for CSR,
// columns for CSC). Names in messages follow the axis ("decreases at row 3", "column index 9").
#include <cstdint>
#include <string>

#include "util/errors.h"

namespace scdesk::detail {

template <typename Compressed>
void validateCompressedStructure(const Compressed& m, std::int64_t major, std::int64_t minor, const std::string& majorName,
                                 const std::string& minorName)
{
    if (m.rows < 0 || m.cols < 0)
        throw InvalidInput("sparse matrix has a negative shape");
    if (minor > std::int64_t{1} << 31)
        throw InvalidInput("sparse matrix has " + std::to_string(minor) + " " + minorName
                           + "s, more than 32-bit indices address");
    if (m.indices.size() != m.data.size())
        throw InvalidInput("sparse matrix indices and data differ in length");
    // A default-constructed matrix with no major entries has no indptr at all: empty, valid.
    if (major == 0 && m.indptr.empty() && m.data.empty())
        return;
    if (static_cast<std::int64_t>(m.indptr.size()) != major + 1)
        throw InvalidInput("sparse matrix indptr has " + std::to_string(m.indptr.size()) + " entries, expected "
                           + majorName + "s + 1 = " + std::to_string(major + 1));
    if (m.indptr.front() != 0 || m.indptr.back() != m.nnz())
        throw InvalidInput("sparse matrix indptr does not start at 0 and end at nnz");
    for (std::int64_t j = 0; j < major; ++j)
        if (m.indptr[j] > m.indptr[j + 1])
            throw InvalidInput("sparse matrix indptr decreases at " + majorName + " " + std::to_string(j));
}

template <typename Compressed>
void validateCompressedIndices(const Compressed& m, std::int64_t minor, const std::string& minorName)
{
    for (auto i : m.indices)
        if (i < 0 || i >= minor)
            throw InvalidInput("sparse matrix " + minorName + " index " + std::to_string(i) + " is outside [0, "
                               + std::to_string(minor) + ")");
}

} // namespace scdesk::detail
