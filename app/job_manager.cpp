#include "job_manager.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <omp.h>

#include "util/errors.h"
#include "util/vector_unit_state.h"

namespace scdesk {

Q_LOGGING_CATEGORY(lcJobs, "scdesk.jobs")

namespace {

// What the worker thread hands back besides the result: the failure message, if any.
struct WorkerOutcome {
    QMutex mutex;
    QString error;
};

} // namespace

struct JobManager::Entry {
    JobInfo info;
    Done onSuccess;
    std::shared_ptr<WorkerOutcome> outcome = std::make_shared<WorkerOutcome>();
    QFutureWatcher<JobPayload> watcher;
};

JobManager::JobManager(QObject* parent) : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("scdesk-jobs"));
    m_pool.setMaxThreadCount(2);
}

JobManager::~JobManager()
{
    cancelAll();
    m_pool.waitForDone();
}

void JobManager::setWorkerThreads(int threads)
{
    m_workerThreads = threads;
}

void JobManager::setMaxConcurrentJobs(int jobs)
{
    m_pool.setMaxThreadCount(std::max(1, jobs));
}

int JobManager::submit(const QString& title, Work work, Done onSuccess, std::optional<JobSpec> spec,
                       const QString& logCategory)
{
    const int id = m_nextId++;
    auto entry = std::make_unique<Entry>();
    entry->info.id = id;
    entry->info.title = title;
    entry->info.spec = std::move(spec);
    entry->info.statusText = tr("Waiting for a worker");
    entry->onSuccess = std::move(onSuccess);
    Entry* e = entry.get();
    m_jobs.emplace(id, std::move(entry));

    connect(&e->watcher, &QFutureWatcherBase::started, this, [this, e, id] {
        e->info.state = JobState::Running;
        e->info.statusText = tr("Running");
        e->info.timer.start();
        Q_EMIT jobUpdated(id);
    });
    connect(&e->watcher, &QFutureWatcherBase::progressRangeChanged, this, [this, e, id](int min, int max) {
        e->info.progress = (min == 0 && max == 0) ? -1 : e->info.progress;
        Q_EMIT jobUpdated(id);
    });
    connect(&e->watcher, &QFutureWatcherBase::progressValueChanged, this, [this, e, id](int value) {
        if (e->info.progress >= 0 || e->watcher.progressMaximum() > 0)
            e->info.progress = value;
        Q_EMIT jobUpdated(id);
    });
    connect(&e->watcher, &QFutureWatcherBase::progressTextChanged, this, [this, e, id](const QString& text) {
        e->info.statusText = text;
        Q_EMIT jobUpdated(id);
    });
    connect(&e->watcher, &QFutureWatcherBase::finished, this, [this, id] { finish(id); });

    const int threads = m_workerThreads > 0 ? m_workerThreads : QThread::idealThreadCount();
    auto outcome = e->outcome;
    QPointer<JobManager> self(this);
    auto publish = [self, id](std::shared_ptr<const AnalysisResult> r) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, r] {
                if (self)
                    Q_EMIT self->intermediateResult(id, r);
            },
            Qt::QueuedConnection);
    };
    QFuture<JobPayload> future = QtConcurrent::run(
        &m_pool,
        [work = std::move(work), outcome, threads, publish, logCategory](QPromise<JobPayload>& promise) {
            clearUpperVectorState(); // before OpenMP starts its team from this thread
            omp_set_num_threads(threads); // per worker thread: jobs do not oversubscribe the cores
            PromiseProgress progress(promise, logCategory, publish);
            try {
                promise.setProgressRange(0, PromiseProgress::kScale);
                JobPayload result = work(progress, progress);
                if (!promise.isCanceled())
                    promise.addResult(std::move(result));
            } catch (const Cancelled&) {
                promise.future().cancel();
            } catch (const std::exception& ex) {
                const QMutexLocker lock(&outcome->mutex);
                outcome->error = QString::fromUtf8(ex.what());
            } catch (...) {
                const QMutexLocker lock(&outcome->mutex);
                outcome->error = QStringLiteral("unknown error");
            }
        });
    e->watcher.setFuture(future);
    qCInfo(lcJobs).noquote() << tr("Started job %1: %2").arg(id).arg(title);
    Q_EMIT jobAdded(id);
    return id;
}

void JobManager::finish(int id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Entry& e = *it->second;
    JobInfo& info = e.info;
    info.elapsedMs = info.timer.isValid() ? info.timer.elapsed() : 0;
    QString error;
    {
        const QMutexLocker lock(&e.outcome->mutex);
        error = e.outcome->error;
    }
    if (!error.isEmpty()) {
        info.state = JobState::Failed;
        info.error = error;
        info.statusText = tr("Failed: %1").arg(error);
        qCWarning(lcJobs).noquote() << tr("Job %1 (%2) failed: %3").arg(id).arg(info.title, error);
    } else if (e.watcher.isCanceled() || e.watcher.future().resultCount() == 0) {
        info.state = JobState::Cancelled;
        info.statusText = tr("Cancelled");
        qCInfo(lcJobs).noquote() << tr("Job %1 (%2) cancelled").arg(id).arg(info.title);
    } else {
        info.state = JobState::Finished;
        info.progress = PromiseProgress::kScale;
        info.statusText = tr("Finished");
        qCInfo(lcJobs).noquote() << tr("Job %1 (%2) finished in %3 s").arg(id).arg(info.title).arg(info.elapsedMs / 1000.0, 0, 'f', 2);
        if (e.onSuccess) {
            try {
                e.onSuccess(e.watcher.future().result());
            } catch (const std::exception& ex) {
                info.state = JobState::Failed;
                info.error = QString::fromUtf8(ex.what());
                info.statusText = tr("Failed: %1").arg(info.error);
                qCWarning(lcJobs).noquote() << tr("Job %1 (%2) failed: %3").arg(id).arg(info.title, info.error);
            }
        }
    }
    Q_EMIT jobUpdated(id);
    Q_EMIT jobFinished(id);
}

void JobManager::cancel(int id)
{
    auto it = m_jobs.find(id);
    if (it != m_jobs.end() && it->second->info.isActive()) {
        it->second->info.statusText = tr("Cancelling…");
        it->second->watcher.cancel();
        Q_EMIT jobUpdated(id);
    }
}

void JobManager::cancelAll()
{
    for (auto& [id, e] : m_jobs)
        if (e->info.isActive())
            e->watcher.cancel();
}

void JobManager::clearFinished()
{
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (!it->second->info.isActive()) {
            const int id = it->first;
            it = m_jobs.erase(it);
            Q_EMIT jobRemoved(id);
        } else
            ++it;
    }
}

bool JobManager::waitForAll(int timeoutMs)
{
    return m_pool.waitForDone(timeoutMs);
}

const JobInfo* JobManager::job(int id) const
{
    auto it = m_jobs.find(id);
    return it == m_jobs.end() ? nullptr : &it->second->info;
}

QList<int> JobManager::jobIds() const
{
    QList<int> ids;
    for (const auto& [id, e] : m_jobs)
        ids << id;
    return ids;
}

int JobManager::activeJobCount() const
{
    int n = 0;
    for (const auto& [id, e] : m_jobs)
        n += e->info.isActive();
    return n;
}

} // namespace scdesk
