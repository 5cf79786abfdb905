#pragma once
// One CUDA device as a ComputeBackend. Plain C++ header: the CUDA code lives in cuda_backend.cu.
// Only built with CUDA (SCDESK_HAVE_CUDA); use registerCudaBackends() / ComputeBackends::create().
#include <cstdint>

#include "compute/compute_backend.h"

namespace scdesk::gpu {

class CudaBackend final : public ComputeBackend {
public:
    // Non-zeros uploaded per chunk unless told otherwise: 32 Mi entries, 256 MiB of indices and
    // values per buffer. Chunks bound device memory and are where cancellation is checked.
    static constexpr std::int64_t kDefaultChunkNnz = std::int64_t{1} << 25;

    explicit CudaBackend(DeviceInfo device, std::int64_t maxChunkNnz = kDefaultChunkNnz);

    DeviceInfo device() const override { return m_device; }
    // Sums with atomics: exact for integer-valued data (counts), otherwise equal to the CPU twin
    // up to rounding, and not bit-reproducible from run to run.
    ColumnMoments columnMoments(const CsrMatrix& m, const CancelToken& cancel) const override;

private:
    DeviceInfo m_device;
    std::int64_t m_maxChunkNnz;
};

} // namespace scdesk::gpu
