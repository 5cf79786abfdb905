#pragma once
// Small HDF5 values read whole into memory: strings of every flavour (variable or fixed length,
// ASCII or UTF-8, NUL- or space-padded), numbers of any width converted to double/int64, and
// bool-likes (h5py's int8 enum, bitfields, 1-byte integers). A Source is a dataset, an
// attribute, or one field of a compound dataset (legacy anndata data frames and obsm).
// Large matrix arrays go through array_reader.h instead.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "io/h5ad/hdf5_handle.h"

namespace scdesk::h5 {

struct Source {
    hid_t id = H5I_INVALID_HID; // dataset or attribute
    bool attribute = false;
    std::string field;          // non-empty: this member of a compound dataset
    std::string where;          // "file.h5ad: /obs/n_genes" for messages

    Handle fileType() const;    // the member's type when `field` is set
    Handle space() const;
    std::int64_t count() const; // number of elements (0 for a NULL dataspace, 1 for a scalar)
    std::vector<std::int64_t> dims() const;
    // Reads all elements into `buffer` as `memType` (wrapped in a one-member compound for fields).
    void read(hid_t memType, void* buffer) const;
};

// Replaces invalid UTF-8 sequences by U+FFFD so the text is safe for JSON and the GUI.
std::string sanitizeUtf8(std::string text);

// While one exists on this thread, readStrings() records the elements (their `where`) whose text
// was not valid UTF-8 and had to be repaired, so the reader can tell the user.
class Utf8RepairLog {
public:
    Utf8RepairLog();
    ~Utf8RepairLog();
    Utf8RepairLog(const Utf8RepairLog&) = delete;
    Utf8RepairLog& operator=(const Utf8RepairLog&) = delete;
    const std::vector<std::string>& elements() const { return m_elements; }

private:
    std::vector<std::string> m_elements;
    std::vector<std::string>* m_previous;
};
// The innermost message on HDF5's error stack ("addr overflow", ...), or "" when there is none.
std::string lastHdf5Error();

bool isString(hid_t type);
bool isBoolLike(hid_t type); // enum over an integer or bitfield (h5py's numpy bool)
bool isNumeric(hid_t type);  // integer or float (enums and bitfields excluded)
bool isInteger(hid_t type);
// numpy's name for the stored type: "float32", "int64", "uint8", "bool", "object", ...
std::string numpyDtypeName(hid_t type);

std::vector<std::string> readStrings(const Source& s);
std::vector<double> readDoubles(const Source& s);   // numbers and bool-likes
std::vector<std::int64_t> readInt64s(const Source& s); // integers and bool-likes; floats must be integral
std::vector<std::uint8_t> readBools(const Source& s);  // any bool-like or integer, non-zero = true
// Any element of a 1-D value as text: strings as they are, numbers formatted, bools True/False.
std::vector<std::string> readAsText(const Source& s);

std::string formatNumber(double v, bool integer);

} // namespace scdesk::h5
