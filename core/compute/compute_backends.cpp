#include "compute/compute_backend.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <mutex>
#include <utility>

#include "compute/cpu_backend.h"
#include "util/errors.h"

namespace scdesk {

namespace {

struct Entry {
    DeviceInfo device;
    ComputeBackends::Factory factory;
};

// One process-wide registry. Built on first use (no static-initialisation-order issues) and
// guarded by a mutex: gpu/ registers devices at start-up while jobs may already ask for one.
struct Registry {
    std::mutex mutex;
    std::vector<Entry> entries;
    std::string gpuStatus = "CUDA: not built";

    Registry()
    {
        // The CPU back end is always there, and always first.
        CpuBackend cpu;
        entries.push_back({cpu.device(), [] { return std::make_unique<CpuBackend>(); }});
    }
};

Registry& registry()
{
    static Registry instance;
    return instance;
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void setWhy(std::string* why, std::string text)
{
    if (why)
        *why = std::move(text);
}

} // namespace

void ComputeBackends::add(DeviceInfo device, Factory factory)
{
    if (!factory)
        throw InvalidParameter("compute back end '" + device.name + "' has no factory");
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    // Re-registering the same device (kind, index) replaces it, so device discovery may run twice.
    auto same = std::find_if(r.entries.begin(), r.entries.end(), [&](const Entry& e) {
        return e.device.kind == device.kind && e.device.index == device.index;
    });
    if (same != r.entries.end() && same != r.entries.begin())
        *same = Entry{std::move(device), std::move(factory)};
    else if (same == r.entries.end())
        r.entries.push_back(Entry{std::move(device), std::move(factory)});
    // The built-in CPU entry (entries.front()) is never replaced: it is the fallback of last resort.
}

std::vector<DeviceInfo> ComputeBackends::available()
{
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    // The CPU entry's name carries the OpenMP thread count, which may have changed since start-up.
    r.entries.front().device = CpuBackend().device();
    std::vector<DeviceInfo> out;
    out.reserve(r.entries.size());
    for (const Entry& e : r.entries)
        out.push_back(e.device);
    return out;
}

// Besides "cpu", "cuda" and "auto", "cuda:N" asks for CUDA device ordinal N.
std::unique_ptr<ComputeBackend> ComputeBackends::create(const std::string& preference, std::string* why)
{
    const std::string pref = lowercase(preference);
    bool wantCuda = false;
    int wantIndex = -1; // any CUDA device
    if (pref == "auto" || pref == "cuda") {
        wantCuda = true;
    } else if (pref.rfind("cuda:", 0) == 0 && pref.size() > 5
               && std::all_of(pref.begin() + 5, pref.end(), [](unsigned char c) { return std::isdigit(c); })
               && pref.size() <= 5 + 9) {
        wantCuda = true;
        wantIndex = std::stoi(pref.substr(5));
    } else if (pref != "cpu") {
        throw InvalidParameter("unknown compute back end '" + preference + "' (expected auto, cpu or cuda)");
    }
    setWhy(why, {});

    Factory cpuFactory;
    Factory cudaFactory;
    std::string cudaName;
    std::string status;
    {
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        cpuFactory = r.entries.front().factory;
        status = r.gpuStatus;
        if (wantCuda) {
            for (const Entry& e : r.entries) {
                if (e.device.kind == "cuda" && (wantIndex < 0 || e.device.index == wantIndex)) {
                    cudaFactory = e.factory;
                    cudaName = e.device.name;
                    break;
                }
            }
        }
    }
    // Factories run outside the lock: a CUDA one may take a while or call back into the registry.

    if (cudaFactory) {
        try {
            if (auto backend = cudaFactory())
                return backend;
            setWhy(why, "CUDA device " + cudaName + " could not be opened; using the CPU");
        } catch (const std::exception& e) {
            setWhy(why, "CUDA device " + cudaName + " could not be opened (" + e.what() + "); using the CPU");
        }
    } else if (wantCuda && pref != "auto") {
        // "auto" on a machine without CUDA is no fallback, just the CPU: nothing to explain.
        const std::string which = wantIndex < 0 ? "no CUDA device" : "no CUDA device " + std::to_string(wantIndex);
        setWhy(why, which + " available (" + status + "); using the CPU");
    }
    return cpuFactory();
}

std::string ComputeBackends::gpuStatus()
{
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.gpuStatus;
}

void ComputeBackends::setGpuStatus(std::string status)
{
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.gpuStatus = std::move(status);
}

} // namespace scdesk
