// The embedding explorer: categorical colouring with the uns palette and a clickable legend,
// gene colouring with a colour bar and percentile range, rectangle selection by mouse drag with
// Shift (add) and Alt (subtract), hover tooltips, and recolouring through the undo stack.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "category_legend.h"
#include "cell_scatter_plottable.h"
#include "cell_selection.h"
#include "data/demo_generator.h"
#include "embedding_view.h"
#include "undo_commands.h"

using namespace scdesk;

namespace {

constexpr int kSide = 10; // a kSide × kSide grid of cells at integer coordinates

// Cell i sits at (i / kSide, i % kSide); its kind is i % 3.
std::shared_ptr<const Dataset> gridDataset()
{
    auto d = std::make_shared<Dataset>();
    const int n = kSide * kSide;
    CategoricalColumn kind;
    kind.categories = {"a", "b", "c"};
    DenseMatrix xy(n, 2);
    for (int i = 0; i < n; ++i) {
        d->obs.index.push_back("cell_" + std::to_string(i));
        kind.codes.push_back(i % 3);
        xy(i, 0) = static_cast<float>(i / kSide);
        xy(i, 1) = static_cast<float>(i % kSide);
    }
    d->obs.columns.push_back(Column{"kind", kind});
    d->var.index = {"g1"};
    d->obsm["X_pca"] = DenseMatrix::Zero(n, 3);
    d->obsm["X_umap"] = xy;
    d->uns["kind_colors"] = nlohmann::json::array({"#ff0000", "#00aa00", "#0000ff"});
    return d;
}

std::vector<std::uint32_t> cellsInBox(double x0, double x1, double y0, double y1)
{
    std::vector<std::uint32_t> cells;
    for (int i = 0; i < kSide * kSide; ++i) {
        const double x = i / kSide, y = i % kSide;
        if (x > x0 && x < x1 && y > y0 && y < y1)
            cells.push_back(static_cast<std::uint32_t>(i));
    }
    return cells;
}

QPointF pixelOf(QCustomPlot* plot, double x, double y)
{
    return {plot->xAxis->coordToPixel(x), plot->yAxis->coordToPixel(y)};
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::KeyboardModifiers mods)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButtons buttons = type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, mods);
    QCoreApplication::sendEvent(w, &e);
}

// Drags a rectangle in data coordinates with the given modifiers.
void dragBox(EmbeddingView& view, double x0, double y0, double x1, double y1, Qt::KeyboardModifiers mods = {})
{
    QCustomPlot* plot = view.plot();
    const QPointF a = pixelOf(plot, x0, y0), b = pixelOf(plot, x1, y1);
    sendMouse(plot, QEvent::MouseButtonPress, a, mods);
    sendMouse(plot, QEvent::MouseMove, (a + b) / 2, mods);
    sendMouse(plot, QEvent::MouseMove, b, mods);
    sendMouse(plot, QEvent::MouseButtonRelease, b, mods);
}

} // namespace

class TestEmbeddingView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsEmbeddingsUmapFirst()
    {
        EmbeddingView view;
        view.setDataset(gridDataset());
        QCOMPARE(view.embeddings(), (QStringList{QStringLiteral("X_umap"), QStringLiteral("X_pca")}));
        QCOMPARE(view.embedding(), QStringLiteral("X_umap"));
        QVERIFY(view.setEmbedding(QStringLiteral("X_pca"), 1, 2));
        QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("PCA2"));
        QCOMPARE(view.plot()->yAxis->label(), QStringLiteral("PCA3"));
    }

    void categoricalLegendUsesUnsPaletteAndClickHides()
    {
        EmbeddingView view;
        view.resize(700, 500);
        view.show();
        view.setDataset(gridDataset());
        QVERIFY(view.setColorBy(QStringLiteral("kind")));
        QCOMPARE(view.colorKind(), EmbeddingView::ColorKind::Categorical);
        view.plot()->replot();
        QCPLegend* legend = view.legend();
        QCOMPARE(legend->itemCount(), 3);
        const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        const QRgb colors[] = {qRgb(0xff, 0, 0), qRgb(0, 0xaa, 0), qRgb(0, 0, 0xff)};
        for (int i = 0; i < 3; ++i) {
            auto* item = qobject_cast<CategoryLegendItem*>(legend->item(i));
            QVERIFY(item);
            QCOMPARE(item->name(), names[i]);
            QCOMPARE(item->color().rgb(), colors[i]);
            QCOMPARE(view.categoryColor(i), colors[i]);
        }
        QVERIFY(!view.colorScaleVisible());

        // A click on legend entry "b" hides those cells: a polygon over everything leaves them out.
        const QPoint at = legend->item(1)->rect().center();
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(view.isCategoryHidden(1));
        view.plot()->replot();
        const QPolygonF all(QRectF(view.plot()->rect()));
        const auto cells = view.plottable()->cellsInPolygon(all);
        QCOMPARE(cells.size(), std::size_t(100 - 33));
        for (const auto c : cells)
            QVERIFY(c % 3 != 1);
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(!view.isCategoryHidden(1));
    }

    void recolourIsUndoable()
    {
        EmbeddingView view;
        QUndoStack stack;
        view.setUndoStack(&stack);
        view.setDataset(gridDataset());
        view.setColorBy(QStringLiteral("kind"));
        stack.push(new RecolourCategoryCommand(&view, QStringLiteral("kind"), 0, view.categoryColor(0), qRgb(1, 2, 3)));
        stack.push(new RecolourCategoryCommand(&view, QStringLiteral("kind"), 0, qRgb(1, 2, 3), qRgb(4, 5, 6)));
        QCOMPARE(stack.count(), 1); // merged
        QCOMPARE(view.categoryColor(0), qRgb(4, 5, 6));
        stack.undo();
        QCOMPARE(view.categoryColor(0), qRgb(0xff, 0, 0));
        stack.redo();
        QCOMPARE(view.categoryColor(0), qRgb(4, 5, 6));

        // Double-click on a legend entry: recolour through the stack, visibility unchanged.
        view.resize(700, 500);
        view.show();
        view.plot()->replot();
        view.setColorChooser([](const QColor&, const QString&) { return QColor(7, 8, 9); });
        // What a window system delivers: press, release, double-click, release.
        const QPoint entry = view.legend()->item(2)->rect().center();
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, entry);
        QTest::mouseDClick(view.plot(), Qt::LeftButton, Qt::NoModifier, entry);
        QTest::mouseRelease(view.plot(), Qt::LeftButton, Qt::NoModifier, entry);
        QCOMPARE(view.categoryColor(2), qRgb(7, 8, 9));
        QVERIFY(!view.isCategoryHidden(2));
        QCOMPARE(stack.count(), 2);
        stack.undo();
        QCOMPARE(view.categoryColor(2), qRgb(0, 0, 0xff));
    }

    void geneColouringHasColourBarAndPercentileRange()
    {
        DemoOptions options;
        options.nCells = 2000;
        options.nGenes = 300;
        auto demo = std::make_shared<const Dataset>(generateDemoDataset(options));
        const auto& genes = demo->var.index;
        const auto it = std::find(genes.begin(), genes.end(), std::string("MS4A1"));
        QVERIFY(it != genes.end());
        const auto g = static_cast<std::int32_t>(it - genes.begin());

        EmbeddingView view;
        view.resize(700, 500);
        view.setDataset(demo);
        QVERIFY(view.setColorBy(QStringLiteral("cell_type")));
        QCOMPARE(view.colorKind(), EmbeddingView::ColorKind::Categorical);
        QVERIFY(!view.setColorBy(QStringLiteral("NO_SUCH_GENE")));
        view.setClipPercentiles(1, 99);
        QVERIFY(view.setColorBy(QStringLiteral("MS4A1")));
        QTRY_VERIFY(!view.isLoadingGene());
        QCOMPARE(view.colorKind(), EmbeddingView::ColorKind::Numeric);
        QVERIFY(view.colorScaleVisible());
        QCOMPARE(view.legend()->itemCount(), 0);
        QCOMPARE(view.titleElement()->text(), QStringLiteral("MS4A1"));

        // The expected range: percentiles of the gene's column read straight from CSR.
        const CsrMatrix& x = *demo->X.csr();
        std::vector<float> values(static_cast<std::size_t>(x.rows), 0.0f);
        for (std::int64_t r = 0; r < x.rows; ++r)
            for (auto k = x.indptr[static_cast<std::size_t>(r)]; k < x.indptr[static_cast<std::size_t>(r) + 1]; ++k)
                if (x.indices[static_cast<std::size_t>(k)] == g)
                    values[static_cast<std::size_t>(r)] = x.data[static_cast<std::size_t>(k)];
        std::sort(values.begin(), values.end());
        const auto pct = [&values](double p) {
            return static_cast<double>(values[static_cast<std::size_t>(std::llround(p / 100.0 * double(values.size() - 1)))]);
        };
        QCOMPARE(view.vmin(), pct(1));
        QVERIFY(view.vmax() == pct(99) || (pct(99) <= pct(1) && view.vmax() == pct(1) + 1.0));
        QVERIFY(view.vmax() > 0); // a B-cell marker is expressed in more than 1 % of cells
        QCOMPARE(view.colorScale()->dataRange().upper, view.vmax());

        view.setClipPercentiles(0, 100);
        QCOMPARE(view.vmax(), static_cast<double>(values.back()));
        view.setRange(0, 2);
        QCOMPARE(view.colorScale()->dataRange(), QCPRange(0, 2));
        view.setColormap(QStringLiteral("magma"));
        QCOMPARE(view.colormapName(), QStringLiteral("magma"));
    }

    void rectangleSelectionWithShiftAndAlt()
    {
        EmbeddingView view;
        CellSelection selection;
        view.resize(700, 500);
        view.show();
        view.setDataset(gridDataset());
        selection.reset(100);
        view.setSelection(&selection);
        view.setTool(EmbeddingView::Tool::Rectangle);
        view.plot()->replot();

        dragBox(view, 1.5, 1.5, 4.5, 3.5);
        auto expected = cellsInBox(1.5, 4.5, 1.5, 3.5);
        QCOMPARE(expected.size(), std::size_t(6));
        QCOMPARE(selection.selectedCells(), expected);

        dragBox(view, 6.5, 6.5, 8.5, 8.5, Qt::ShiftModifier); // add
        auto more = cellsInBox(6.5, 8.5, 6.5, 8.5);
        expected.insert(expected.end(), more.begin(), more.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(selection.selectedCells(), expected);

        dragBox(view, 2.5, 0.5, 3.5, 9.5, Qt::AltModifier); // subtract column x = 3
        expected.erase(std::remove_if(expected.begin(), expected.end(), [](std::uint32_t c) { return c / kSide == 3; }),
                       expected.end());
        QCOMPARE(selection.selectedCells(), expected);

        dragBox(view, 0.5, 0.5, 1.5, 1.5); // replace
        QCOMPARE(selection.selectedCells(), (std::vector<std::uint32_t>{11}));

        QTest::keyClick(view.plot(), Qt::Key_Escape);
        QVERIFY(selection.isEmpty());
    }

    void lassoPolygonInDataCoordinates()
    {
        EmbeddingView view;
        CellSelection selection;
        view.resize(700, 500);
        view.show();
        view.setDataset(gridDataset());
        selection.reset(100);
        view.setSelection(&selection);
        view.plot()->replot();
        // A triangle whose edges pass between grid points: x > 0.5, y > 0.5, x + y < 9.5.
        view.selectDataPolygon(QPolygonF{QPointF(0.5, 0.5), QPointF(9.0, 0.5), QPointF(0.5, 9.0)},
                               CellSelection::Mode::Replace);
        std::vector<std::uint32_t> expected;
        for (int i = 0; i < 100; ++i) {
            const int x = i / kSide, y = i % kSide;
            if (x >= 1 && y >= 1 && x + y <= 9)
                expected.push_back(static_cast<std::uint32_t>(i));
        }
        QCOMPARE(selection.selectedCells(), expected);
    }

    void saveSelectionAsGroupUndoKeepsLaterResults()
    {
        std::shared_ptr<const Dataset> current = gridDataset();
        const auto original = current;
        QUndoStack stack;
        std::vector<std::uint8_t> flags(100, 0);
        flags[3] = flags[42] = 1;
        stack.push(new SaveSelectionAsGroupCommand([&] { return current; },
                                                   [&](std::shared_ptr<const Dataset> d) { current = std::move(d); },
                                                   "group", "selected", flags));
        const auto& group = std::get<CategoricalColumn>(current->obs.require("group", "obs").data);
        QCOMPARE(group.codes[3], 0);
        QCOMPARE(group.codes[42], 0);
        QCOMPARE(group.codes[4], -1);
        stack.undo();
        QCOMPARE(current, original); // nothing happened in between: the very snapshot from before
        stack.redo();
        QVERIFY(current->obs.find("group"));

        // An analysis result lands after the save: undo drops only the group column.
        auto withResult = std::make_shared<Dataset>(*current);
        withResult->setVarColumn(Column{"mean_counts", NumericColumn{{1.0}}});
        current = withResult;
        stack.undo();
        QVERIFY(!current->obs.find("group"));
        QVERIFY(current->var.find("mean_counts"));
        QVERIFY(!current->modified.count("obs/group"));
        stack.redo();
        QVERIFY(current->obs.find("group"));
        QVERIFY(current->var.find("mean_counts"));

        // A selection of the wrong length is refused.
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 SaveSelectionAsGroupCommand([&] { return current; }, [](std::shared_ptr<const Dataset>) {},
                                                             "g", "s", std::vector<std::uint8_t>(5, 1)));
    }

    void cellSelectionModes()
    {
        CellSelection s;
        QSignalSpy changed(&s, &CellSelection::changed);
        s.reset(10);
        s.apply({1, 2, 3}, CellSelection::Mode::Replace);
        s.apply({5, 99}, CellSelection::Mode::Add); // 99 is out of range: ignored
        s.apply({2}, CellSelection::Mode::Subtract);
        QCOMPARE(s.selectedCells(), (std::vector<std::uint32_t>{1, 3, 5}));
        QCOMPARE(s.selectedCount(), std::size_t(3));
        s.clear();
        QVERIFY(s.isEmpty());
        QCOMPARE(changed.count(), 5);
    }

    // Timings for the report, on a larger demo (SCDESK_TIMINGS=<cells> to run).
    void timingsOnLargeDemo()
    {
        const qint64 cells = qEnvironmentVariableIntValue("SCDESK_TIMINGS");
        if (cells <= 0)
            QSKIP("set SCDESK_TIMINGS=<cells> to measure");
        DemoOptions options;
        options.nCells = cells;
        options.nGenes = 200;
        QElapsedTimer clock;
        clock.start();
        auto demo = std::make_shared<const Dataset>(generateDemoDataset(options));
        qInfo("demo %lld cells: %lld ms, X nnz %lld", cells, clock.elapsed(), static_cast<long long>(demo->X.storedValues()));
        EmbeddingView view;
        CellSelection selection;
        view.resize(900, 700);
        view.show();
        clock.restart();
        view.setDataset(demo);
        selection.reset(static_cast<std::size_t>(demo->nObs()));
        view.setSelection(&selection);
        view.plot()->replot();
        qInfo("setDataset + first replot: %lld ms", clock.elapsed());
        clock.restart();
        view.plot()->replot();
        qInfo("replot (categorical): %lld ms", clock.elapsed());
        clock.restart();
        view.setColorBy(QStringLiteral("MS4A1"));
        const qint64 requested = clock.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoadingGene(), 60000);
        qInfo("colour by gene: GUI thread %lld ms, ready after %lld ms", requested, clock.elapsed());
        clock.restart();
        view.setColorBy(QStringLiteral("cell_type"));
        view.setColorBy(QStringLiteral("MS4A1")); // cached
        qInfo("colour by cached gene: %lld ms", clock.elapsed());
        view.plot()->replot();
        clock.restart();
        view.selectDataPolygon(QPolygonF{QPointF(-10, -10), QPointF(0, -10), QPointF(0, 0), QPointF(-10, 0)},
                               CellSelection::Mode::Replace);
        qInfo("lasso (selectDataPolygon + CellSelection::apply): %lld ms, %zu cells", clock.elapsed(), selection.selectedCount());
        clock.restart();
        view.plot()->replot();
        qInfo("replot with selection (numeric): %lld ms", clock.elapsed());
    }

    void hoverTooltipNamesTheCell()
    {
        EmbeddingView view;
        view.resize(700, 500);
        view.show();
        view.setDataset(gridDataset());
        view.setColorBy(QStringLiteral("kind"));
        view.plot()->replot();
        const QString text = view.hoverText(pixelOf(view.plot(), 4, 7));
        QVERIFY2(text.contains(QStringLiteral("cell_47")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("kind: c")), qPrintable(text)); // 47 % 3 = 2
        QVERIFY(view.hoverText(QPointF(2, 2)).isEmpty());
    }
};

QTEST_MAIN(TestEmbeddingView)
#include "tst_embeddingview.moc"
