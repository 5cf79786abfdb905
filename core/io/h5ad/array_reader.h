#pragma once
// Reads a whole 1-D numeric HDF5 dataset into memory, converting to the requested element type.
// Chunked datasets compressed with gzip, LZF or Blosc are decompressed on all cores: raw chunks
// are read with H5Dread_chunk (libhdf5 serialises its own calls) and inflated in parallel;
// everything else goes through H5Dread. Memory: the output plus one chunk per thread.
#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::h5 {

// `where` names the element for messages ("file.h5ad: /X/data"). Throws IoError / InvalidInput
// naming it; Cancelled when `cancel` fires. `progress` (optional) receives element counts.
void readArray(hid_t dataset, std::vector<float>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress = nullptr);
void readArray(hid_t dataset, std::vector<double>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress = nullptr);
void readArray(hid_t dataset, std::vector<std::int32_t>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress = nullptr);
void readArray(hid_t dataset, std::vector<std::int64_t>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress = nullptr);

// Reads into caller-owned memory (e.g. a dense matrix's buffer) that holds exactly the dataset's
// element count (InvalidInput otherwise): no intermediate copy.
void readArrayInto(hid_t dataset, std::span<float> out, const std::string& where, const CancelToken& cancel,
                   ProgressSink* progress = nullptr);

} // namespace scdesk::h5
