#pragma once
// Owns one HDF5 identifier (file, group, dataset, attribute, datatype, dataspace, property list)
// and closes it with the matching H5?close. Move-only.
#include <hdf5.h>

#include <utility>

namespace scdesk::h5 {

class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : m_id(id) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& other) noexcept : m_id(std::exchange(other.m_id, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept
    {
        if (this != &other) {
            close();
            m_id = std::exchange(other.m_id, H5I_INVALID_HID);
        }
        return *this;
    }
    ~Handle() { close(); }

    hid_t get() const { return m_id; }
    explicit operator bool() const { return m_id >= 0; }
    hid_t release() { return std::exchange(m_id, H5I_INVALID_HID); }

private:
    void close()
    {
        if (m_id < 0)
            return;
        // H5Idec_ref closes any kind of identifier when its count drops to zero.
        H5Idec_ref(m_id);
        m_id = H5I_INVALID_HID;
    }
    hid_t m_id = H5I_INVALID_HID;
};

// Silences HDF5's automatic error stack printing for the lifetime of the object (we report
// errors ourselves, with the file and element named).
class ErrorSilencer {
public:
    ErrorSilencer() { H5Eget_auto2(H5E_DEFAULT, &m_func, &m_data), H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }
    ~ErrorSilencer() { H5Eset_auto2(H5E_DEFAULT, m_func, m_data); }
    ErrorSilencer(const ErrorSilencer&) = delete;
    ErrorSilencer& operator=(const ErrorSilencer&) = delete;

private:
    H5E_auto2_t m_func = nullptr;
    void* m_data = nullptr;
};

} // namespace scdesk::h5
