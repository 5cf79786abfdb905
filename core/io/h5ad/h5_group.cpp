#include "io/h5ad/h5_group.h"

namespace scdesk::h5 {

std::vector<std::string> memberNames(hid_t group)
{
    std::vector<std::string> names;
    hsize_t idx = 0;
    H5Literate(
        group, H5_INDEX_NAME, H5_ITER_INC, &idx,
        [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
            static_cast<std::vector<std::string>*>(data)->emplace_back(name);
            return 0;
        },
        &names);
    return names;
}

} // namespace scdesk::h5
