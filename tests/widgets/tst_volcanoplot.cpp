// The volcano plot: genes fall into up/down/n.s. by the thresholds, the threshold lines can be
// dragged, hover and click find the nearest gene, and the smallest p-values get labels.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <numeric>
#include <random>

#include "volcano_plot.h"

using namespace scdesk;

namespace {

// g5 has p = 0 (drawn capped at 10 + 1).
void fill(VolcanoPlot& plot, std::vector<int> rows = {})
{
    plot.setData({"g0", "g1", "g2", "g3", "g4", "g5"}, {3, -3, 0.5, 2, -2, 0.1}, {1e-10, 1e-8, 1e-6, 1e-3, 0.5, 0},
                 {1e-9, 1e-7, 1e-5, 0.004, 0.6, 0}, std::move(rows));
}

QPoint pixelOf(const VolcanoPlot& plot, double x, double y)
{
    return QPointF(plot.xAxis->coordToPixel(x), plot.yAxis->coordToPixel(y)).toPoint();
}

void moveMouse(QWidget* w, QPoint to)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(to), w->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(w, &move);
}

} // namespace

class TestVolcanoPlot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threeGraphsFollowTheThresholds()
    {
        VolcanoPlot plot;
        fill(plot);
        QCOMPARE(plot.upGraph()->dataCount(), 2);   // g0, g3
        QCOMPARE(plot.downGraph()->dataCount(), 1); // g1
        QCOMPARE(plot.nsGraph()->dataCount(), 3);   // g2 (small FC), g4 (padj), g5 (small FC)
        QVERIFY(!plot.upGraph()->adaptiveSampling());
        QCOMPARE(plot.padjLineY(), 3.0); // largest p with padj ≤ 0.05 is 1e-3
        plot.setThresholds(0.001, 1);
        QCOMPARE(plot.upGraph()->dataCount(), 1);
        QCOMPARE(plot.nsGraph()->dataCount(), 4);
        QCOMPARE(plot.padjLineY(), 6.0);
        plot.setThresholds(0.05, 0.25);
        QCOMPARE(plot.upGraph()->dataCount(), 3);
        QCOMPARE(plot.nsGraph()->dataCount(), 2);
        QCOMPARE(plot.lfcLine(true)->point1->coords().x(), 0.25);
        QCOMPARE(plot.lfcLine(false)->point1->coords().x(), -0.25);
    }

    void zeroPIsCappedAndSaysSo()
    {
        VolcanoPlot plot;
        fill(plot);
        QCOMPARE(plot.plottedY(0), 11.0);
        QVERIFY(plot.toolTipForRow(5).contains(QStringLiteral("p = 0")));
        QVERIFY(!plot.toolTipForRow(0).contains(QStringLiteral("p = 0")));
        QVERIFY(plot.toolTipForRow(0).contains(QStringLiteral("g0")));
    }

    void draggingTheFoldChangeLine()
    {
        VolcanoPlot plot;
        plot.resize(800, 600);
        fill(plot);
        plot.replot();
        QSignalSpy spy(&plot, &VolcanoPlot::thresholdsChanged);
        const QPoint grab = pixelOf(plot, 1.0, 8.0);
        QTest::mousePress(&plot, Qt::LeftButton, {}, grab);
        moveMouse(&plot, pixelOf(plot, 2.5, 8.0));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, pixelOf(plot, 2.5, 8.0));
        QCOMPARE(spy.count(), 1);
        const double tolerance = plot.xAxis->range().size() / plot.axisRect()->width(); // one pixel
        QVERIFY2(std::abs(spy.at(0).at(1).toDouble() - 2.5) <= tolerance, qPrintable(QString::number(spy.at(0).at(1).toDouble())));
        QCOMPARE(spy.at(0).at(0).toDouble(), 0.05);
        QCOMPARE(plot.upGraph()->dataCount(), 1); // g3 (log2FC 2) is now below the line
    }

    void draggingThePadjLine()
    {
        VolcanoPlot plot;
        plot.resize(800, 600);
        fill(plot);
        plot.replot();
        QSignalSpy spy(&plot, &VolcanoPlot::thresholdsChanged);
        QTest::mousePress(&plot, Qt::LeftButton, {}, pixelOf(plot, 0.0, 3.0));
        moveMouse(&plot, pixelOf(plot, 0.0, 7.0));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, pixelOf(plot, 0.0, 7.0));
        QCOMPARE(spy.count(), 1);
        // Above y = 7: g5 (p 0), g0 (1e-10), g1 (1e-8); the threshold is their largest padj.
        QCOMPARE(spy.at(0).at(0).toDouble(), 1e-7);
        QCOMPARE(plot.padjLineY(), 8.0); // snapped to the BH boundary (g1)
        QCOMPARE(plot.upGraph()->dataCount(), 1);
        QCOMPARE(plot.downGraph()->dataCount(), 1);
    }

    void hoverFindsTheNearestGene()
    {
        VolcanoPlot plot;
        plot.resize(800, 600);
        fill(plot, {10, 11, 12, 13, 14, 15});
        plot.replot();
        QCOMPARE(plot.rowAt(QPointF(pixelOf(plot, 0.5, 6.0)) + QPointF(2, -1)), 12);
        QCOMPARE(plot.rowAt(QPointF(pixelOf(plot, -2, 0.30103))), 14);
        QCOMPARE(plot.rowAt(QPointF(pixelOf(plot, 1.5, 5.0))), -1); // nothing within a few pixels
        moveMouse(&plot, pixelOf(plot, 3, 10));                     // the hover path itself must not crash
    }

    void clickEmitsTheRow()
    {
        VolcanoPlot plot;
        plot.resize(800, 600);
        fill(plot, {10, 11, 12, 13, 14, 15});
        plot.replot();
        QSignalSpy spy(&plot, &VolcanoPlot::geneClicked);
        QTest::mouseClick(&plot, Qt::LeftButton, {}, pixelOf(plot, -2, 0.30103));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 14);
    }

    void topGenesAreLabelled()
    {
        VolcanoPlot plot;
        plot.resize(800, 600);
        fill(plot);
        QCOMPARE(plot.labels().size(), 6); // N = 10 > 6 genes
        plot.setLabelCount(3);
        QStringList texts;
        for (auto* label : plot.labels())
            texts << label->text();
        QCOMPARE(texts, (QStringList{"g5", "g0", "g1"}));
        // Labels stay inside the axis rect.
        plot.replot();
        for (auto* label : plot.labels()) {
            const QPointF at = label->position->pixelPosition();
            QVERIFY(plot.axisRect()->rect().contains(at.toPoint()));
        }
    }

    void rendersToPng()
    {
        VolcanoPlot plot;
        std::vector<double> lfc, p, q;
        QStringList genes;
        std::mt19937 rng(3);
        std::normal_distribution<double> n01;
        for (int i = 0; i < 20000; ++i) {
            const double effect = i < 300 ? 2.5 * n01(rng) : 0.3 * n01(rng);
            lfc.push_back(effect);
            const double z = effect / 0.35 + 0.5 * n01(rng);
            p.push_back(std::erfc(std::abs(z) / std::sqrt(2.0)));
            genes << QStringLiteral("GENE%1").arg(i);
        }
        // BH
        std::vector<int> order(p.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return p[a] < p[b]; });
        q.assign(p.size(), 1);
        double running = 1;
        for (int k = static_cast<int>(order.size()) - 1; k >= 0; --k) {
            running = std::min(running, p[order[k]] * p.size() / (k + 1));
            q[order[k]] = running;
        }
        p[order[0]] = 0;
        q[order[0]] = 0;
        plot.resize(900, 700);
        QElapsedTimer timer;
        timer.start();
        plot.setData(genes, lfc, p, q);
        const double setDataMs = timer.nsecsElapsed() / 1e6;
        timer.restart();
        int found = 0;
        for (int k = 0; k < 1000; ++k)
            found += plot.rowAt(QPointF(plot.xAxis->coordToPixel(0) + (k % 40) - 20, plot.yAxis->coordToPixel(0.5) + (k % 17) - 8)) >= 0; // the dense n.s. cloud
        const double lookupUs = timer.nsecsElapsed() / 1e3 / 1000;
        timer.restart();
        plot.setHighlightedRow(123);
        const double overlayMs = timer.nsecsElapsed() / 1e6;
        timer.restart();
        plot.replot();
        const double fullMs = timer.nsecsElapsed() / 1e6;
        qInfo("20k genes: setData %.1f ms, hover lookup %.1f us (%d hits/1000), overlay redraw %.2f ms, full replot %.1f ms",
              setDataMs, lookupUs, found, overlayMs, fullMs);
        const QString out = qEnvironmentVariable("SCDESK_PLOT_OUT");
        if (!out.isEmpty())
        {
            QVERIFY(plot.savePng(out + QStringLiteral("/volcano.png"), 900, 700));
            QPalette dark;
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
            dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
            plot.setTheme(dark);
            QVERIFY(plot.savePng(out + QStringLiteral("/volcano_dark.png"), 900, 700));
        }
        QVERIFY(plot.upGraph()->dataCount() > 0);
    }
};

QTEST_MAIN(TestVolcanoPlot)
#include "tst_volcanoplot.moc"
