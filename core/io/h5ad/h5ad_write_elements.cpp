#include "io/h5ad/h5ad_write_elements.h"
#include "io/h5ad/h5_group.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <type_traits>

#include <omp.h>
#include <zlib.h>

#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::h5 {

namespace {

constexpr hsize_t kBlockElements = hsize_t{1} << 22; // per H5Dwrite call: cancel and progress granularity

bool isIntegerDtype(const std::string& dtype)
{
    return dtype.rfind("int", 0) == 0 || dtype.rfind("uint", 0) == 0;
}

bool allIntegral(const std::vector<float>& values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v) && std::floor(v) == v; });
}

bool allIntegral(const float* values, std::size_t n)
{
    return std::all_of(values, values + n, [](float v) { return std::isfinite(v) && std::floor(v) == v; });
}

// The file type for matrix values. Values are float32 in memory (the model's value rule), so
// float32 is written, except when the source stored integers and every value is still
// integral: then the integer type (int64 for 64-bit and unsigned 32-bit sources, else int32)
// is kept so counts stay counts for scanpy/R. HDF5 converts float -> int exactly on write.
hid_t matrixFileType(const std::string& dtype, bool integral)
{
    if (!isIntegerDtype(dtype) || !integral)
        return H5T_IEEE_F32LE;
    if (dtype == "int64" || dtype == "uint64" || dtype == "uint32")
        return H5T_STD_I64LE;
    return H5T_STD_I32LE;
}

std::size_t product(const std::vector<hsize_t>& dims)
{
    std::size_t n = 1;
    for (hsize_t d : dims)
        n *= static_cast<std::size_t>(d);
    return n;
}

bool isScalar(const nlohmann::json& v)
{
    return v.is_string() || v.is_number() || v.is_boolean();
}

// Element kinds the parallel gzip path converts between (all little-endian, as the file types).
enum class Num { F32, F64, I8, I16, I32, I64, Other };

Num numKind(hid_t type)
{
    const H5T_class_t c = H5Tget_class(type);
    const std::size_t size = H5Tget_size(type);
    if (H5Tget_order(type) == H5T_ORDER_BE)
        return Num::Other;
    if (c == H5T_FLOAT)
        return size == 4 ? Num::F32 : size == 8 ? Num::F64 : Num::Other;
    if (c == H5T_ENUM) {
        Handle base(H5Tget_super(type));
        return base ? numKind(base.get()) : Num::Other;
    }
    if (c == H5T_INTEGER && H5Tget_sign(type) == H5T_SGN_2)
        return size == 1 ? Num::I8 : size == 2 ? Num::I16 : size == 4 ? Num::I32 : size == 8 ? Num::I64 : Num::Other;
    return Num::Other;
}

template <class S>
void convertFrom(const S* src, std::size_t n, Num to, unsigned char* out)
{
    auto cast = [&](auto* dst) {
        using D = std::remove_pointer_t<decltype(dst)>;
        for (std::size_t i = 0; i < n; ++i)
            dst[i] = static_cast<D>(src[i]);
    };
    switch (to) {
    case Num::F32: cast(reinterpret_cast<float*>(out)); break;
    case Num::F64: cast(reinterpret_cast<double*>(out)); break;
    case Num::I8: cast(reinterpret_cast<std::int8_t*>(out)); break;
    case Num::I16: cast(reinterpret_cast<std::int16_t*>(out)); break;
    case Num::I32: cast(reinterpret_cast<std::int32_t*>(out)); break;
    case Num::I64: cast(reinterpret_cast<std::int64_t*>(out)); break;
    case Num::Other: break;
    }
}

void convertValues(Num from, const unsigned char* src, std::size_t n, Num to, unsigned char* out)
{
    switch (from) {
    case Num::F32: convertFrom(reinterpret_cast<const float*>(src), n, to, out); break;
    case Num::F64: convertFrom(reinterpret_cast<const double*>(src), n, to, out); break;
    case Num::I8: convertFrom(reinterpret_cast<const std::int8_t*>(src), n, to, out); break;
    case Num::I16: convertFrom(reinterpret_cast<const std::int16_t*>(src), n, to, out); break;
    case Num::I32: convertFrom(reinterpret_cast<const std::int32_t*>(src), n, to, out); break;
    case Num::I64: convertFrom(reinterpret_cast<const std::int64_t*>(src), n, to, out); break;
    case Num::Other: break;
    }
}

} // namespace

Handle utf8StringType()
{
    Handle t(H5Tcopy(H5T_C_S1));
    H5Tset_size(t.get(), H5T_VARIABLE);
    H5Tset_cset(t.get(), H5T_CSET_UTF8);
    return t;
}

Handle boolEnumType()
{
    Handle t(H5Tenum_create(H5T_NATIVE_INT8));
    std::int8_t v = 0;
    H5Tenum_insert(t.get(), "FALSE", &v);
    v = 1;
    H5Tenum_insert(t.get(), "TRUE", &v);
    return t;
}

bool linkExists(hid_t parent, const std::string& name)
{
    return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

std::string readStringAttr(hid_t obj, const char* name)
{
    if (H5Aexists(obj, name) <= 0)
        return {};
    Handle attr(H5Aopen(obj, name, H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    if (!attr || H5Tget_class(type.get()) != H5T_STRING)
        return {};
    if (H5Tis_variable_str(type.get()) > 0) {
        Handle mem = utf8StringType();
        Handle space(H5Aget_space(attr.get()));
        if (H5Sget_simple_extent_npoints(space.get()) != 1)
            return {};
        char* s = nullptr;
        if (H5Aread(attr.get(), mem.get(), &s) < 0 || !s)
            return {};
        std::string out(s);
        H5free_memory(s);
        return out;
    }
    const std::size_t size = H5Tget_size(type.get());
    std::string buf(size, '\0');
    if (H5Aread(attr.get(), type.get(), buf.data()) < 0)
        return {};
    buf.resize(std::strlen(buf.c_str()));
    while (!buf.empty() && buf.back() == ' ')
        buf.pop_back();
    return buf;
}

std::vector<std::string> readStringArrayAttr(hid_t obj, const char* name)
{
    std::vector<std::string> out;
    if (H5Aexists(obj, name) <= 0)
        return out;
    Handle attr(H5Aopen(obj, name, H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    Handle space(H5Aget_space(attr.get()));
    if (!attr || H5Tget_class(type.get()) != H5T_STRING)
        return out; // e.g. the empty float64 array h5py writes for "no columns"
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n <= 0)
        return out;
    if (H5Tis_variable_str(type.get()) > 0) {
        Handle mem = utf8StringType();
        std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
        if (H5Aread(attr.get(), mem.get(), ptrs.data()) < 0)
            return out;
        for (char* p : ptrs)
            out.emplace_back(p ? p : "");
        H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, ptrs.data());
        return out;
    }
    const std::size_t size = H5Tget_size(type.get());
    std::vector<char> buf(size * static_cast<std::size_t>(n));
    if (H5Aread(attr.get(), type.get(), buf.data()) < 0)
        return out;
    for (hssize_t i = 0; i < n; ++i) {
        std::string s(buf.data() + static_cast<std::size_t>(i) * size, size);
        s.resize(std::strlen(s.c_str()));
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

bool hasVariableData(hid_t type)
{
    if (H5Tis_variable_str(type) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0)
        return true;
    if (H5Tget_class(type) == H5T_COMPOUND) {
        for (int i = 0, n = H5Tget_nmembers(type); i < n; ++i) {
            Handle m(H5Tget_member_type(type, static_cast<unsigned>(i)));
            if (m && hasVariableData(m.get()))
                return true;
        }
    }
    if (H5Tget_class(type) == H5T_ARRAY) {
        Handle base(H5Tget_super(type));
        return base && hasVariableData(base.get());
    }
    return false;
}


// libhdf5 1.10.8's H5Ocopy writes past a buffer when it copies filtered variable-length data
// (seen with LZF-compressed string arrays under valgrind, then a crash at exit): such datasets,
// and the groups holding them, are copied by hand instead.
bool needsManualCopy(hid_t obj)
{
    if (H5Iget_type(obj) == H5I_DATASET) {
        Handle dcpl(H5Dget_create_plist(obj));
        Handle type(H5Dget_type(obj));
        return dcpl && type && H5Pget_nfilters(dcpl.get()) > 0 && hasVariableData(type.get());
    }
    if (H5Iget_type(obj) == H5I_GROUP)
        for (const auto& name : h5::memberNames(obj)) {
            Handle child(H5Oopen(obj, name.c_str(), H5P_DEFAULT));
            if (child && needsManualCopy(child.get()))
                return true;
        }
    return false;
}

// Reads a whole attribute or dataset in its own type and writes it to `dst` (same type).
bool copyValues(hid_t type, hid_t space, const std::function<herr_t(void*)>& read,
                const std::function<herr_t(const void*)>& write)
{
    const hssize_t n = H5Sget_select_npoints(space);
    if (n <= 0 || H5Sget_simple_extent_type(space) == H5S_NULL)
        return true;
    std::vector<unsigned char> buf(static_cast<std::size_t>(n) * H5Tget_size(type));
    if (read(buf.data()) < 0)
        return false;
    const bool ok = write(buf.data()) >= 0;
    if (hasVariableData(type))
        H5Dvlen_reclaim(type, space, H5P_DEFAULT, buf.data());
    return ok;
}

bool copyAttributes(hid_t src, hid_t dst)
{
    struct Ctx {
        hid_t dst;
        bool ok = true;
    } ctx{dst};
    H5Aiterate2(
        src, H5_INDEX_NAME, H5_ITER_INC, nullptr,
        [](hid_t loc, const char* name, const H5A_info_t*, void* data) -> herr_t {
            auto* c = static_cast<Ctx*>(data);
            Handle a(H5Aopen(loc, name, H5P_DEFAULT));
            Handle type(H5Aget_type(a.get()));
            Handle space(H5Aget_space(a.get()));
            Handle out(H5Acreate2(c->dst, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
            if (!a || !out
                || !copyValues(
                    type.get(), space.get(), [&](void* b) { return H5Aread(a.get(), type.get(), b); },
                    [&](const void* b) { return H5Awrite(out.get(), type.get(), b); }))
                c->ok = false;
            return 0;
        },
        &ctx);
    return ctx.ok;
}

} // namespace

bool copyElement(hid_t srcParent, const std::string& srcName, hid_t dstParent, const std::string& dstName)
{
    Handle obj(H5Oopen(srcParent, srcName.c_str(), H5P_DEFAULT));
    if (!obj)
        return false;
    if (!needsManualCopy(obj.get()))
        return H5Ocopy(srcParent, srcName.c_str(), dstParent, dstName.c_str(), H5P_DEFAULT, H5P_DEFAULT) >= 0;
    if (H5Iget_type(obj.get()) == H5I_GROUP) {
        Handle g(H5Gcreate2(dstParent, dstName.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!g || !copyAttributes(obj.get(), g.get()))
            return false;
        for (const auto& name : h5::memberNames(obj.get()))
            if (!copyElement(obj.get(), name, g.get(), name))
                return false;
        return true;
    }
    Handle type(H5Dget_type(obj.get()));
    Handle space(H5Dget_space(obj.get()));
    Handle dcpl(H5Dget_create_plist(obj.get()));
    Handle ds(H5Dcreate2(dstParent, dstName.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
    if (!ds)
        return false;
    return copyValues(
               type.get(), space.get(),
               [&](void* b) { return H5Dread(obj.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, b); },
               [&](const void* b) { return H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, b); })
        && copyAttributes(obj.get(), ds.get());
}

ElementWriter::ElementWriter(std::string fileName, const WriteOptions& options, ProgressSink& progress,
                             const CancelToken& cancel)
    : m_fileName(std::move(fileName)), m_options(options), m_progress(progress), m_cancel(cancel)
{
}

void ElementWriter::fail(const std::string& path, const std::string& what) const
{
    throw IoError("cannot write '" + m_fileName + "': /" + path + ": " + what);
}

void ElementWriter::warn(const std::string& message)
{
    m_progress.log(LogLevel::Warning, message);
}

void ElementWriter::writeStringAttr(hid_t obj, const char* name, const std::string& value, const std::string& path)
{
    Handle type = utf8StringType();
    Handle space(H5Screate(H5S_SCALAR));
    if (H5Aexists(obj, name) > 0)
        H5Adelete(obj, name);
    Handle attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    const char* p = value.c_str();
    if (!attr || H5Awrite(attr.get(), type.get(), &p) < 0)
        fail(path, std::string("attribute '") + name + "' could not be written");
}

void ElementWriter::writeStringArrayAttr(hid_t obj, const char* name, const std::vector<std::string>& values,
                                         const std::string& path)
{
    if (H5Aexists(obj, name) > 0)
        H5Adelete(obj, name);
    const hsize_t n = values.size();
    Handle space(H5Screate_simple(1, &n, nullptr));
    if (values.empty()) {
        // h5py writes an empty list as an empty float64 array; anndata reads it as "no columns".
        Handle attr(H5Acreate2(obj, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT));
        if (!attr)
            fail(path, std::string("attribute '") + name + "' could not be written");
        return;
    }
    Handle type = utf8StringType();
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const auto& v : values)
        ptrs.push_back(v.c_str());
    Handle attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (!attr || H5Awrite(attr.get(), type.get(), ptrs.data()) < 0)
        fail(path, std::string("attribute '") + name + "' could not be written");
}

void ElementWriter::writeBoolAttr(hid_t obj, const char* name, bool value, const std::string& path)
{
    Handle type = boolEnumType();
    Handle space(H5Screate(H5S_SCALAR));
    if (H5Aexists(obj, name) > 0)
        H5Adelete(obj, name);
    Handle attr(H5Acreate2(obj, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    const std::int8_t v = value ? 1 : 0;
    if (!attr || H5Awrite(attr.get(), type.get(), &v) < 0)
        fail(path, std::string("attribute '") + name + "' could not be written");
}

void ElementWriter::tag(hid_t obj, const char* encoding, const char* version, const std::string& path)
{
    writeStringAttr(obj, "encoding-type", encoding, path);
    writeStringAttr(obj, "encoding-version", version, path);
}

Handle ElementWriter::createGroup(hid_t parent, const std::string& name, const char* encoding, const char* version,
                                  const std::string& path)
{
    Handle g(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    if (!g)
        fail(path, "the group could not be created");
    tag(g.get(), encoding, version, path);
    return g;
}

Handle ElementWriter::createDataset(hid_t parent, const std::string& name, hid_t fileType,
                                    const std::vector<hsize_t>& dims, bool compress, const std::string& path)
{
    Handle space = dims.empty() ? Handle(H5Screate(H5S_SCALAR))
                                : Handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
    Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const std::size_t n = product(dims);
    if (compress && !dims.empty() && m_options.gzipLevel > 0 && n >= m_options.compressMinElements) {
        // Chunks of about 64 Ki elements: whole rows for 2-D arrays where they fit.
        std::vector<hsize_t> chunk(dims.size());
        if (dims.size() == 1) {
            chunk[0] = std::min<hsize_t>(dims[0], 65536);
        } else {
            chunk[1] = std::min<hsize_t>(dims[1], 65536);
            chunk[0] = std::clamp<hsize_t>(65536 / std::max<hsize_t>(chunk[1], 1), 1, dims[0]);
            for (std::size_t i = 2; i < dims.size(); ++i)
                chunk[i] = dims[i];
        }
        H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data());
        H5Pset_deflate(dcpl.get(), static_cast<unsigned>(m_options.gzipLevel));
    }
    Handle ds(H5Dcreate2(parent, name.c_str(), fileType, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
    if (!ds)
        fail(path, "the dataset could not be created (disk full or bad name?)");
    return ds;
}

// libhdf5 compresses chunks one after the other under its global lock: for gzip datasets the
// chunks are converted and deflated on all cores here and handed over with H5Dwrite_chunk
// (byte-identical to what the deflate filter writes). False when the dataset does not qualify
// (not chunked with gzip only, chunks not whole rows, or an unusual type): H5Dwrite then.
bool ElementWriter::writeCompressedChunks(hid_t dataset, hid_t memType, const void* data, std::size_t elementSize,
                                          const std::vector<hsize_t>& dims, const std::string& path)
{
    Handle dcpl(H5Dget_create_plist(dataset));
    if (!dcpl || dims.empty() || dims.size() > 2 || H5Pget_layout(dcpl.get()) != H5D_CHUNKED
        || H5Pget_nfilters(dcpl.get()) != 1)
        return false;
    unsigned flags = 0, level = 0;
    std::size_t nValues = 1;
    if (H5Pget_filter2(dcpl.get(), 0, &flags, &nValues, &level, 0, nullptr, nullptr) != H5Z_FILTER_DEFLATE)
        return false;
    hsize_t chunk[2] = {0, 0};
    if (H5Pget_chunk(dcpl.get(), 2, chunk) != static_cast<int>(dims.size()) || (dims.size() == 2 && chunk[1] != dims[1]))
        return false;
    Handle fileType(H5Dget_type(dataset));
    const Num from = numKind(memType);
    const Num to = numKind(fileType.get());
    if (from == Num::Other || to == Num::Other || H5Tget_size(memType) != elementSize)
        return false;
    const std::size_t rowElements = dims.size() == 2 ? static_cast<std::size_t>(dims[1]) : 1;
    const std::size_t chunkRows = static_cast<std::size_t>(chunk[0]);
    const std::size_t chunkElements = chunkRows * rowElements;
    const std::size_t fileElementSize = H5Tget_size(fileType.get());
    const std::size_t chunkBytes = chunkElements * fileElementSize;
    const std::size_t rows = static_cast<std::size_t>(dims[0]);
    const std::size_t nChunks = (rows + chunkRows - 1) / chunkRows;
    const std::size_t batch = 8 * static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
    std::vector<std::vector<unsigned char>> packed(std::min(batch, nChunks));
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t first = 0; first < nChunks; first += batch) {
        m_cancel.throwIfCancelled();
        const std::size_t count = std::min(batch, nChunks - first);
        int failed = 0;
#pragma omp parallel reduction(+ : failed)
        {
            std::vector<unsigned char> raw(chunkBytes);
#pragma omp for schedule(dynamic)
            for (std::size_t k = 0; k < count; ++k) {
                const std::size_t row0 = (first + k) * chunkRows;
                const std::size_t n = std::min(chunkRows, rows - row0) * rowElements;
                convertValues(from, bytes + row0 * rowElements * elementSize, n, to, raw.data());
                std::fill(raw.begin() + static_cast<std::ptrdiff_t>(n * fileElementSize), raw.end(), 0); // edge chunk
                uLongf size = compressBound(static_cast<uLong>(chunkBytes));
                packed[k].resize(size);
                if (compress2(packed[k].data(), &size, raw.data(), static_cast<uLong>(chunkBytes),
                              static_cast<int>(level))
                    != Z_OK)
                    ++failed;
                packed[k].resize(size);
            }
        }
        if (failed)
            fail(path, "compressing the values failed");
        for (std::size_t k = 0; k < count; ++k) {
            const hsize_t offset[2] = {static_cast<hsize_t>((first + k) * chunkRows), 0};
            if (H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, offset, packed[k].size(), packed[k].data()) < 0)
                fail(path, "writing the values failed (disk full?)");
        }
    }
    return true;
}

void ElementWriter::writeData(hid_t dataset, hid_t memType, const void* data, std::size_t elementSize,
                              const std::vector<hsize_t>& dims, const std::string& path)
{
    const std::size_t n = product(dims);
    if (n == 0)
        return;
    if (writeCompressedChunks(dataset, memType, data, elementSize, dims, path))
        return;
    if (dims.size() <= 1 && n <= kBlockElements) {
        if (H5Dwrite(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
            fail(path, "writing the values failed (disk full?)");
        return;
    }
    // Blocks along the first axis.
    const std::size_t rowElements = n / static_cast<std::size_t>(dims[0]);
    const hsize_t rowsPerBlock = std::max<hsize_t>(1, kBlockElements / std::max<std::size_t>(rowElements, 1));
    Handle fileSpace(H5Dget_space(dataset));
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (hsize_t start = 0; start < dims[0]; start += rowsPerBlock) {
        m_cancel.throwIfCancelled();
        std::vector<hsize_t> offset(dims.size(), 0), count = dims;
        offset[0] = start;
        count[0] = std::min(rowsPerBlock, dims[0] - start);
        H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, offset.data(), nullptr, count.data(), nullptr);
        Handle memSpace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr));
        const void* p = bytes + static_cast<std::size_t>(start) * rowElements * elementSize;
        if (H5Dwrite(dataset, memType, memSpace.get(), fileSpace.get(), H5P_DEFAULT, p) < 0)
            fail(path, "writing the values failed (disk full?)");
    }
}

Handle ElementWriter::writeNumeric(hid_t parent, const std::string& name, hid_t memType, hid_t fileType,
                                   const void* data, std::size_t elementSize, const std::vector<hsize_t>& dims,
                                   const std::string& path)
{
    Handle ds = createDataset(parent, name, fileType, dims, true, path);
    writeData(ds.get(), memType, data, elementSize, dims, path);
    tag(ds.get(), dims.empty() ? "numeric-scalar" : "array", dims.empty() ? "0.2.0" : "0.2.0", path);
    return ds;
}

Handle ElementWriter::writeStrings(hid_t parent, const std::string& name, const std::vector<std::string>& values,
                                   const std::vector<hsize_t>& dims, const std::string& path)
{
    Handle type = utf8StringType();
    Handle ds = createDataset(parent, name, type.get(), dims, false, path);
    std::vector<const char*> ptrs;
    ptrs.reserve(values.size());
    for (const auto& v : values)
        ptrs.push_back(v.c_str());
    if (!ptrs.empty() && H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
        fail(path, "writing the strings failed");
    tag(ds.get(), dims.empty() ? "string" : "string-array", "0.2.0", path);
    return ds;
}

void ElementWriter::writeSparse(hid_t parent, const std::string& name, bool csr, std::int64_t rows, std::int64_t cols,
                                const std::vector<std::int64_t>& indptr, const std::vector<std::int32_t>& indices,
                                const std::vector<float>& data, const std::string& dtype, const std::string& path)
{
    const std::int64_t major = csr ? rows : cols;
    if (static_cast<std::int64_t>(indptr.size()) != major + 1 || indices.size() != data.size()
        || (major >= 0 && !indptr.empty() && indptr.back() != static_cast<std::int64_t>(data.size())))
        throw InvalidInput("cannot write '" + m_fileName + "': /" + path
                           + ": the sparse matrix is inconsistent (indptr length or last value, indices/data sizes)");
    Handle g = createGroup(parent, name, csr ? "csr_matrix" : "csc_matrix", "0.1.0", path);
    const std::int64_t shape[2] = {rows, cols};
    const hsize_t two = 2;
    Handle space(H5Screate_simple(1, &two, nullptr));
    Handle attr(H5Acreate2(g.get(), "shape", H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (!attr || H5Awrite(attr.get(), H5T_NATIVE_INT64, shape) < 0)
        fail(path, "attribute 'shape' could not be written");
    const std::vector<hsize_t> nnz{data.size()};
    // No tags on the three arrays: anndata writes them as plain datasets.
    Handle d = createDataset(g.get(), "data", matrixFileType(dtype, isIntegerDtype(dtype) && allIntegral(data)), nnz,
                             true, path + "/data");
    writeData(d.get(), H5T_NATIVE_FLOAT, data.data(), sizeof(float), nnz, path + "/data");
    Handle i = createDataset(g.get(), "indices", H5T_STD_I32LE, nnz, true, path + "/indices");
    writeData(i.get(), H5T_NATIVE_INT32, indices.data(), sizeof(std::int32_t), nnz, path + "/indices");
    // int32 offsets like scipy unless the count needs 64 bits; HDF5 narrows on write.
    const bool wide = !indptr.empty() && indptr.back() > std::numeric_limits<std::int32_t>::max();
    const std::vector<hsize_t> np{indptr.size()};
    Handle p = createDataset(g.get(), "indptr", wide ? H5T_STD_I64LE : H5T_STD_I32LE, np, true, path + "/indptr");
    writeData(p.get(), H5T_NATIVE_INT64, indptr.data(), sizeof(std::int64_t), np, path + "/indptr");
}

void ElementWriter::writeDense(hid_t parent, const std::string& name, const DenseMatrix& m, const std::string& dtype,
                               const std::string& path)
{
    const std::vector<hsize_t> dims{static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())};
    const std::size_t n = static_cast<std::size_t>(m.size());
    const hid_t fileType = matrixFileType(dtype, isIntegerDtype(dtype) && allIntegral(m.data(), n));
    writeNumeric(parent, name, H5T_NATIVE_FLOAT, fileType, m.data(), sizeof(float), dims, path);
}

void ElementWriter::writeMatrix(hid_t parent, const std::string& name, const Matrix& m, const std::string& path)
{
    m_cancel.throwIfCancelled();
    if (const auto* r = m.csr())
        writeSparse(parent, name, true, r->rows, r->cols, r->indptr, r->indices, r->data, m.dtype(), path);
    else if (const auto* c = m.csc())
        writeSparse(parent, name, false, c->rows, c->cols, c->indptr, c->indices, c->data, m.dtype(), path);
    else if (const auto* d = m.dense())
        writeDense(parent, name, *d, m.dtype(), path);
}

void ElementWriter::writeAxisArray(hid_t parent, const std::string& name, const AxisArray& a, const std::string& path)
{
    m_cancel.throwIfCancelled();
    if (const auto* d = std::get_if<DenseMatrix>(&a))
        writeDense(parent, name, *d, "float32", path); // embeddings: float32
    else if (const auto* r = std::get_if<CsrMatrix>(&a))
        writeSparse(parent, name, true, r->rows, r->cols, r->indptr, r->indices, r->data, "float32", path);
    else if (const auto* c = std::get_if<CscMatrix>(&a))
        writeSparse(parent, name, false, c->rows, c->cols, c->indptr, c->indices, c->data, "float32", path);
    else
        writeFrame(parent, name, std::get<DataFrame>(a), path);
}

void ElementWriter::writeColumn(hid_t frame, const Column& column, std::size_t rows, const std::string& path)
{
    m_cancel.throwIfCancelled();
    if (columnLength(column.data) != rows)
        throw InvalidInput("cannot write '" + m_fileName + "': /" + path + " has " + std::to_string(columnLength(column.data))
                           + " values, the frame has " + std::to_string(rows) + " rows");
    const std::string& name = column.name;
    const std::vector<hsize_t> dims{rows};
    auto anyMissing = [](const std::vector<std::uint8_t>& mask) {
        return std::any_of(mask.begin(), mask.end(), [](std::uint8_t m) { return m != 0; });
    };
    auto writeMask = [&](hid_t group, const std::vector<std::uint8_t>& mask) {
        Handle b = boolEnumType();
        std::vector<std::int8_t> m(mask.begin(), mask.end());
        for (auto& v : m)
            v = v ? 1 : 0;
        Handle ds = createDataset(group, "mask", b.get(), dims, true, path + "/mask");
        writeData(ds.get(), b.get(), m.data(), 1, dims, path + "/mask");
    };

    if (const auto* num = std::get_if<NumericColumn>(&column.data)) {
        const bool masked = num->mask.size() == rows && anyMissing(num->mask);
        bool integral = num->integer;
        for (std::size_t i = 0; integral && i < rows; ++i)
            if (!(masked && num->mask[i]) && !(std::isfinite(num->values[i]) && std::floor(num->values[i]) == num->values[i]))
                integral = false;
        if (masked && integral) {
            Handle g = createGroup(frame, name, "nullable-integer", "0.1.0", path);
            std::vector<std::int64_t> v(rows);
            for (std::size_t i = 0; i < rows; ++i)
                v[i] = num->mask[i] ? 0 : static_cast<std::int64_t>(num->values[i]);
            Handle ds = createDataset(g.get(), "values", H5T_STD_I64LE, dims, true, path + "/values");
            writeData(ds.get(), H5T_NATIVE_INT64, v.data(), sizeof(std::int64_t), dims, path + "/values");
            writeMask(g.get(), num->mask);
        } else if (masked) {
            // Missing floats are NaN in pandas.
            std::vector<double> v = num->values;
            for (std::size_t i = 0; i < rows; ++i)
                if (num->mask[i])
                    v[i] = std::numeric_limits<double>::quiet_NaN();
            writeNumeric(frame, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, v.data(), sizeof(double), dims, path);
        } else {
            writeNumeric(frame, name, H5T_NATIVE_DOUBLE, integral ? H5T_STD_I64LE : H5T_IEEE_F64LE, num->values.data(),
                         sizeof(double), dims, path);
        }
    } else if (const auto* cat = std::get_if<CategoricalColumn>(&column.data)) {
        const std::size_t k = cat->categories.size();
        for (std::int32_t code : cat->codes)
            if (code < -1 || code >= static_cast<std::int64_t>(k))
                throw InvalidInput("cannot write '" + m_fileName + "': /" + path + ": category code "
                                   + std::to_string(code) + " is outside [-1, " + std::to_string(k) + ")");
        Handle g = createGroup(frame, name, "categorical", "0.2.0", path);
        writeBoolAttr(g.get(), "ordered", cat->ordered, path);
        writeStrings(g.get(), "categories", cat->categories, {k}, path + "/categories");
        // The narrowest signed type, as pandas picks it; HDF5 narrows the int32 codes on write.
        const hid_t codeType = k < 128 ? H5T_STD_I8LE : k < 32768 ? H5T_STD_I16LE : H5T_STD_I32LE;
        writeNumeric(g.get(), "codes", H5T_NATIVE_INT32, codeType, cat->codes.data(), sizeof(std::int32_t), dims,
                     path + "/codes");
    } else if (const auto* bo = std::get_if<BoolColumn>(&column.data)) {
        Handle b = boolEnumType();
        std::vector<std::int8_t> v(rows);
        for (std::size_t i = 0; i < rows; ++i)
            v[i] = bo->values[i] ? 1 : 0;
        if (bo->mask.size() == rows && anyMissing(bo->mask)) {
            Handle g = createGroup(frame, name, "nullable-boolean", "0.1.0", path);
            for (std::size_t i = 0; i < rows; ++i)
                if (bo->mask[i])
                    v[i] = 0;
            Handle ds = createDataset(g.get(), "values", b.get(), dims, true, path + "/values");
            writeData(ds.get(), b.get(), v.data(), 1, dims, path + "/values");
            writeMask(g.get(), bo->mask);
        } else {
            writeNumeric(frame, name, b.get(), b.get(), v.data(), 1, dims, path);
        }
    } else {
        const auto& str = std::get<StringColumn>(column.data);
        if (str.mask.size() == rows && anyMissing(str.mask)) {
            // anndata 0.8 (Debian's, the one our users' scanpy has) cannot read
            // nullable-string-array (anndata >= 0.11), and its own writer turns string columns into
            // categoricals: do the same, with code -1 where the value is missing.
            CategoricalColumn asCat;
            asCat.codes.assign(rows, -1);
            std::vector<std::string> sorted;
            for (std::size_t i = 0; i < rows; ++i)
                if (!str.mask[i])
                    sorted.push_back(str.values[i]);
            std::sort(sorted.begin(), sorted.end());
            sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
            for (std::size_t i = 0; i < rows; ++i)
                if (!str.mask[i])
                    asCat.codes[i] = static_cast<std::int32_t>(
                        std::lower_bound(sorted.begin(), sorted.end(), str.values[i]) - sorted.begin());
            asCat.categories = std::move(sorted);
            warn("/" + path + ": a string column with missing values is written as a categorical (anndata 0.8 "
                 "cannot read nullable-string-array)");
            writeColumn(frame, Column{name, std::move(asCat)}, rows, path);
        } else {
            writeStrings(frame, name, str.values, dims, path);
        }
    }
}

void ElementWriter::writeFrame(hid_t parent, const std::string& name, const DataFrame& df, const std::string& path)
{
    m_cancel.throwIfCancelled();
    std::string indexName = df.indexName.empty() ? "_index" : df.indexName;
    std::vector<std::string> order;
    for (const auto& c : df.columns) {
        if (c.name == "_index")
            throw InvalidInput("cannot write '" + m_fileName + "': /" + path
                               + ": '_index' is reserved by anndata and cannot name a column");
        if (c.name.empty() || c.name.find('/') != std::string::npos)
            throw InvalidInput("cannot write '" + m_fileName + "': /" + path + ": column name '" + c.name
                               + "' is empty or contains '/'");
        if (c.name == indexName)
            indexName = "_index"; // anndata cannot store an index named like a column
        order.push_back(c.name);
    }
    Handle g = createGroup(parent, name, "dataframe", "0.2.0", path);
    writeStringAttr(g.get(), "_index", indexName, path);
    writeStringArrayAttr(g.get(), "column-order", order, path);
    writeStrings(g.get(), indexName, df.index, {df.index.size()}, path + "/" + indexName);
    for (const auto& c : df.columns)
        writeColumn(g.get(), c, df.rows(), path + "/" + c.name);
}

void ElementWriter::writeRaw(hid_t parent, const RawData& raw, const std::string& path)
{
    Handle g = createGroup(parent, "raw", "raw", "0.1.0", path);
    if (!raw.X.isNone())
        writeMatrix(g.get(), "X", raw.X, path + "/X");
    writeFrame(g.get(), "var", raw.var, path + "/var");
    Handle varm = createGroup(g.get(), "varm", "dict", "0.1.0", path + "/varm");
    for (const auto& [key, a] : raw.varm)
        writeAxisArray(varm.get(), key, a, path + "/varm/" + key);
}

void ElementWriter::writeJson(hid_t parent, const std::string& name, const nlohmann::json& value,
                              const std::string& path)
{
    m_cancel.throwIfCancelled();
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
        warn("/" + path + ": key '" + name + "' cannot be an HDF5 name; skipped");
        return;
    }
    switch (value.type()) {
    case nlohmann::json::value_t::object: {
        if (value.contains("scdesk-not-loaded")) {
            // Too large to load: copy the original element from the source file.
            if (m_source >= 0 && linkExists(m_source, path)) {
                if (!copyElement(m_source, path, parent, name))
                    fail(path, "copying the element from the source file failed");
            } else {
                warn("/" + path + " was not loaded and its source file is not available; skipped");
            }
            return;
        }
        Handle g = createGroup(parent, name, "dict", "0.1.0", path);
        for (const auto& [k, v] : value.items())
            writeJson(g.get(), k, v, path + "/" + k);
        return;
    }
    case nlohmann::json::value_t::string: {
        writeStrings(parent, name, {value.get<std::string>()}, {}, path);
        return;
    }
    case nlohmann::json::value_t::boolean: {
        Handle b = boolEnumType();
        const std::int8_t v = value.get<bool>() ? 1 : 0;
        writeNumeric(parent, name, b.get(), b.get(), &v, 1, {}, path);
        return;
    }
    case nlohmann::json::value_t::number_integer: {
        const std::int64_t v = value.get<std::int64_t>();
        writeNumeric(parent, name, H5T_NATIVE_INT64, H5T_STD_I64LE, &v, sizeof v, {}, path);
        return;
    }
    case nlohmann::json::value_t::number_unsigned: {
        const std::uint64_t v = value.get<std::uint64_t>();
        writeNumeric(parent, name, H5T_NATIVE_UINT64,
                     v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ? H5T_STD_U64LE
                                                                                              : H5T_STD_I64LE,
                     &v, sizeof v, {}, path);
        return;
    }
    case nlohmann::json::value_t::number_float: {
        const double v = value.get<double>();
        writeNumeric(parent, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, &v, sizeof v, {}, path);
        return;
    }
    case nlohmann::json::value_t::array:
        writeJsonArray(parent, name, value, path);
        return;
    default:
        // anndata 0.8 has no `null` encoding (it came with 0.12): a None value cannot be stored.
        warn("/" + path + " is null (None), which anndata 0.8 cannot read; skipped");
        return;
    }
}

void ElementWriter::writeJsonArray(hid_t parent, const std::string& name, const nlohmann::json& value,
                                   const std::string& path)
{
    // Flatten one level of nesting into a 2-D array when every row is an array of equal length.
    std::vector<hsize_t> dims{value.size()};
    std::vector<const nlohmann::json*> items;
    const bool nested = !value.empty() && std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_array(); });
    if (nested) {
        const std::size_t width = value.front().size();
        for (const auto& row : value) {
            if (row.size() != width) {
                warn("/" + path + ": rows of different lengths cannot form an array; skipped");
                return;
            }
            for (const auto& v : row)
                items.push_back(&v);
        }
        dims.push_back(width);
    } else {
        for (const auto& v : value)
            items.push_back(&v);
    }
    if (!std::all_of(items.begin(), items.end(), [](const auto* v) { return isScalar(*v); })) {
        warn("/" + path + ": an array of mixed or nested values cannot be stored; skipped");
        return;
    }
    auto all = [&](auto pred) { return std::all_of(items.begin(), items.end(), [&](const auto* v) { return pred(*v); }); };
    if (items.empty()) {
        writeNumeric(parent, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, nullptr, sizeof(double), dims, path);
    } else if (all([](const nlohmann::json& v) { return v.is_string(); })) {
        std::vector<std::string> s;
        s.reserve(items.size());
        for (const auto* v : items)
            s.push_back(v->get<std::string>());
        writeStrings(parent, name, s, dims, path);
    } else if (all([](const nlohmann::json& v) { return v.is_boolean(); })) {
        Handle b = boolEnumType();
        std::vector<std::int8_t> v;
        for (const auto* x : items)
            v.push_back(x->get<bool>() ? 1 : 0);
        writeNumeric(parent, name, b.get(), b.get(), v.data(), 1, dims, path);
    } else if (all([](const nlohmann::json& v) { return v.is_number_integer(); })) {
        std::vector<std::int64_t> v;
        for (const auto* x : items)
            v.push_back(x->get<std::int64_t>());
        writeNumeric(parent, name, H5T_NATIVE_INT64, H5T_STD_I64LE, v.data(), sizeof(std::int64_t), dims, path);
    } else if (all([](const nlohmann::json& v) { return v.is_number(); })) {
        std::vector<double> v;
        for (const auto* x : items)
            v.push_back(x->get<double>());
        writeNumeric(parent, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, v.data(), sizeof(double), dims, path);
    } else {
        warn("/" + path + ": an array of mixed value types cannot be stored; skipped");
    }
}

} // namespace scdesk::h5
