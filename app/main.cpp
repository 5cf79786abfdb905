// scdesk: the desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <optional>

#include "cuda_backends.h"
#include "io/h5ad/h5ad_preflight.h"
#include "language.h"
#include "log_capture.h"
#include "log_model.h"
#include "job_manager.h"
#include "main_window.h"
#include "preferences.h"
#include "util/build_info.h"

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("scDesk"));
    QApplication::setApplicationName(QStringLiteral("scDesk"));
    QApplication::setApplicationVersion(QString::fromStdString(scdesk::scdeskVersion()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/scdesk.svg")));

    scdesk::LogModel log;
    scdesk::installLogCapture(&log);
    const scdesk::Preferences prefs = scdesk::Preferences::load(QSettings());
    scdesk::installLanguage(prefs.language);
    scdesk::gpu::registerCudaBackends();
    // Damaged .h5ad files are first read by scdesk-cli in a child process (see h5ad_preflight.h).
    if (const QString checker = QCoreApplication::applicationDirPath() + QStringLiteral("/scdesk-cli"); QFileInfo::exists(checker))
        scdesk::setH5adPreflightExecutable(checker.toStdString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "scDesk: single-cell genomics on the desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QApplication::translate("main", "Open the built-in demo dataset."));
    const QCommandLineOption demoSeed(QStringLiteral("demo-seed"),
                                      QApplication::translate("main", "Seed of the demo dataset (default 0)."),
                                      QStringLiteral("seed"), QStringLiteral("0"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Load the data, save the main window as a PNG and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption tab(QStringLiteral("tab"),
                                 QApplication::translate("main", "Tab to show once the data are loaded: embedding, cells or genes."),
                                 QStringLiteral("name"), QStringLiteral("embedding"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QApplication::translate("main", "Once the data are loaded, run this saved job spec (JSON)."),
                                 QStringLiteral("spec"));
    parser.addOptions({demo, demoSeed, screenshot, tab, run});
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "An .h5ad file to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    scdesk::MainWindow window(&log);
    window.show();

    const bool wantsData = parser.isSet(demo) || !parser.positionalArguments().isEmpty();
    if (parser.isSet(tab)) {
        const QString name = parser.value(tab);
        if (!window.showTab(name)) {
            std::fprintf(stderr, "%s\n", qPrintable(QApplication::translate("main", "Unknown tab '%1': use embedding, cells or genes.").arg(name)));
            return 2;
        }
        QObject::connect(&window, &scdesk::MainWindow::datasetChanged, &window, [&window, name] { window.showTab(name); });
    }
    std::optional<scdesk::JobSpec> spec;
    if (parser.isSet(run)) {
        try {
            spec = scdesk::JobSpec::load(parser.value(run).toStdString());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 2;
        }
        // The spec runs on whatever data was opened; its own input is for scdesk-cli run.
        QObject::connect(&window, &scdesk::MainWindow::datasetChanged, &window, [&window, spec] { window.runJob(*spec); },
                         Qt::SingleShotConnection);
    }
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        auto save = [&window, path] {
            // Let queued log lines and the first layout settle before grabbing.
            QTimer::singleShot(300, &window, [&window, path] {
                const bool ok = window.grab().save(path, "PNG");
                std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
                QApplication::exit(ok ? 0 : 1);
            });
        };
        if (wantsData) {
            // With --run, the picture waits for the result; a failed job is a failed screenshot.
            if (spec)
                QObject::connect(&window, &scdesk::MainWindow::resultAdded, &window, save);
            else
                QObject::connect(&window, &scdesk::MainWindow::datasetChanged, &window, save);
            QObject::connect(window.jobs(), &scdesk::JobManager::jobFinished, &window, [&window](int id) {
                if (const scdesk::JobInfo* info = window.jobs()->job(id); info && info->state == scdesk::JobState::Failed) {
                    std::fprintf(stderr, "%s\n", qPrintable(info->error));
                    QApplication::exit(1);
                }
            });
            QObject::connect(&window, &scdesk::MainWindow::loadFailed, &window, [](const QString& message) {
                std::fprintf(stderr, "%s\n", qPrintable(message));
                QApplication::exit(1);
            });
        } else {
            save();
        }
    }
    if (parser.isSet(demo))
        window.openDemo(parser.value(demoSeed).toULongLong());
    else if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());

    const int rc = QApplication::exec();
    scdesk::removeLogCapture();
    return rc;
}
