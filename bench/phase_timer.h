#pragma once
// What the Kompot benchmarks print besides the total: the seconds each progress phase took (for
// the cost models) and the process's peak resident memory.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "util/progress_sink.h"

namespace scdesk::bench {

// Prints "phase <name> <seconds>" when the progress text changes. `group` may map several texts
// to one phase name (e.g. every gene batch to "gene batches").
class PhaseTimer final : public ProgressSink {
public:
    explicit PhaseTimer(std::function<std::string(std::string_view)> group = {}) : m_group(std::move(group)) {}
    void setRange(std::int64_t) override {}
    void setProgress(std::int64_t, std::string_view text) override
    {
        const auto now = std::chrono::steady_clock::now();
        std::string phase = m_group ? m_group(text) : std::string(text);
        if (phase == m_phase)
            return;
        if (!m_phase.empty())
            std::printf("  phase %-32s %.1f s\n", m_phase.c_str(), std::chrono::duration<double>(now - m_start).count());
        std::fflush(stdout);
        m_phase = std::move(phase);
        m_start = now;
    }
    void log(LogLevel, std::string_view) override {}

private:
    std::function<std::string(std::string_view)> m_group;
    std::string m_phase;
    std::chrono::steady_clock::time_point m_start;
};

// Peak resident set size of this process in KiB (Linux).
inline long peakRssKb()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

} // namespace scdesk::bench
