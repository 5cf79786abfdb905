#pragma once
#include <cstdint>
#include <string>

namespace scdesk {

// One compute device scDesk can run kernels on.
struct DeviceInfo {
    std::string kind; // "cpu" or "cuda"
    std::string name; // "CPU (OpenMP, 8 threads)", "NVIDIA H200"
    int index = 0;    // CUDA device ordinal
    std::int64_t memoryBytes = 0;
    int computeMajor = 0; // CUDA compute capability
    int computeMinor = 0;
};

} // namespace scdesk
