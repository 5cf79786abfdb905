// The million-cell scatter plottable: its image matches a naive per-point painter loop, is the
// same for any thread count, honours draw order; hover and lasso return exactly the expected cells;
// exports decode (PNG), parse with a raster cloud and vector text (SVG) and have one page (PDF).
#include <QDomDocument>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <omp.h>
#include <qcustomplot.h>
#include <random>
#include <set>

#include "cell_rasterizer.h"
#include "cell_scatter_plottable.h"
#include "plot_export.h"

using namespace scdesk;

namespace {

std::vector<QRgb> greyRamp()
{
    std::vector<QRgb> lut(256);
    for (int i = 0; i < 256; ++i)
        lut[static_cast<std::size_t>(i)] = qRgb(i, 255 - i, (i * 7) % 256);
    return lut;
}

// The reference: every cell in ascending value, its disc stamped pixel by pixel (later wins).
QImage naiveReference(const std::vector<float>& x, const std::vector<float>& y, const std::vector<float>& v,
                      int w, int h, int size)
{
    const std::vector<QRgb> lut = greyRamp();
    QImage ref(w, h, QImage::Format_ARGB32_Premultiplied);
    ref.fill(Qt::transparent);
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    const double c = (size - 1) / 2.0;
    for (std::size_t i : order) {
        // Axis ranges [0,w]×[0,h] onto a w×h image, y up.
        const double fx = x[i], fy = h - static_cast<double>(y[i]);
        if (fx < 0 || fx >= w || fy < 0 || fy >= h)
            continue;
        const int px = static_cast<int>(fx), py = static_cast<int>(fy);
        const QRgb col = lut[static_cast<std::size_t>(std::lround(std::clamp(v[i], 0.0f, 1.0f) * 255.0f))];
        for (int j = 0; j < size; ++j)
            for (int k = 0; k < size; ++k) {
                if ((k - c) * (k - c) + (j - c) * (j - c) > size * size / 4.0 + 1e-9)
                    continue;
                const int qx = px + k - (size - 1) / 2, qy = py + j - (size - 1) / 2;
                if (qx >= 0 && qx < w && qy >= 0 && qy < h)
                    ref.setPixel(qx, qy, col);
            }
    }
    return ref;
}

struct Cloud {
    std::vector<float> x, y, v;
};

Cloud randomCloud(std::size_t n, float w, float h, unsigned seed)
{
    Cloud c;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> ux(-2.0f, w + 2.0f), uy(-2.0f, h + 2.0f);
    for (std::size_t i = 0; i < n; ++i) {
        c.x.push_back(ux(rng));
        c.y.push_back(uy(rng));
        c.v.push_back(static_cast<float>(i) / static_cast<float>(n)); // distinct values: a known order
    }
    std::shuffle(c.v.begin(), c.v.end(), rng);
    return c;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A plot whose axis rect is the whole widget, for exact pixel geometry.
void bareAxes(QCustomPlot& plot, int w, int h)
{
    plot.resize(w, h);
    plot.setViewport(QRect(0, 0, w, h));
    plot.axisRect()->setAutoMargins(QCP::msNone);
    plot.axisRect()->setMargins(QMargins(0, 0, 0, 0));
    plot.replot(QCustomPlot::rpImmediateRefresh); // lays out the axis rect
}

} // namespace

class TestCellScatter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rasterMatchesNaivePainterLoop_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("1px") << 1;
        QTest::newRow("3px") << 3;
        QTest::newRow("4px") << 4;
        QTest::newRow("7px") << 7;
    }
    void rasterMatchesNaivePainterLoop()
    {
        QFETCH(int, size);
        const int w = 96, h = 64;
        const Cloud c = randomCloud(600, w, h, 1);
        QCustomPlot plot;
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(c.x.data(), c.y.data(), c.x.size());
        cells->setValues(c.v, greyRamp(), 0.0f, 1.0f, true);
        cells->setPointSize(size);
        cells->setDensityMode(CellScatterPlottable::DensityMode::Off);
        plot.xAxis->setRange(0, w);
        plot.yAxis->setRange(0, h);
        const QImage image = cells->rasterize(QSize(w, h));
        const QImage ref = naiveReference(c.x, c.y, c.v, w, h, size);
        QCOMPARE(image.size(), ref.size());
        int differing = 0;
        for (int yy = 0; yy < h; ++yy)
            for (int xx = 0; xx < w; ++xx)
                differing += image.pixel(xx, yy) != ref.pixel(xx, yy);
        QCOMPARE(differing, 0);
    }

    void sameImageForAnyThreadCount()
    {
        const Cloud c = randomCloud(300000, 400, 300, 2);
        QCustomPlot plot;
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(c.x.data(), c.y.data(), c.x.size());
        std::vector<std::int32_t> codes(c.x.size());
        for (std::size_t i = 0; i < codes.size(); ++i)
            codes[i] = static_cast<std::int32_t>(i % 5);
        cells->setCategories(codes, {0xffff0000u, 0xff00ff00u, 0xff0000ffu, 0xffffff00u, 0xff00ffffu});
        cells->setPointSize(3);
        plot.xAxis->setRange(0, 400);
        plot.yAxis->setRange(0, 300);
        const int before = omp_get_max_threads();
        setMinimumPointsPerThread(1); // every pass parallel whenever there is more than one thread
        omp_set_num_threads(1);
        const QImage one = cells->rasterize(QSize(400, 300));
        omp_set_num_threads(2);
        const QImage two = cells->rasterize(QSize(400, 300));
        const QImage again = cells->rasterize(QSize(400, 300)); // the categorical shuffle is fixed
        // An export-sized buffer (over 8M pixels) takes the shared CAS path, not private buffers.
        cells->setPointSize(1);
        omp_set_num_threads(1);
        const QImage bigOne = cells->rasterize(QSize(400, 300), 9.0);
        omp_set_num_threads(2);
        const QImage bigTwo = cells->rasterize(QSize(400, 300), 9.0);
        cells->setPointSize(3);
        omp_set_num_threads(before);
        QVERIFY(one == two);
        QVERIFY(bigOne == bigTwo);
        QVERIFY(two == again);
        // Both thread counts also agree on the density image.
        cells->setDensityMode(CellScatterPlottable::DensityMode::On);
        omp_set_num_threads(1);
        const QImage d1 = cells->rasterize(QSize(400, 300));
        omp_set_num_threads(2);
        const QImage d2 = cells->rasterize(QSize(400, 300));
        omp_set_num_threads(before);
        setMinimumPointsPerThread(2000000);
        QVERIFY(d1 == d2);
    }

    void highValueWinsTheSharedPixel()
    {
        const std::vector<float> x = {10.5f, 10.5f, 30.5f}, y = {10.5f, 10.5f, 30.5f};
        QCustomPlot plot;
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(x.data(), y.data(), 3);
        plot.xAxis->setRange(0, 40);
        plot.yAxis->setRange(0, 40);
        const std::vector<QRgb> lut = greyRamp();
        for (const auto& values : {std::vector<float>{1.0f, 0.0f, 0.5f}, std::vector<float>{0.0f, 1.0f, 0.5f}}) {
            cells->setValues(values, lut, 0.0f, 1.0f, true);
            const QImage image = cells->rasterize(QSize(40, 40));
            QCOMPARE(image.pixel(10, 40 - 11), lut.back()); // the value 1 cell on top, whichever index
        }
    }

    void hoverReturnsTopMostCell()
    {
        QCustomPlot plot;
        bareAxes(plot, 200, 200);
        plot.show();
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        // Cells 0 and 1 share a pixel; cell 1 has the higher value, so it is on top.
        const std::vector<float> x = {5.05f, 5.05f, 12.05f}, y = {5.05f, 5.05f, 12.05f};
        cells->setPositions(x.data(), y.data(), 3);
        cells->setValues({0.2f, 0.9f, 0.5f}, greyRamp(), 0.0f, 1.0f, true);
        cells->setPointSize(3);
        plot.xAxis->setRange(0, 20);
        plot.yAxis->setRange(0, 20);
        QCOMPARE(cells->cellAt(QPointF(50, 150)), std::int64_t(-1)); // nothing drawn yet
        plot.replot(QCustomPlot::rpImmediateRefresh);
        const QPointF p1(plot.xAxis->coordToPixel(5.05), plot.yAxis->coordToPixel(5.05));
        const QPointF p2(plot.xAxis->coordToPixel(12.05), plot.yAxis->coordToPixel(12.05));
        QCOMPARE(cells->cellAt(p1), std::int64_t(1));
        QCOMPARE(cells->cellAt(p1 + QPointF(1, 1)), std::int64_t(1)); // the 3-px disc
        QCOMPARE(cells->cellAt(p2), std::int64_t(2));
        QCOMPARE(cells->cellAt(QPointF(180, 20)), std::int64_t(-1));
        QCOMPARE(cells->cellAt(QPointF(-5, 20)), std::int64_t(-1));
        // A density draw answers hover too (its rank buffer is built on demand).
        cells->setDensityMode(CellScatterPlottable::DensityMode::On);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(cells->cellAt(p1), std::int64_t(1));
        QCOMPARE(cells->cellAt(QPointF(180, 20)), std::int64_t(-1));
        // QCP's own selection ignores the plottable.
        QCOMPARE(cells->selectTest(p1, false), -1.0);
    }

    void lassoAndRectangleSelectExactCells()
    {
        // A 20×20 grid, one cell every 10 px, each at a pixel centre; cell (i, j) = index j·20 + i.
        QCustomPlot plot;
        bareAxes(plot, 200, 200);
        plot.xAxis->setRange(0, 20);
        plot.yAxis->setRange(0, 20);
        std::vector<float> x, y;
        std::vector<std::int32_t> codes;
        for (int j = 0; j < 20; ++j)
            for (int i = 0; i < 20; ++i) {
                x.push_back(i + 0.05f);
                y.push_back(j - 0.05f + (j == 0 ? 0.1f : 0.0f));
                codes.push_back(i % 3);
            }
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(x.data(), y.data(), x.size());
        cells->setCategories(codes, {0xffff0000u, 0xff00ff00u, 0xff0000ffu});
        // The widget-pixel centre of the pixel cell (i, j) is drawn in.
        auto centre = [&](int i, int j) {
            const std::size_t k = static_cast<std::size_t>(j * 20 + i);
            return QPointF(std::floor(plot.xAxis->coordToPixel(x[k])) + 0.5,
                           std::floor(plot.yAxis->coordToPixel(y[k])) + 0.5);
        };
        QCOMPARE(centre(3, 3).x() + 60, centre(9, 3).x());
        QCOMPARE(centre(3, 3).y() - 50, centre(3, 8).y());
        auto expect = [](auto inside) {
            std::vector<std::uint32_t> e;
            for (int j = 0; j < 20; ++j)
                for (int i = 0; i < 20; ++i)
                    if (inside(i, j))
                        e.push_back(static_cast<std::uint32_t>(j * 20 + i));
            return e;
        };
        // Rule: a pixel centre on a left or top edge is in, on a right or bottom edge out.
        // Rectangle through the centres of (3,3)…(9,8): columns 3..8 in, rows 4..8 (row 8 is the
        // top edge on screen, row 3 the bottom).
        const QPolygonF rect({centre(3, 3), centre(9, 3), centre(9, 8), centre(3, 8)});
        QCOMPARE(cells->cellsInPolygon(rect), expect([](int i, int j) { return i >= 3 && i < 9 && j >= 4 && j <= 8; }));
        // Triangle (2,2)–(12,2)–(2,12): the left leg is in, the bottom leg and the diagonal out.
        const QPolygonF tri({centre(2, 2), centre(12, 2), centre(2, 12)});
        const auto inTriangle = [](int i, int j) { return i >= 2 && j >= 3 && i + j < 14; };
        QCOMPARE(cells->cellsInPolygon(tri), expect(inTriangle));
        // The same lasso drawn in the other direction selects the same cells.
        const QPolygonF triReversed({centre(2, 12), centre(12, 2), centre(2, 2)});
        QCOMPARE(cells->cellsInPolygon(triReversed), expect(inTriangle));
        // Hidden categories are never selected.
        cells->setCategories(codes, {0xffff0000u, 0xff00ff00u, 0xff0000ffu}, {false, true, false});
        QCOMPARE(cells->cellsInPolygon(tri), expect([&](int i, int j) { return inTriangle(i, j) && i % 3 != 1; }));
        QVERIFY(cells->cellsInPolygon(QPolygonF({QPointF(1, 1), QPointF(2, 1)})).empty());
    }

    void lassoOverAMillionCells()
    {
        const std::size_t n = 1000000;
        std::mt19937 rng(3);
        std::normal_distribution<float> g(0.0f, 3.0f);
        std::vector<float> x(n), y(n);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = g(rng);
            y[i] = g(rng);
        }
        QCustomPlot plot;
        bareAxes(plot, 800, 600);
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(x.data(), y.data(), n);
        plot.xAxis->setRange(-10, 10);
        plot.yAxis->setRange(-10, 10);
        QPolygonF lasso; // a wobbly 200-vertex loop around the centre
        for (int k = 0; k < 200; ++k) {
            const double a = k * 2 * M_PI / 200, r = 180 + 40 * std::sin(5 * a);
            lasso << QPointF(400 + r * std::cos(a), 300 + r * std::sin(a));
        }
        cells->cellsInPolygon(lasso); // warm-up: draw order
        QElapsedTimer t;
        t.start();
        const std::vector<std::uint32_t> picked = cells->cellsInPolygon(lasso);
        qInfo("lasso over %zu cells: %.1f ms, %zu selected", n, t.nsecsElapsed() / 1e6, picked.size());
        QVERIFY(picked.size() > n / 4 && picked.size() < n);
        QVERIFY(std::is_sorted(picked.begin(), picked.end()));
    }

    void densityAndSelectionAndScale()
    {
        const Cloud c = randomCloud(20000, 100, 100, 4);
        QCustomPlot plot;
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(c.x.data(), c.y.data(), c.x.size());
        plot.xAxis->setRange(0, 100);
        plot.yAxis->setRange(0, 100);
        cells->setDensityMode(CellScatterPlottable::DensityMode::On);
        const QImage density = cells->rasterize(QSize(100, 100));
        int coloured = 0;
        for (int yy = 0; yy < 100; ++yy)
            for (int xx = 0; xx < 100; ++xx)
                coloured += qAlpha(density.pixel(xx, yy)) > 0;
        QVERIFY(coloured > 5000);
        cells->setDensityMode(CellScatterPlottable::DensityMode::Off);
        QCOMPARE(cells->rasterize(QSize(100, 50), 2.0).size(), QSize(200, 100));

        // One selected cell stays opaque; the others fade.
        const std::vector<float> x = {20.5f, 60.5f}, y = {20.5f, 60.5f};
        cells->setPositions(x.data(), y.data(), 2);
        cells->setUniformColor(0xff0000ffu);
        cells->setSelectedCells({0, 1});
        QImage image = cells->rasterize(QSize(100, 100));
        QCOMPARE(qAlpha(image.pixel(60, 39)), 255);
        QVERIFY(qAlpha(image.pixel(20, 79)) < 128 && qAlpha(image.pixel(20, 79)) > 0);
        cells->setSelectedCells({});
        cells->setOpacity(0.5f);
        image = cells->rasterize(QSize(100, 100));
        QCOMPARE(qAlpha(image.pixel(20, 79)), 128);
    }

    void exportsKeepAxesVector()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        const Cloud c = randomCloud(50000, 10, 10, 5);
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(c.x.data(), c.y.data(), c.x.size());
        cells->setValues(c.v, greyRamp(), 0.0f, 1.0f);
        plot.xAxis->setLabel(QStringLiteral("UMAP1"));
        plot.yAxis->setLabel(QStringLiteral("UMAP2"));
        plot.rescaleAxes();

        const QString png = dir.path() + QStringLiteral("/f.png");
        QCOMPARE(exportPlot(plot, png, {400, 300, 96}), QString());
        QCOMPARE(QImage(png).size(), QSize(400, 300));

        const QString svg = dir.path() + QStringLiteral("/f.svg");
        QCOMPARE(exportPlot(plot, svg, {400, 300, 96}), QString());
        QDomDocument doc;
        QVERIFY(doc.setContent(readAll(svg)));
        QCOMPARE(doc.elementsByTagName(QStringLiteral("image")).size(), 1); // the cloud, embedded
        bool labelIsText = false;
        const QDomNodeList texts = doc.elementsByTagName(QStringLiteral("text"));
        for (int i = 0; i < texts.size(); ++i)
            labelIsText |= texts.at(i).toElement().text().contains(QStringLiteral("UMAP1"));
        QVERIFY(labelIsText);

        const QString pdf = dir.path() + QStringLiteral("/f.pdf");
        QCOMPARE(exportPlot(plot, pdf, {400, 300, 96}), QString());
        const QByteArray bytes = readAll(pdf);
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page ") +
                     bytes.count("/Type /Page/"),
                 1);
        const QRegularExpressionMatch box =
            QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]")).match(QString::fromLatin1(bytes));
        QVERIFY(box.hasMatch());
        QCOMPARE(qRound(box.captured(1).toDouble() / box.captured(2).toDouble() * 300), 400);

        // Few cells: the SVG stays fully vector (no embedded image).
        cells->setPositions(c.x.data(), c.y.data(), 500);
        cells->setValues(std::vector<float>(c.v.begin(), c.v.begin() + 500), greyRamp(), 0.0f, 1.0f);
        QCOMPARE(exportPlot(plot, svg, {400, 300, 96}), QString());
        QVERIFY(doc.setContent(readAll(svg)));
        QCOMPARE(doc.elementsByTagName(QStringLiteral("image")).size(), 0);
    }

    void pngExportRendersAtTheExportScale()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        const std::vector<float> x = {5.0f}, y = {5.0f};
        auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
        cells->setPositions(x.data(), y.data(), 1);
        cells->setUniformColor(0xffff00ffu);
        cells->setPointSize(3);
        plot.xAxis->setRange(0, 10);
        plot.yAxis->setRange(0, 10);
        auto countDisc = [&](int dpi) {
            const QString path = dir.path() + QStringLiteral("/s.png");
            if (!exportPlot(plot, path, {200, 150, dpi}).isEmpty())
                return -1;
            const QImage image = QImage(path).convertToFormat(QImage::Format_ARGB32);
            int count = 0;
            for (int yy = 0; yy < image.height(); ++yy)
                for (int xx = 0; xx < image.width(); ++xx)
                    count += image.pixel(xx, yy) == 0xffff00ffu;
            return count;
        };
        QCOMPARE(countDisc(96), 9);       // a 3-px disc
        QVERIFY(countDisc(192) >= 4 * 8); // a 6-px disc at 2×, not a scaled-up 3-px one
    }
};

QTEST_MAIN(TestCellScatter)
#include "tst_cellscatter.moc"
