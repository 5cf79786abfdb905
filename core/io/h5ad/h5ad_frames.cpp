#include "io/h5ad/h5ad_frames.h"

#include "io/h5ad/h5_attributes.h"
#include "io/h5ad/h5_values.h"
#include "util/cancel_token.h"

namespace scdesk::h5ad {

namespace {

using h5::Handle;
using h5::Source;

std::vector<std::int32_t> checkedCodes(const std::vector<std::int64_t>& codes, std::size_t nCategories,
                                       const std::string& where)
{
    std::vector<std::int32_t> out(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::int64_t c = codes[i];
        if (c < -1 || c >= static_cast<std::int64_t>(nCategories))
            throw InvalidInput(where + ": categorical code " + std::to_string(c) + " at row " + std::to_string(i)
                               + " is outside [-1, " + std::to_string(nCategories) + ")");
        out[i] = static_cast<std::int32_t>(c);
    }
    return out;
}

void requireRank1(const Source& s)
{
    const auto d = s.dims();
    if (d.size() != 1)
        throw UnsupportedElement(s.where + ": expected a 1-D column, found " + std::to_string(d.size()) + " dimensions");
}

// A plain column dataset (or compound field): strings, bools, integers or floats.
ColumnData plainColumn(const Source& s)
{
    Handle type = s.fileType();
    if (h5::isString(type.get()))
        return StringColumn{h5::readStrings(s), {}};
    if (h5::isBoolLike(type.get()))
        return BoolColumn{h5::readBools(s), {}};
    if (h5::isNumeric(type.get()))
        return NumericColumn{h5::readDoubles(s), {}, h5::isInteger(type.get())};
    throw UnsupportedElement(s.where + ": a column of type " + h5::numpyDtypeName(type.get())
                             + " is not supported");
}

// anndata 0.7: a scalar object reference attribute `categories` on the codes dataset.
std::optional<hid_t> referencedCategories(hid_t codes, const std::string& where)
{
    if (!h5::hasAttribute(codes, "categories"))
        return std::nullopt;
    Handle attr(H5Aopen(codes, "categories", H5P_DEFAULT));
    Handle type(H5Aget_type(attr.get()));
    if (H5Tget_class(type.get()) != H5T_REFERENCE)
        return std::nullopt;
    hobj_ref_t ref{};
    if (H5Aread(attr.get(), H5T_STD_REF_OBJ, &ref) < 0)
        throw IoError(where + ": cannot read the 'categories' reference");
    const hid_t target = H5Rdereference2(codes, H5P_DEFAULT, H5R_OBJECT, &ref);
    if (target < 0)
        throw InvalidInput(where + ": the 'categories' reference points nowhere");
    return target;
}

CategoricalColumn categoricalFrom(const Source& codes, hid_t categories, const std::string& catWhere)
{
    CategoricalColumn c;
    const Source cs{categories, false, {}, catWhere};
    c.categories = h5::readAsText(cs);
    c.codes = checkedCodes(h5::readInt64s(codes), c.categories.size(), codes.where);
    return c;
}

} // namespace

ColumnData readColumnElement(Context& ctx, hid_t parent, const std::string& name, const std::string& path, hid_t frame)
{
    ctx.cancel.throwIfCancelled();
    const std::string where = ctx.where(path);
    Handle obj = openObject(parent, name, where);
    std::string encoding = h5::encodingType(obj.get(), where);
    if (isGroup(obj.get())) {
        if (encoding.empty()) {
            if (childExists(obj.get(), "codes") && childExists(obj.get(), "categories"))
                encoding = "categorical";
            else if (childExists(obj.get(), "values") && childExists(obj.get(), "mask"))
                encoding = "nullable";
        }
        if (encoding == "categorical") {
            Handle codes = openObject(obj.get(), "codes", where + "/codes");
            Handle cats = openObject(obj.get(), "categories", where + "/categories");
            if (!isDataset(cats.get()))
                throw UnsupportedElement(where + "/categories: expected an array of categories");
            const Source codesSrc{codes.get(), false, {}, where + "/codes"};
            requireRank1(codesSrc);
            CategoricalColumn c = categoricalFrom(codesSrc, cats.get(), where + "/categories");
            c.ordered = h5::boolAttribute(obj.get(), "ordered", where).value_or(false);
            return c;
        }
        if (encoding.rfind("nullable", 0) == 0) {
            Handle values = openObject(obj.get(), "values", where + "/values");
            Handle mask = openObject(obj.get(), "mask", where + "/mask");
            const Source vs{values.get(), false, {}, where + "/values"};
            requireRank1(vs);
            std::vector<std::uint8_t> m = h5::readBools(Source{mask.get(), false, {}, where + "/mask"});
            ColumnData data = plainColumn(vs);
            if (columnLength(data) != m.size())
                throw InvalidInput(where + ": values has " + std::to_string(columnLength(data)) + " entries but mask has "
                                   + std::to_string(m.size()));
            if (encoding == "nullable-integer" || encoding == "nullable") {
                if (auto* n = std::get_if<NumericColumn>(&data)) {
                    n->mask = std::move(m);
                    if (encoding == "nullable-integer")
                        n->integer = true;
                    return data;
                }
            }
            if (auto* b = std::get_if<BoolColumn>(&data)) {
                b->mask = std::move(m);
                return data;
            }
            if (encoding == "nullable-boolean")
                if (auto* n = std::get_if<NumericColumn>(&data)) {
                    BoolColumn b;
                    for (double v : n->values)
                        b.values.push_back(v != 0.0 ? 1 : 0);
                    b.mask = std::move(m);
                    return b;
                }
            if (auto* s = std::get_if<StringColumn>(&data)) {
                s->mask = std::move(m);
                return data;
            }
            if (auto* n = std::get_if<NumericColumn>(&data)) {
                n->mask = std::move(m);
                return data;
            }
            throw UnsupportedElement(where + ": unexpected values for encoding-type '" + encoding + "'");
        }
        throw UnsupportedElement(where + ": "
                                 + (encoding.empty() ? std::string("a group without encoding-type")
                                                     : "encoding-type '" + encoding + "'")
                                 + " is not a column encoding scDesk knows");
    }
    if (!encoding.empty() && encoding != "array" && encoding != "string-array")
        throw UnsupportedElement(where + ": encoding-type '" + encoding + "' is not a column encoding scDesk knows");
    const Source s{obj.get(), false, {}, where};
    requireRank1(s);
    if (auto cats = referencedCategories(obj.get(), where)) {
        Handle catsHandle(*cats);
        CategoricalColumn c = categoricalFrom(s, catsHandle.get(), where + " (categories)");
        c.ordered = h5::boolAttribute(catsHandle.get(), "ordered", where).value_or(false);
        return c;
    }
    Handle type = s.fileType();
    // SeuratDisk: integer codes with levels in __categories/<col> but no reference to them.
    if (frame >= 0 && h5::isInteger(type.get()) && childExists(frame, "__categories")) {
        Handle catGroup = openObject(frame, "__categories", where);
        if (isGroup(catGroup.get()) && childExists(catGroup.get(), name)) {
            Handle cats = openObject(catGroup.get(), name, where);
            const std::string catWhere = ctx.where(path.substr(0, path.rfind('/')) + "/__categories/" + name);
            CategoricalColumn c = categoricalFrom(s, cats.get(), catWhere);
            c.ordered = h5::boolAttribute(cats.get(), "ordered", catWhere).value_or(false);
            ctx.warn(where + ": attached the levels in __categories/" + name
                     + " to the integer codes (SeuratDisk layout without a categories reference)");
            return c;
        }
    }
    return plainColumn(s);
}

DataFrame readDataFrameGroup(Context& ctx, hid_t group, const std::string& path, std::optional<std::size_t> rows)
{
    const std::string where = ctx.where(path);
    DataFrame df;
    std::string indexName = h5::stringAttribute(group, "_index", where).value_or(std::string());
    if (indexName.empty())
        for (const char* candidate : {"_index", "index"})
            if (childExists(group, candidate)) {
                indexName = candidate;
                break;
            }
    const std::vector<std::string> order = h5::stringArrayAttribute(group, "column-order", where);
    if (!indexName.empty()) {
        if (!childExists(group, indexName))
            throw InvalidInput(where + ": the index member '" + indexName + "' named by _index is missing");
        df.indexName = indexName;
        const std::string ipath = childPath(path, indexName);
        ColumnData index = readColumnElement(ctx, group, indexName, ipath);
        if (auto* s = std::get_if<StringColumn>(&index)) {
            df.index = std::move(s->values);
        } else if (auto* n = std::get_if<NumericColumn>(&index)) {
            for (double v : n->values)
                df.index.push_back(h5::formatNumber(v, n->integer));
        } else if (auto* c = std::get_if<CategoricalColumn>(&index)) {
            for (auto code : c->codes)
                df.index.push_back(code < 0 ? std::string("nan") : c->categories[static_cast<std::size_t>(code)]);
        } else {
            throw InvalidInput(ctx.where(ipath) + ": expected strings or integers as row names");
        }
    } else if (rows) {
        // No index member (hand-written obsm frames): row numbers, as pandas would show.
        for (std::size_t i = 0; i < *rows; ++i)
            df.index.push_back(std::to_string(i));
    } else {
        throw InvalidInput(where + ": data frame without an _index attribute or index member");
    }
    if (rows && df.index.size() != *rows)
        throw InvalidInput(where + ": has " + std::to_string(df.index.size()) + " rows, expected " + std::to_string(*rows));
    for (const std::string& name : order) {
        const std::string cpath = childPath(path, name);
        if (!childExists(group, name))
            throw InvalidInput(ctx.where(cpath) + ": column listed in column-order is missing");
        try {
            ColumnData data = readColumnElement(ctx, group, name, cpath, group);
            if (columnLength(data) != df.index.size())
                throw InvalidInput(ctx.where(cpath) + ": has " + std::to_string(columnLength(data)) + " values, expected "
                                   + std::to_string(df.index.size()) + " (the number of rows)");
            df.columns.push_back(Column{name, std::move(data)});
        } catch (const UnsupportedElement& e) {
            ctx.warn(std::string("skipped column: ") + e.what());
        }
    }
    return df;
}

namespace {

std::vector<std::string> memberNames(hid_t compound)
{
    std::vector<std::string> names;
    const int n = H5Tget_nmembers(compound);
    for (int i = 0; i < n; ++i) {
        char* s = H5Tget_member_name(compound, static_cast<unsigned>(i));
        names.emplace_back(s ? s : "");
        H5free_memory(s);
    }
    return names;
}

} // namespace

DataFrame readDataFrame(Context& ctx, hid_t parent, const std::string& name, const std::string& path,
                        std::optional<std::size_t> rows)
{
    const std::string where = ctx.where(path);
    Handle obj = openObject(parent, name, where);
    if (isGroup(obj.get()))
        return readDataFrameGroup(ctx, obj.get(), path, rows);
    // anndata < 0.7: a compound dataset whose first field is the index.
    Handle type(H5Dget_type(obj.get()));
    if (H5Tget_class(type.get()) != H5T_COMPOUND)
        throw InvalidInput(where + ": expected a data frame (a group, or a compound dataset in anndata < 0.7 files)");
    const auto fields = memberNames(type.get());
    if (fields.empty())
        throw InvalidInput(where + ": compound data frame without fields");
    DataFrame df;
    df.indexName = fields[0];
    df.index = h5::readAsText(Source{obj.get(), false, fields[0], where + " (field '" + fields[0] + "')"});
    if (rows && df.index.size() != *rows)
        throw InvalidInput(where + ": has " + std::to_string(df.index.size()) + " rows, expected " + std::to_string(*rows));
    for (std::size_t f = 1; f < fields.size(); ++f) {
        const Source s{obj.get(), false, fields[f], where + " (field '" + fields[f] + "')"};
        Handle ftype = s.fileType();
        if (H5Tget_class(ftype.get()) == H5T_ARRAY) {
            ctx.warn("skipped column: " + s.where + ": array-valued field");
            continue;
        }
        try {
            df.columns.push_back(Column{fields[f], plainColumn(s)});
        } catch (const UnsupportedElement& e) {
            ctx.warn(std::string("skipped column: ") + e.what());
        }
    }
    return df;
}

} // namespace scdesk::h5ad
