#include "gpu/cuda_backend.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "gpu/cuda_check.h"
#include "util/cancel_token.h"
#include "util/errors.h"

namespace scdesk::gpu {

namespace {

constexpr int kThreadsPerBlock = 256;

// Column moments need no row structure: every stored entry adds to its column. A grid-stride loop
// over a chunk of (index, value) pairs; zeros are skipped since they change none of the moments.
// Out-of-range columns raise a flag for the host to report instead of writing out of bounds.
__global__ void columnMomentsKernel(const std::int32_t* __restrict__ indices, const float* __restrict__ values,
                                    std::int64_t count, std::int32_t cols, double* __restrict__ sum,
                                    double* __restrict__ sumSquares, unsigned long long* __restrict__ nonZero,
                                    unsigned int* __restrict__ badColumn)
{
    const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
    for (std::int64_t i = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < count; i += stride) {
        const std::int32_t c = indices[i];
        const float v = values[i];
        if (static_cast<std::uint32_t>(c) >= static_cast<std::uint32_t>(cols)) {
            *badColumn = 1u;
            continue;
        }
        if (v != 0.0f) {
            const double d = v;
            atomicAdd(sum + c, d);
            atomicAdd(sumSquares + c, d * d);
            atomicAdd(nonZero + c, 1ull);
        }
    }
}

// Makes `device` current for this thread and restores the previous one on exit.
class DeviceScope {
public:
    explicit DeviceScope(int device)
    {
        cudaCheck(cudaGetDevice(&m_previous), "cudaGetDevice");
        cudaCheck(cudaSetDevice(device), "cudaSetDevice", device);
    }
    ~DeviceScope() { (void)cudaSetDevice(m_previous); }
    DeviceScope(const DeviceScope&) = delete;
    DeviceScope& operator=(const DeviceScope&) = delete;

private:
    int m_previous = 0;
};

template <class T>
class DeviceArray {
public:
    DeviceArray(std::size_t count, int device) : m_count(count)
    {
        cudaCheck(cudaMalloc(reinterpret_cast<void**>(&m_data), std::max<std::size_t>(1, count) * sizeof(T)),
                  "cudaMalloc", device);
    }
    ~DeviceArray() { (void)cudaFree(m_data); }
    DeviceArray(const DeviceArray&) = delete;
    DeviceArray& operator=(const DeviceArray&) = delete;
    T* data() const { return m_data; }
    std::size_t bytes() const { return m_count * sizeof(T); }

private:
    T* m_data = nullptr;
    std::size_t m_count = 0;
};

class Stream {
public:
    explicit Stream(int device) { cudaCheck(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking), "cudaStreamCreate", device); }
    ~Stream()
    {
        // Waits for work still queued (after a cancel or an error) before buffers are freed.
        (void)cudaStreamSynchronize(m_stream);
        (void)cudaStreamDestroy(m_stream);
    }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    cudaStream_t get() const { return m_stream; }

private:
    cudaStream_t m_stream = nullptr;
};


[[noreturn]] void throwBadColumn(const CsrMatrix& m)
{
    for (const std::int32_t c : m.indices)
        if (c < 0 || c >= m.cols)
            throw InvalidInput("sparse matrix column index " + std::to_string(c) + " is outside [0, "
                               + std::to_string(m.cols) + ")");
    throw InvalidInput("sparse matrix has a column index outside [0, " + std::to_string(m.cols) + ")");
}

} // namespace

CudaBackend::CudaBackend(DeviceInfo device, std::int64_t maxChunkNnz)
    : m_device(std::move(device)), m_maxChunkNnz(std::max<std::int64_t>(1, maxChunkNnz))
{
}

// Upload in chunks of non-zeros on two streams (the copy of one chunk overlaps the kernel of the
// other), accumulate into per-column arrays with atomics, download once. The cancel token is
// consulted between chunks.
ColumnMoments CudaBackend::columnMoments(const CsrMatrix& m, const CancelToken& cancel) const
{
    cancel.throwIfCancelled();
    m.validateStructure();

    const auto cols = static_cast<std::size_t>(m.cols);
    ColumnMoments out;
    out.sum.assign(cols, 0.0);
    out.sumSquares.assign(cols, 0.0);
    out.nonZero.assign(cols, 0);
    const std::int64_t nnz = m.nnz();
    if (nnz == 0)
        return out;
    if (cols == 0)
        throwBadColumn(m);

    const int dev = m_device.index;
    DeviceScope scope(dev);

    // Keep both chunk buffers within a quarter of the free memory.
    std::size_t freeBytes = 0;
    std::size_t totalBytes = 0;
    cudaCheck(cudaMemGetInfo(&freeBytes, &totalBytes), "cudaMemGetInfo", dev);
    const std::size_t perEntry = sizeof(std::int32_t) + sizeof(float);
    const auto byMemory = static_cast<std::int64_t>(std::max<std::size_t>(1 << 20, freeBytes / 4 / (2 * perEntry)));
    const std::int64_t chunk = std::min({nnz, m_maxChunkNnz, byMemory});
    const int slots = chunk < nnz ? 2 : 1;

    int smCount = 0;
    cudaCheck(cudaDeviceGetAttribute(&smCount, cudaDevAttrMultiProcessorCount, dev), "cudaDeviceGetAttribute", dev);
    const std::int64_t maxBlocks = static_cast<std::int64_t>(std::max(1, smCount)) * 16;
    const auto blocks = static_cast<unsigned int>(
        std::clamp<std::int64_t>((chunk + kThreadsPerBlock - 1) / kThreadsPerBlock, 1, maxBlocks));

    DeviceArray<double> dSum(cols, dev);
    DeviceArray<double> dSumSquares(cols, dev);
    DeviceArray<unsigned long long> dNonZero(cols, dev);
    DeviceArray<unsigned int> dBad(1, dev);
    DeviceArray<std::int32_t> dIndices(static_cast<std::size_t>(chunk) * slots, dev);
    DeviceArray<float> dValues(static_cast<std::size_t>(chunk) * slots, dev);
    // Declared after the buffers so they are destroyed (synchronised) before the buffers are freed.
    Stream stream0(dev);
    Stream stream1(dev);
    const cudaStream_t streams[2] = {stream0.get(), stream1.get()};

    cudaCheck(cudaMemsetAsync(dSum.data(), 0, dSum.bytes(), streams[0]), "cudaMemsetAsync", dev);
    cudaCheck(cudaMemsetAsync(dSumSquares.data(), 0, dSumSquares.bytes(), streams[0]), "cudaMemsetAsync", dev);
    cudaCheck(cudaMemsetAsync(dNonZero.data(), 0, dNonZero.bytes(), streams[0]), "cudaMemsetAsync", dev);
    cudaCheck(cudaMemsetAsync(dBad.data(), 0, dBad.bytes(), streams[0]), "cudaMemsetAsync", dev);
    // Stream 1 runs kernels too, so the accumulators must be cleared before it starts.
    cudaCheck(cudaStreamSynchronize(streams[0]), "cudaStreamSynchronize", dev);

    std::int64_t k = 0;
    for (std::int64_t first = 0; first < nnz; first += chunk, ++k) {
        if (cancel.isCancelled())
            throw Cancelled(); // the streams' destructors wait for queued work before buffers go
        const std::int64_t count = std::min(chunk, nnz - first);
        const int slot = static_cast<int>(k % slots);
        const cudaStream_t s = streams[slot];
        std::int32_t* idx = dIndices.data() + static_cast<std::size_t>(slot) * static_cast<std::size_t>(chunk);
        float* val = dValues.data() + static_cast<std::size_t>(slot) * static_cast<std::size_t>(chunk);
        // Same stream as the kernel that last used this slot, so the copy waits for it.
        cudaCheck(cudaMemcpyAsync(idx, m.indices.data() + first, static_cast<std::size_t>(count) * sizeof(std::int32_t),
                                  cudaMemcpyHostToDevice, s),
                  "cudaMemcpyAsync (indices to device)", dev);
        cudaCheck(cudaMemcpyAsync(val, m.data.data() + first, static_cast<std::size_t>(count) * sizeof(float),
                                  cudaMemcpyHostToDevice, s),
                  "cudaMemcpyAsync (values to device)", dev);
        const auto chunkBlocks = static_cast<unsigned int>(
            std::min<std::int64_t>(blocks, (count + kThreadsPerBlock - 1) / kThreadsPerBlock));
        columnMomentsKernel<<<chunkBlocks, kThreadsPerBlock, 0, s>>>(idx, val, count, static_cast<std::int32_t>(m.cols),
                                                                    dSum.data(), dSumSquares.data(), dNonZero.data(),
                                                                    dBad.data());
        cudaCheck(cudaGetLastError(), "columnMomentsKernel launch", dev);
    }
    cudaCheck(cudaStreamSynchronize(streams[0]), "cudaStreamSynchronize (column moments)", dev);
    cudaCheck(cudaStreamSynchronize(streams[1]), "cudaStreamSynchronize (column moments)", dev);

    unsigned int bad = 0;
    std::vector<unsigned long long> nonZero(cols);
    cudaCheck(cudaMemcpy(&bad, dBad.data(), sizeof bad, cudaMemcpyDeviceToHost), "cudaMemcpy (flag to host)", dev);
    if (bad != 0)
        throwBadColumn(m);
    cudaCheck(cudaMemcpy(out.sum.data(), dSum.data(), dSum.bytes(), cudaMemcpyDeviceToHost),
              "cudaMemcpy (sums to host)", dev);
    cudaCheck(cudaMemcpy(out.sumSquares.data(), dSumSquares.data(), dSumSquares.bytes(), cudaMemcpyDeviceToHost),
              "cudaMemcpy (sums of squares to host)", dev);
    cudaCheck(cudaMemcpy(nonZero.data(), dNonZero.data(), dNonZero.bytes(), cudaMemcpyDeviceToHost),
              "cudaMemcpy (non-zero counts to host)", dev);
    std::copy(nonZero.begin(), nonZero.end(), out.nonZero.begin());
    cancel.throwIfCancelled();
    return out;
}

} // namespace scdesk::gpu
