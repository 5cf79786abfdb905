#include "io/h5ad/h5ad_context.h"

#include "io/h5ad/h5_group.h"
#include "io/h5ad/h5_values.h"

namespace scdesk::h5ad {

bool childExists(hid_t group, const std::string& name)
{
    // H5Lexists wants each path component to exist; we only ask for direct children.
    return H5Lexists(group, name.c_str(), H5P_DEFAULT) > 0;
}

h5::Handle openObject(hid_t group, const std::string& name, const std::string& where)
{
    h5::Handle h(H5Oopen(group, name.c_str(), H5P_DEFAULT));
    if (!h) {
        const std::string detail = h5::lastHdf5Error();
        throw IoError(where + ": cannot open the element" + (detail.empty() ? "" : " (" + detail + ")"));
    }
    return h;
}

bool isGroup(hid_t object) { return H5Iget_type(object) == H5I_GROUP; }
bool isDataset(hid_t object) { return H5Iget_type(object) == H5I_DATASET; }

std::vector<std::string> childNames(hid_t group)
{
    return h5::memberNames(group);
}

std::string childPath(const std::string& parent, const std::string& name)
{
    return parent == "/" ? "/" + name : parent + "/" + name;
}

} // namespace scdesk::h5ad
