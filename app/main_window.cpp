#include "main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFormLayout>
#include <QLineEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
#include <qcustomplot.h>

#include "analysis/analysis_registry.h"
#include "analysis/analysis_runner.h"
#include "analysis_wizard.h"
#include "compute/compute_backend.h"
#include "data/dataset.h"
#include "dataset_summary_widget.h"
#include "de_result_view.h"
#include "cell_selection.h"
#include "embedding_gene_panels.h"
#include "embedding_view.h"
#include "figure_export_dialog.h"
#include "frame_table_view.h"
#include "io/dataset_loader.h"
#include "io/h5ad/h5ad_writer.h"
#include "job_manager.h"
#include "jobs_dock.h"
#include "kompot_da_view.h"
#include "kompot_de_view.h"
#include "language.h"
#include "log_dock.h"
#include "memory_usage.h"
#include "plot_export.h"
#include "preferences_dialog.h"
#include "result_view.h"
#include "theme.h"
#include "undo_commands.h"
#include "util/build_info.h"

namespace scdesk {

Q_LOGGING_CATEGORY(lcApp, "scdesk.app")

namespace {

constexpr int kMaxRecentFiles = 10;
constexpr int kFixedTabs = 3; // Embedding, Cells, Genes; result tabs follow and can be closed

struct SaveOutcome {
    std::string path;
};

// The first local .h5ad file among dragged URLs, or an empty string.
QString droppedH5ad(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && url.toLocalFile().endsWith(QStringLiteral(".h5ad"), Qt::CaseInsensitive))
            return url.toLocalFile();
    return {};
}

// What an analysis job hands back: the result and the dataset with the result merged in, both
// made on the worker so the GUI thread never copies large arrays.
struct AnalysisOutcome {
    std::shared_ptr<const AnalysisResult> result;
    std::shared_ptr<const Dataset> merged;
};

std::shared_ptr<const Dataset> mergedCopy(const Dataset& base, const AnalysisResult& result)
{
    auto copy = std::make_shared<Dataset>(base);
    result.writeInto(*copy);
    return copy;
}

} // namespace

QString computeDeviceSummary(const QString& preference)
{
    std::string why;
    const auto backend = ComputeBackends::create(preference.toStdString(), &why);
    QString text = QString::fromStdString(backend->device().name);
    if (!why.empty())
        text += QStringLiteral(" (") + QString::fromStdString(why) + QLatin1Char(')');
    return text;
}

MainWindow::MainWindow(LogModel* log, QWidget* parent)
    : QMainWindow(parent), m_log(log), m_jobs(new JobManager(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/scdesk.svg")));
    setAcceptDrops(true); // drop an .h5ad file anywhere on the window to open it

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_selection = new CellSelection(this);
    m_undo = new QUndoStack(this);
    // Two embedding views side by side sharing one selection (e.g. condition next to a gene).
    m_embeddingSplitter = new QSplitter(Qt::Horizontal, m_tabs);
    m_embeddingSplitter->setObjectName(QStringLiteral("embeddingSplitter"));
    for (int i = 0; i < 2; ++i) {
        EmbeddingView* view = new EmbeddingView(m_embeddingSplitter);
        view->setObjectName(QStringLiteral("embeddingView%1").arg(i + 1));
        view->setSelection(m_selection);
        view->setUndoStack(m_undo);
        m_embeddingSplitter->addWidget(view);
        connect(view, &EmbeddingView::activated, this, [this, view] { m_activeView = view; });
        m_views[i] = view;
    }
    m_activeView = m_views[0];
    m_tabs->addTab(m_embeddingSplitter, tr("Embedding"));
    m_cellsTable = new FrameTableView(m_tabs);
    m_cellsTable->setObjectName(QStringLiteral("cellsTable"));
    m_tabs->addTab(m_cellsTable, tr("Cells"));
    m_genesTable = new FrameTableView(m_tabs);
    m_genesTable->setObjectName(QStringLiteral("genesTable"));
    m_genesTable->setSearchEnabled(true, tr("Find gene…"));
    m_tabs->addTab(m_genesTable, tr("Genes"));
    for (int i = 0; i < kFixedTabs; ++i) // these views stay
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index >= kFixedTabs)
            delete m_tabs->widget(index);
    });
    setCentralWidget(m_tabs);

    m_undoAction = m_undo->createUndoAction(this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setObjectName(QStringLiteral("undo"));
    m_redoAction = m_undo->createRedoAction(this);
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_redoAction->setObjectName(QStringLiteral("redo"));
    m_saveGroupAction = new QAction(this);
    m_saveGroupAction->setObjectName(QStringLiteral("saveSelectionAsGroup"));
    m_saveGroupAction->setEnabled(false);
    connect(m_saveGroupAction, &QAction::triggered, this, &MainWindow::saveSelectionDialog);
    m_clearSelectionAction = new QAction(this);
    m_clearSelectionAction->setObjectName(QStringLiteral("clearSelection"));
    connect(m_clearSelectionAction, &QAction::triggered, m_selection, &CellSelection::clear);
    m_secondViewAction = new QAction(this);
    m_secondViewAction->setObjectName(QStringLiteral("secondEmbeddingView"));
    m_secondViewAction->setCheckable(true);
    m_secondViewAction->setChecked(true);
    connect(m_secondViewAction, &QAction::toggled, this, &MainWindow::setSecondViewVisible);
    auto* selectionBar = addToolBar(QString());
    selectionBar->setObjectName(QStringLiteral("selectionToolBar"));
    selectionBar->addAction(m_saveGroupAction);
    selectionBar->addAction(m_clearSelectionAction);
    linkCellsTable();

    m_summary = new DatasetSummaryWidget(this);
    m_datasetDock = new QDockWidget(this);
    m_datasetDock->setObjectName(QStringLiteral("datasetDock"));
    m_datasetDock->setWidget(m_summary);
    addDockWidget(Qt::LeftDockWidgetArea, m_datasetDock);

    m_jobsDock = new JobsDock(m_jobs, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_logDock = new LogDock(m_log, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    tabifyDockWidget(m_jobsDock, m_logDock);
    m_jobsDock->raise();

    m_memoryLabel = new QLabel(this);
    m_memoryLabel->setObjectName(QStringLiteral("memoryLabel"));
    m_deviceLabel = new QLabel(this);
    m_deviceLabel->setObjectName(QStringLiteral("deviceLabel"));
    statusBar()->addPermanentWidget(m_deviceLabel);
    statusBar()->addPermanentWidget(m_memoryLabel);
    auto* statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(2000);

    // Every failed job (open, save or analysis) is reported once, in plain words.
    connect(m_jobs, &JobManager::jobFinished, this, [this](int id) {
        const bool save = m_saveJobs.erase(id) > 0;
        const JobInfo* info = m_jobs->job(id);
        if (!info)
            return;
        if (save && info->state == JobState::Cancelled) {
            statusBar()->showMessage(tr("Saving cancelled; no file was written."), 8000);
            Q_EMIT saveFailed(tr("cancelled"));
        }
        if (info->state != JobState::Failed)
            return;
        showError(tr("%1 failed").arg(info->title), info->spec ? info->error : withAdvice(info->error));
        if (save)
            Q_EMIT saveFailed(info->error);
        else if (!info->spec)
            Q_EMIT loadFailed(info->error);
    });

    QSettings settings;
    applyPreferences(Preferences::load(settings));
    retranslate();
    resize(1280, 820);
    resizeDocks({m_datasetDock}, {360}, Qt::Horizontal);
    resizeDocks({m_jobsDock}, {200}, Qt::Vertical);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_jobs->cancelAll();
    m_jobs->waitForAll();
}

void MainWindow::retranslate()
{
    buildMenus();
    m_datasetDock->setWindowTitle(tr("Dataset"));
    m_jobsDock->retranslate();
    m_tabs->setTabText(0, tr("Embedding"));
    m_tabs->setTabText(1, tr("Cells"));
    m_tabs->setTabText(2, tr("Genes"));
    m_undoAction->setText(tr("&Undo"));
    m_redoAction->setText(tr("&Redo"));
    m_saveGroupAction->setText(tr("Save Selection as &Group…"));
    m_saveGroupAction->setToolTip(tr("Save the selected cells as a group (a new obs column) for colouring and analyses"));
    m_clearSelectionAction->setText(tr("Clear Selection"));
    m_secondViewAction->setText(tr("&Second Embedding View"));
    m_cellsTable->retranslate();
    m_genesTable->retranslate();
    m_genesTable->setSearchEnabled(true, tr("Find gene…"));
    setWindowTitle(m_title.isEmpty() ? tr("scDesk") : tr("%1 — scDesk").arg(m_title));
}

void MainWindow::buildMenus()
{
    menuBar()->clear();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open dataset"),
                                                          settings.value(QStringLiteral("paths/open")).toString(),
                                                          tr("AnnData (*.h5ad);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addAction(tr("Open &Demo Dataset"), this, [this] { openDemo(); });
    m_saveAsAction = file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAsDialog);
    m_saveAsAction->setObjectName(QStringLiteral("saveAs"));
    m_saveAsAction->setToolTip(tr("Write the dataset, with your analysis results, to a new .h5ad file"));
    m_saveAsAction->setEnabled(m_dataset != nullptr);
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("&Figure…"), this, &MainWindow::exportFigure);
    exportMenu->addAction(tr("&Table…"), this, &MainWindow::exportTable);
    file->addSeparator();
    file->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, &MainWindow::showPreferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_saveGroupAction);
    edit->addAction(m_clearSelectionAction);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    for (const auto& a : AnalysisRegistry::instance().all()) {
        QAction* action = analysis->addAction(translateCore(a->title()) + QStringLiteral("…"), this,
                                              [this, a] { startAnalysisWizard(a); });
        action->setObjectName(QStringLiteral("analysis:") + QString::fromStdString(a->id()));
        action->setToolTip(translateCore(a->description()));
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* findGene = view->addAction(tr("Find &Gene…"), QKeySequence::Find, this, [this] {
        showTab(QStringLiteral("genes"));
        m_genesTable->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_genesTable->searchEdit()->selectAll();
    });
    findGene->setObjectName(QStringLiteral("findGene"));
    view->addAction(m_secondViewAction);
    view->addSeparator();
    view->addAction(m_datasetDock->toggleViewAction());
    view->addAction(m_jobsDock->toggleViewAction());
    view->addAction(m_logDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About scDesk"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openFile(const QString& path)
{
    QSettings settings;
    settings.setValue(QStringLiteral("paths/open"), QFileInfo(path).absolutePath());
    try {
        const InputRef input = InputRef::forFile(QFileInfo(path).absoluteFilePath().toStdString());
        addRecentFile(QFileInfo(path).absoluteFilePath());
        load(input, QFileInfo(path).fileName());
    } catch (const std::exception& e) {
        showError(tr("Cannot open file"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::openDemo(quint64 seed)
{
    load(InputRef::forDemo(seed), tr("Demo dataset (seed %1)").arg(seed));
}

void MainWindow::load(const InputRef& input, const QString& title)
{
    m_jobs->submitTyped<Dataset>(
        tr("Open %1").arg(title),
        [input](ProgressSink& progress, const CancelToken& cancel) { return loadDataset(input, progress, cancel); },
        [this, input, title](std::shared_ptr<const Dataset> dataset) { setDataset(std::move(dataset), input, title); });
}

void MainWindow::setDataset(std::shared_ptr<const Dataset> dataset, const InputRef& input, const QString& title)
{
    m_dataset = std::move(dataset);
    m_input = input;
    m_title = title;
    while (m_tabs->count() > kFixedTabs)
        delete m_tabs->widget(kFixedTabs);
    m_summary->setDataset(m_dataset, title);
    m_undo->clear(); // edits belong to the dataset they were made on
    m_selection->reset(static_cast<std::size_t>(m_dataset->nObs()));
    refreshTables();
    if (m_saveAsAction)
        m_saveAsAction->setEnabled(true);
    // The second view starts on another palette-backed categorical column (e.g. condition).
    const QString first = m_views[0]->colorBy();
    for (const auto& c : m_dataset->obs.columns)
        if (std::holds_alternative<CategoricalColumn>(c.data) && QString::fromStdString(c.name) != first
            && m_dataset->uns.contains(c.name + "_colors")) {
            m_views[1]->setColorBy(QString::fromStdString(c.name));
            break;
        }
    setWindowTitle(tr("%1 — scDesk").arg(title));
    updateStatus();
    qCInfo(lcApp).noquote() << tr("Opened %1: %2").arg(title, m_summary->shapeText());
    Q_EMIT datasetChanged();
}

void MainWindow::refreshTables()
{
    m_cellsTable->setDataset(m_dataset, false);
    m_genesTable->setDataset(m_dataset, true);
    for (EmbeddingView* view : m_views)
        view->setDataset(m_dataset);
}

void MainWindow::publishSnapshot(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    m_summary->setDataset(m_dataset, m_title);
    refreshTables();
    m_cellsTable->selectSourceRows(m_selection->flags());
}

void MainWindow::linkCellsTable()
{
    // Embedding selection -> Cells table rows, and back; the flag stops the echo.
    connect(m_selection, &CellSelection::changed, this, [this] {
        m_saveGroupAction->setEnabled(!m_selection->isEmpty());
        if (!m_selection->isEmpty())
            statusBar()->showMessage(tr("%n cell(s) selected", nullptr, static_cast<int>(m_selection->selectedCount())), 5000);
        if (m_syncingSelection)
            return;
        m_syncingSelection = true;
        m_cellsTable->selectSourceRows(m_selection->flags());
        m_syncingSelection = false;
    });
    connect(m_cellsTable, &FrameTableView::sourceRowsSelected, this, [this] {
        if (m_syncingSelection || m_selection->cellCount() != m_cellsTable->model()->sourceRowCount())
            return;
        m_syncingSelection = true;
        m_selection->apply(m_cellsTable->selectedSourceRows(), CellSelection::Mode::Replace);
        m_syncingSelection = false;
    });
}

void MainWindow::setSecondViewVisible(bool visible)
{
    m_views[1]->setVisible(visible);
    if (!visible && m_activeView == m_views[1])
        m_activeView = m_views[0];
    if (m_secondViewAction->isChecked() != visible)
        m_secondViewAction->setChecked(visible);
}

bool MainWindow::saveSelectionAsGroup(const QString& column, const QString& category)
{
    if (!m_dataset || m_selection->isEmpty() || column.trimmed().isEmpty() || category.trimmed().isEmpty())
        return false;
    try {
        m_undo->push(new SaveSelectionAsGroupCommand(
            [this] { return m_dataset; }, [this](std::shared_ptr<const Dataset> d) { publishSnapshot(std::move(d)); },
            column.trimmed().toStdString(), category.trimmed().toStdString(), m_selection->flags()));
    } catch (const std::exception& e) {
        showError(tr("Cannot save the selection"), QString::fromUtf8(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Saved %n cell(s) as “%1” in obs column “%2”", nullptr,
                                static_cast<int>(m_selection->selectedCount()))
                                 .arg(category.trimmed(), column.trimmed()),
                             8000);
    return true;
}

void MainWindow::saveSelectionDialog()
{
    if (m_selection->isEmpty())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Save selection as group"));
    auto* form = new QFormLayout(&dialog);
    auto* column = new QLineEdit(QStringLiteral("group"), &dialog);
    auto* category = new QLineEdit(QStringLiteral("selected"), &dialog);
    form->addRow(new QLabel(tr("%n selected cell(s)", nullptr, static_cast<int>(m_selection->selectedCount())), &dialog));
    form->addRow(tr("Obs column:"), column);
    form->addRow(tr("Group name:"), category);
    form->addRow(new QLabel(tr("An existing column of that name is replaced (Edit → Undo restores it). "
                               "Cells outside the selection are left missing."), &dialog));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        saveSelectionAsGroup(column->text(), category->text());
}

QString MainWindow::exportEmbeddingFigure(const FigureExportSettings& settings)
{
    EmbeddingView* view = m_activeView;
    return scdesk::exportFigure(*view->plot(), settings, [view](const QPalette& p) { view->applyPalette(p); });
}

bool MainWindow::showTab(const QString& name)
{
    const QString n = name.toLower();
    const int index = n == QLatin1String("embedding") ? 0 : n == QLatin1String("cells") ? 1 : n == QLatin1String("genes") ? 2 : -1;
    if (index >= 0)
        m_tabs->setCurrentIndex(index);
    return index >= 0;
}

void MainWindow::saveAsDialog()
{
    if (!m_dataset)
        return;
    QSettings settings;
    QString dir = settings.value(QStringLiteral("paths/save")).toString();
    QString base = QStringLiteral("dataset");
    if (!m_input.path.empty()) {
        const QFileInfo source(QString::fromStdString(m_input.path));
        base = source.completeBaseName() + QStringLiteral("_scdesk");
        if (dir.isEmpty())
            dir = source.absolutePath();
    } else if (m_input.isDemo()) {
        base = QStringLiteral("scdesk_demo");
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save dataset as"), dir + QLatin1Char('/') + base + QStringLiteral(".h5ad"),
                                                tr("AnnData (*.h5ad)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".h5ad"), Qt::CaseInsensitive))
        path += QStringLiteral(".h5ad");
    settings.setValue(QStringLiteral("paths/save"), QFileInfo(path).absolutePath());
    saveAs(path);
}

int MainWindow::saveAs(const QString& path)
{
    if (!m_dataset || path.isEmpty())
        return -1;
    const QFileInfo target(path);
    const QString source = QString::fromStdString(m_dataset->sourcePath.empty() ? m_input.path : m_dataset->sourcePath);
    if (!source.isEmpty()) {
        const QFileInfo input(source);
        const bool same = target.absoluteFilePath() == input.absoluteFilePath()
            || (target.exists() && input.exists() && target.canonicalFilePath() == input.canonicalFilePath());
        if (same) {
            const QString suggestion = input.completeBaseName() + QStringLiteral("_scdesk.h5ad");
            const QString message =
                tr("“%1” is the file this dataset was opened from. scDesk never overwrites the file it read: it "
                   "copies the parts you did not change from it while saving. Choose another name, for example “%2”.")
                    .arg(target.fileName(), suggestion);
            showError(tr("Cannot save over the original file"), message);
            Q_EMIT saveFailed(message);
            return -1;
        }
    }
    const auto dataset = m_dataset;
    const std::string file = target.absoluteFilePath().toStdString();
    const QString shape = m_summary->shapeText();
    const int id = m_jobs->submitTyped<SaveOutcome>(
        tr("Save %1").arg(target.fileName()),
        [dataset, file](ProgressSink& progress, const CancelToken& cancel) {
            writeH5ad(*dataset, file, progress, cancel);
            return std::make_shared<const SaveOutcome>(SaveOutcome{file});
        },
        [this, shape](std::shared_ptr<const SaveOutcome> outcome) {
            const QString saved = QString::fromStdString(outcome->path);
            const QString size = formatBytes(QFileInfo(saved).size());
            statusBar()->showMessage(tr("Saved %1 (%2)").arg(saved, size), 15000);
            qCInfo(lcApp).noquote() << tr("Saved %1 to %2 (%3)").arg(shape, saved, size);
            addRecentFile(saved);
            Q_EMIT datasetSaved(saved);
        });
    m_saveJobs.insert(id);
    return id;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedH5ad(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedH5ad(event->mimeData());
    if (path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    // Open after the drop returns, so the drag source is not kept waiting for the job to start.
    QTimer::singleShot(0, this, [this, path] { openFile(path); });
}

QString MainWindow::withAdvice(const QString& message) const
{
    const auto has = [&message](const char* word) { return message.contains(QLatin1String(word), Qt::CaseInsensitive); };
    QString advice;
    if (has("filter") || has("compress") || has("blosc") || has("lzf") || has("szip") || has("zstd"))
        advice = tr("The data are compressed with a method this build of scDesk cannot decode. Re-saving the file "
                    "from Python with gzip compression (adata.write_h5ad(path, compression=\"gzip\")) gives a copy "
                    "scDesk can open.");
    else if (has("not an hdf5") || has("signature") || has("truncated") || has("end of file") || has("eof"))
        advice = tr("The file looks incomplete or is not an HDF5 file: check that the download or copy finished, "
                    "or open the original.");
    else if (has("encoding") || has("unknown") || has("unsupported") || has("version"))
        advice = tr("The file may come from a tool or an anndata version scDesk does not know yet. Reading it "
                    "with a recent anndata and saving it again (anndata.read_h5ad, then write_h5ad) usually gives "
                    "a layout scDesk can open.");
    else if (has("permission") || has("read-only") || has("access"))
        advice = tr("Check that you are allowed to read the file and to write in the chosen folder.");
    else if (has("no space") || has("disk full") || has("quota"))
        advice = tr("The disk is full: free some space or save to another drive. The original file was not touched.");
    return advice.isEmpty() ? message : message + QStringLiteral("\n\n") + advice;
}

void MainWindow::startAnalysisWizard(std::shared_ptr<const Analysis> analysis)
{
    if (!m_dataset) {
        QMessageBox::information(this, translateCore(analysis->title()),
                                 tr("Open a dataset first (File → Open, or File → Open Demo Dataset)."));
        return;
    }
    QSettings settings;
    const QString key = QStringLiteral("wizard/") + QString::fromStdString(analysis->id());
    nlohmann::json last = nlohmann::json::parse(settings.value(key).toString().toStdString(), nullptr, false);
    AnalysisWizard wizard(analysis, m_dataset, m_input, last.is_object() ? last : nlohmann::json::object(), this);
    if (wizard.exec() != QDialog::Accepted)
        return;
    const JobSpec spec = wizard.jobSpec();
    settings.setValue(key, QString::fromStdString(spec.params.dump()));
    runJob(spec);
}

int MainWindow::runJob(const JobSpec& spec)
{
    auto analysis = AnalysisRegistry::instance().find(spec.analysis);
    const QString title = analysis ? translateCore(analysis->title()) : QString::fromStdString(spec.analysis);
    const auto base = m_dataset;
    const std::string device = m_prefs.computeDevice.toStdString();
    return m_jobs->submitTyped<AnalysisOutcome>(
        title,
        [spec, base, device](ProgressSink& progress, const CancelToken& cancel) {
            if (!base)
                throw InvalidInput("no dataset is open");
            std::string why;
            const auto backend = ComputeBackends::create(device, &why);
            if (!why.empty())
                progress.log(LogLevel::Warning, why);
            auto outcome = std::make_shared<AnalysisOutcome>();
            outcome->result = runJobSpec(spec, *base, progress, cancel, *backend);
            cancel.throwIfCancelled();
            outcome->merged = mergedCopy(*base, *outcome->result);
            return std::shared_ptr<const AnalysisOutcome>(outcome);
        },
        [this, spec, base](std::shared_ptr<const AnalysisOutcome> outcome) {
            addResult(spec, outcome->result, base, outcome->merged);
        },
        spec);
}

void MainWindow::addResult(const JobSpec& spec, std::shared_ptr<const AnalysisResult> result,
                           std::shared_ptr<const Dataset> base, std::shared_ptr<const Dataset> merged)
{
    if (base == m_dataset) {
        m_dataset = std::move(merged);
        m_summary->setDataset(m_dataset, m_title);
        refreshTables();
    } else if (m_dataset && m_input.path == spec.input.path && m_input.demoSeed == spec.input.demoSeed) {
        // Another job changed the dataset meanwhile: merge into the current snapshot on a worker.
        const auto current = m_dataset;
        m_jobs->submitTyped<Dataset>(
            tr("Add %1 results to the dataset").arg(QString::fromStdString(spec.analysis)),
            [current, result](ProgressSink&, const CancelToken&) { return mergedCopy(*current, *result); },
            [this, current](std::shared_ptr<const Dataset> d) {
                if (current == m_dataset) {
                    m_dataset = std::move(d);
                    m_summary->setDataset(m_dataset, m_title);
                    refreshTables();
                }
            });
    }
    for (const ResultTable& table : result->tables()) {
        // Kompot tables (by their "kind" attribute) get their own views; tables with log2fc and pval
        // (delnx and any DE analysis) the volcano view; anything else a plain table.
        QWidget* view = nullptr;
        if (KompotDaView::accepts(table)) {
            auto* da = new KompotDaView(table, m_tabs);
            connect(da, &KompotDaView::showObsRequested, this, &MainWindow::showObsOnEmbedding);
            view = da;
        } else if (KompotDeView::accepts(table)) {
            auto* de = new KompotDeView(table, m_tabs);
            connect(de, &KompotDeView::imputedExpressionRequested, this, &MainWindow::showImputedExpression);
            connect(de, &KompotDeView::foldChangeRequested, this, &MainWindow::showFoldChange);
            view = de;
        } else if (DeResultView::accepts(table)) {
            view = new DeResultView(table, m_tabs);
        } else {
            view = new ResultView(table, m_tabs);
        }
        view->setObjectName(QStringLiteral("result:") + QString::fromStdString(table.name));
        const int index = m_tabs->addTab(view, QString::fromStdString(table.name));
        m_tabs->setCurrentIndex(index);
    }
    qCInfo(lcApp).noquote() << QString::fromStdString(result->summary());
    Q_EMIT resultAdded(QString::fromStdString(spec.analysis));
}

void MainWindow::showObsOnEmbedding(const QString& column, bool diverging)
{
    if (!showObsColumn(*m_views[0], column, diverging)) {
        statusBar()->showMessage(tr("“%1” is not in the dataset yet: its results are still being added.").arg(column), 8000);
        return;
    }
    showTab(QStringLiteral("embedding"));
}

void MainWindow::showImputedExpression(const QString& gene, const QString& layer1, const QString& layer2)
{
    setSecondViewVisible(true);
    if (!showGeneSideBySide(*m_views[0], *m_views[1], gene, layer1, layer2)) {
        statusBar()->showMessage(tr("The layers of %1 are not in the dataset yet: its results are still being added.").arg(gene), 8000);
        return;
    }
    showTab(QStringLiteral("embedding"));
}

void MainWindow::showFoldChange(const QString& gene, const QString& layer)
{
    if (!showGeneDiverging(*m_views[0], gene, layer)) {
        statusBar()->showMessage(tr("The layers of %1 are not in the dataset yet: its results are still being added.").arg(gene), 8000);
        return;
    }
    showTab(QStringLiteral("embedding"));
}

void MainWindow::addRecentFile(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_prefs, ComputeBackends::available(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Preferences prefs = dialog.preferences();
    QSettings settings;
    prefs.save(settings);
    const bool languageChanged = prefs.language != m_prefs.language;
    applyPreferences(prefs);
    if (languageChanged) {
        installLanguage(prefs.language);
        retranslate();
    }
}

void MainWindow::applyPreferences(const Preferences& prefs)
{
    m_prefs = prefs;
    m_jobs->setWorkerThreads(prefs.effectiveThreads());
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance())) {
        applyTheme(*app, prefs.theme);
        for (EmbeddingView* view : m_views)
            view->applyPalette(app->palette());
    }
    m_deviceName = computeDeviceSummary(prefs.computeDevice);
    m_deviceLabel->setText(tr("Compute: %1").arg(m_deviceName));
    qCInfo(lcApp).noquote() << tr("Compute device: %1").arg(m_deviceName);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About scDesk"),
        tr("<h3>scDesk %1</h3><p>Single-cell genomics on the desktop: differential abundance and expression "
           "(Kompot), Bayesian count models (SCRIBE), negative-binomial GLMs (delnx) and ATAC→RNA delays "
           "(Effendi).</p><table><tr><td>Qt</td><td>%2</td></tr><tr><td>HDF5</td><td>%3</td></tr>"
           "<tr><td>Eigen</td><td>%4</td></tr><tr><td>Parallelism</td><td>%5</td></tr>"
           "<tr><td>Compute device</td><td>%6</td></tr><tr><td>GPU</td><td>%7</td></tr></table>")
            .arg(QString::fromStdString(scdeskVersion()), QString::fromLatin1(qVersion()),
                 QString::fromStdString(hdf5Version()), QString::fromStdString(eigenVersion()),
                 QString::fromStdString(openmpDescription()), m_deviceName.toHtmlEscaped(),
                 QString::fromStdString(ComputeBackends::gpuStatus()).toHtmlEscaped()));
}

void MainWindow::exportFigure()
{
    // A result tab with a plot exports it (volcano or mean–dispersion); otherwise the embedding.
    if (auto* de = qobject_cast<DeResultView*>(m_tabs->currentWidget())) {
        de->exportFigure();
        return;
    }
    if (auto* da = qobject_cast<KompotDaView*>(m_tabs->currentWidget())) {
        da->exportFigure();
        return;
    }
    if (auto* kde = qobject_cast<KompotDeView*>(m_tabs->currentWidget())) {
        kde->exportFigure();
        return;
    }
    EmbeddingView* view = m_activeView;
    const QString error = FigureExportDialog::run(*view->plot(), QStringLiteral("embedding"), view->colorBy(), this,
                                                  [view](const QPalette& p) { view->applyPalette(p); });
    if (!error.isEmpty())
        showError(tr("Export failed"), error);
}

void MainWindow::exportTable()
{
    if (auto* view = qobject_cast<ResultView*>(m_tabs->currentWidget()))
        view->exportTable();
    else if (auto* de = qobject_cast<DeResultView*>(m_tabs->currentWidget()))
        de->exportTable();
    else if (auto* da = qobject_cast<KompotDaView*>(m_tabs->currentWidget()))
        da->exportTable();
    else if (auto* kde = qobject_cast<KompotDeView*>(m_tabs->currentWidget()))
        kde->exportTable();
    else
        QMessageBox::information(this, tr("Export table"), tr("Select a result tab to export its table."));
}

void MainWindow::updateStatus()
{
    m_memoryLabel->setText(tr("Memory: %1").arg(formatBytes(residentMemoryBytes())));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    qCWarning(lcApp).noquote() << title << ":" << message;
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        return; // tests and screenshots: no modal dialogs nobody can close
    QMessageBox::critical(this, title, message);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_jobs->activeJobCount() > 0
        && QMessageBox::question(this, tr("Quit scDesk"), tr("Jobs are still running. Cancel them and quit?"))
               != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace scdesk
