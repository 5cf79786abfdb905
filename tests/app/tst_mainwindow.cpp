// The main window end to end, offscreen: open the demo, see it in the Dataset dock, run an
// analysis as a job, get its result tab, save its spec and replay that spec with scdesk-cli.
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "analysis/analysis_registry.h"
#include "data/dataset.h"
#include "dataset_summary_widget.h"
#include "job_manager.h"
#include "jobs_dock.h"
#include "language.h"
#include "log_model.h"
#include "main_window.h"
#include "result_view.h"

using namespace scdesk;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("scDesk-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void menusListEveryAnalysis()
    {
        LogModel log;
        MainWindow window(&log);
        QStringList titles;
        for (QAction* a : window.menuBar()->actions())
            titles << a->text();
        QVERIFY(titles.contains(QStringLiteral("&File")));
        QVERIFY(titles.contains(QStringLiteral("&Analysis")));
        QVERIFY(titles.contains(QStringLiteral("&View")));
        QVERIFY(titles.contains(QStringLiteral("&Help")));
        for (const auto& a : AnalysisRegistry::instance().all())
            QVERIFY(window.findChild<QAction*>(QStringLiteral("analysis:") + QString::fromStdString(a->id())));
    }

    void demoOpensAndRunsGeneStats()
    {
        LogModel log;
        MainWindow window(&log);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));
        QVERIFY(window.dataset());
        const auto* shape = window.findChild<QLabel*>(QStringLiteral("datasetShape"));
        QVERIFY(shape);
        const QString cells = QLocale().toString(window.dataset()->nObs());
        QVERIFY2(shape->text().contains(cells + QLatin1Char(' ')), qPrintable(shape->text()));
        QCOMPARE(window.dataset()->nObs(), std::int64_t(20000));

        JobSpec spec;
        spec.analysis = "gene-stats";
        spec.params = {{"min_cells", 10}};
        spec.input = InputRef::forDemo(0);
        QSignalSpy added(&window, &MainWindow::resultAdded);
        const int id = window.runJob(spec);
        QVERIFY(added.wait(60000));
        QCOMPARE(window.jobs()->job(id)->state, JobState::Finished);
        QVERIFY(window.dataset()->var.find("mean_counts"));
        auto* view = window.findChild<ResultView*>(QStringLiteral("result:gene_stats"));
        QVERIFY(view);
        QCOMPARE(view->table().rowCount(), std::size_t(2000));
        QCOMPARE(window.jobsDock()->commandFor(id), QStringLiteral("scdesk-cli gene-stats --demo --min-cells 10"));

        // Save the spec as the Jobs dock does, replay it with the CLI, compare the tables.
        QTemporaryDir dir;
        const QString specPath = dir.path() + QStringLiteral("/spec.json");
        const QString csvPath = dir.path() + QStringLiteral("/replay.csv");
        window.jobs()->job(id)->spec->save(specPath.toStdString());
        QProcess cli;
        cli.start(QStringLiteral(SCDESK_BIN_DIR "/scdesk-cli"), {QStringLiteral("run"), specPath, QStringLiteral("--out"), csvPath, QStringLiteral("--quiet")});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        std::ifstream in(csvPath.toStdString());
        std::string header, line;
        std::getline(in, header);
        QCOMPARE(QString::fromStdString(header), QStringLiteral("feature,mean,variance,dispersion,fraction_expressing,n_cells,total,passes_filter"));
        const auto& features = std::get<std::vector<std::string>>(view->table().columns[0]);
        const auto& means = std::get<std::vector<double>>(view->table().columns[1]);
        for (std::size_t row = 0; std::getline(in, line); ++row) {
            std::istringstream fields(line);
            std::string feature, mean;
            std::getline(fields, feature, ',');
            std::getline(fields, mean, ',');
            QCOMPARE(feature, features[row]);
            QCOMPARE(std::stod(mean), means[row]);
        }
    }

    void failedOpenIsReported()
    {
        LogModel log;
        MainWindow window(&log);
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/broken.h5ad");
        std::ofstream(path.toStdString()) << "not hdf5";
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFile(path);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("broken.h5ad")), qPrintable(failed.first().first().toString()));
        QVERIFY(!window.dataset());
        // It is remembered as a recent file all the same.
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path);
    }

    void translationsSwitchTheMenus()
    {
        QVERIFY(availableLanguages().contains(QStringLiteral("de")));
        QVERIFY(availableLanguages().contains(QStringLiteral("zh_CN")));
        LogModel log;
        QVERIFY(installLanguage(QStringLiteral("de")));
        {
            MainWindow window(&log);
            QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        }
        QVERIFY(installLanguage(QStringLiteral("zh_CN")));
        {
            MainWindow window(&log);
            QCOMPARE(window.menuBar()->actions().first()->text(), QString::fromUtf8("文件(&F)"));
        }
        QVERIFY(installLanguage(QStringLiteral("en")));
        MainWindow window(&log);
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    }

    void windowStatePersists()
    {
        {
            LogModel log;
            MainWindow window(&log);
            window.show();
            window.resize(900, 700);
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
        LogModel log;
        MainWindow window(&log);
        QCOMPARE(window.size(), QSize(900, 700));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
