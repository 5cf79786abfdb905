#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QtTest>

#include "log_dock.h"
#include "log_model.h"

using namespace scdesk;

class TestLogDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void filtersByLevelCategoryAndText()
    {
        LogModel model;
        LogDock dock(&model);
        const QDateTime now = QDateTime::currentDateTime();
        model.append({now, QtDebugMsg, QStringLiteral("scdesk.io"), QStringLiteral("opened chunk")});
        model.append({now, QtInfoMsg, QStringLiteral("scdesk.jobs"), QStringLiteral("job 1 started")});
        model.append({now, QtWarningMsg, QStringLiteral("scdesk.jobs"), QStringLiteral("job 1 failed")});
        model.append({now, QtCriticalMsg, QStringLiteral("scdesk.app"), QStringLiteral("cannot open file")});
        auto* view = dock.findChild<QTableView*>();
        const auto combos = dock.findChildren<QComboBox*>();
        QCOMPARE(combos.size(), 2);
        QCOMPARE(view->model()->rowCount(), 3); // info and above by default
        combos[0]->setCurrentIndex(0);
        QCOMPARE(view->model()->rowCount(), 4);
        combos[1]->setCurrentIndex(combos[1]->findData(QStringLiteral("scdesk.jobs")));
        QCOMPARE(view->model()->rowCount(), 2);
        dock.findChild<QLineEdit*>()->setText(QStringLiteral("FAILED"));
        QCOMPARE(view->model()->rowCount(), 1);
        combos[0]->setCurrentIndex(3);
        QCOMPARE(view->model()->rowCount(), 0);
    }

    void keepsTheNewestEntries()
    {
        LogModel model;
        for (int i = 0; i < LogModel::kMaxEntries + 10; ++i)
            model.append({QDateTime::currentDateTime(), QtInfoMsg, QStringLiteral("c"), QString::number(i)});
        QCOMPARE(model.rowCount(), LogModel::kMaxEntries);
        QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("10"));
    }
};

QTEST_MAIN(TestLogDock)
#include "tst_logdock.moc"
