#pragma once
// CUDA runtime error handling for gpu/ sources; never include this from core/ or public headers.
#include <cuda_runtime.h>

#include <string>

#include "util/errors.h"

namespace scdesk::gpu {

// Turns a failed runtime call into scdesk::Error naming the call and the device, e.g.
// "CUDA cudaMalloc failed on device 0: out of memory (cudaErrorMemoryAllocation)".
inline void cudaCheck(cudaError_t status, const char* call, int device = -1)
{
    if (status == cudaSuccess)
        return;
    // Clear the error so that a later, unrelated call does not report it again (non-sticky ones).
    (void)cudaGetLastError();
    std::string message = std::string("CUDA ") + call + " failed";
    if (device >= 0)
        message += " on device " + std::to_string(device);
    message += std::string(": ") + cudaGetErrorString(status) + " (" + cudaGetErrorName(status) + ")";
    throw Error(message);
}

inline std::string cudaVersionString(int version)
{
    // The runtime encodes 13.0 as 13000.
    return std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10);
}

} // namespace scdesk::gpu
