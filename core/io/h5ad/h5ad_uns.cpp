#include "io/h5ad/h5ad_uns.h"

#include <cmath>

#include "io/h5ad/h5_attributes.h"
#include "io/h5ad/h5_values.h"
#include "io/h5ad/h5ad_frames.h"
#include "util/cancel_token.h"

namespace scdesk::h5ad {

namespace {

using h5::Handle;
using h5::Source;
using nlohmann::json;

json notLoaded(const std::string& encoding, const std::vector<std::int64_t>& shape)
{
    return json{{"scdesk-not-loaded", encoding}, {"shape", shape}};
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json number(double v, bool integer)
{
    if (integer && std::isfinite(v))
        return static_cast<std::int64_t>(v);
    return v; // NaN/inf serialise as null
}

// Flat values into a nested array following `dims` (row-major).
json nest(const std::vector<json>& flat, const std::vector<std::int64_t>& dims, std::size_t level, std::size_t& at)
{
    json a = json::array();
    for (std::int64_t i = 0; i < dims[level]; ++i) {
        if (level + 1 == dims.size())
            a.push_back(flat[at++]);
        else
            a.push_back(nest(flat, dims, level + 1, at));
    }
    return a;
}

std::vector<json> flatValues(const Source& s)
{
    Handle type = s.fileType();
    std::vector<json> out;
    if (h5::isString(type.get())) {
        for (auto& v : h5::readStrings(s))
            out.emplace_back(std::move(v));
    } else if (h5::isBoolLike(type.get())) {
        for (auto b : h5::readBools(s))
            out.emplace_back(b != 0);
    } else if (h5::isInteger(type.get())) {
        for (auto v : h5::readInt64s(s))
            out.emplace_back(v);
    } else if (h5::isNumeric(type.get())) {
        for (double v : h5::readDoubles(s))
            out.push_back(number(v, false));
    } else {
        throw UnsupportedElement(s.where + ": values of type " + h5::numpyDtypeName(type.get()) + " are not supported");
    }
    return out;
}

json columnJson(const ColumnData& data)
{
    json a = json::array();
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, CategoricalColumn>) {
                for (auto code : c.codes)
                    a.push_back(code < 0 ? json(nullptr) : json(c.categories[static_cast<std::size_t>(code)]));
            } else {
                for (std::size_t i = 0; i < c.values.size(); ++i) {
                    if (!c.mask.empty() && c.mask[i]) {
                        a.push_back(nullptr);
                    } else if constexpr (std::is_same_v<T, NumericColumn>) {
                        a.push_back(number(c.values[i], c.integer));
                    } else if constexpr (std::is_same_v<T, BoolColumn>) {
                        a.push_back(c.values[i] != 0);
                    } else {
                        a.push_back(c.values[i]);
                    }
                }
            }
        },
        data);
    return a;
}

json readElement(Context& ctx, hid_t parent, const std::string& name, const std::string& path);

json readGroup(Context& ctx, hid_t group, const std::string& path)
{
    json out = json::object();
    for (const std::string& child : childNames(group)) {
        const std::string cpath = childPath(path, child);
        try {
            out[child] = readElement(ctx, group, child, cpath);
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            // uns is metadata: one unreadable entry must not cost the user the file.
            ctx.warn(std::string("skipped uns entry: ") + e.what());
        }
    }
    return out;
}

json readDatasetElement(Context& ctx, hid_t ds, const std::string& name, const std::string& path,
                        const std::string& encoding)
{
    const std::string where = ctx.where(path);
    const Source s{ds, false, {}, where};
    Handle type = s.fileType();
    Handle space = s.space();
    if (encoding == "null" || H5Sget_simple_extent_type(space.get()) == H5S_NULL)
        return nullptr;
    const auto dims = s.dims();
    const std::int64_t n = s.count();
    const bool scalar = dims.empty();
    if (H5Tget_class(type.get()) == H5T_COMPOUND) {
        // rec-array (rank_genes_groups/names, ...): an object of field -> values.
        const int nm = H5Tget_nmembers(type.get());
        if (n * nm > static_cast<std::int64_t>(ctx.options.unsArrayLimit) || dims.size() != 1)
            return notLoaded(encoding.empty() ? "rec-array" : encoding, dims);
        json obj = json::object();
        for (int i = 0; i < nm; ++i) {
            char* fname = H5Tget_member_name(type.get(), static_cast<unsigned>(i));
            const std::string field = fname ? fname : "";
            H5free_memory(fname);
            const Source fs{ds, false, field, where + " (field '" + field + "')"};
            Handle ft = fs.fileType();
            if (H5Tget_class(ft.get()) == H5T_ARRAY || H5Tget_class(ft.get()) == H5T_COMPOUND) {
                ctx.warn("skipped uns rec-array field: " + fs.where + ": nested field type");
                continue;
            }
            json a = json::array();
            for (auto& v : flatValues(fs))
                a.push_back(std::move(v));
            obj[field] = std::move(a);
        }
        return obj;
    }
    if (n > static_cast<std::int64_t>(ctx.options.unsArrayLimit))
        return notLoaded(encoding.empty() ? (h5::isString(type.get()) ? "string-array" : "array") : encoding, dims);
    if (scalar) {
        auto v = flatValues(s);
        return v.empty() ? json(nullptr) : v[0];
    }
    // Scalars written as 1-element arrays (anndata < 0.7, R writers); `<key>_colors` stays a list.
    const bool untaggedSingle = encoding.empty() && dims.size() == 1 && n == 1 && !endsWith(name, "_colors");
    if (untaggedSingle && (ctx.era != Era::L2 || h5::isString(type.get()))) {
        auto v = flatValues(s);
        return v[0];
    }
    auto flat = flatValues(s);
    if (dims.size() == 1) {
        json a = json::array();
        for (auto& v : flat)
            a.push_back(std::move(v));
        return a;
    }
    std::size_t at = 0;
    return nest(flat, dims, 0, at);
}

json readElement(Context& ctx, hid_t parent, const std::string& name, const std::string& path)
{
    ctx.cancel.throwIfCancelled();
    const std::string where = ctx.where(path);
    Handle obj = openObject(parent, name, where);
    const std::string encoding = h5::encodingType(obj.get(), where);
    if (isDataset(obj.get()))
        return readDatasetElement(ctx, obj.get(), name, path, encoding);
    if (!isGroup(obj.get()))
        throw UnsupportedElement(where + ": neither a group nor a dataset");
    if (encoding == "dict" || (encoding.empty() && !h5::hasAttribute(obj.get(), "h5sparse_format")
                               && !(childExists(obj.get(), "data") && childExists(obj.get(), "indptr"))
                               && !(childExists(obj.get(), "codes") && childExists(obj.get(), "categories"))
                               && !(childExists(obj.get(), "values") && childExists(obj.get(), "mask"))))
        return readGroup(ctx, obj.get(), path);
    if (encoding == "csr_matrix" || encoding == "csc_matrix" || encoding.empty()) {
        if (childExists(obj.get(), "indptr")) {
            auto shape = h5::integerArrayAttribute(obj.get(), "shape", where);
            if (!shape)
                shape = h5::integerArrayAttribute(obj.get(), "h5sparse_shape", where);
            std::string enc = encoding;
            if (enc.empty())
                enc = h5::stringAttribute(obj.get(), "h5sparse_format", where).value_or("csr") + "_matrix";
            return notLoaded(enc, shape.value_or(std::vector<std::int64_t>{}));
        }
    }
    if (encoding == "categorical" || encoding.rfind("nullable", 0) == 0 || encoding.empty()) {
        ColumnData data = readColumnElement(ctx, parent, name, path);
        if (columnLength(data) > ctx.options.unsArrayLimit)
            return notLoaded(encoding.empty() ? "categorical" : encoding,
                             {static_cast<std::int64_t>(columnLength(data))});
        return columnJson(data);
    }
    if (encoding == "dataframe") {
        DataFrame df = readDataFrameGroup(ctx, obj.get(), path, std::nullopt);
        if (df.rows() * (df.columns.size() + 1) > ctx.options.unsArrayLimit)
            return notLoaded("dataframe", {static_cast<std::int64_t>(df.rows()),
                                           static_cast<std::int64_t>(df.columns.size())});
        json cols = json::object();
        for (const Column& c : df.columns)
            cols[c.name] = columnJson(c.data);
        return json{{"encoding-type", "dataframe"}, {"index", df.index}, {"columns", std::move(cols)}};
    }
    throw UnsupportedElement(where + ": encoding-type '" + encoding + "' is not supported");
}

} // namespace

json readUns(Context& ctx, hid_t group, const std::string& path)
{
    return readGroup(ctx, group, path);
}

} // namespace scdesk::h5ad
