#pragma once
// Cooperative cancellation. Kernels call throwIfCancelled() every few genes / cells / epochs so a
// cancel request is honoured within 200 ms; the GUI adapts this to QPromise::isCanceled().
#include <atomic>

#include "util/errors.h"

namespace scdesk {

class CancelToken {
public:
    virtual ~CancelToken() = default;
    virtual bool isCancelled() const = 0;
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }
};

// For kernels whose token is optional (nullptr = never cancelled).
inline void throwIfCancelled(const CancelToken* cancel)
{
    if (cancel)
        cancel->throwIfCancelled();
}

// A plain flag, for the CLI and tests.
class CancelFlag final : public CancelToken {
public:
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const override { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

// For callers that never cancel.
class NeverCancel final : public CancelToken {
public:
    bool isCancelled() const override { return false; }
};

} // namespace scdesk
