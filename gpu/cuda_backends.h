#pragma once
// CUDA compute back ends. This header is plain C++ (no CUDA headers), so the app, the CLI and the
// tests include it whether or not the build has CUDA.
namespace scdesk::gpu {

// Finds the CUDA devices of this machine, registers one ComputeBackend per usable device with
// ComputeBackends::add(), and sets ComputeBackends::setGpuStatus(). Never throws and never aborts,
// also where no driver or no device exists; safe to call more than once.
void registerCudaBackends();

// True when this build contains CUDA code (SCDESK_CUDA=AUTO found nvcc, or SCDESK_CUDA=ON).
bool builtWithCuda();

} // namespace scdesk::gpu
