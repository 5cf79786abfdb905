#pragma once
// Adapts a QPromise to core's ProgressSink and CancelToken, so kernels report progress and see
// cancel requests without knowing about Qt.
#include <QPromise>
#include <atomic>
#include <functional>
#include <memory>

#include "util/cancel_token.h"
#include "util/progress_sink.h"

namespace scdesk {

using JobPayload = std::shared_ptr<const void>;

class PromiseProgress final : public ProgressSink, public CancelToken {
public:
    static constexpr int kScale = 1000; // progress is reported in per mille
    using PublishFn = std::function<void(std::shared_ptr<const AnalysisResult>)>;

    PromiseProgress(QPromise<JobPayload>& promise, QString logCategory, PublishFn publish);

    void setRange(std::int64_t total) override;
    void setProgress(std::int64_t done, std::string_view text) override;
    void log(LogLevel level, std::string_view message) override;
    void publish(std::shared_ptr<const AnalysisResult> intermediate) override;
    bool isCancelled() const override;

private:
    QPromise<JobPayload>& m_promise;
    QByteArray m_category;
    PublishFn m_publish;
    std::atomic<std::int64_t> m_total{0};
    std::atomic<std::int64_t> m_lastReportMs{-1000};
};

} // namespace scdesk
