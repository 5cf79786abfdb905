#include "promise_progress.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace scdesk {

PromiseProgress::PromiseProgress(QPromise<JobPayload>& promise, QString logCategory, PublishFn publish)
    : m_promise(promise), m_category(logCategory.toUtf8()), m_publish(std::move(publish))
{
}

void PromiseProgress::setRange(std::int64_t total)
{
    m_total.store(total);
    // An empty range shows a busy indicator.
    m_promise.setProgressRange(0, total > 0 ? kScale : 0);
}

void PromiseProgress::setProgress(std::int64_t done, std::string_view text)
{
    const std::int64_t total = m_total.load();
    // Qt throttles signals to ~25 Hz, but each call takes a mutex; skip calls within 20 ms of the
    // previous one unless the job just completed.
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (done < total && now - m_lastReportMs.load(std::memory_order_relaxed) < 20)
        return;
    m_lastReportMs.store(now, std::memory_order_relaxed);
    const int value = total > 0 ? static_cast<int>(std::min<std::int64_t>(kScale, done * kScale / total)) : 0;
    if (text.empty())
        m_promise.setProgressValue(value);
    else
        m_promise.setProgressValueAndText(value, QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
}

void PromiseProgress::log(LogLevel level, std::string_view message)
{
    const QLoggingCategory category(m_category.constData());
    const QString text = QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size()));
    switch (level) {
    case LogLevel::Debug: qCDebug(category).noquote() << text; break;
    case LogLevel::Info: qCInfo(category).noquote() << text; break;
    case LogLevel::Warning: qCWarning(category).noquote() << text; break;
    case LogLevel::Error: qCCritical(category).noquote() << text; break;
    }
}

void PromiseProgress::publish(std::shared_ptr<const AnalysisResult> intermediate)
{
    if (m_publish)
        m_publish(std::move(intermediate));
}

bool PromiseProgress::isCancelled() const
{
    return m_promise.isCanceled();
}

} // namespace scdesk
