// Job specs are what users save and replay; their JSON form and command line must be exact.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "analysis/analysis_registry.h"
#include "analysis/job_spec.h"
#include "util/errors.h"

using namespace scdesk;

class TestJobSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonRoundTrip()
    {
        JobSpec spec;
        spec.analysis = "gene-stats";
        spec.params = {{"layer", "X"}, {"min_cells", 5}};
        spec.input = InputRef::forDemo(42);
        spec.seed = 7;
        spec.scdeskVersion = "0.1.0";
        const JobSpec back = JobSpec::fromJson(nlohmann::json::parse(spec.toJson().dump()));
        QCOMPARE(back.toJson(), spec.toJson());
        QVERIFY(back.input.isDemo());
        QCOMPARE(*back.input.demoSeed, std::uint64_t(42));
        QCOMPARE(back.seed, std::uint64_t(7));
    }

    void fileInputRecordsSizeAndMtime()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + QStringLiteral("/data.h5ad")).toStdString();
        std::ofstream(path) << "12345";
        const InputRef ref = InputRef::forFile(path);
        QCOMPARE(ref.sizeBytes, std::int64_t(5));
        QVERIFY(ref.mtimeSeconds > 1'600'000'000);
        QVERIFY_THROWS_EXCEPTION(IoError, InputRef::forFile(path + ".missing"));
    }

    void saveAndLoadAtomically()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + QStringLiteral("/spec.json")).toStdString();
        JobSpec spec;
        spec.analysis = "gene-stats";
        spec.input = InputRef::forDemo(0);
        spec.save(path);
        QCOMPARE(JobSpec::load(path).toJson(), spec.toJson());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left
    }

    void malformedSpecsNameTheProblem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << "{" << "not valid JSON";
        QTest::newRow("no version") << R"({"analysis":"x","input":{"demo":{"seed":0}}})" << "scdesk_job_spec";
        QTest::newRow("newer") << R"({"scdesk_job_spec":99,"analysis":"x","input":{"demo":{"seed":0}}})" << "newer";
        QTest::newRow("no analysis") << R"({"scdesk_job_spec":1,"input":{"demo":{"seed":0}}})" << "'analysis'";
        QTest::newRow("no input") << R"({"scdesk_job_spec":1,"analysis":"x"})" << "'input'";
        QTest::newRow("bad path") << R"({"scdesk_job_spec":1,"analysis":"x","input":{"path":3}})" << "'path'";
    }

    void malformedSpecsNameTheProblem()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = (dir.path() + QStringLiteral("/bad.json")).toStdString();
        std::ofstream(path) << text.toStdString();
        try {
            JobSpec::load(path);
            QFAIL("no exception");
        } catch (const InvalidInput& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("bad.json")), e.what());
        }
    }

    void commandLineQuotesAndOmitsDefaults()
    {
        const auto analysis = AnalysisRegistry::instance().find("gene-stats");
        QVERIFY(analysis);
        JobSpec spec;
        spec.analysis = "gene-stats";
        spec.params = {{"min_cells", 10}};
        spec.input.path = "/data/my file's.h5ad";
        QCOMPARE(QString::fromStdString(spec.toCommandLine(analysis->schema())),
                 QStringLiteral("scdesk-cli gene-stats '/data/my file'\\''s.h5ad' --min-cells 10"));
        spec.input = InputRef::forDemo(3);
        spec.seed = 9;
        QCOMPARE(QString::fromStdString(spec.toCommandLine(analysis->schema())),
                 QStringLiteral("scdesk-cli gene-stats --demo --demo-seed 3 --min-cells 10 --seed 9"));
    }
};

QTEST_APPLESS_MAIN(TestJobSpec)
#include "tst_jobspec.moc"
