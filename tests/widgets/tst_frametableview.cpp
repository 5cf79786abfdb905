// The Cells / Genes table: typed formatting, sort and filter off the GUI thread (a million rows
// stay interactive), copy as TSV, and name search with completion.
#include <QClipboard>
#include <QCompleter>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QTableView>
#include <QItemSelectionModel>
#include <QtTest>
#include <cmath>
#include <random>

#include "frame_table_model.h"
#include "frame_table_view.h"

using namespace scdesk;

namespace {

std::shared_ptr<const DataFrame> smallFrame()
{
    auto f = std::make_shared<DataFrame>();
    f->indexName = "gene";
    f->index = {"CD3E", "MS4A1", "cd3d", "LYZ", "CD14"};
    NumericColumn mean;
    mean.values = {2.5, 1.0, std::nan(""), 10.0, 1.0};
    f->columns.push_back({"mean", mean});
    NumericColumn count;
    count.values = {3, 1, 2, 5, 4};
    count.integer = true;
    count.mask = {0, 0, 0, 1, 0};
    f->columns.push_back({"n_cells", count});
    CategoricalColumn kind;
    kind.categories = {"T cell", "B cell", "monocyte"};
    kind.codes = {0, 1, 0, 2, -1};
    f->columns.push_back({"marker_of", kind});
    BoolColumn hv;
    hv.values = {1, 0, 1, 0, 1};
    f->columns.push_back({"highly_variable", hv});
    StringColumn note;
    note.values = {"alpha", "Beta", "", "gamma", "delta"};
    note.mask = {0, 0, 1, 0, 0};
    f->columns.push_back({"note", note});
    return f;
}

std::shared_ptr<const DataFrame> bigFrame(std::size_t n)
{
    auto f = std::make_shared<DataFrame>();
    f->indexName = "cell_id";
    f->index.resize(n);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1000.0);
    NumericColumn score;
    score.values.resize(n);
    CategoricalColumn type;
    type.categories = {"T cell", "B cell", "NK cell", "monocyte", "dendritic"};
    type.codes.resize(n);
    char buf[32];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "cell_%07zu", i);
        f->index[i] = buf;
        score.values[i] = u(rng);
        type.codes[i] = static_cast<std::int32_t>(rng() % 5);
    }
    f->columns.push_back({"score", std::move(score)});
    f->columns.push_back({"cell_type", std::move(type)});
    return f;
}

// Waits for the view's next result while a 5 ms timer measures the longest gap between GUI
// event loop turns.
qint64 waitMeasuringGaps(FrameTableView& view, int timeoutMs = 20000)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worst = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    tick.start(5);
    QSignalSpy updated(&view, &FrameTableView::rowsUpdated);
    while (updated.isEmpty() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    worst = std::max(worst, clock.elapsed() - last);
    return updated.isEmpty() ? -1 : worst;
}

} // namespace

class TestFrameTableView : public QObject {
    Q_OBJECT
private Q_SLOTS:

    // Linked selection: rows selected by source row survive sorting; a user selection is reported.
    void linkedSourceRowSelection()
    {
        FrameTableView view;
        view.setFrame(smallFrame());
        QSignalSpy user(&view, &FrameTableView::sourceRowsSelected);
        view.selectSourceRows({0, 1, 0, 1, 0});
        QCOMPARE(view.selectedSourceRows(), (std::vector<std::uint32_t>{1, 3}));
        QCOMPARE(user.count(), 0); // not a user action
        QSignalSpy updated(&view, &FrameTableView::rowsUpdated);
        view.sortBy(0, Qt::DescendingOrder);
        QVERIFY(updated.wait(5000));
        QCOMPARE(view.selectedSourceRows(), (std::vector<std::uint32_t>{1, 3}));
        view.view()->selectionModel()->select(view.model()->index(0, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(user.count(), 1);
        QCOMPARE(view.selectedSourceRows().size(), std::size_t(1));
        view.selectSourceRows({1, 1}); // wrong length: clears
        QVERIFY(view.selectedSourceRows().empty());
    }
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void formatsTypedColumns()
    {
        FrameTableModel model;
        model.setFrame(smallFrame());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("gene"));
        QCOMPARE(model.headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("marker_of"));
        auto text = [&](int r, int c) { return model.data(model.index(r, c), Qt::DisplayRole).toString(); };
        QCOMPARE(text(0, 0), QStringLiteral("CD3E"));
        QCOMPARE(text(0, 1), QStringLiteral("2.5"));
        QCOMPARE(text(2, 1), QStringLiteral("NA"));
        QCOMPARE(text(0, 2), QStringLiteral("3"));
        QCOMPARE(text(3, 2), QStringLiteral("NA"));
        QCOMPARE(text(1, 3), QStringLiteral("B cell"));
        QCOMPARE(text(4, 3), QStringLiteral("NA"));
        QCOMPARE(text(0, 4), QStringLiteral("\u2713"));
        QCOMPARE(text(1, 4), QStringLiteral("\u2717"));
        QCOMPARE(text(2, 5), QStringLiteral("NA"));
        QCOMPARE(model.data(model.index(3, 1), FrameTableModel::SortRole).toDouble(), 10.0);
        QCOMPARE(model.data(model.index(1, 3), FrameTableModel::CategoryCodeRole).toInt(), 1);
        QCOMPARE(model.plainText(0, 4), QStringLiteral("true"));
        QCOMPARE(model.plainText(2, 1), QString());
        QVERIFY(model.isTextColumn(0) && model.isTextColumn(3) && model.isTextColumn(5));
        QVERIFY(!model.isTextColumn(1) && model.isNumericColumn(1));
    }

    void computesViews()
    {
        const auto f = smallFrame();
        FrameQuery q;
        q.sortColumn = 1; // mean: NaN last, ties stable
        auto order = computeFrameView(*f, q);
        QCOMPARE(*order, (RowOrder{1, 4, 0, 3, 2}));
        q.order = Qt::DescendingOrder;
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{3, 0, 1, 4, 2}));
        q = {};
        q.sortColumn = 3; // categories alphabetically: B cell, monocyte, T cell; missing last
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{1, 3, 0, 2, 4}));
        q = {};
        q.filter = QStringLiteral("cd3"); // index, case-insensitive
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{0, 2}));
        q.filter = QStringLiteral("cell"); // categorical text
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{0, 1, 2}));
        q.filter = QStringLiteral("BETA"); // string column
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{1}));
        q.filter = QStringLiteral("10");
        q.filterColumn = 1; // a numeric column, by its plain text
        QCOMPARE(*computeFrameView(*f, q), (RowOrder{3}));
        std::atomic<bool> cancelled{true};
        QVERIFY(!computeFrameView(*f, q, &cancelled));
    }

    void copiesRowsAsTsv()
    {
        FrameTableView view;
        view.setFrame(smallFrame());
        view.view()->setColumnHidden(5, true);
        view.view()->selectRow(0);
        view.view()->selectionModel()->select(view.model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QString expected = QStringLiteral("gene\tmean\tn_cells\tmarker_of\thighly_variable\n"
                                                "CD3E\t2.5\t3\tT cell\ttrue\n"
                                                "cd3d\t\t2\tT cell\ttrue\n");
        QCOMPARE(view.selectedRowsAsTsv(), expected);
        view.show();
        view.view()->setFocus();
        QTest::keySequence(view.view(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    }

    void searchCompletesAndSelects()
    {
        FrameTableView view;
        view.setSearchEnabled(true);
        view.setFrame(smallFrame());
        QVERIFY(view.searchEdit()->isVisibleTo(&view));
        QCOMPARE(view.completer()->filterMode(), Qt::MatchContains);
        QCOMPARE(view.completer()->caseSensitivity(), Qt::CaseInsensitive);
        view.completer()->setCompletionPrefix(QStringLiteral("cd"));
        QCOMPARE(view.completer()->completionCount(), 3); // CD3E, cd3d, CD14
        // A filter hides LYZ: finding it clears the filter and selects it once the rows are back.
        QSignalSpy updated(&view, &FrameTableView::rowsUpdated);
        view.setFilter(QStringLiteral("CD"));
        QVERIFY(updated.wait(5000));
        QCOMPARE(view.model()->rowCount(), 3);
        QVERIFY(view.findName(QStringLiteral("lyz")));
        QVERIFY(updated.wait(5000));
        QCOMPARE(view.model()->rowCount(), 5);
        QCOMPARE(view.view()->currentIndex().row(), 3);
        QVERIFY(view.findName(QStringLiteral("CD14")));
        QCOMPARE(view.view()->currentIndex().row(), 4);
        QVERIFY(!view.findName(QStringLiteral("nothing")));
    }

    void millionRowsStayInteractive()
    {
        constexpr std::size_t n = 1'000'000;
        const auto frame = bigFrame(n);
        FrameTableView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer clock;
        clock.start();
        view.setFrame(frame);
        qInfo("setFrame: %lld ms", static_cast<long long>(clock.elapsed()));
        QCOMPARE(view.model()->rowCount(), int(n));

        // Sort by score (descending via the header, as a user clicks twice).
        QSignalSpy busy(&view, &FrameTableView::busyChanged);
        view.view()->horizontalHeader()->setSortIndicator(1, Qt::DescendingOrder);
        QVERIFY(view.isBusy());
        qint64 gap = waitMeasuringGaps(view);
        QVERIFY(gap >= 0);
        qInfo("sort 1M: %lld ms on the worker, longest GUI gap %lld ms", static_cast<long long>(view.lastQueryMs()),
              static_cast<long long>(gap));
        QVERIFY2(gap < 100, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(gap)));
        QVERIFY(!view.isBusy());
        QCOMPARE(busy.count(), 2);
        double previous = std::numeric_limits<double>::infinity();
        for (int r = 0; r < int(n); r += 997) {
            const double v = view.model()->data(view.model()->index(r, 1), FrameTableModel::SortRole).toDouble();
            QVERIFY(v <= previous);
            previous = v;
        }
        QCOMPARE(view.model()->rowCount(), int(n));

        // Sort by the names (strings, the slow path), descending.
        view.sortBy(0, Qt::DescendingOrder);
        gap = waitMeasuringGaps(view);
        QVERIFY(gap >= 0);
        qInfo("string sort 1M: %lld ms on the worker, longest GUI gap %lld ms", static_cast<long long>(view.lastQueryMs()),
              static_cast<long long>(gap));
        QVERIFY2(gap < 100, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(gap)));
        QCOMPARE(view.model()->data(view.model()->index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("cell_0999999"));
        QCOMPARE(view.model()->data(view.model()->index(int(n) - 1, 0), Qt::DisplayRole).toString(), QStringLiteral("cell_0000000"));
        view.sortBy(1, Qt::DescendingOrder);
        QVERIFY(waitMeasuringGaps(view) >= 0);

        // Filter on the categorical column, keeping the sort.
        view.setFilter(QStringLiteral("nk"));
        gap = waitMeasuringGaps(view);
        QVERIFY(gap >= 0);
        qInfo("filter+sort 1M: %lld ms on the worker, longest GUI gap %lld ms",
              static_cast<long long>(view.lastQueryMs()), static_cast<long long>(gap));
        QVERIFY2(gap < 100, qPrintable(QStringLiteral("GUI thread blocked %1 ms").arg(gap)));
        const auto& types = std::get<CategoricalColumn>(frame->columns[1].data).codes;
        const auto expected = std::count(types.begin(), types.end(), 2);
        QCOMPARE(view.model()->rowCount(), int(expected));
        for (int r = 0; r < view.model()->rowCount(); r += 101)
            QCOMPARE(view.model()->data(view.model()->index(r, 2), Qt::DisplayRole).toString(), QStringLiteral("NK cell"));
        QVERIFY(view.countLabel()->text().contains(QLocale().toString(qlonglong(n))));

        // A burst of queries: only the last one lands.
        view.setFilter(QStringLiteral("cell_00"));
        view.setFilter(QStringLiteral("cell_000012"));
        view.sortBy(0, Qt::AscendingOrder);
        QSignalSpy updated(&view, &FrameTableView::rowsUpdated);
        QVERIFY(updated.wait(20000));
        QTest::qWait(50);
        QCOMPARE(updated.count(), 1);
        QCOMPARE(view.model()->rowCount(), 10);
        QCOMPARE(view.model()->data(view.model()->index(0, 0), Qt::DisplayRole).toString(), QStringLiteral("cell_0000120"));
    }
};

QTEST_MAIN(TestFrameTableView)
#include "tst_frametableview.moc"
