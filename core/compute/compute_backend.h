#pragma once
// A compute back end: the CPU one (Eigen + OpenMP) always exists; gpu/ adds CUDA ones.
// Each kernel here has a CPU twin, and tests compare the two on random inputs.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compute/column_moments.h"
#include "compute/device_info.h"
#include "data/csr_matrix.h"

namespace scdesk {

class CancelToken;

class ComputeBackend {
public:
    virtual ~ComputeBackend() = default;
    virtual DeviceInfo device() const = 0;
    // Per-column sum, sum of squares and non-zero count of a CSR matrix, in float64.
    virtual ColumnMoments columnMoments(const CsrMatrix& m, const CancelToken& cancel) const = 0;
};

// Registry of the back ends this build and this machine offer. The CPU back end is always there;
// gpu/ registers CUDA devices it finds (see gpu/cuda_backends.h).
class ComputeBackends {
public:
    using Factory = std::function<std::unique_ptr<ComputeBackend>()>;

    static void add(DeviceInfo device, Factory factory);
    static std::vector<DeviceInfo> available(); // CPU first
    // `preference` is "cpu", "cuda" or "auto" (CUDA when present, else CPU). An unavailable CUDA
    // request falls back to the CPU; `why` (optional) receives the reason.
    static std::unique_ptr<ComputeBackend> create(const std::string& preference, std::string* why = nullptr);
    // One line for --version and the About box, e.g. "CUDA: built (13.0), no device found".
    static std::string gpuStatus();
    static void setGpuStatus(std::string status);
};

} // namespace scdesk
