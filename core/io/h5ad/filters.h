#pragma once
// HDF5 compression filters scDesk decodes itself, registered at start-up (Debian's LZF plugin
// does not load from C/C++; Blosc is used by anndata-rs): LZF (id 32000) and Blosc (id 32001).
// gzip/deflate and shuffle are built into libhdf5.
#include <cstddef>
#include <string>

namespace scdesk::h5 {

// Idempotent and thread-safe.
void registerFilters();
// "gzip", "lzf", "blosc", "shuffle", ... or "filter <id>" for the message when a filter is missing.
std::string filterName(int filterId);

// Chunk decoders shared with the parallel array reader (which decodes raw chunks outside libhdf5).
namespace detail {
// Decodes an LZF stream into out[0, outSize). Returns the decoded size, 0 for corrupt input,
// or outSize + 1 when the output does not fit.
std::size_t lzfDecompress(const void* in, std::size_t inSize, void* out, std::size_t outSize);
// Encodes; returns the encoded size or 0 when it would not fit in outSize (store uncompressed).
std::size_t lzfCompress(const void* in, std::size_t inSize, void* out, std::size_t outSize);
} // namespace detail

} // namespace scdesk::h5
