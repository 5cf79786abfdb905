#pragma once
// Progress for scdesk-cli on stderr: a rewriting line on a terminal, at most one line every two
// seconds otherwise (logs, CI).
#include <chrono>
#include <mutex>

#include "util/progress_sink.h"

namespace scdesk {

class ConsoleProgress final : public ProgressSink {
public:
    explicit ConsoleProgress(bool quiet);
    ~ConsoleProgress() override;
    void setRange(std::int64_t total) override;
    void setProgress(std::int64_t done, std::string_view text) override;
    void log(LogLevel level, std::string_view message) override;

private:
    std::mutex m_mutex;
    bool m_quiet;
    bool m_terminal;
    bool m_lineOpen = false;
    std::int64_t m_total = 0;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace scdesk
