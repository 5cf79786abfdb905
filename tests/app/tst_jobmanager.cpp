// The job runner: progress arrives, cancel is honoured promptly, exceptions become failed jobs,
// several jobs run at once, intermediate results reach the GUI thread.
#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <thread>

#include "analysis/analysis_result.h"
#include "job_manager.h"
#include "util/errors.h"

using namespace scdesk;
using namespace std::chrono_literals;

namespace {

// A kernel that works in 5 ms steps and checks the cancel token between them.
JobPayload steppingWork(ProgressSink& progress, const CancelToken& cancel, int steps)
{
    progress.setRange(steps);
    for (int i = 0; i < steps; ++i) {
        cancel.throwIfCancelled();
        std::this_thread::sleep_for(5ms);
        progress.setProgress(i + 1, "step " + std::to_string(i + 1));
    }
    return std::make_shared<const int>(steps);
}

class FakeResult : public AnalysisResult {
public:
    explicit FakeResult(int step) : step(step) {}
    int step;
    std::string analysisId() const override { return "fake"; }
    std::string summary() const override { return "fake"; }
    std::vector<ResultTable> tables() const override { return {}; }
    void writeInto(Dataset&) const override {}
};

bool waitForState(JobManager& jobs, int id, JobState state, int ms = 10000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (jobs.job(id)->state == state)
            return true;
        QTest::qWait(5);
    }
    return false;
}

} // namespace

class TestJobManager : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void progressArrivesAndResultIsDelivered()
    {
        JobManager jobs;
        std::shared_ptr<const int> got;
        QList<int> progressSeen;
        connect(&jobs, &JobManager::jobUpdated, this, [&](int id) { progressSeen << jobs.job(id)->progress; });
        const int id = jobs.submitTyped<int>(
            QStringLiteral("count"),
            [](ProgressSink& p, const CancelToken& c) { return std::static_pointer_cast<const int>(steppingWork(p, c, 60)); },
            [&](std::shared_ptr<const int> r) { got = r; });
        QVERIFY(waitForState(jobs, id, JobState::Finished));
        QVERIFY(got);
        QCOMPARE(*got, 60);
        QCOMPARE(jobs.job(id)->progress, 1000);
        // Intermediate values were seen, not just the end.
        QVERIFY(std::any_of(progressSeen.begin(), progressSeen.end(), [](int v) { return v > 0 && v < 1000; }));
        QVERIFY(jobs.job(id)->elapsed() >= 250);
    }

    void cancelIsHonouredWithin200ms()
    {
        JobManager jobs;
        bool delivered = false;
        const int id = jobs.submit(
            QStringLiteral("long"), [](ProgressSink& p, const CancelToken& c) { return steppingWork(p, c, 100000); },
            [&](JobPayload) { delivered = true; });
        QVERIFY(waitForState(jobs, id, JobState::Running));
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        jobs.cancel(id);
        QVERIFY(waitForState(jobs, id, JobState::Cancelled, 2000));
        QVERIFY2(t.elapsed() < 200, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!delivered); // a cancelled job leaves nothing behind
    }

    void exceptionBecomesFailedJob()
    {
        JobManager jobs;
        const int id = jobs.submit(QStringLiteral("bad"), [](ProgressSink&, const CancelToken&) -> JobPayload {
            throw InvalidInput("column 'condition' has a single level");
        });
        QVERIFY(waitForState(jobs, id, JobState::Failed));
        QCOMPARE(jobs.job(id)->error, QStringLiteral("column 'condition' has a single level"));
        QVERIFY(jobs.job(id)->statusText.contains(QStringLiteral("single level")));
    }

    void severalJobsRunAtOnce()
    {
        JobManager jobs;
        jobs.setMaxConcurrentJobs(3);
        std::atomic<int> running{0}, peak{0};
        QList<int> ids;
        for (int i = 0; i < 3; ++i)
            ids << jobs.submit(QStringLiteral("job %1").arg(i), [&](ProgressSink&, const CancelToken&) -> JobPayload {
                const int now = ++running;
                int expected = peak.load();
                while (now > expected && !peak.compare_exchange_weak(expected, now)) {
                }
                std::this_thread::sleep_for(150ms);
                --running;
                return std::make_shared<const int>(1);
            });
        for (int id : ids)
            QVERIFY(waitForState(jobs, id, JobState::Finished));
        QCOMPARE(peak.load(), 3);
        QCOMPARE(jobs.activeJobCount(), 0);
        jobs.clearFinished();
        QVERIFY(jobs.jobIds().isEmpty());
    }

    void cancelAQueuedJob()
    {
        JobManager jobs;
        jobs.setMaxConcurrentJobs(1);
        const int first = jobs.submit(QStringLiteral("first"), [](ProgressSink& p, const CancelToken& c) { return steppingWork(p, c, 40); });
        const int second = jobs.submit(QStringLiteral("second"), [](ProgressSink& p, const CancelToken& c) { return steppingWork(p, c, 40); });
        QCOMPARE(jobs.job(second)->state, JobState::Queued);
        jobs.cancel(second);
        QVERIFY(waitForState(jobs, first, JobState::Finished));
        QVERIFY(waitForState(jobs, second, JobState::Cancelled));
    }

    void intermediateResultsReachTheGuiThread()
    {
        JobManager jobs;
        QList<int> steps;
        connect(&jobs, &JobManager::intermediateResult, this, [&](int, std::shared_ptr<const AnalysisResult> r) {
            QCOMPARE(QThread::currentThread(), qApp->thread());
            steps << std::static_pointer_cast<const FakeResult>(r)->step;
        });
        const int id = jobs.submit(QStringLiteral("live"), [](ProgressSink& p, const CancelToken&) -> JobPayload {
            for (int i = 1; i <= 3; ++i)
                p.publish(std::make_shared<const FakeResult>(i));
            return std::make_shared<const int>(0);
        });
        QVERIFY(waitForState(jobs, id, JobState::Finished));
        QTRY_COMPARE(steps, (QList<int>{1, 2, 3}));
    }

    void destructorCancelsRunningJobs()
    {
        QElapsedTimer t;
        t.start();
        {
            JobManager jobs;
            const int id = jobs.submit(QStringLiteral("long"), [](ProgressSink& p, const CancelToken& c) { return steppingWork(p, c, 100000); });
            QVERIFY(waitForState(jobs, id, JobState::Running));
        }
        QVERIFY(t.elapsed() < 2000);
    }
};

QTEST_MAIN(TestJobManager)
#include "tst_jobmanager.moc"
