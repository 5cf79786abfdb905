// scdesk-cli and scdesk as a user runs them: versions, errors and exit codes, the screenshot.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCli : public QObject {
    Q_OBJECT
private:
    struct Result {
        int code;
        QString out;
        QString err;
    };
    Result run(const QString& program, const QStringList& args, int timeoutMs = 120000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SCDESK_BIN_DIR "/") + program, args);
        if (!p.waitForFinished(timeoutMs))
            return {-1, {}, QStringLiteral("timed out")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    QTemporaryDir m_dir;

private Q_SLOTS:
    void versionNamesEveryComponent()
    {
        const Result r = run(QStringLiteral("scdesk-cli"), {QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        for (const char* word : {"scDesk 0.", "Qt 6.", "HDF5 1.", "Eigen 3.", "Compute device: ", "CUDA"})
            QVERIFY2(r.out.contains(QLatin1String(word)), qPrintable(r.out));
    }

    void analysisHelpListsFlags()
    {
        const Result r = run(QStringLiteral("scdesk-cli"), {QStringLiteral("gene-stats"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QStringLiteral("--min-cells")));
        QVERIFY(r.out.contains(QStringLiteral("--variance")));
    }

    void badInputGivesClearErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << "unknown command 'frobnicate'";
        QTest::newRow("bad value") << QStringList{QStringLiteral("gene-stats"), QStringLiteral("--demo"), QStringLiteral("--min-cells"), QStringLiteral("many")} << 2 << "expected an integer, got 'many'";
        QTest::newRow("bad choice") << QStringList{QStringLiteral("gene-stats"), QStringLiteral("--demo"), QStringLiteral("--variance"), QStringLiteral("robust")} << 2 << "'robust' is not one of";
        QTest::newRow("no input") << QStringList{QStringLiteral("gene-stats")} << 2 << "exactly one input";
        QTest::newRow("missing file") << QStringList{QStringLiteral("gene-stats"), QStringLiteral("/nonexistent.h5ad")} << 1 << "/nonexistent.h5ad";
        QTest::newRow("missing layer") << QStringList{QStringLiteral("gene-stats"), QStringLiteral("--demo"), QStringLiteral("--layer"), QStringLiteral("counts")} << 2 << "no layer named 'counts'";
        QTest::newRow("missing spec") << QStringList{QStringLiteral("run"), QStringLiteral("/nonexistent.json")} << 1 << "/nonexistent.json";
    }

    void badInputGivesClearErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = run(QStringLiteral("scdesk-cli"), args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void specRoundTripThroughTheCli()
    {
        const QString spec = m_dir.path() + QStringLiteral("/spec.json");
        const QString first = m_dir.path() + QStringLiteral("/first.tsv");
        const QString second = m_dir.path() + QStringLiteral("/second.tsv");
        Result r = run(QStringLiteral("scdesk-cli"), {QStringLiteral("gene-stats"), QStringLiteral("--demo"), QStringLiteral("--variance"), QStringLiteral("population"),
                                                      QStringLiteral("--save-spec"), spec, QStringLiteral("--out"), first, QStringLiteral("-q")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(QStringLiteral("scdesk-cli"), {QStringLiteral("run"), spec, QStringLiteral("--out"), second, QStringLiteral("-q")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile a(first), b(second);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray contents = a.readAll();
        QVERIFY(contents.count('\n') == 2001);
        QCOMPARE(contents, b.readAll());
    }

    void screenshotOfTheDemo()
    {
        const QString png = m_dir.path() + QStringLiteral("/shot.png");
        const Result r = run(QStringLiteral("scdesk"), {QStringLiteral("--demo"), QStringLiteral("--screenshot"), png});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        // Not a blank window: the embedding's category colours are present.
        int colourful = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4) {
                const QColor c = image.pixelColor(x, y);
                colourful += c.saturation() > 120 && c.value() > 80;
            }
        QVERIFY2(colourful > 500, qPrintable(QString::number(colourful)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
