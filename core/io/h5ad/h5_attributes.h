#pragma once
// Attribute decoding as .h5ad writers actually store them: strings scalar or as 1-element arrays,
// variable or fixed length, ASCII or UTF-8; bools as enum, bitfield or any integer; integer
// arrays (`shape`) of any width and sign; `column-order` that is an empty array of any type.
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scdesk::h5 {

bool hasAttribute(hid_t object, const char* name);
// The string value, or nullopt when absent. Throws IoError naming `where` when it is not a
// string (or a string array of more than one element).
std::optional<std::string> stringAttribute(hid_t object, const char* name, const std::string& where);
// A string array attribute; an empty array of any type (h5py's empty float64) gives no entries.
std::vector<std::string> stringArrayAttribute(hid_t object, const char* name, const std::string& where);
std::optional<bool> boolAttribute(hid_t object, const char* name, const std::string& where);
std::optional<std::vector<std::int64_t>> integerArrayAttribute(hid_t object, const char* name,
                                                                const std::string& where);
// The `encoding-type` attribute, or "" when absent.
std::string encodingType(hid_t object, const std::string& where);

} // namespace scdesk::h5
