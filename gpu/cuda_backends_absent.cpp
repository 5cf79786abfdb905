// The build without CUDA: no device is ever registered, and the status line says how to get one.
#include "gpu/cuda_backends.h"

#include "compute/compute_backend.h"

namespace scdesk::gpu {

void registerCudaBackends()
{
    ComputeBackends::setGpuStatus("CUDA: not built (configure with SCDESK_CUDA=ON)");
}

bool builtWithCuda()
{
    return false;
}

} // namespace scdesk::gpu
