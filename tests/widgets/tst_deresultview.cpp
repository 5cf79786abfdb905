// The DE result view: the table filters and the volcano thresholds follow each other, a click on a
// gene selects its row, and the table and figures export.
#include <QComboBox>
#include <array>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "de_result_view.h"
#include "mean_dispersion_plot.h"
#include "volcano_plot.h"

using namespace scdesk;

namespace {

ResultTable deTable(bool grouped)
{
    ResultTable t;
    t.name = "delnx";
    const int copies = grouped ? 2 : 1;
    std::vector<std::string> feature, group;
    std::vector<double> lfc, p, q, mean, disp, ql, trend;
    for (int c = 0; c < copies; ++c) {
        for (int i = 0; i < 6; ++i) {
            feature.push_back(std::array<const char*, 6>{"g0", "g1", "g2", "g3", "g4", "g5"}[static_cast<std::size_t>(i)]);
            group.push_back(c == 0 ? "T" : "B");
        }
        lfc.insert(lfc.end(), {3, -3, 0.5, 2, -2, 0.1});
        p.insert(p.end(), {1e-10, 1e-8, 1e-6, 1e-3, 0.5, 0});
        q.insert(q.end(), {1e-9, 1e-7, 1e-5, 0.004, 0.6, 0});
        mean.insert(mean.end(), {10, 20, 5, 100, 1, 0});
        disp.insert(disp.end(), {0.1, 0.2, 0.3, 0.05, 0.8, 0});
        ql.insert(ql.end(), {1, 1.1, 0.9, 1, 1.2, 1});
        trend.insert(trend.end(), {0.15, 0.12, 0.2, 0.06, 0.5, 1});
    }
    t.addColumn("feature", feature);
    if (grouped)
        t.addColumn("group", group);
    t.addColumn("log2fc", lfc);
    t.addColumn("pval", p);
    t.addColumn("padj", q);
    t.addColumn("mean", mean);
    t.addColumn("dispersion", disp);
    t.addColumn("ql_dispersion", ql);
    t.addColumn("dispersion_trend", trend);
    return t;
}

std::vector<int> sorted(std::vector<int> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

QStringList readLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestDeResultView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptsTablesWithFoldChangeAndP()
    {
        QVERIFY(DeResultView::accepts(deTable(false)));
        ResultTable other;
        other.addColumn("feature", std::vector<std::string>{"a"});
        other.addColumn("mean", std::vector<double>{1});
        QVERIFY(!DeResultView::accepts(other));
    }

    void filtersFollowThresholdsBothWays()
    {
        DeResultView view(deTable(false));
        QVERIFY(view.meanDispersion());
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{0, 1, 3})); // padj ≤ 0.05, |log2FC| ≥ 1
        // Spin box → volcano and table.
        view.padjBox()->setValue(0.001);
        QCOMPARE(view.volcano()->padjThreshold(), 0.001);
        QCOMPARE(view.volcano()->upGraph()->dataCount(), 1);
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{0, 1}));
        view.lfcBox()->setValue(0.05);
        QCOMPARE(view.volcano()->lfcThreshold(), 0.05);
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{0, 1, 2, 5}));
        // Volcano drag → spin boxes and table (small thresholds survive the spin box).
        Q_EMIT view.volcano()->thresholdsChanged(1e-7, 2.0);
        QCOMPARE(view.padjBox()->value(), 1e-7);
        QCOMPARE(view.lfcBox()->value(), 2.0);
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{0, 1}));
    }

    void clickingAGeneSelectsItsRow()
    {
        DeResultView view(deTable(false));
        view.resize(1400, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        VolcanoPlot* volcano = view.volcano();
        volcano->replot();
        const QPoint g1 = QPointF(volcano->xAxis->coordToPixel(-3), volcano->yAxis->coordToPixel(8)).toPoint();
        QTest::mouseClick(volcano, Qt::LeftButton, {}, g1);
        QCOMPARE(view.selectedRow(), 1);
        const QModelIndex current = view.tableView()->currentIndex();
        QCOMPARE(current.sibling(current.row(), 0).data().toString(), QStringLiteral("g1"));
        // And the other way: a row selected in the table is what the plots highlight.
        view.selectRow(3);
        QCOMPARE(view.selectedRow(), 3);
    }

    void groupSelectorRestrictsTableAndPlot()
    {
        DeResultView view(deTable(true));
        QVERIFY(view.groupBox());
        QCOMPARE(view.groupBox()->count(), 2);
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{0, 1, 3}));
        view.groupBox()->setCurrentText(QStringLiteral("B"));
        QCOMPARE(sorted(view.visibleRows()), (std::vector<int>{6, 7, 9}));
        QCOMPARE(view.volcano()->upGraph()->dataCount() + view.volcano()->downGraph()->dataCount() +
                     view.volcano()->nsGraph()->dataCount(),
                 6);
    }

    void exportsTheVisibleRowsOrAll()
    {
        QTemporaryDir dir;
        DeResultView view(deTable(false));
        const QString visible = dir.filePath(QStringLiteral("visible.csv"));
        QCOMPARE(view.exportTableTo(visible, true), QString());
        const QStringList lines = readLines(visible);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith(QStringLiteral("feature,log2fc,pval,padj")));
        QVERIFY(lines[1].startsWith(QStringLiteral("g0,"))); // sorted by p, as shown
        const QString all = dir.filePath(QStringLiteral("all.tsv"));
        QCOMPARE(view.exportTableTo(all, false), QString());
        QCOMPARE(readLines(all).size(), 7);
        QVERIFY(readLines(all)[0].contains(QLatin1Char('\t')));
    }

    void exportsFigures()
    {
        QTemporaryDir dir;
        DeResultView view(deTable(false));
        view.resize(1200, 700);
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("volcano.") + QLatin1String(suffix));
            QCOMPARE(view.exportFigureTo(path), QString());
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        QVERIFY(!QImage(dir.filePath(QStringLiteral("volcano.png"))).isNull());
        const QString out = qEnvironmentVariable("SCDESK_PLOT_OUT");
        if (!out.isEmpty()) {
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.grab().save(out + QStringLiteral("/de_result_view.png"));
        }
    }
};

QTEST_MAIN(TestDeResultView)
#include "tst_deresultview.moc"
