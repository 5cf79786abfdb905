#include "io/h5ad/h5_attributes.h"

#include "io/h5ad/h5_values.h"
#include "util/errors.h"

namespace scdesk::h5 {

namespace {

Handle openAttribute(hid_t object, const char* name)
{
    if (!hasAttribute(object, name))
        return {};
    return Handle(H5Aopen(object, name, H5P_DEFAULT));
}

std::string attrWhere(const std::string& where, const char* name)
{
    return where + " (attribute '" + name + "')";
}

} // namespace

bool hasAttribute(hid_t object, const char* name)
{
    return H5Aexists(object, name) > 0;
}

std::optional<std::string> stringAttribute(hid_t object, const char* name, const std::string& where)
{
    Handle a = openAttribute(object, name);
    if (!a)
        return std::nullopt;
    const Source s{a.get(), true, {}, attrWhere(where, name)};
    const auto v = readStrings(s);
    if (v.size() != 1)
        throw IoError(s.where + ": expected one string, found " + std::to_string(v.size()));
    return v[0];
}

std::vector<std::string> stringArrayAttribute(hid_t object, const char* name, const std::string& where)
{
    Handle a = openAttribute(object, name);
    if (!a)
        return {};
    const Source s{a.get(), true, {}, attrWhere(where, name)};
    if (s.count() == 0)
        return {}; // empty array of any type: no columns
    return readStrings(s);
}

std::optional<bool> boolAttribute(hid_t object, const char* name, const std::string& where)
{
    Handle a = openAttribute(object, name);
    if (!a)
        return std::nullopt;
    const Source s{a.get(), true, {}, attrWhere(where, name)};
    const auto v = readBools(s);
    if (v.empty())
        return std::nullopt;
    return v[0] != 0;
}

std::optional<std::vector<std::int64_t>> integerArrayAttribute(hid_t object, const char* name,
                                                                const std::string& where)
{
    Handle a = openAttribute(object, name);
    if (!a)
        return std::nullopt;
    return readInt64s(Source{a.get(), true, {}, attrWhere(where, name)});
}

std::string encodingType(hid_t object, const std::string& where)
{
    return stringAttribute(object, "encoding-type", where).value_or(std::string());
}

} // namespace scdesk::h5
