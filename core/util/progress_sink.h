#pragma once
// Where a running analysis reports progress, messages and intermediate results. Implementations
// must be thread-safe: OpenMP workers may call them. The GUI throttles to ~25 Hz; callers need not.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace scdesk {

class AnalysisResult;

enum class LogLevel { Debug, Info, Warning, Error };

class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    // Total number of steps; 0 means "unknown" (a busy indicator).
    virtual void setRange(std::int64_t total) = 0;
    virtual void setProgress(std::int64_t done, std::string_view text = {}) = 0;
    virtual void log(LogLevel level, std::string_view message) = 0;
    // A partial result for live plots (loss curve so far, current estimates).
    virtual void publish(std::shared_ptr<const AnalysisResult> intermediate) { (void)intermediate; }
};

// Discards everything, for callers that do not need progress.
class NullProgress final : public ProgressSink {
public:
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t, std::string_view) override {}
    void log(LogLevel, std::string_view) override {}
};

} // namespace scdesk
