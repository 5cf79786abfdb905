#pragma once
#include "compute/compute_backend.h"

namespace scdesk {

// Eigen + OpenMP kernels; the reference every GPU kernel is tested against.
class CpuBackend final : public ComputeBackend {
public:
    DeviceInfo device() const override;
    ColumnMoments columnMoments(const CsrMatrix& m, const CancelToken& cancel) const override;
};

} // namespace scdesk
