#include <QComboBox>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "preferences.h"
#include "preferences_dialog.h"

using namespace scdesk;

class TestPreferences : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void persistThroughQSettings()
    {
        QTemporaryDir dir;
        const QString ini = dir.path() + QStringLiteral("/prefs.ini");
        Preferences p;
        p.workerThreads = 3;
        p.computeDevice = QStringLiteral("cpu");
        p.theme = Theme::Dark;
        p.language = QStringLiteral("de");
        {
            QSettings s(ini, QSettings::IniFormat);
            p.save(s);
        }
        const QSettings s(ini, QSettings::IniFormat);
        const Preferences back = Preferences::load(s);
        QCOMPARE(back.workerThreads, 3);
        QCOMPARE(back.computeDevice, QStringLiteral("cpu"));
        QCOMPARE(back.theme, Theme::Dark);
        QCOMPARE(back.language, QStringLiteral("de"));
        QCOMPARE(back.effectiveThreads(), 3);
    }

    void dialogEditsEveryPreference()
    {
        Preferences p;
        DeviceInfo cpu{"cpu", "CPU", 0, 0, 0, 0};
        DeviceInfo gpu{"cuda", "NVIDIA H200", 0, 1, 9, 0};
        PreferencesDialog dialog(p, {cpu, gpu});
        auto* device = dialog.findChild<QComboBox*>(QStringLiteral("computeDevice"));
        QCOMPARE(device->count(), 3); // auto, CPU, CUDA
        device->setCurrentIndex(device->findData(QStringLiteral("cuda")));
        dialog.findChild<QSpinBox*>(QStringLiteral("workerThreads"))->setValue(2);
        auto* theme = dialog.findChild<QComboBox*>(QStringLiteral("theme"));
        theme->setCurrentIndex(theme->findData(static_cast<int>(Theme::Light)));
        auto* language = dialog.findChild<QComboBox*>(QStringLiteral("language"));
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        const Preferences out = dialog.preferences();
        QCOMPARE(out.computeDevice, QStringLiteral("cuda"));
        QCOMPARE(out.workerThreads, 2);
        QCOMPARE(out.theme, Theme::Light);
        QCOMPARE(out.language, QStringLiteral("zh_CN"));
    }

    void noCudaChoiceWithoutDevice()
    {
        PreferencesDialog dialog(Preferences{}, {DeviceInfo{"cpu", "CPU", 0, 0, 0, 0}});
        QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("computeDevice"))->findData(QStringLiteral("cuda")), -1);
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
