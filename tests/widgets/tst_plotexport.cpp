// Figure export: the PNG decodes at the requested pixel size, the SVG parses with vector text, the
// PDF is a one-page PDF; a failed export leaves no file.
#include <QDomDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "plot_export.h"

using namespace scdesk;

namespace {

void fill(QCustomPlot& plot)
{
    QCPGraph* g = plot.addGraph();
    g->setData({1, 2, 3}, {3, 1, 2});
    g->setName(QStringLiteral("cells"));
    plot.xAxis->setLabel(QStringLiteral("UMAP1"));
    plot.legend->setVisible(true);
    plot.rescaleAxes();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPlotExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pngAtSizeAndDpi()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        fill(plot);
        const QString path = dir.path() + QStringLiteral("/f.png");
        QCOMPARE(exportPlot(plot, path, {400, 300, 192}), QString());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(800, 600)); // 192 dpi = 2× the 96-dpi logical size
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
    }

    void svgHasVectorText()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        fill(plot);
        const QString path = dir.path() + QStringLiteral("/f.svg");
        QCOMPARE(exportPlot(plot, path), QString());
        QDomDocument doc;
        QVERIFY(doc.setContent(readAll(path)));
        QCOMPARE(doc.documentElement().tagName(), QStringLiteral("svg"));
        QVERIFY(readAll(path).contains("UMAP1"));
    }

    void pdfHasOnePage()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        fill(plot);
        const QString path = dir.path() + QStringLiteral("/f.pdf");
        QCOMPARE(exportPlot(plot, path), QString());
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), 1);
    }

    void unknownFormatIsRefusedCleanly()
    {
        QTemporaryDir dir;
        QCustomPlot plot;
        fill(plot);
        QVERIFY(exportPlot(plot, dir.path() + QStringLiteral("/f.bmpx")).contains(QStringLiteral("bmpx")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
        QVERIFY(!exportPlot(plot, dir.path() + QStringLiteral("/missing/f.png")).isEmpty());
    }
};

QTEST_MAIN(TestPlotExport)
#include "tst_plotexport.moc"
