#include "io/h5ad/h5_structure_walk.h"

#include <hdf5.h>

#include <vector>

#include "io/h5ad/hdf5_handle.h"

namespace scdesk::h5 {

namespace {

// Reads a value of `type` from `space` with `read` into a scratch buffer and frees variable-length
// parts again: the read is what exercises libhdf5's heap and conversion code.
template <typename Read>
void readValues(hid_t type, hid_t space, Read read)
{
    const hssize_t n = H5Sget_simple_extent_type(space) == H5S_NULL ? 0 : H5Sget_simple_extent_npoints(space);
    const size_t size = H5Tget_size(type);
    if (n <= 0 || size == 0 || static_cast<double>(n) * static_cast<double>(size) > 512.0 * 1024 * 1024)
        return;
    std::vector<unsigned char> buffer(static_cast<std::size_t>(n) * size);
    if (read(type, buffer.data()) >= 0)
        H5Dvlen_reclaim(type, space, H5P_DEFAULT, buffer.data());
}

bool hasVariableParts(hid_t type)
{
    switch (H5Tget_class(type)) {
    case H5T_STRING: return H5Tis_variable_str(type) > 0;
    case H5T_VLEN: return true;
    case H5T_COMPOUND: {
        for (int i = 0, n = H5Tget_nmembers(type); i < n; ++i) {
            Handle member(H5Tget_member_type(type, static_cast<unsigned>(i)));
            if (member && hasVariableParts(member.get()))
                return true;
        }
        return false;
    }
    case H5T_ARRAY: {
        Handle base(H5Tget_super(type));
        return base && hasVariableParts(base.get());
    }
    default: return false;
    }
}

herr_t visitAttribute(hid_t object, const char* name, const H5A_info_t*, void*)
{
    Handle attribute(H5Aopen(object, name, H5P_DEFAULT));
    if (!attribute)
        return 0;
    Handle type(H5Aget_type(attribute.get()));
    Handle space(H5Aget_space(attribute.get()));
    if (!type || !space || H5Tget_class(type.get()) == H5T_REFERENCE)
        return 0;
    Handle memType(H5Tget_native_type(type.get(), H5T_DIR_ASCEND));
    if (memType)
        readValues(memType.get(), space.get(),
                   [&](hid_t t, void* buf) { return H5Aread(attribute.get(), t, buf); });
    return 0;
}

void walkDataset(hid_t dataset)
{
    Handle type(H5Dget_type(dataset));
    Handle space(H5Dget_space(dataset));
    Handle dcpl(H5Dget_create_plist(dataset));
    if (!type || !space || !dcpl)
        return;
    if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) {
        hsize_t chunks = 0;
        if (H5Dget_num_chunks(dataset, space.get(), &chunks) >= 0)
            for (hsize_t i = 0; i < chunks; ++i) {
                std::vector<hsize_t> offset(static_cast<std::size_t>(std::max(1, H5Sget_simple_extent_ndims(space.get()))));
                unsigned mask = 0;
                haddr_t address = 0;
                hsize_t size = 0;
                if (H5Dget_chunk_info(dataset, space.get(), i, offset.data(), &mask, &address, &size) < 0)
                    break;
            }
    }
    if (hasVariableParts(type.get())) {
        Handle memType(H5Tget_native_type(type.get(), H5T_DIR_ASCEND));
        if (memType)
            readValues(memType.get(), space.get(),
                       [&](hid_t t, void* buf) { return H5Dread(dataset, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); });
    }
}

herr_t visitObject(hid_t root, const char* name, const H5O_info_t* info, void*)
{
    Handle object(H5Oopen(root, name, H5P_DEFAULT));
    if (!object)
        return 0;
    hsize_t index = 0;
    H5Aiterate2(object.get(), H5_INDEX_NAME, H5_ITER_INC, &index, visitAttribute, nullptr);
    if (info->type == H5O_TYPE_DATASET)
        walkDataset(object.get());
    return 0;
}

} // namespace

void walkStructure(const std::string& path)
{
    const ErrorSilencer silence;
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()));
    if (!file)
        return;
    H5Ovisit2(file.get(), H5_INDEX_NAME, H5_ITER_INC, visitObject, nullptr, H5O_INFO_BASIC);
}

} // namespace scdesk::h5
