#pragma once
// Runs jobs on a dedicated thread pool (never on the GUI thread) and tracks their progress,
// state and results for the Jobs dock. Each job is a QtConcurrent task fed a QPromise that core
// sees as ProgressSink + CancelToken.
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "analysis/job_spec.h"
#include "promise_progress.h"

namespace scdesk {

class AnalysisResult;

enum class JobState { Queued, Running, Finished, Failed, Cancelled };

struct JobInfo {
    int id = 0;
    QString title;
    JobState state = JobState::Queued;
    int progress = 0;      // per mille; -1 while the total is unknown
    QString statusText;
    QString error;          // for Failed
    std::optional<JobSpec> spec; // analysis jobs: replayable with scdesk-cli run
    QElapsedTimer timer;
    qint64 elapsedMs = 0;

    qint64 elapsed() const { return state == JobState::Running ? timer.elapsed() : elapsedMs; }
    bool isActive() const { return state == JobState::Queued || state == JobState::Running; }
};

class JobManager : public QObject {
    Q_OBJECT
public:
    using Work = std::function<JobPayload(ProgressSink&, const CancelToken&)>;
    using Done = std::function<void(JobPayload)>;

    explicit JobManager(QObject* parent = nullptr);
    ~JobManager() override; // cancels and waits for running jobs

    // OpenMP threads each job may use (0 = all cores) and how many jobs run at once.
    void setWorkerThreads(int threads);
    void setMaxConcurrentJobs(int jobs);

    // Starts `work` on the pool; `onSuccess` runs on the GUI thread with its result.
    int submit(const QString& title, Work work, Done onSuccess = {}, std::optional<JobSpec> spec = std::nullopt,
               const QString& logCategory = QStringLiteral("scdesk.jobs"));

    template <typename T>
    int submitTyped(const QString& title, std::function<std::shared_ptr<const T>(ProgressSink&, const CancelToken&)> work,
                    std::function<void(std::shared_ptr<const T>)> onSuccess, std::optional<JobSpec> spec = std::nullopt)
    {
        return submit(
            title, [work](ProgressSink& p, const CancelToken& c) -> JobPayload { return work(p, c); },
            [onSuccess](JobPayload r) {
                if (onSuccess)
                    onSuccess(std::static_pointer_cast<const T>(r));
            },
            std::move(spec));
    }

    void cancel(int id);
    void cancelAll();
    void clearFinished();
    bool waitForAll(int timeoutMs = -1);

    const JobInfo* job(int id) const;
    QList<int> jobIds() const;
    int activeJobCount() const;

Q_SIGNALS:
    void jobAdded(int id);
    void jobUpdated(int id);
    void jobFinished(int id);
    void jobRemoved(int id);
    void intermediateResult(int id, std::shared_ptr<const AnalysisResult> result);

private:
    struct Entry;
    void finish(int id);

    QThreadPool m_pool;
    int m_workerThreads = 0;
    int m_nextId = 1;
    std::map<int, std::unique_ptr<Entry>> m_jobs;
};

} // namespace scdesk
