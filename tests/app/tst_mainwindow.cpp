// The main window end to end, offscreen: open the demo, see it in the Dataset dock, run an
// analysis as a job, get its result tab, save its spec and replay that spec with scdesk-cli.
// The Cells and Genes tables, drag and drop, Save As and opening corpus files.
#include <QClipboard>
#include <QCompleter>
#include <QHeaderView>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QMimeData>
#include <QTableView>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QTabWidget>
#include <QUndoStack>
#include <QItemSelectionModel>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "analysis/analysis_registry.h"
#include "data/dataset.h"
#include "analysis_wizard.h"
#include "cell_selection.h"
#include "dataset_summary_widget.h"
#include "embedding_view.h"
#include <qcustomplot.h>
#include "figure_export_dialog.h"
#include "de_result_view.h"
#include "frame_table_view.h"
#include "job_manager.h"
#include "jobs_dock.h"
#include "da_volcano_plot.h"
#include "kompot_da_view.h"
#include "kompot_de_view.h"
#include "language.h"
#include "log_model.h"
#include "main_window.h"
#include "result_view.h"

using namespace scdesk;

namespace {

// Waits until one of the spies has a signal; false on timeout.
bool waitForEither(QSignalSpy& a, QSignalSpy& b, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (a.isEmpty() && b.isEmpty() && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return !a.isEmpty() || !b.isEmpty();
}

int columnNamed(const FrameTableView& table, const QString& name)
{
    for (int c = 0; c < table.model()->columnCount(); ++c)
        if (table.model()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() == name)
            return c;
    return -1;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("scDesk-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void menusListEveryAnalysis()
    {
        LogModel log;
        MainWindow window(&log);
        QStringList titles;
        for (QAction* a : window.menuBar()->actions())
            titles << a->text();
        QVERIFY(titles.contains(QStringLiteral("&File")));
        QVERIFY(titles.contains(QStringLiteral("&Analysis")));
        QVERIFY(titles.contains(QStringLiteral("&View")));
        QVERIFY(titles.contains(QStringLiteral("&Help")));
        for (const auto& a : AnalysisRegistry::instance().all())
            QVERIFY(window.findChild<QAction*>(QStringLiteral("analysis:") + QString::fromStdString(a->id())));
    }

    void demoOpensAndRunsGeneStats()
    {
        LogModel log;
        MainWindow window(&log);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));
        QVERIFY(window.dataset());
        const auto* shape = window.findChild<QLabel*>(QStringLiteral("datasetShape"));
        QVERIFY(shape);
        const QString cells = QLocale().toString(window.dataset()->nObs());
        QVERIFY2(shape->text().contains(cells + QLatin1Char(' ')), qPrintable(shape->text()));
        QCOMPARE(window.dataset()->nObs(), std::int64_t(20000));

        JobSpec spec;
        spec.analysis = "gene-stats";
        spec.params = {{"min_cells", 10}};
        spec.input = InputRef::forDemo(0);
        QSignalSpy added(&window, &MainWindow::resultAdded);
        const int id = window.runJob(spec);
        QVERIFY(added.wait(60000));
        QCOMPARE(window.jobs()->job(id)->state, JobState::Finished);
        QVERIFY(window.dataset()->var.find("mean_counts"));
        auto* view = window.findChild<ResultView*>(QStringLiteral("result:gene_stats"));
        QVERIFY(view);
        QCOMPARE(view->table().rowCount(), std::size_t(2000));
        QCOMPARE(window.jobsDock()->commandFor(id), QStringLiteral("scdesk-cli gene-stats --demo --min-cells 10"));

        // Save the spec as the Jobs dock does, replay it with the CLI, compare the tables.
        QTemporaryDir dir;
        const QString specPath = dir.path() + QStringLiteral("/spec.json");
        const QString csvPath = dir.path() + QStringLiteral("/replay.csv");
        window.jobs()->job(id)->spec->save(specPath.toStdString());
        QProcess cli;
        cli.start(QStringLiteral(SCDESK_BIN_DIR "/scdesk-cli"), {QStringLiteral("run"), specPath, QStringLiteral("--out"), csvPath, QStringLiteral("--quiet")});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        std::ifstream in(csvPath.toStdString());
        std::string header, line;
        std::getline(in, header);
        QCOMPARE(QString::fromStdString(header), QStringLiteral("feature,mean,variance,dispersion,fraction_expressing,n_cells,total,passes_filter"));
        const auto& features = std::get<std::vector<std::string>>(view->table().columns[0]);
        const auto& means = std::get<std::vector<double>>(view->table().columns[1]);
        for (std::size_t row = 0; std::getline(in, line); ++row) {
            std::istringstream fields(line);
            std::string feature, mean;
            std::getline(fields, feature, ',');
            std::getline(fields, mean, ',');
            QCOMPARE(feature, features[row]);
            QCOMPARE(std::stod(mean), means[row]);
        }
    }

    void demoTablesSortFilterAndCopy()
    {
        LogModel log;
        MainWindow window(&log);
        window.show();
        QVERIFY(!window.saveAsAction()->isEnabled());
        QCOMPARE(window.tabs()->tabText(1), QStringLiteral("Cells"));
        QCOMPARE(window.tabs()->tabText(2), QStringLiteral("Genes"));
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));
        QVERIFY(window.saveAsAction()->isEnabled());
        FrameTableView* cells = window.cellsTable();
        FrameTableView* genes = window.genesTable();
        QCOMPARE(cells->model()->rowCount(), 20000);
        QCOMPARE(genes->model()->rowCount(), 2000);
        QVERIFY(window.showTab(QStringLiteral("cells")));
        QCOMPARE(window.tabs()->currentWidget(), cells);

        // Sorting by a numeric column (as a header click does) gives ascending values.
        const int total = columnNamed(*cells, QStringLiteral("total_counts"));
        QVERIFY(total > 0);
        QSignalSpy cellsUpdated(cells, &FrameTableView::rowsUpdated);
        cells->view()->horizontalHeader()->setSortIndicator(total, Qt::AscendingOrder);
        QVERIFY(cellsUpdated.wait(10000));
        QCOMPARE(cells->model()->rowCount(), 20000);
        double previous = -std::numeric_limits<double>::infinity();
        for (int r = 0; r < cells->model()->rowCount(); ++r) {
            const double v = cells->model()->data(cells->model()->index(r, total), FrameTableModel::SortRole).toDouble();
            QVERIFY2(v >= previous, qPrintable(QStringLiteral("row %1: %2 after %3").arg(r).arg(v).arg(previous)));
            previous = v;
        }

        // Filtering the genes by "CD3" finds CD3E.
        QSignalSpy genesUpdated(genes, &FrameTableView::rowsUpdated);
        genes->setFilter(QStringLiteral("CD3"));
        QVERIFY(genesUpdated.wait(10000));
        QStringList found;
        for (int r = 0; r < genes->model()->rowCount(); ++r)
            found << genes->model()->data(genes->model()->index(r, 0), Qt::DisplayRole).toString();
        QVERIFY2(found.contains(QStringLiteral("CD3E")), qPrintable(found.join(QLatin1Char(','))));
        QVERIFY(genes->model()->rowCount() < 2000);

        // Copy puts the selected rows on the clipboard as TSV with a header.
        genes->view()->selectRow(found.indexOf(QStringLiteral("CD3E")));
        genes->copySelection();
        const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QStringLiteral("gene_symbol\t")), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("CD3E\t")), qPrintable(lines[1]));
        QCOMPARE(lines[1].count(QLatin1Char('\t')), lines[0].count(QLatin1Char('\t')));

        // The gene search selects and shows a gene, clearing a filter that hides it.
        QVERIFY(genes->searchEdit()->isVisibleTo(genes));
        QVERIFY(genes->findName(QStringLiteral("ms4a1")));
        QTRY_COMPARE_WITH_TIMEOUT(genes->model()->rowCount(), 2000, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(genes->view()->currentIndex().data().toString(), QStringLiteral("MS4A1"), 10000);
    }

    void dropOpensH5adFiles()
    {
        LogModel log;
        MainWindow window(&log);
        window.show();
        QVERIFY(window.acceptDrops());
        QTemporaryDir dir;
        const QString text = dir.path() + QStringLiteral("/notes.txt");
        const QString path = dir.path() + QStringLiteral("/dropped.h5ad");
        std::ofstream(text.toStdString()) << "text";
        std::ofstream(path.toStdString()) << "not hdf5";

        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(text)});
        QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(text), QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(failed.wait(10000)); // openFile ran: the job reports the file as unreadable
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("dropped.h5ad")), qPrintable(failed.first().first().toString()));
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path);
    }

    void saveAsWritesAndReadsBack()
    {
        LogModel log;
        MainWindow window(&log);
        QCOMPARE(window.saveAs(QStringLiteral("/tmp/nothing.h5ad")), -1); // nothing open
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/demo.h5ad");
        QSignalSpy saved(&window, &MainWindow::datasetSaved);
        QSignalSpy saveFailed(&window, &MainWindow::saveFailed);
        QVERIFY(window.saveAs(path) > 0);
        QVERIFY(waitForEither(saved, saveFailed, 120000));
        if (!saveFailed.isEmpty())
            QFAIL(qPrintable(saveFailed.first().first().toString()));
        QCOMPARE(saved.first().first().toString(), path);
        QVERIFY(QFileInfo(path).size() > 0);

        QSignalSpy loadFailed(&window, &MainWindow::loadFailed);
        changed.clear();
        window.openFile(path);
        QVERIFY(waitForEither(changed, loadFailed, 120000));
        if (!loadFailed.isEmpty())
            QFAIL(qPrintable(loadFailed.first().first().toString()));
        QCOMPARE(window.dataset()->nObs(), std::int64_t(20000));
        QCOMPARE(window.dataset()->nVars(), std::int64_t(2000));
        QCOMPARE(window.cellsTable()->model()->rowCount(), 20000);
        QCOMPARE(window.genesTable()->model()->rowCount(), 2000);

        // Saving over the file it was read from is refused, with a suggestion.
        saveFailed.clear();
        QCOMPARE(window.saveAs(path), -1);
        QCOMPARE(saveFailed.count(), 1);
        QVERIFY2(saveFailed.first().first().toString().contains(QStringLiteral("demo_scdesk.h5ad")),
                 qPrintable(saveFailed.first().first().toString()));
    }

    void corpusFileShowsItsShape()
    {
        const QString path = QStringLiteral(SCDESK_SHARED_DIR "/data/h5ad/scanpy_pbmc68k_reduced_2025.h5ad");
        if (!QFileInfo::exists(path))
            QSKIP("the h5ad corpus (../shared/data/h5ad) is absent");
        LogModel log;
        MainWindow window(&log);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFile(path);
        QVERIFY(waitForEither(changed, failed, 60000));
        if (!failed.isEmpty())
            QFAIL(qPrintable(failed.first().first().toString()));
        // anndata reports 700 × 765 for this file.
        const auto* shape = window.findChild<QLabel*>(QStringLiteral("datasetShape"));
        QVERIFY(shape);
        QVERIFY2(shape->text().contains(QLocale().toString(700) + QLatin1Char(' ')), qPrintable(shape->text()));
        QCOMPARE(window.cellsTable()->model()->rowCount(), 700);
        QCOMPARE(window.genesTable()->model()->rowCount(), 765);
        QVERIFY(window.genesTable()->completer()->model()->rowCount() == 765);
    }

    void failedOpenIsReported()
    {
        LogModel log;
        MainWindow window(&log);
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/broken.h5ad");
        std::ofstream(path.toStdString()) << "not hdf5";
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openFile(path);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("broken.h5ad")), qPrintable(failed.first().first().toString()));
        QVERIFY(!window.dataset());
        // It is remembered as a recent file all the same.
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path);
    }

    void translationsSwitchTheMenus()
    {
        QVERIFY(availableLanguages().contains(QStringLiteral("de")));
        QVERIFY(availableLanguages().contains(QStringLiteral("zh_CN")));
        LogModel log;
        QVERIFY(installLanguage(QStringLiteral("de")));
        {
            MainWindow window(&log);
            QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        }
        QVERIFY(installLanguage(QStringLiteral("zh_CN")));
        {
            MainWindow window(&log);
            QCOMPARE(window.menuBar()->actions().first()->text(), QString::fromUtf8("文件(&F)"));
        }
        QVERIFY(installLanguage(QStringLiteral("en")));
        MainWindow window(&log);
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    }

    // The delnx acceptance path: demo → one wizard (pseudobulk condition contrast) → volcano →
    // table and figure exported.
    void demoToVolcanoInOneWizard()
    {
        LogModel log;
        MainWindow window(&log);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));

        const auto delnx = AnalysisRegistry::instance().find("delnx");
        QVERIFY(delnx);
        AnalysisWizard wizard(delnx, window.dataset(), InputRef::forDemo(0));
        auto set = [&](const char* name, const QString& value) {
            if (auto* combo = qobject_cast<QComboBox*>(wizard.editorFor(name)))
                combo->setCurrentIndex(combo->findData(value));
            else if (auto* edit = qobject_cast<QLineEdit*>(wizard.editorFor(name)))
                edit->setText(value);
        };
        set("condition", QStringLiteral("condition"));
        set("reference", QStringLiteral("control"));
        set("pseudobulk_by", QStringLiteral("sample"));
        const JobSpec spec = wizard.jobSpec();
        QCOMPARE(QString::fromStdString(spec.params.at("pseudobulk_by").get<std::string>()), QStringLiteral("sample"));
        delnx->validate(*window.dataset(), spec.params); // what the wizard checks before it closes

        QSignalSpy added(&window, &MainWindow::resultAdded);
        const int id = window.runJob(spec);
        QVERIFY(added.wait(120000));
        QCOMPARE(window.jobs()->job(id)->state, JobState::Finished);
        auto* view = qobject_cast<DeResultView*>(window.tabs()->currentWidget());
        QVERIFY(view);
        QCOMPARE(view->table().rowCount(), std::size_t(2000));
        QVERIFY(!view->visibleRows().empty()); // significant genes at the default thresholds
        QVERIFY(window.dataset()->var.find("delnx_log2fc"));

        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("delnx.csv"));
        const QString pdf = dir.filePath(QStringLiteral("volcano.pdf"));
        QCOMPARE(view->exportTableTo(csv, false), QString());
        QCOMPARE(view->exportFigureTo(pdf), QString());
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QByteArray header = table.readLine();
        for (const char* column : {"feature", "log2fc", "coef", "stat", "pval", "padj", "dispersion", "ql_dispersion", "mean"})
            QVERIFY2(header.contains(column), header.constData());
        QVERIFY(QFileInfo(pdf).size() > 1000);
    }

    // The embedding explorer acceptance path: colour by condition and by a marker gene, lasso one
    // cell type, save it as a group, undo/redo it, find it in a wizard, export a PDF.
    void embeddingLassoGroupUndoAndPdf()
    {
        LogModel log;
        MainWindow window(&log);
        window.resize(1400, 900);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));
        window.showTab(QStringLiteral("embedding"));
        const auto demo = window.dataset();

        EmbeddingView* left = window.embeddingView(0);
        EmbeddingView* right = window.embeddingView(1);
        QVERIFY(left->isVisible() && right->isVisible());
        QCOMPARE(left->embedding(), QStringLiteral("X_umap"));
        QVERIFY(left->setColorBy(QStringLiteral("condition")));
        QCOMPARE(left->categories(), (QStringList{QStringLiteral("control"), QStringLiteral("stimulated")}));
        QVERIFY(right->setColorBy(QStringLiteral("MS4A1")));
        QTRY_VERIFY(!right->isLoadingGene());
        QCOMPARE(right->colorKind(), EmbeddingView::ColorKind::Numeric);
        QVERIFY(right->colorScaleVisible());

        // A lasso around the B cells, from their X_umap coordinates (the clusters are apart).
        const auto& type = std::get<CategoricalColumn>(demo->obs.require("cell_type", "obs").data);
        const auto b = static_cast<int>(std::find(type.categories.begin(), type.categories.end(), "B") - type.categories.begin());
        const DenseMatrix& umap = *denseOf(demo->obsm.at("X_umap"));
        QRectF box;
        std::vector<std::uint32_t> bCells;
        for (std::size_t i = 0; i < type.codes.size(); ++i)
            if (type.codes[i] == b) {
                const QPointF p(umap(static_cast<Eigen::Index>(i), 0), umap(static_cast<Eigen::Index>(i), 1));
                box = box.isNull() ? QRectF(p, QSizeF(1e-6, 1e-6)) : box.united(QRectF(p, QSizeF(1e-6, 1e-6)));
                bCells.push_back(static_cast<std::uint32_t>(i));
            }
        QVERIFY(bCells.size() > 100);
        box.adjust(-0.3, -0.3, 0.3, 0.3);
        const QPolygonF lasso{box.topLeft(), QPointF(box.center().x(), box.top() - 0.5), box.topRight(), box.bottomRight(),
                              QPointF(box.center().x(), box.bottom() + 0.5), box.bottomLeft()};
        left->plot()->replot();
        left->selectDataPolygon(lasso, CellSelection::Mode::Replace);
        QCOMPARE(window.cellSelection()->selectedCells(), bCells);
        // Linked: the Cells table selects the same rows, and a table selection comes back.
        QCOMPARE(window.cellsTable()->selectedSourceRows(), bCells);
        auto* table = window.cellsTable()->view();
        table->selectionModel()->select(table->model()->index(0, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(window.cellSelection()->selectedCells(), (std::vector<std::uint32_t>{0}));
        left->selectDataPolygon(lasso, CellSelection::Mode::Replace);
        QCOMPARE(window.cellSelection()->selectedCells(), bCells);

        // Save as a group; undo removes it, redo restores it.
        QVERIFY(window.saveSelectionAsGroup(QStringLiteral("my_cluster"), QStringLiteral("B_lasso")));
        const auto check = [&](const Dataset& d) {
            const Column* c = d.obs.find("my_cluster");
            QVERIFY(c);
            const auto& group = std::get<CategoricalColumn>(c->data);
            QCOMPARE(group.categories, (std::vector<std::string>{"B_lasso"}));
            std::vector<std::uint32_t> members;
            for (std::size_t i = 0; i < group.codes.size(); ++i)
                if (group.codes[i] == 0)
                    members.push_back(static_cast<std::uint32_t>(i));
            QCOMPARE(members, bCells);
        };
        check(*window.dataset());
        QVERIFY(window.dataset()->modified.count("obs/my_cluster"));
        QVERIFY(left->colorByBox()->findText(QStringLiteral("my_cluster")) >= 0);
        QVERIFY(right->colorByBox()->findText(QStringLiteral("my_cluster")) >= 0);
        QVERIFY(columnNamed(*window.cellsTable(), QStringLiteral("my_cluster")) >= 0);
        window.undoStack()->undo();
        QVERIFY(!window.dataset()->obs.find("my_cluster"));
        QVERIFY(!window.dataset()->modified.count("obs/my_cluster"));
        QCOMPARE(window.dataset(), demo);
        QVERIFY(left->colorByBox()->findText(QStringLiteral("my_cluster")) < 0);
        window.undoStack()->redo();
        check(*window.dataset());

        // Every analysis wizard reads the current snapshot: the group is an ObsColumn choice.
        const auto delnx = AnalysisRegistry::instance().find("delnx");
        QVERIFY(delnx);
        AnalysisWizard wizard(delnx, window.dataset(), InputRef::forDemo(0));
        auto* condition = qobject_cast<QComboBox*>(wizard.editorFor("condition"));
        QVERIFY(condition);
        QVERIFY(condition->findText(QStringLiteral("my_cluster")) >= 0);

        // The PDF of the focused view: one page, vector text for axes and legend.
        QVERIFY(left->setColorBy(QStringLiteral("condition")));
        QTemporaryDir dir;
        FigureExportSettings settings;
        settings.path = dir.filePath(QStringLiteral("umap.pdf"));
        settings.title = QStringLiteral("condition");
        QCOMPARE(window.exportEmbeddingFigure(settings), QString());
        QFile pdf(settings.path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QCOMPARE(QString::fromLatin1(bytes).count(QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]"))), 1);
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text was not checked");
        QProcess extract;
        extract.start(pdftotext, {settings.path, QStringLiteral("-")});
        QVERIFY(extract.waitForFinished(30000));
        const QString text = QString::fromUtf8(extract.readAllStandardOutput());
        for (const char* word : {"control", "stimulated", "UMAP1", "UMAP2", "condition"})
            QVERIFY2(text.contains(QLatin1String(word)), qPrintable(text));
    }

    // The Kompot acceptance path: demo → kompot-da as the wizard would run it (its review page
    // prices the run) → the DA tab → "Show on embedding: Direction" colours the embedding by the
    // direction column; then kompot-de on ~50 genes → select a gene → its imputed expression in
    // each condition on the two embedding views, on one colour range.
    void kompotResultsOnTheEmbedding()
    {
        LogModel log;
        MainWindow window(&log);
        window.resize(1400, 900);
        window.show();
        QSignalSpy changed(&window, &MainWindow::datasetChanged);
        window.openDemo();
        QVERIFY(changed.wait(120000));

        const auto da = AnalysisRegistry::instance().find("kompot-da");
        QVERIFY(da);
        AnalysisWizard daWizard(da, window.dataset(), InputRef::forDemo(0),
                                {{"groupby", "condition"}, {"condition1", "control"}, {"condition2", "stimulated"},
                                 {"n_landmarks", 300}});
        daWizard.show();
        while (daWizard.currentId() != daWizard.pageIds().last())
            daWizard.next();
        QVERIFY2(daWizard.costText().startsWith(QStringLiteral("Estimated: ")), qPrintable(daWizard.costText()));
        const JobSpec daSpec = daWizard.jobSpec();
        da->validate(*window.dataset(), daSpec.params); // what the wizard checks before it closes
        daWizard.close();

        QSignalSpy added(&window, &MainWindow::resultAdded);
        const int daJob = window.runJob(daSpec);
        QVERIFY(added.wait(120000));
        QCOMPARE(window.jobs()->job(daJob)->state, JobState::Finished);
        auto* daView = qobject_cast<KompotDaView*>(window.tabs()->currentWidget());
        QVERIFY(daView);
        QCOMPARE(daView->table().rowCount(), std::size_t(20000));
        QVERIFY(daView->volcano()->upCount() > 0); // the demo plants a region richer in stimulated cells
        const QString direction = daView->obsKey(KompotDaView::Quantity::Direction);
        QCOMPARE(direction, QStringLiteral("kompot_da_control_to_stimulated_lfc_direction"));
        QVERIFY(window.dataset()->obs.find(direction.toStdString()));
        daView->showButton(KompotDaView::Quantity::Direction)->click();
        QCOMPARE(window.tabs()->currentIndex(), 0); // the Embedding tab
        EmbeddingView* left = window.embeddingView(0);
        QCOMPARE(left->colorBy(), direction);
        QCOMPARE(left->colorKind(), EmbeddingView::ColorKind::Categorical);
        QCOMPARE(left->categories(), (QStringList{QStringLiteral("up"), QStringLiteral("neutral"), QStringLiteral("down")}));
        QCOMPARE(QColor::fromRgb(left->categoryColor(0)), QColor(0xd7, 0x30, 0x27)); // uns palette
        QCOMPARE(QColor::fromRgb(left->categoryColor(2)), QColor(0x45, 0x75, 0xb4));

        const auto de = AnalysisRegistry::instance().find("kompot-de");
        if (!de)
            QSKIP("kompot-de is not registered in this build");
        // 50 genes: 25 with planted DE and 25 without.
        const auto& truth = std::get<BoolColumn>(window.dataset()->var.require("truth_de", "var").data);
        QStringList genes;
        int planted = 0, plain = 0;
        for (std::size_t g = 0; g < truth.values.size() && genes.size() < 50; ++g) {
            int& count = truth.values[g] ? planted : plain;
            if (count < 25) {
                ++count;
                genes << QString::fromStdString(window.dataset()->var.index[g]);
            }
        }
        QCOMPARE(genes.size(), 50);
        JobSpec deSpec;
        deSpec.analysis = "kompot-de";
        deSpec.input = InputRef::forDemo(0);
        deSpec.params = de->schema().resolve({{"groupby", "condition"}, {"condition1", "control"},
                                              {"condition2", "stimulated"}, {"n_landmarks", 200},
                                              {"null_genes", 100}, {"genes", genes.join(QLatin1Char(',')).toStdString()}});
        de->validate(*window.dataset(), deSpec.params);
        added.clear();
        const int deJob = window.runJob(deSpec);
        QVERIFY(added.wait(120000));
        QCOMPARE(window.jobs()->job(deJob)->state, JobState::Finished);
        auto* deView = qobject_cast<KompotDeView*>(window.tabs()->currentWidget());
        QVERIFY(deView);
        QCOMPARE(deView->table().rowCount(), std::size_t(50));
        const QString layer1 = QStringLiteral("kompot_de_control_smoothed");
        const QString layer2 = QStringLiteral("kompot_de_stimulated_smoothed");
        QVERIFY(window.dataset()->layers.count(layer1.toStdString()));
        QVERIFY(window.dataset()->layers.count(layer2.toStdString()));

        // The gene at the top of the table (largest Mahalanobis distance), then its imputed expression.
        deView->selectRow(deView->visibleRows().front());
        const QString gene = deView->selectedGene();
        QVERIFY(genes.contains(gene));
        QVERIFY(deView->imputedButton()->isEnabled());
        window.showTab(QStringLiteral("cells"));
        deView->imputedButton()->click();
        QCOMPARE(window.tabs()->currentIndex(), 0);
        EmbeddingView* right = window.embeddingView(1);
        QVERIFY(right->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!left->isLoadingGene() && !right->isLoadingGene(), 20000);
        QCOMPARE(left->colorBy(), gene);
        QCOMPARE(right->colorBy(), gene);
        QCOMPARE(left->findChild<QComboBox*>(QStringLiteral("layer"))->currentData().toString(), layer1);
        QCOMPARE(right->findChild<QComboBox*>(QStringLiteral("layer"))->currentData().toString(), layer2);
        QCOMPARE(left->colorKind(), EmbeddingView::ColorKind::Numeric);
        QCOMPARE(left->colormapName(), right->colormapName());
        QTRY_COMPARE_WITH_TIMEOUT(left->vmin(), right->vmin(), 5000);
        QCOMPARE(left->vmax(), right->vmax());
        QVERIFY(left->vmax() > left->vmin());

        // Its fold change: the first view on the diverging map, centred at zero.
        window.showTab(QStringLiteral("cells"));
        deView->foldChangeButton()->click();
        QCOMPARE(window.tabs()->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!left->isLoadingGene(), 20000);
        QCOMPARE(left->findChild<QComboBox*>(QStringLiteral("layer"))->currentData().toString(),
                 QStringLiteral("kompot_de_control_to_stimulated_fold_change"));
        QCOMPARE(left->colormapName(), QStringLiteral("RdBu_r"));
        QTRY_COMPARE_WITH_TIMEOUT(left->vmin(), -left->vmax(), 5000);
    }

    void windowStatePersists()
    {
        {
            LogModel log;
            MainWindow window(&log);
            window.show();
            window.resize(900, 700);
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
        LogModel log;
        MainWindow window(&log);
        QCOMPARE(window.size(), QSize(900, 700));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
