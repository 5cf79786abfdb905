// 200 randomly corrupted copies of a corpus file never crash scDesk: each is read by
// `scdesk-cli info --json`, which must either succeed or exit 1 with a message naming the file.
// (libhdf5 1.10.8 itself crashes on some of them; the preflight child takes those crashes.)
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

class TestCorruptedFiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corruptedCopiesNeverCrash_data()
    {
        QTest::addColumn<QString>("corpusFile");
        QTest::newRow("anndata >= 0.8, gzip") << QStringLiteral("scanpy_pbmc68k_reduced_2025.h5ad");
        QTest::newRow("anndata 0.7") << QStringLiteral("anndata_archive_v0.7.0.h5ad");
    }

    void corruptedCopiesNeverCrash()
    {
        QFETCH(QString, corpusFile);
        const QString source = QStringLiteral(SCDESK_SHARED_DIR "/data/h5ad/") + corpusFile;
        if (!QFile::exists(source))
            QSKIP("../shared/data/h5ad is not present");
        QFile in(source);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray original = in.readAll();
        QTemporaryDir dir;
        constexpr int copies = 100; // per file: 200 in all
        int read = 0, refused = 0;
        for (int i = 0; i < copies; ++i) {
            std::mt19937 rng(static_cast<unsigned>(i));
            QByteArray damaged = original;
            const int flips = std::array{1, 4, 16, 64}[rng() % 4];
            for (int k = 0; k < flips; ++k)
                damaged[static_cast<qsizetype>(rng() % static_cast<unsigned>(damaged.size()))] = static_cast<char>(rng() & 0xff);
            const QString path = dir.filePath(QStringLiteral("copy%1.h5ad").arg(i));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write(damaged) == damaged.size());
            out.close();

            QProcess cli;
            cli.start(QStringLiteral(SCDESK_BIN_DIR "/scdesk-cli"), {QStringLiteral("info"), path, QStringLiteral("--json")});
            QVERIFY(cli.waitForFinished(180000));
            const QString err = QString::fromUtf8(cli.readAllStandardError());
            QVERIFY2(cli.exitStatus() == QProcess::NormalExit, qPrintable(QStringLiteral("copy %1 crashed scdesk-cli").arg(i)));
            QVERIFY2(cli.exitCode() == 0 || cli.exitCode() == 1, qPrintable(QStringLiteral("copy %1: exit %2").arg(i).arg(cli.exitCode())));
            if (cli.exitCode() == 1) {
                QVERIFY2(err.contains(QStringLiteral("copy%1.h5ad").arg(i)), qPrintable(err));
                ++refused;
            } else {
                ++read;
            }
            QFile::remove(path);
        }
        qInfo("%s: %d copies read, %d refused with a message", qPrintable(corpusFile), read, refused);
        QVERIFY(refused > 0); // the corruption does reach the reader
    }
};

QTEST_GUILESS_MAIN(TestCorruptedFiles)
#include "tst_corruptedfiles.moc"
