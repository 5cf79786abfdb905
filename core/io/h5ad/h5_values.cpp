#include "io/h5ad/h5_values.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "util/errors.h"

namespace scdesk::h5 {

namespace {

herr_t innermost(unsigned n, const H5E_error2_t* err, void* data)
{
    // The walk starts at the innermost frame; keep its description.
    auto* out = static_cast<std::string*>(data);
    if (n == 0 && err->desc)
        *out = err->desc;
    return 0;
}

[[noreturn]] void fail(const Source& s, const std::string& what)
{
    const std::string detail = lastHdf5Error();
    throw IoError(s.where + ": " + what + (detail.empty() ? "" : " (" + detail + ")"));
}

// Reads the elements as their native in-memory form of an integer-like type and widens to int64.
std::vector<std::int64_t> readIntegerBytes(const Source& s, hid_t ftype)
{
    const std::int64_t n = s.count();
    Handle mem(H5Tget_native_type(ftype, H5T_DIR_ASCEND));
    if (!mem)
        fail(s, "unsupported element type");
    const std::size_t size = H5Tget_size(mem.get());
    if (size == 0 || size > 8)
        fail(s, "unsupported integer size");
    hid_t super = ftype;
    Handle base;
    if (H5Tget_class(ftype) == H5T_ENUM) {
        base = Handle(H5Tget_super(ftype));
        super = base.get();
    }
    const bool isSigned = H5Tget_class(super) == H5T_INTEGER && H5Tget_sign(super) == H5T_SGN_2;
    std::vector<unsigned char> raw(static_cast<std::size_t>(n) * size);
    s.read(mem.get(), raw.data());
    std::vector<std::int64_t> out(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < out.size(); ++i) {
        const unsigned char* p = raw.data() + i * size;
        switch (size) {
        case 1: out[i] = isSigned ? std::int64_t(std::int8_t(p[0])) : std::int64_t(p[0]); break;
        case 2: { std::uint16_t v; std::memcpy(&v, p, 2); out[i] = isSigned ? std::int64_t(std::int16_t(v)) : std::int64_t(v); break; }
        case 4: { std::uint32_t v; std::memcpy(&v, p, 4); out[i] = isSigned ? std::int64_t(std::int32_t(v)) : std::int64_t(v); break; }
        case 8: { std::int64_t v; std::memcpy(&v, p, 8); out[i] = v; break; }
        default: { std::uint64_t v = 0; std::memcpy(&v, p, size); out[i] = std::int64_t(v); }
        }
    }
    return out;
}

} // namespace

Handle Source::fileType() const
{
    Handle t(attribute ? H5Aget_type(id) : H5Dget_type(id));
    if (!t)
        fail(*this, "cannot read the element type");
    if (field.empty())
        return t;
    if (H5Tget_class(t.get()) != H5T_COMPOUND)
        fail(*this, "expected a compound type with field '" + field + "'");
    const int idx = H5Tget_member_index(t.get(), field.c_str());
    if (idx < 0)
        fail(*this, "no field '" + field + "'");
    return Handle(H5Tget_member_type(t.get(), static_cast<unsigned>(idx)));
}

Handle Source::space() const
{
    Handle sp(attribute ? H5Aget_space(id) : H5Dget_space(id));
    if (!sp)
        fail(*this, "cannot read the dataspace");
    return sp;
}

std::int64_t Source::count() const
{
    Handle sp = space();
    if (H5Sget_simple_extent_type(sp.get()) == H5S_NULL)
        return 0;
    const hssize_t n = H5Sget_simple_extent_npoints(sp.get());
    if (n < 0)
        fail(*this, "cannot read the dataspace");
    return n;
}

std::vector<std::int64_t> Source::dims() const
{
    Handle sp = space();
    if (H5Sget_simple_extent_type(sp.get()) == H5S_NULL)
        return {0};
    const int rank = H5Sget_simple_extent_ndims(sp.get());
    if (rank < 0)
        fail(*this, "cannot read the dataspace");
    std::vector<hsize_t> d(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(sp.get(), d.data(), nullptr);
    return {d.begin(), d.end()};
}

void Source::read(hid_t memType, void* buffer) const
{
    if (count() == 0)
        return;
    herr_t rc;
    if (field.empty()) {
        rc = attribute ? H5Aread(id, memType, buffer) : H5Dread(id, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    } else {
        Handle wrap(H5Tcreate(H5T_COMPOUND, H5Tget_size(memType)));
        H5Tinsert(wrap.get(), field.c_str(), 0, memType);
        rc = attribute ? H5Aread(id, wrap.get(), buffer) : H5Dread(id, wrap.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    }
    if (rc < 0)
        fail(*this, "cannot read the values");
}

std::string sanitizeUtf8(std::string text)
{
    std::string out;
    std::size_t i = 0;
    const std::size_t n = text.size();
    bool clean = true;
    auto valid = [&](std::size_t at, std::size_t& len) {
        const auto c = static_cast<unsigned char>(text[at]);
        if (c < 0x80) { len = 1; return true; }
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (at + len > n)
            return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(text[at + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        return true;
    };
    while (i < n) {
        std::size_t len = 1;
        if (valid(i, len)) {
            if (!clean)
                out.append(text, i, len);
            i += len;
        } else {
            if (clean) {
                out.assign(text, 0, i);
                clean = false;
            }
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return clean ? text : out;
}

std::string lastHdf5Error()
{
    std::string out;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &out);
    return out;
}

bool isString(hid_t type) { return H5Tget_class(type) == H5T_STRING; }

bool isBoolLike(hid_t type)
{
    const H5T_class_t c = H5Tget_class(type);
    return c == H5T_ENUM || c == H5T_BITFIELD;
}

bool isNumeric(hid_t type)
{
    const H5T_class_t c = H5Tget_class(type);
    return c == H5T_INTEGER || c == H5T_FLOAT;
}

bool isInteger(hid_t type) { return H5Tget_class(type) == H5T_INTEGER; }

std::string numpyDtypeName(hid_t type)
{
    const std::size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
    case H5T_FLOAT: return "float" + std::to_string(size * 8);
    case H5T_INTEGER:
        return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(size * 8);
    case H5T_ENUM:
    case H5T_BITFIELD: return "bool";
    case H5T_STRING: return "object";
    case H5T_COMPOUND: return "record";
    default: return "unknown";
    }
}

namespace {
thread_local std::vector<std::string>* t_utf8Repairs = nullptr;

std::string sanitizeNoting(std::string text, const Source& s, bool& noted)
{
    std::string clean = sanitizeUtf8(text);
    if (!noted && clean != text && t_utf8Repairs) {
        t_utf8Repairs->push_back(s.where);
        noted = true;
    }
    return clean;
}
} // namespace

Utf8RepairLog::Utf8RepairLog() : m_previous(t_utf8Repairs) { t_utf8Repairs = &m_elements; }
Utf8RepairLog::~Utf8RepairLog() { t_utf8Repairs = m_previous; }

std::vector<std::string> readStrings(const Source& s)
{
    bool noted = false;
    Handle ftype = s.fileType();
    if (!isString(ftype.get()))
        fail(s, "expected strings, found " + numpyDtypeName(ftype.get()));
    const std::int64_t n = s.count();
    std::vector<std::string> out(static_cast<std::size_t>(n));
    if (n == 0)
        return out;
    Handle mem(H5Tcopy(ftype.get()));
    if (H5Tis_variable_str(ftype.get()) > 0) {
        std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
        s.read(mem.get(), ptrs.data());
        for (std::size_t i = 0; i < out.size(); ++i)
            if (ptrs[i])
                out[i] = sanitizeNoting(ptrs[i], s, noted);
        // Free what HDF5 allocated; for a field, reclaim through the wrapping compound type.
        if (s.field.empty()) {
            Handle sp = s.space();
            H5Dvlen_reclaim(mem.get(), sp.get(), H5P_DEFAULT, ptrs.data());
        } else {
            for (char* p : ptrs)
                H5free_memory(p);
        }
        return out;
    }
    const std::size_t size = H5Tget_size(ftype.get());
    const bool spacePad = H5Tget_strpad(ftype.get()) == H5T_STR_SPACEPAD;
    std::vector<char> raw(static_cast<std::size_t>(n) * size);
    s.read(mem.get(), raw.data());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char* p = raw.data() + i * size;
        std::size_t len = strnlen(p, size);
        if (spacePad)
            while (len > 0 && p[len - 1] == ' ')
                --len;
        out[i] = sanitizeNoting(std::string(p, len), s, noted);
    }
    return out;
}

std::vector<double> readDoubles(const Source& s)
{
    Handle ftype = s.fileType();
    if (isBoolLike(ftype.get())) {
        const auto v = readIntegerBytes(s, ftype.get());
        return {v.begin(), v.end()};
    }
    if (!isNumeric(ftype.get()))
        fail(s, "expected numbers, found " + numpyDtypeName(ftype.get()));
    std::vector<double> out(static_cast<std::size_t>(s.count()));
    s.read(H5T_NATIVE_DOUBLE, out.data());
    return out;
}

std::vector<std::int64_t> readInt64s(const Source& s)
{
    Handle ftype = s.fileType();
    if (isBoolLike(ftype.get()))
        return readIntegerBytes(s, ftype.get());
    if (H5Tget_class(ftype.get()) == H5T_FLOAT) {
        const auto d = readDoubles(s);
        std::vector<std::int64_t> out(d.size());
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (!std::isfinite(d[i]) || d[i] != std::floor(d[i]))
                fail(s, "expected integers, found the value " + formatNumber(d[i], false));
            out[i] = static_cast<std::int64_t>(d[i]);
        }
        return out;
    }
    if (!isInteger(ftype.get()))
        fail(s, "expected integers, found " + numpyDtypeName(ftype.get()));
    std::vector<std::int64_t> out(static_cast<std::size_t>(s.count()));
    s.read(H5T_NATIVE_INT64, out.data());
    return out;
}

std::vector<std::uint8_t> readBools(const Source& s)
{
    Handle ftype = s.fileType();
    std::vector<std::uint8_t> out;
    if (H5Tget_class(ftype.get()) == H5T_FLOAT) {
        const auto d = readDoubles(s);
        out.reserve(d.size());
        for (double v : d)
            out.push_back(v != 0.0 ? 1 : 0);
        return out;
    }
    const auto v = readInt64s(s);
    out.reserve(v.size());
    for (auto x : v)
        out.push_back(x != 0 ? 1 : 0);
    return out;
}

std::string formatNumber(double v, bool integer)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    if (integer || (v == std::floor(v) && std::fabs(v) < 1e15 && integer))
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    else
        std::snprintf(buf, sizeof buf, "%.17g", v);
    // Shortest form that round-trips, as Python prints floats.
    if (!integer)
        for (int prec = 1; prec <= 17; ++prec) {
            std::snprintf(buf, sizeof buf, "%.*g", prec, v);
            if (std::strtod(buf, nullptr) == v)
                break;
        }
    return buf;
}

std::vector<std::string> readAsText(const Source& s)
{
    Handle ftype = s.fileType();
    if (isString(ftype.get()))
        return readStrings(s);
    std::vector<std::string> out;
    if (isBoolLike(ftype.get())) {
        for (auto b : readBools(s))
            out.push_back(b ? "True" : "False");
        return out;
    }
    if (isInteger(ftype.get())) {
        for (auto v : readInt64s(s))
            out.push_back(std::to_string(v));
        return out;
    }
    for (double v : readDoubles(s))
        out.push_back(formatNumber(v, false));
    return out;
}

} // namespace scdesk::h5
