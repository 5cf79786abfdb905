#include "io/h5ad/filters.h"

#include <blosc.h>
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

namespace scdesk::h5 {

namespace {

constexpr H5Z_filter_t kLzfId = 32000;
constexpr H5Z_filter_t kBloscId = 32001;
// What h5py's filter writes into cd_values[0..1]; readers ignore them.
constexpr unsigned kLzfFilterVersion = 4;
constexpr unsigned kLzfFormatVersion = 0x0105;
constexpr unsigned kBloscFilterVersion = 2;

// Chunk size in bytes from the dataset creation property list (for set_local).
bool chunkBytes(hid_t dcpl, hid_t type, std::size_t& bytes)
{
    std::array<hsize_t, H5S_MAX_RANK> dims{};
    const int rank = H5Pget_chunk(dcpl, H5S_MAX_RANK, dims.data());
    const std::size_t typeSize = H5Tget_size(type);
    if (rank <= 0 || typeSize == 0)
        return false;
    bytes = typeSize;
    for (int i = 0; i < rank; ++i)
        bytes *= dims[static_cast<std::size_t>(i)];
    return true;
}

htri_t lzfCanApply(hid_t, hid_t, hid_t)
{
    return 1;
}

herr_t lzfSetLocal(hid_t dcpl, hid_t type, hid_t)
{
    std::size_t bytes = 0;
    if (!chunkBytes(dcpl, type, bytes) || bytes > 0xffffffffu)
        return -1;
    const unsigned values[3] = {kLzfFilterVersion, kLzfFormatVersion, static_cast<unsigned>(bytes)};
    unsigned flags = 0;
    size_t n = 0;
    if (H5Pget_filter_by_id2(dcpl, kLzfId, &flags, &n, nullptr, 0, nullptr, nullptr) < 0)
        return -1;
    return H5Pmodify_filter(dcpl, kLzfId, flags, 3, values);
}

// H5Z filter callback: returns the new data size, 0 on failure (libhdf5 then stores the chunk
// unfiltered when the filter is optional, as h5py registers LZF, or reports an error on read).
size_t lzfFilter(unsigned flags, size_t cdCount, const unsigned cdValues[], size_t nbytes, size_t* bufSize, void** buf)
{
    if (flags & H5Z_FLAG_REVERSE) {
        // h5py stores the chunk's uncompressed size in cd_values[2]; grow if it is absent or wrong.
        std::size_t outSize = (cdCount >= 3 && cdValues[2] != 0) ? cdValues[2] : std::max<std::size_t>(*bufSize, 64);
        for (;;) {
            void* out = H5allocate_memory(outSize, false);
            if (!out)
                return 0;
            const std::size_t got = detail::lzfDecompress(*buf, nbytes, out, outSize);
            if (got > 0 && got <= outSize) {
                H5free_memory(*buf);
                *buf = out;
                *bufSize = outSize;
                return got;
            }
            H5free_memory(out);
            if (got == 0 || outSize > (std::size_t{1} << 32))
                return 0;
            outSize *= 2;
        }
    }
    if (nbytes == 0)
        return 0;
    void* out = H5allocate_memory(nbytes, false);
    if (!out)
        return 0;
    const std::size_t got = detail::lzfCompress(*buf, nbytes, out, nbytes);
    if (got == 0) {
        H5free_memory(out);
        return 0;
    }
    H5free_memory(*buf);
    *buf = out;
    *bufSize = nbytes;
    return got;
}

htri_t bloscCanApply(hid_t, hid_t, hid_t)
{
    return 1;
}

// cd_values: [0] filter version, [1] Blosc format, [2] type size, [3] chunk bytes,
// [4] clevel, [5] shuffle, [6] compressor code (as in the reference hdf5-blosc filter).
herr_t bloscSetLocal(hid_t dcpl, hid_t type, hid_t)
{
    unsigned flags = 0;
    size_t n = 8;
    unsigned values[8] = {};
    if (H5Pget_filter_by_id2(dcpl, kBloscId, &flags, &n, values, 0, nullptr, nullptr) < 0)
        return -1;
    std::size_t bytes = 0;
    if (!chunkBytes(dcpl, type, bytes) || bytes > 0xffffffffu)
        return -1;
    std::size_t typeSize = H5Tget_size(type);
    if (typeSize > BLOSC_MAX_TYPESIZE)
        typeSize = 1;
    n = std::max<size_t>(n, 4);
    n = std::min<size_t>(n, 7);
    values[0] = kBloscFilterVersion;
    values[1] = BLOSC_VERSION_FORMAT;
    values[2] = static_cast<unsigned>(typeSize);
    values[3] = static_cast<unsigned>(bytes);
    return H5Pmodify_filter(dcpl, kBloscId, flags, n, values);
}

size_t bloscFilter(unsigned flags, size_t cdCount, const unsigned cdValues[], size_t nbytes, size_t* bufSize, void** buf)
{
    if (flags & H5Z_FLAG_REVERSE) {
        std::size_t outSize = 0;
        if (blosc_cbuffer_validate(*buf, nbytes, &outSize) != 0 || outSize == 0)
            return 0;
        void* out = H5allocate_memory(outSize, false);
        if (!out)
            return 0;
        // The _ctx variant keeps no global state, so concurrent readers are safe.
        const int got = blosc_decompress_ctx(*buf, out, outSize, 1);
        if (got <= 0 || static_cast<std::size_t>(got) != outSize) {
            H5free_memory(out);
            return 0;
        }
        H5free_memory(*buf);
        *buf = out;
        *bufSize = outSize;
        return outSize;
    }
    if (cdCount < 4 || nbytes == 0 || nbytes > static_cast<std::size_t>(BLOSC_MAX_BUFFERSIZE))
        return 0;
    const std::size_t typeSize = cdValues[2] ? cdValues[2] : 1;
    const int clevel = cdCount >= 5 ? static_cast<int>(cdValues[4]) : 5;
    const int shuffle = cdCount >= 6 ? static_cast<int>(cdValues[5]) : BLOSC_SHUFFLE;
    const int code = cdCount >= 7 ? static_cast<int>(cdValues[6]) : BLOSC_BLOSCLZ;
    const char* compName = nullptr;
    if (blosc_compcode_to_compname(code, &compName) < 0 || !compName)
        return 0;
    const std::size_t outSize = nbytes + BLOSC_MAX_OVERHEAD;
    void* out = H5allocate_memory(outSize, false);
    if (!out)
        return 0;
    const int got = blosc_compress_ctx(clevel, shuffle, typeSize, nbytes, *buf, out, outSize, compName, 0, 1);
    if (got <= 0) {
        H5free_memory(out);
        return 0;
    }
    H5free_memory(*buf);
    *buf = out;
    *bufSize = outSize;
    return static_cast<size_t>(got);
}

std::once_flag g_registerOnce;

} // namespace

namespace detail {

std::size_t lzfDecompress(const void* in, std::size_t inSize, void* out, std::size_t outSize)
{
    const auto* ip = static_cast<const std::uint8_t*>(in);
    const std::uint8_t* const inEnd = ip + inSize;
    auto* const outBegin = static_cast<std::uint8_t*>(out);
    std::uint8_t* op = outBegin;
    std::uint8_t* const outEnd = outBegin + outSize;
    while (ip < inEnd) {
        const unsigned ctrl = *ip++;
        if (ctrl < 32) {
            // Literal run of ctrl + 1 bytes.
            const std::size_t len = ctrl + 1;
            if (static_cast<std::size_t>(inEnd - ip) < len)
                return 0;
            if (static_cast<std::size_t>(outEnd - op) < len)
                return outSize + 1;
            std::memcpy(op, ip, len);
            op += len;
            ip += len;
            continue;
        }
        // Back-reference: length (ctrl >> 5) + 2, 7 meaning one more length byte follows.
        std::size_t len = ctrl >> 5;
        if (len == 7) {
            if (ip >= inEnd)
                return 0;
            len += *ip++;
        }
        len += 2;
        if (ip >= inEnd)
            return 0;
        const std::size_t offset = ((static_cast<std::size_t>(ctrl & 0x1f) << 8) | *ip++) + 1;
        if (offset > static_cast<std::size_t>(op - outBegin))
            return 0;
        if (static_cast<std::size_t>(outEnd - op) < len)
            return outSize + 1;
        const std::uint8_t* ref = op - offset;
        if (offset >= len) {
            std::memcpy(op, ref, len);
            op += len;
        } else {
            // Overlapping copy repeats the pattern; must go byte by byte.
            for (std::size_t i = 0; i < len; ++i)
                *op++ = *ref++;
        }
    }
    return static_cast<std::size_t>(op - outBegin);
}

std::size_t lzfCompress(const void* in, std::size_t inSize, void* out, std::size_t outSize)
{
    // A plain greedy LZF encoder (hash of the next three bytes -> last position); its output is
    // valid for any LZF decoder. Used for tests and for writing; speed is secondary.
    const auto* src = static_cast<const std::uint8_t*>(in);
    auto* dst = static_cast<std::uint8_t*>(out);
    if (inSize == 0 || outSize < 2)
        return 0;
    constexpr unsigned kHashBits = 14;
    constexpr std::size_t kMaxOffset = 1 << 13;
    constexpr std::size_t kMaxLen = 264;
    std::vector<std::int64_t> table(std::size_t{1} << kHashBits, -1);
    auto hash = [&](std::size_t i) {
        const std::uint32_t v = (std::uint32_t{src[i]} << 16) | (std::uint32_t{src[i + 1]} << 8) | src[i + 2];
        return (v * 2654435761u) >> (32 - kHashBits);
    };
    std::size_t ip = 0;
    std::size_t op = 1; // dst[op - lit - 1] is the control byte of the literal run in progress
    std::size_t lit = 0;
    while (ip < inSize) {
        if (op + 4 >= outSize)
            return 0;
        if (ip + 2 < inSize) {
            const std::uint32_t h = hash(ip);
            const std::int64_t ref = table[h];
            table[h] = static_cast<std::int64_t>(ip);
            if (ref >= 0) {
                const auto r = static_cast<std::size_t>(ref);
                const std::size_t off = ip - r - 1;
                if (off < kMaxOffset && src[r] == src[ip] && src[r + 1] == src[ip + 1] && src[r + 2] == src[ip + 2]) {
                    const std::size_t maxLen = std::min(kMaxLen, inSize - ip);
                    std::size_t len = 3;
                    while (len < maxLen && src[r + len] == src[ip + len])
                        ++len;
                    if (lit)
                        dst[op - lit - 1] = static_cast<std::uint8_t>(lit - 1);
                    else
                        --op; // drop the reserved control byte
                    const std::size_t l = len - 2;
                    if (l < 7) {
                        dst[op++] = static_cast<std::uint8_t>((off >> 8) + (l << 5));
                    } else {
                        dst[op++] = static_cast<std::uint8_t>((off >> 8) + (7 << 5));
                        dst[op++] = static_cast<std::uint8_t>(l - 7);
                    }
                    dst[op++] = static_cast<std::uint8_t>(off & 0xff);
                    ip += len;
                    ++op; // reserve the next literal run's control byte
                    lit = 0;
                    continue;
                }
            }
        }
        dst[op++] = src[ip++];
        if (++lit == 32) {
            dst[op - lit - 1] = 31;
            lit = 0;
            ++op;
        }
    }
    if (lit)
        dst[op - lit - 1] = static_cast<std::uint8_t>(lit - 1);
    else
        --op;
    return op;
}

} // namespace detail

void registerFilters()
{
    std::call_once(g_registerOnce, [] {
        static const H5Z_class2_t lzf = {H5Z_CLASS_T_VERS, kLzfId, 1, 1, "lzf", lzfCanApply, lzfSetLocal, lzfFilter};
        static const H5Z_class2_t blosc = {H5Z_CLASS_T_VERS, kBloscId, 1, 1, "blosc", bloscCanApply, bloscSetLocal,
                                           bloscFilter};
        // Failure leaves the filter unavailable; readers then report it by name.
        H5Zregister(&lzf);
        H5Zregister(&blosc);
    });
}

std::string filterName(int filterId)
{
    switch (filterId) {
    case H5Z_FILTER_DEFLATE:
        return "gzip";
    case H5Z_FILTER_SHUFFLE:
        return "shuffle";
    case H5Z_FILTER_FLETCHER32:
        return "fletcher32";
    case H5Z_FILTER_SZIP:
        return "szip";
    case H5Z_FILTER_NBIT:
        return "nbit";
    case H5Z_FILTER_SCALEOFFSET:
        return "scaleoffset";
    case 307:
        return "bzip2";
    case 32000:
        return "lzf";
    case 32001:
        return "blosc";
    case 32004:
        return "lz4";
    case 32008:
        return "bitshuffle";
    case 32013:
        return "zfp";
    case 32015:
        return "zstd";
    case 32017:
        return "sz";
    default:
        return "filter " + std::to_string(filterId);
    }
}

} // namespace scdesk::h5
