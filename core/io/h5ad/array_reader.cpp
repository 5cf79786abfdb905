#include "io/h5ad/array_reader.h"

#include <blosc.h>
#include <omp.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <span>
#include <type_traits>
#include <utility>

#include "io/h5ad/filters.h"
#include "io/h5ad/hdf5_handle.h"
#include "util/cancel_token.h"
#include "util/errors.h"
#include "util/progress_sink.h"

namespace scdesk::h5 {

namespace {

// libhdf5 (Debian's serial build) is not thread-safe: every call made from worker threads goes
// through this lock. Decompression and conversion happen outside it.
std::mutex g_hdf5Mutex;

// Elements per H5Dread in the plain path: bounded so cancel and progress are honoured and the
// conversion buffer stays small.
constexpr std::size_t kBlockElements = std::size_t{1} << 22;

enum class Kind { I8, U8, I16, U16, I32, U32, I64, U64, F32, F64 };

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::I8: return "int8";
    case Kind::U8: return "uint8";
    case Kind::I16: return "int16";
    case Kind::U16: return "uint16";
    case Kind::I32: return "int32";
    case Kind::U32: return "uint32";
    case Kind::I64: return "int64";
    case Kind::U64: return "uint64";
    case Kind::F32: return "float32";
    case Kind::F64: return "float64";
    }
    return "?";
}

template <class T>
constexpr Kind kindOf()
{
    if constexpr (std::is_same_v<T, float>)
        return Kind::F32;
    else if constexpr (std::is_same_v<T, double>)
        return Kind::F64;
    else if constexpr (std::is_same_v<T, std::int32_t>)
        return Kind::I32;
    else
        return Kind::I64;
}

hid_t nativeType(Kind k)
{
    switch (k) {
    case Kind::I8: return H5T_NATIVE_INT8;
    case Kind::U8: return H5T_NATIVE_UINT8;
    case Kind::I16: return H5T_NATIVE_INT16;
    case Kind::U16: return H5T_NATIVE_UINT16;
    case Kind::I32: return H5T_NATIVE_INT32;
    case Kind::U32: return H5T_NATIVE_UINT32;
    case Kind::I64: return H5T_NATIVE_INT64;
    case Kind::U64: return H5T_NATIVE_UINT64;
    case Kind::F32: return H5T_NATIVE_FLOAT;
    case Kind::F64: return H5T_NATIVE_DOUBLE;
    }
    return H5T_NATIVE_DOUBLE;
}

template <class F>
void visitKind(Kind k, F&& f)
{
    switch (k) {
    case Kind::I8: f(std::int8_t{}); break;
    case Kind::U8: f(std::uint8_t{}); break;
    case Kind::I16: f(std::int16_t{}); break;
    case Kind::U16: f(std::uint16_t{}); break;
    case Kind::I32: f(std::int32_t{}); break;
    case Kind::U32: f(std::uint32_t{}); break;
    case Kind::I64: f(std::int64_t{}); break;
    case Kind::U64: f(std::uint64_t{}); break;
    case Kind::F32: f(float{}); break;
    case Kind::F64: f(double{}); break;
    }
}

struct StoredType {
    Kind kind = Kind::F64;
    std::size_t size = 0;
    bool littleEndian = true;
    bool isEnum = false;
};

std::string className(H5T_class_t c)
{
    switch (c) {
    case H5T_STRING: return "strings";
    case H5T_COMPOUND: return "a compound type";
    case H5T_ENUM: return "an enum";
    case H5T_REFERENCE: return "references";
    case H5T_OPAQUE: return "opaque data";
    case H5T_BITFIELD: return "a bitfield";
    case H5T_VLEN: return "variable-length sequences";
    case H5T_ARRAY: return "an array type";
    case H5T_TIME: return "a time type";
    default: return "an unsupported type";
    }
}

StoredType classify(hid_t type, const std::string& where)
{
    StoredType st;
    H5T_class_t cls = H5Tget_class(type);
    Handle super;
    hid_t base = type;
    if (cls == H5T_ENUM) {
        // h5py stores booleans as an int8 enum: read its integer base.
        super = Handle(H5Tget_super(type));
        base = super.get();
        cls = H5Tget_class(base);
        st.isEnum = true;
    }
    st.size = H5Tget_size(base);
    st.littleEndian = H5Tget_order(base) == H5T_ORDER_LE;
    if (cls == H5T_INTEGER) {
        const bool isSigned = H5Tget_sign(base) == H5T_SGN_2;
        switch (st.size) {
        case 1: st.kind = isSigned ? Kind::I8 : Kind::U8; return st;
        case 2: st.kind = isSigned ? Kind::I16 : Kind::U16; return st;
        case 4: st.kind = isSigned ? Kind::I32 : Kind::U32; return st;
        case 8: st.kind = isSigned ? Kind::I64 : Kind::U64; return st;
        default: break;
        }
        throw InvalidInput(where + ": expected a numeric array, found " + std::to_string(st.size)
                           + "-byte integers");
    }
    if (cls == H5T_FLOAT) {
        if (st.size == 4 && H5Tget_precision(base) == 32) {
            st.kind = Kind::F32;
            return st;
        }
        if (st.size == 8 && H5Tget_precision(base) == 64) {
            st.kind = Kind::F64;
            return st;
        }
        throw InvalidInput(where + ": expected a numeric array, found " + std::to_string(st.size * 8)
                           + "-bit floating point values (only 32 and 64 bit are supported)");
    }
    if (cls < 0)
        throw IoError(where + ": cannot read the element type");
    throw InvalidInput(where + ": expected a numeric array, found " + className(cls));
}

// The innermost message on HDF5's error stack, for our own error text.
std::string hdf5Message()
{
    std::string msg;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_DOWNWARD,
        [](unsigned n, const H5E_error2_t* e, void* data) -> herr_t {
            auto* m = static_cast<std::string*>(data);
            if (n == 0 && e && e->desc)
                *m = e->desc;
            return 0;
        },
        &msg);
    return msg.empty() ? std::string() : " (HDF5: " + msg + ")";
}

template <class T>
std::string valueText(T v)
{
    if constexpr (std::is_floating_point_v<T>) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
        return buf;
    } else {
        return std::to_string(v);
    }
}

[[noreturn]] void throwDoesNotFit(const std::string& where, const std::string& value, std::size_t index, Kind target)
{
    throw InvalidInput(where + ": value " + value + " at index " + std::to_string(index) + " does not fit in "
                       + kindName(target));
}

// Converts n stored values to T; narrowing conversions are checked, the first value that does not
// fit is reported with its index (`base` is the index of src[0] in the whole array).
template <class S, class T>
void convert(const S* src, T* dst, std::size_t n, std::size_t base, const std::string& where)
{
    if constexpr (std::is_same_v<S, T>) {
        std::memcpy(dst, src, n * sizeof(T));
    } else if constexpr (std::is_floating_point_v<T>) {
        for (std::size_t i = 0; i < n; ++i)
            dst[i] = static_cast<T>(src[i]);
    } else if constexpr (std::is_floating_point_v<S>) {
        // Floats into integers only when they are whole numbers in range.
        constexpr auto lo = static_cast<double>(std::numeric_limits<T>::min());
        constexpr auto hi = static_cast<double>(std::numeric_limits<T>::max());
        for (std::size_t i = 0; i < n; ++i) {
            const auto v = static_cast<double>(src[i]);
            if (!(v >= lo && v < hi + 1.0) || v != std::trunc(v))
                throwDoesNotFit(where, valueText(src[i]), base + i, kindOf<T>());
            dst[i] = static_cast<T>(v);
        }
    } else if constexpr (std::in_range<T>(std::numeric_limits<S>::min())
                         && std::in_range<T>(std::numeric_limits<S>::max())) {
        for (std::size_t i = 0; i < n; ++i)
            dst[i] = static_cast<T>(src[i]);
    } else {
        bool ok = true;
        for (std::size_t i = 0; i < n; ++i) {
            ok &= std::in_range<T>(src[i]);
            dst[i] = static_cast<T>(src[i]);
        }
        if (!ok) {
            for (std::size_t i = 0; i < n; ++i)
                if (!std::in_range<T>(src[i]))
                    throwDoesNotFit(where, valueText(src[i]), base + i, kindOf<T>());
        }
    }
}

// Whether HDF5's own conversion from `from` to T is exact (or, for floats, what the caller wants).
template <class T>
bool hdf5ConvertsSafely(Kind from)
{
    if constexpr (std::is_floating_point_v<T>)
        return true;
    else if constexpr (std::is_same_v<T, std::int32_t>)
        return from == Kind::I8 || from == Kind::U8 || from == Kind::I16 || from == Kind::U16 || from == Kind::I32;
    else
        return from != Kind::U64 && from != Kind::F32 && from != Kind::F64;
}

struct FilterInfo {
    H5Z_filter_t id = 0;
    std::vector<unsigned> cd;
};

void unshuffle(const std::uint8_t* src, std::uint8_t* dst, std::size_t bytes, std::size_t elemSize)
{
    if (elemSize <= 1) {
        std::memcpy(dst, src, bytes);
        return;
    }
    const std::size_t n = bytes / elemSize;
    for (std::size_t j = 0; j < elemSize; ++j) {
        const std::uint8_t* s = src + j * n;
        for (std::size_t i = 0; i < n; ++i)
            dst[i * elemSize + j] = s[i];
    }
    // HDF5's shuffle leaves a trailing partial element as is.
    std::memcpy(dst + n * elemSize, src + n * elemSize, bytes - n * elemSize);
}

// Undoes one filter: src[0, srcLen) -> dst (capacity cap). Returns the decoded length.
std::size_t decodeOne(const FilterInfo& f, const std::uint8_t* src, std::size_t srcLen, std::uint8_t* dst,
                      std::size_t cap, std::size_t elemSize, const std::string& where, std::size_t chunkIndex)
{
    auto corrupt = [&]() -> std::size_t {
        throw IoError(where + ": chunk " + std::to_string(chunkIndex) + " is corrupt (" + filterName(f.id)
                      + " data could not be decoded)");
    };
    switch (f.id) {
    case H5Z_FILTER_DEFLATE: {
        uLongf len = static_cast<uLongf>(cap);
        if (uncompress(dst, &len, src, static_cast<uLong>(srcLen)) != Z_OK)
            return corrupt();
        return len;
    }
    case H5Z_FILTER_SHUFFLE: {
        const std::size_t es = !f.cd.empty() && f.cd[0] ? f.cd[0] : elemSize;
        if (srcLen > cap)
            return corrupt();
        unshuffle(src, dst, srcLen, es);
        return srcLen;
    }
    case 32000: {
        const std::size_t len = detail::lzfDecompress(src, srcLen, dst, cap);
        if (len == 0 || len > cap)
            return corrupt();
        return len;
    }
    case 32001: {
        std::size_t nbytes = 0;
        if (blosc_cbuffer_validate(src, srcLen, &nbytes) != 0 || nbytes > cap)
            return corrupt();
        const int got = blosc_decompress_ctx(src, dst, cap, 1);
        if (got < 0 || static_cast<std::size_t>(got) != nbytes)
            return corrupt();
        return nbytes;
    }
    default:
        return corrupt();
    }
}

bool isParallelFilter(H5Z_filter_t id)
{
    return id == H5Z_FILTER_DEFLATE || id == H5Z_FILTER_SHUFFLE || id == 32000 || id == 32001;
}

struct ChunkLoc {
    haddr_t offset = 0; // absolute file offset
    hsize_t size = 0;
    unsigned mask = 0;
};

bool preadAll(int fd, void* buf, std::size_t size, std::uint64_t offset)
{
    auto* p = static_cast<std::uint8_t*>(buf);
    while (size > 0) {
        const ssize_t got = ::pread(fd, p, size, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        p += got;
        size -= static_cast<std::size_t>(got);
        offset += static_cast<std::uint64_t>(got);
    }
    return true;
}

// For files on the default (sec2) driver, chunk bytes can be read with pread on libhdf5's own
// descriptor from all threads at once, without holding the HDF5 lock. Returns the descriptor and
// every chunk's location, or -1 when that is not possible (other driver, lookup failure, or the
// first chunk's bytes differ from what H5Dread_chunk returns). Call with the lock held.
int locateChunks(hid_t dset, std::size_t nChunks, hsize_t chunk, std::vector<ChunkLoc>& locs)
{
    Handle file(H5Iget_file_id(dset));
    unsigned intent = 0;
    // Only read-only files: a writable one may hold chunks in libhdf5's cache not yet on disk.
    if (!file || H5Fget_intent(file.get(), &intent) < 0 || (intent & H5F_ACC_RDWR))
        return -1;
    Handle fapl(H5Fget_access_plist(file.get()));
    Handle fcpl(H5Fget_create_plist(file.get()));
    if (!fapl || !fcpl || H5Pget_driver(fapl.get()) != H5FD_SEC2)
        return -1;
    void* handle = nullptr;
    hsize_t userblock = 0;
    if (H5Fget_vfd_handle(file.get(), fapl.get(), &handle) < 0 || !handle || H5Pget_userblock(fcpl.get(), &userblock) < 0)
        return -1;
    const int fd = *static_cast<int*>(handle);
    locs.resize(nChunks);
    for (std::size_t c = 0; c < nChunks; ++c) {
        const hsize_t offset = static_cast<hsize_t>(c) * chunk;
        haddr_t addr = HADDR_UNDEF;
        if (H5Dget_chunk_info_by_coord(dset, &offset, &locs[c].mask, &addr, &locs[c].size) < 0 || addr == HADDR_UNDEF)
            return -1;
        // Addresses are relative to the base address, which is the end of the user block.
        locs[c].offset = addr + userblock;
    }
    // Trust but verify, on the first chunk.
    std::vector<std::uint8_t> viaHdf5(locs[0].size), viaFd(locs[0].size);
    const hsize_t zero = 0;
    std::uint32_t mask = 0;
    if (H5Dread_chunk(dset, H5P_DEFAULT, &zero, &mask, viaHdf5.data()) < 0
        || !preadAll(fd, viaFd.data(), viaFd.size(), locs[0].offset) || viaHdf5 != viaFd)
        return -1;
    return fd;
}

// Chunked 1-D dataset: raw chunks are read (pread from all threads, or H5Dread_chunk under the
// lock) and decoded/converted by OpenMP threads
// straight into their place in `out`. Returns false (before touching `out`) when a chunk is not
// allocated, so the caller falls back to H5Dread (which supplies fill values).
template <class T>
bool readChunked(hid_t dset, hid_t space, const StoredType& st, const std::vector<FilterInfo>& filters,
                 hsize_t chunk, std::span<T> out, const std::string& where, const CancelToken& cancel,
                 ProgressSink* progress)
{
    const std::size_t n = out.size();
    const std::size_t nChunks = (n + chunk - 1) / chunk;
    {
        std::lock_guard lock(g_hdf5Mutex);
        hsize_t allocated = 0;
        if (H5Dget_num_chunks(dset, space, &allocated) < 0 || allocated != nChunks)
            return false;
    }
    std::vector<ChunkLoc> locs;
    int fd = -1;
    {
        std::lock_guard lock(g_hdf5Mutex);
        fd = locateChunks(dset, nChunks, chunk, locs);
    }
    const std::size_t chunkBytes = static_cast<std::size_t>(chunk) * st.size;
    const bool sameType = st.kind == kindOf<T>();
    std::atomic<bool> stop{false};
    std::atomic<bool> cancelled{false};
    std::atomic<std::int64_t> done{0};
    std::exception_ptr error;
    std::mutex errorMutex;

#pragma omp parallel
    {
        std::vector<std::uint8_t> raw; // one compressed chunk
        std::vector<std::uint8_t> bufA, bufB; // decoded chunk (two for multi-filter pipelines)
#pragma omp for schedule(dynamic, 1)
        for (std::size_t c = 0; c < nChunks; ++c) {
            if (stop.load(std::memory_order_relaxed))
                continue;
            if (cancel.isCancelled()) {
                cancelled = true;
                stop = true;
                continue;
            }
            try {
                const hsize_t offset = static_cast<hsize_t>(c) * chunk;
                const std::size_t count = std::min<std::size_t>(chunk, n - offset);
                std::uint32_t mask = 0;
                // Unfiltered full chunk of the requested type: read straight into the output.
                const bool direct = filters.empty() && sameType && count == chunk;
                hsize_t stored = 0;
                if (fd >= 0) {
                    stored = locs[c].size;
                    mask = locs[c].mask;
                    void* dst = out.data() + offset;
                    if (!(direct && stored == chunkBytes)) {
                        raw.resize(stored);
                        dst = raw.data();
                    }
                    if (!preadAll(fd, dst, stored, locs[c].offset))
                        throw IoError(where + ": cannot read chunk " + std::to_string(c) + " (file truncated?)");
                } else {
                    std::lock_guard lock(g_hdf5Mutex);
                    if (H5Dget_chunk_storage_size(dset, &offset, &stored) < 0)
                        throw IoError(where + ": cannot locate chunk " + std::to_string(c) + hdf5Message());
                    if (direct && stored == chunkBytes) {
                        if (H5Dread_chunk(dset, H5P_DEFAULT, &offset, &mask, out.data() + offset) < 0)
                            throw IoError(where + ": cannot read chunk " + std::to_string(c) + hdf5Message());
                    } else {
                        raw.resize(stored);
                        if (H5Dread_chunk(dset, H5P_DEFAULT, &offset, &mask, raw.data()) < 0)
                            throw IoError(where + ": cannot read chunk " + std::to_string(c) + hdf5Message());
                    }
                }
                if (!(direct && stored == chunkBytes)) {
                    const std::uint8_t* p = raw.data();
                    std::size_t len = stored;
                    // Filters are undone last to first; a set mask bit means the writer skipped that
                    // filter for this chunk (h5py's LZF stores incompressible chunks as they are).
                    // The last stage decodes straight into the output when no conversion is needed.
                    std::size_t lastActive = filters.size();
                    for (std::size_t i = 0; i < filters.size() && lastActive == filters.size(); ++i)
                        if (!(mask & (1u << i)))
                            lastActive = i;
                    const bool intoOutput = sameType && count == chunk && lastActive < filters.size();
                    for (std::size_t i = filters.size(); i-- > 0;) {
                        if (mask & (1u << i))
                            continue;
                        std::uint8_t* dst = nullptr;
                        if (intoOutput && i == lastActive) {
                            dst = reinterpret_cast<std::uint8_t*>(out.data() + offset);
                        } else {
                            std::vector<std::uint8_t>& buf = (p == bufA.data()) ? bufB : bufA;
                            if (buf.size() < chunkBytes)
                                buf.resize(chunkBytes);
                            dst = buf.data();
                        }
                        len = decodeOne(filters[i], p, len, dst, chunkBytes, st.size, where, c);
                        p = dst;
                    }
                    if (len < count * st.size)
                        throw IoError(where + ": chunk " + std::to_string(c) + " holds " + std::to_string(len)
                                      + " bytes, expected " + std::to_string(count * st.size));
                    if (!intoOutput) {
                        visitKind(st.kind, [&](auto tag) {
                            using S = decltype(tag);
                            convert(reinterpret_cast<const S*>(p), out.data() + offset, count, offset, where);
                        });
                    }
                }
                const std::int64_t now = done.fetch_add(static_cast<std::int64_t>(count)) + static_cast<std::int64_t>(count);
                if (progress)
                    progress->setProgress(now);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
            }
        }
    }
    if (error)
        std::rethrow_exception(error);
    if (cancelled)
        throw Cancelled();
    return true;
}

// Everything else: H5Dread in blocks along the first dimension (rows of an n-D array land in C
// order), letting HDF5 convert when that is exact and checking narrowing conversions ourselves.
template <class T>
void readPlain(hid_t dset, hid_t space, const StoredType& st, hid_t fileType, std::span<T> out,
               const std::string& where, const CancelToken& cancel, ProgressSink* progress)
{
    const int rank = H5Sget_simple_extent_ndims(space);
    std::array<hsize_t, H5S_MAX_RANK> dims{};
    if (rank < 0 || H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0)
        throw IoError(where + ": cannot read the dataspace" + hdf5Message());
    const bool hdf5Converts = !st.isEnum && hdf5ConvertsSafely<T>(st.kind);
    Handle memStored;
    if (!hdf5Converts) {
        memStored = Handle(st.isEnum ? H5Tget_native_type(fileType, H5T_DIR_ASCEND) : H5Tcopy(nativeType(st.kind)));
        if (!memStored)
            throw IoError(where + ": cannot set up the memory type" + hdf5Message());
    }
    auto readInto = [&](hid_t fspace, hid_t mspace, std::size_t base, std::size_t count, std::vector<std::uint8_t>& tmp) {
        if (hdf5Converts) {
            if (H5Dread(dset, nativeType(kindOf<T>()), mspace, fspace, H5P_DEFAULT, out.data() + base) < 0)
                throw IoError(where + ": cannot read the data" + hdf5Message());
            return;
        }
        tmp.resize(count * st.size);
        if (H5Dread(dset, memStored.get(), mspace, fspace, H5P_DEFAULT, tmp.data()) < 0)
            throw IoError(where + ": cannot read the data" + hdf5Message());
        visitKind(st.kind, [&](auto tag) {
            using S = decltype(tag);
            convert(reinterpret_cast<const S*>(tmp.data()), out.data() + base, count, base, where);
        });
    };
    std::vector<std::uint8_t> tmp;
    const std::size_t n = out.size();
    if (rank == 0) {
        readInto(H5S_ALL, H5S_ALL, 0, n, tmp);
        if (progress)
            progress->setProgress(static_cast<std::int64_t>(n));
        return;
    }
    std::size_t rowElems = 1;
    for (int i = 1; i < rank; ++i)
        rowElems *= dims[static_cast<std::size_t>(i)];
    const hsize_t rowsPerBlock = std::max<hsize_t>(1, kBlockElements / std::max<std::size_t>(rowElems, 1));
    Handle fspace(H5Scopy(space));
    for (hsize_t row = 0; row < dims[0]; row += rowsPerBlock) {
        cancel.throwIfCancelled();
        const hsize_t rows = std::min(rowsPerBlock, dims[0] - row);
        std::array<hsize_t, H5S_MAX_RANK> start{}, count = dims;
        start[0] = row;
        count[0] = rows;
        const hsize_t elems = rows * rowElems;
        Handle mspace(H5Screate_simple(1, &elems, nullptr));
        if (!fspace || !mspace
            || H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
            throw IoError(where + ": cannot select rows" + hdf5Message());
        readInto(fspace.get(), mspace.get(), static_cast<std::size_t>(row * rowElems), static_cast<std::size_t>(elems),
                 tmp);
        if (progress)
            progress->setProgress(static_cast<std::int64_t>((row + rows) * rowElems));
    }
}

// Large fresh outputs: have the kernel map their pages from all threads at once (one call per
// range instead of a page fault per 4 KiB, which on the reference VM costs as much as the read).
void prefault(void* data, std::size_t bytes)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    constexpr std::size_t kMinBytes = std::size_t{64} << 20;
    constexpr std::uintptr_t kPage = 4096;
    if (bytes < kMinBytes)
        return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kPage - 1);
    if (end <= begin)
        return;
    const std::uintptr_t span = end - begin;
#pragma omp parallel
    {
        const auto t = static_cast<std::uintptr_t>(omp_get_thread_num());
        const auto k = static_cast<std::uintptr_t>(omp_get_num_threads());
        const std::uintptr_t lo = begin + ((span / k * t) & ~(kPage - 1));
        const std::uintptr_t hi = t + 1 == k ? end : begin + ((span / k * (t + 1)) & ~(kPage - 1));
        // Failure (kernels before 5.14) only means the pages fault in later, as usual.
        if (hi > lo)
            madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_POPULATE_WRITE);
    }
#else
    (void)data;
    (void)bytes;
#endif
}

// Reads into `out`: either a vector sized here (`vector` set) or caller-owned memory of exactly
// the dataset's element count (`fixed`), e.g. an Eigen matrix, so no second copy is ever made.
template <class T>
void readArrayImpl(hid_t dataset, std::vector<T>* vector, std::span<T> fixed, const std::string& where,
                   const CancelToken& cancel, ProgressSink* progress)
{
    registerFilters();
    std::unique_lock lock(g_hdf5Mutex);
    ErrorSilencer silence;
    Handle space(H5Dget_space(dataset));
    if (!space)
        throw IoError(where + ": cannot read the dataspace" + hdf5Message());
    Handle fileType(H5Dget_type(dataset));
    if (!fileType)
        throw IoError(where + ": cannot read the element type" + hdf5Message());
    const StoredType st = classify(fileType.get(), where);
    const H5S_class_t spaceClass = H5Sget_simple_extent_type(space.get());
    const hssize_t npoints = spaceClass == H5S_NULL ? 0 : H5Sget_simple_extent_npoints(space.get());
    if (npoints < 0)
        throw IoError(where + ": cannot read the dataspace" + hdf5Message());
    const auto n = static_cast<std::size_t>(npoints);

    std::span<T> out = fixed;
    if (vector) {
        // Size the output once; release a smaller old buffer first so peak memory is the output alone.
        if (vector->capacity() < n) {
            std::vector<T>().swap(*vector);
            vector->reserve(n);
            prefault(vector->data(), n * sizeof(T));
        }
        vector->clear();
        vector->resize(n);
        out = std::span<T>(*vector);
    } else if (out.size() != n) {
        throw InvalidInput(where + ": holds " + std::to_string(n) + " values, expected " + std::to_string(out.size()));
    }
    if (progress)
        progress->setRange(static_cast<std::int64_t>(n));
    if (n == 0)
        return;

    Handle dcpl(H5Dget_create_plist(dataset));
    if (!dcpl)
        throw IoError(where + ": cannot read the dataset's creation properties" + hdf5Message());
    const int nFilters = H5Pget_nfilters(dcpl.get());
    std::vector<FilterInfo> filters;
    bool parallelFilters = true;
    for (int i = 0; i < nFilters; ++i) {
        FilterInfo f;
        unsigned flags = 0, config = 0;
        std::array<unsigned, 16> cd{};
        size_t cdCount = cd.size();
        f.id = H5Pget_filter2(dcpl.get(), static_cast<unsigned>(i), &flags, &cdCount, cd.data(), 0, nullptr, &config);
        if (f.id < 0)
            throw IoError(where + ": cannot read the filter pipeline" + hdf5Message());
        f.cd.assign(cd.begin(), cd.begin() + static_cast<std::ptrdiff_t>(std::min(cdCount, cd.size())));
        if (H5Zfilter_avail(f.id) <= 0)
            throw IoError(where + ": compressed with the '" + filterName(f.id) + "' filter (HDF5 filter "
                          + std::to_string(f.id) + "), which this build cannot decode");
        parallelFilters = parallelFilters && isParallelFilter(f.id);
        filters.push_back(std::move(f));
    }

    if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED && H5Sget_simple_extent_ndims(space.get()) == 1 && parallelFilters
        && st.littleEndian) {
        hsize_t chunk = 0;
        if (H5Pget_chunk(dcpl.get(), 1, &chunk) == 1 && chunk > 0) {
            lock.unlock();
            bool done = false;
            try {
                done = readChunked(dataset, space.get(), st, filters, chunk, out, where, cancel, progress);
            } catch (...) {
                lock.lock();
                throw;
            }
            lock.lock();
            if (done)
                return;
        }
    }
    readPlain(dataset, space.get(), st, fileType.get(), out, where, cancel, progress);
}

} // namespace

void readArray(hid_t dataset, std::vector<float>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress)
{
    readArrayImpl<float>(dataset, &out, {}, where, cancel, progress);
}

void readArray(hid_t dataset, std::vector<double>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress)
{
    readArrayImpl<double>(dataset, &out, {}, where, cancel, progress);
}

void readArray(hid_t dataset, std::vector<std::int32_t>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress)
{
    readArrayImpl<std::int32_t>(dataset, &out, {}, where, cancel, progress);
}

void readArray(hid_t dataset, std::vector<std::int64_t>& out, const std::string& where, const CancelToken& cancel,
               ProgressSink* progress)
{
    readArrayImpl<std::int64_t>(dataset, &out, {}, where, cancel, progress);
}

void readArrayInto(hid_t dataset, std::span<float> out, const std::string& where, const CancelToken& cancel,
                   ProgressSink* progress)
{
    readArrayImpl<float>(dataset, nullptr, out, where, cancel, progress);
}

} // namespace scdesk::h5
