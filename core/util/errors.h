#pragma once
// Typed exceptions thrown by core. Every message names the thing at fault (file, HDF5 element,
// parameter, column) so the GUI and the CLI can show it as is.
#include <stdexcept>
#include <string>

namespace scdesk {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A parameter value outside its type, range or choices; or an unknown parameter.
class InvalidParameter : public Error {
public:
    using Error::Error;
};

// The data do not fit the request: missing column, wrong shape, a single condition level, ...
class InvalidInput : public Error {
public:
    using Error::Error;
};

// A file could not be read or written.
class IoError : public Error {
public:
    using Error::Error;
};

// Thrown by kernels that observed a cancel request; jobs treat it as "cancelled", not "failed".
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

} // namespace scdesk
