#include "gpu/cuda_backends.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compute/compute_backend.h"
#include "gpu/cuda_backend.h"
#include "gpu/cuda_check.h"

// Lowest compute capability (major * 10 + minor) this build has code for; 0 means "let the
// runtime decide" (e.g. CMAKE_CUDA_ARCHITECTURES=native). Set by gpu/CMakeLists.txt.
#ifndef SCDESK_CUDA_MIN_ARCH
#define SCDESK_CUDA_MIN_ARCH 0
#endif

namespace scdesk::gpu {

namespace {

std::string smName(int major, int minor)
{
    return "sm_" + std::to_string(major) + std::to_string(minor);
}

// Does the work of registerCudaBackends(); may throw (e.g. std::bad_alloc), the caller catches.
std::string discover()
{
    int runtimeVersion = 0;
    if (cudaRuntimeGetVersion(&runtimeVersion) != cudaSuccess)
        runtimeVersion = CUDART_VERSION;
    const std::string runtime = cudaVersionString(runtimeVersion);

    // With the static runtime and no driver (no libcuda.so.1), this returns an error instead of
    // aborting: cudaErrorInsufficientDriver or cudaErrorNoDevice.
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        (void)cudaGetLastError();
        std::string line = "CUDA built (runtime " + runtime + "), no device found: " + cudaGetErrorString(status);
        // Say whether the driver is missing altogether or just too old for this runtime.
        int driverVersion = 0;
        if (cudaDriverGetVersion(&driverVersion) != cudaSuccess)
            (void)cudaGetLastError();
        if (driverVersion == 0)
            line += " (no NVIDIA driver loaded)";
        else if (driverVersion < runtimeVersion)
            line += " (the driver supports CUDA " + cudaVersionString(driverVersion) + ")";
        return line;
    }
    if (count <= 0)
        return "CUDA built (runtime " + runtime + "), no device found: cudaGetDeviceCount reported 0 devices";

    std::vector<std::string> usable;
    std::vector<std::string> skipped;
    for (int i = 0; i < count; ++i) {
        cudaDeviceProp prop{};
        const cudaError_t propStatus = cudaGetDeviceProperties(&prop, i);
        if (propStatus != cudaSuccess) {
            (void)cudaGetLastError();
            skipped.push_back("device " + std::to_string(i) + ": " + cudaGetErrorString(propStatus));
            continue;
        }
        const std::string label = std::string(prop.name) + ", " + smName(prop.major, prop.minor);
        int computeMode = cudaComputeModeDefault;
        if (cudaDeviceGetAttribute(&computeMode, cudaDevAttrComputeMode, i) != cudaSuccess)
            (void)cudaGetLastError();
        if (computeMode == cudaComputeModeProhibited) {
            skipped.push_back(label + ": compute prohibited");
            continue;
        }
        if (prop.major * 10 + prop.minor < SCDESK_CUDA_MIN_ARCH) {
            skipped.push_back(label + ": not supported, this build needs sm_" + std::to_string(SCDESK_CUDA_MIN_ARCH)
                              + " or newer");
            continue;
        }
        DeviceInfo info;
        info.kind = "cuda";
        info.name = prop.name;
        info.index = i;
        info.memoryBytes = static_cast<std::int64_t>(prop.totalGlobalMem);
        info.computeMajor = prop.major;
        info.computeMinor = prop.minor;
        ComputeBackends::add(info, [info] { return std::make_unique<CudaBackend>(info); });
        usable.push_back(label);
    }

    std::string line = "CUDA " + runtime + " runtime: ";
    if (usable.empty()) {
        line += "no usable device";
    } else {
        line += std::to_string(usable.size()) + (usable.size() == 1 ? " device (" : " devices (");
        for (std::size_t i = 0; i < usable.size(); ++i)
            line += (i ? "; " : "") + usable[i];
        line += ")";
    }
    for (const std::string& s : skipped)
        line += "; skipped " + s;
    return line;
}

} // namespace

void registerCudaBackends()
{
    std::string status;
    try {
        status = discover();
    } catch (const std::exception& e) {
        status = std::string("CUDA built, device discovery failed: ") + e.what();
    } catch (...) {
        status = "CUDA built, device discovery failed";
    }
    try {
        ComputeBackends::setGpuStatus(std::move(status));
    } catch (...) {
        // Only an allocation failure can get here; the previous status line stays.
    }
}

bool builtWithCuda()
{
    return true;
}

} // namespace scdesk::gpu
