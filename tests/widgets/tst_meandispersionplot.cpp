// The mean–dispersion plot: MLE points, a trend line sorted by mean, QL values scaled by the trend,
// log axes, and genes that cannot sit on a log axis left out.
#include <QtTest>
#include <cmath>
#include <random>

#include "mean_dispersion_plot.h"

using namespace scdesk;

class TestMeanDispersionPlot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void graphsAndLogAxes()
    {
        MeanDispersionPlot plot;
        plot.resize(800, 600);
        plot.setData({"a", "b", "c", "zero", "e"}, {1, 100, 10, 0, 5}, {0.5, 0.1, 0.2, 0, 0.3}, {0.4, 0.1, 0.2, 0.5, 0.25},
                     {1.2, 0.9, 1.0, 1, 1.1});
        QCOMPARE(plot.mleGraph()->dataCount(), 4);
        QCOMPARE(plot.trendGraph()->dataCount(), 4);
        QCOMPARE(plot.qlGraph()->dataCount(), 4);
        QCOMPARE(plot.hiddenCount(), 1);
        QCOMPARE(plot.xAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(plot.xAxis->ticker()));
        QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(plot.yAxis->ticker()));
        // Trend sorted by mean.
        QVector<double> keys;
        for (auto it = plot.trendGraph()->data()->constBegin(); it != plot.trendGraph()->data()->constEnd(); ++it)
            keys << it->key;
        QCOMPARE(keys, (QVector<double>{1, 5, 10, 100}));
        QCOMPARE(plot.trendGraph()->lineStyle(), QCPGraph::lsLine);
        // QL shrunken values are drawn in dispersion units: φ_QL × trend.
        QCOMPARE(plot.qlGraph()->data()->findBegin(100, false)->value, 0.9 * 0.1);
        QVERIFY(plot.legend->visible());
    }

    void hoverAndClick()
    {
        MeanDispersionPlot plot;
        plot.resize(800, 600);
        plot.setData({"a", "b", "c"}, {1, 100, 10}, {0.5, 0.1, 0.2}, {}, {}, {7, 8, 9});
        plot.replot();
        const QPointF c(plot.xAxis->coordToPixel(10), plot.yAxis->coordToPixel(0.2));
        QCOMPARE(plot.rowAt(c + QPointF(3, 2)), 9);
        QVERIFY(plot.toolTipForRow(9).contains(QStringLiteral("<b>c</b>")));
        QSignalSpy spy(&plot, &MeanDispersionPlot::geneClicked);
        QTest::mouseClick(&plot, Qt::LeftButton, {}, c.toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 9);
        QVERIFY(!plot.trendGraph()->visible()); // no trend column
    }

    void rendersToPng()
    {
        // glmGamPoi-like data: θ ≈ 0.05 + 2/μ with scatter, QL factors around 1.
        std::mt19937 rng(5);
        std::normal_distribution<double> n01;
        std::vector<double> mean, disp, trend, ql;
        QStringList genes;
        for (int i = 0; i < 5000; ++i) {
            const double m = std::pow(10.0, -1 + 5 * (i / 5000.0) + 0.1 * n01(rng));
            const double t = 0.05 + 2 / (m + 1);
            mean.push_back(m);
            trend.push_back(t);
            disp.push_back(i % 50 == 0 ? 0 : t * std::exp(0.8 * n01(rng)));
            ql.push_back(std::exp(0.2 * n01(rng)));
            genes << QStringLiteral("GENE%1").arg(i);
        }
        MeanDispersionPlot plot;
        plot.setData(genes, mean, disp, trend, ql);
        QCOMPARE(plot.hiddenCount(), 100);
        const QString out = qEnvironmentVariable("SCDESK_PLOT_OUT");
        if (!out.isEmpty())
            QVERIFY(plot.savePng(out + QStringLiteral("/mean_dispersion.png"), 900, 700));
    }
};

QTEST_MAIN(TestMeanDispersionPlot)
#include "tst_meandispersionplot.moc"
