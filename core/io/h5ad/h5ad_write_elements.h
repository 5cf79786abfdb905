#pragma once
// Element writers for the anndata >= 0.8 layout (what writeH5ad is built from): every element
// gets its encoding-type / encoding-version attributes; strings are variable-length UTF-8 and
// booleans the int8 enum {FALSE, TRUE}, as h5py writes them, so Python's anndata reads the file.
#include <hdf5.h>

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "io/h5ad/hdf5_handle.h"

namespace scdesk {
class CancelToken;
class ProgressSink;
} // namespace scdesk

namespace scdesk::h5 {

struct WriteOptions {
    int gzipLevel = 4;                        // 0: no compression
    std::size_t compressMinElements = 65536;  // smaller arrays stay contiguous and uncompressed
};

class ElementWriter {
public:
    // `fileName` names the output in messages; `source` (may be negative) is the file the dataset
    // came from, used for uns entries the reader left unloaded.
    ElementWriter(std::string fileName, const WriteOptions& options, ProgressSink& progress, const CancelToken& cancel);

    void setSource(hid_t source) { m_source = source; }

    // `path` is the element's HDF5 path without the leading slash ("obsm/X_pca"), for messages.
    void writeMatrix(hid_t parent, const std::string& name, const Matrix& m, const std::string& path);
    void writeFrame(hid_t parent, const std::string& name, const DataFrame& df, const std::string& path);
    void writeColumn(hid_t frame, const Column& column, std::size_t rows, const std::string& path);
    void writeAxisArray(hid_t parent, const std::string& name, const AxisArray& a, const std::string& path);
    void writeRaw(hid_t parent, const RawData& raw, const std::string& path);
    // JSON objects become dict groups, scalars numeric-scalar / string, homogeneous arrays 1-D or
    // 2-D arrays; null and mixed arrays are skipped with a warning.
    void writeJson(hid_t parent, const std::string& name, const nlohmann::json& value, const std::string& path);

    Handle createGroup(hid_t parent, const std::string& name, const char* encoding, const char* version,
                       const std::string& path);
    void writeStringArrayAttr(hid_t obj, const char* name, const std::vector<std::string>& values,
                              const std::string& path);
    void warn(const std::string& message);
    [[noreturn]] void fail(const std::string& path, const std::string& what) const;

private:
    void tag(hid_t obj, const char* encoding, const char* version, const std::string& path);
    void writeStringAttr(hid_t obj, const char* name, const std::string& value, const std::string& path);
    void writeBoolAttr(hid_t obj, const char* name, bool value, const std::string& path);
    Handle createDataset(hid_t parent, const std::string& name, hid_t fileType, const std::vector<hsize_t>& dims,
                         bool compress, const std::string& path);
    // Writes `data` (memory type `memType`, row-major) in blocks, checking cancel between them.
    void writeData(hid_t dataset, hid_t memType, const void* data, std::size_t elementSize,
                   const std::vector<hsize_t>& dims, const std::string& path);
    bool writeCompressedChunks(hid_t dataset, hid_t memType, const void* data, std::size_t elementSize,
                               const std::vector<hsize_t>& dims, const std::string& path);
    Handle writeNumeric(hid_t parent, const std::string& name, hid_t memType, hid_t fileType, const void* data,
                        std::size_t elementSize, const std::vector<hsize_t>& dims, const std::string& path);
    Handle writeStrings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                        const std::vector<hsize_t>& dims, const std::string& path);
    void writeSparse(hid_t parent, const std::string& name, bool csr, std::int64_t rows, std::int64_t cols,
                     const std::vector<std::int64_t>& indptr, const std::vector<std::int32_t>& indices,
                     const std::vector<float>& data, const std::string& dtype, const std::string& path);
    void writeDense(hid_t parent, const std::string& name, const DenseMatrix& m, const std::string& dtype,
                    const std::string& path);
    void writeJsonArray(hid_t parent, const std::string& name, const nlohmann::json& value, const std::string& path);

    std::string m_fileName;
    WriteOptions m_options;
    ProgressSink& m_progress;
    const CancelToken& m_cancel;
    hid_t m_source = H5I_INVALID_HID;
};

// A vlen UTF-8 string type and h5py's bool enum, owned by the caller.
Handle utf8StringType();
Handle boolEnumType();
// Strings of a 1-D string array attribute (vlen or fixed); empty when absent or not strings.
std::vector<std::string> readStringArrayAttr(hid_t obj, const char* name);
// A scalar string attribute (vlen or fixed), or "" when absent.
std::string readStringAttr(hid_t obj, const char* name);
bool linkExists(hid_t parent, const std::string& name);
// Copies an element (dataset or group, with attributes) from one file to another: H5Ocopy, by
// hand where libhdf5's copy is unsafe. False on failure.
bool copyElement(hid_t srcParent, const std::string& srcName, hid_t dstParent, const std::string& dstName);

} // namespace scdesk::h5

namespace scdesk {
// writeH5ad (h5ad_writer.h) with explicit compression settings (the default: gzip 4 for arrays
// of 64 Ki elements or more).
void writeH5ad(const Dataset& dataset, const std::string& path, ProgressSink& progress, const CancelToken& cancel,
               const h5::WriteOptions& options);
} // namespace scdesk
