#include "console_progress.h"

#include <cstdio>
#include <string>

#include <unistd.h>

namespace scdesk {

ConsoleProgress::ConsoleProgress(bool quiet) : m_quiet(quiet), m_terminal(::isatty(STDERR_FILENO) != 0) {}

ConsoleProgress::~ConsoleProgress()
{
    if (m_lineOpen)
        std::fputc('\n', stderr);
}

void ConsoleProgress::setRange(std::int64_t total)
{
    const std::lock_guard lock(m_mutex);
    m_total = total;
}

void ConsoleProgress::setProgress(std::int64_t done, std::string_view text)
{
    const std::lock_guard lock(m_mutex);
    if (m_quiet)
        return;
    const auto now = std::chrono::steady_clock::now();
    const auto minGap = m_terminal ? std::chrono::milliseconds(100) : std::chrono::milliseconds(2000);
    if (now - m_last < minGap && done < m_total)
        return;
    m_last = now;
    const int percent = m_total > 0 ? static_cast<int>(100 * done / m_total) : 0;
    std::fprintf(stderr, m_terminal ? "\r[%3d%%] %.*s\033[K" : "[%3d%%] %.*s\n", percent, static_cast<int>(text.size()),
                 text.data());
    m_lineOpen = m_terminal;
    std::fflush(stderr);
}

void ConsoleProgress::log(LogLevel level, std::string_view message)
{
    const std::lock_guard lock(m_mutex);
    if (m_quiet && level < LogLevel::Warning)
        return;
    if (m_lineOpen) {
        std::fputc('\n', stderr);
        m_lineOpen = false;
    }
    static const char* const names[] = {"debug", "info", "warning", "error"};
    std::fprintf(stderr, "%s: %.*s\n", names[static_cast<int>(level)], static_cast<int>(message.size()), message.data());
}

} // namespace scdesk
