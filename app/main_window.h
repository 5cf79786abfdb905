#pragma once
// The scDesk main window: menus, docks (Dataset, Jobs, Log), the embedding view and result tabs.
// Owns the current dataset snapshot; all loading and computing goes through the JobManager.
#include <QMainWindow>
#include <memory>
#include <set>

#include "analysis/job_spec.h"
#include "preferences.h"

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QUndoStack;

namespace scdesk {

class Analysis;
class AnalysisResult;
class DatasetSummaryWidget;
class CellSelection;
class EmbeddingView;
struct FigureExportSettings;
class FrameTableView;
class JobManager;
class JobsDock;
class LogDock;
class LogModel;
struct Dataset;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(LogModel* log, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFile(const QString& path);
    void openDemo(quint64 seed = 0);
    // Writes the current dataset as .h5ad in a job (progress and cancel in the Jobs dock). Refuses
    // the file the dataset was read from. Returns the job id, or -1 when refused or nothing is open.
    int saveAs(const QString& path);
    // Shows the "embedding", "cells" or "genes" tab; false for an unknown name.
    bool showTab(const QString& name);
    // Runs an analysis job without the wizard (used by tests and by replaying specs).
    int runJob(const JobSpec& spec);

    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    JobManager* jobs() const { return m_jobs; }
    JobsDock* jobsDock() const { return m_jobsDock; }
    DatasetSummaryWidget* datasetSummary() const { return m_summary; }
    QTabWidget* tabs() const { return m_tabs; }
    FrameTableView* cellsTable() const { return m_cellsTable; }
    FrameTableView* genesTable() const { return m_genesTable; }
    QAction* saveAsAction() const { return m_saveAsAction; }

    // The embedding views side by side (0 and 1), sharing one selection.
    EmbeddingView* embeddingView(int index) const { return m_views[index == 0 ? 0 : 1]; }
    EmbeddingView* focusedEmbeddingView() const { return m_activeView; }
    void setSecondViewVisible(bool visible);
    CellSelection* cellSelection() const { return m_selection; }
    QUndoStack* undoStack() const { return m_undo; }
    // Saves the selected cells as obs column `column` (category `category`, the others missing)
    // through an undoable command. False when nothing is selected or the names are empty.
    bool saveSelectionAsGroup(const QString& column, const QString& category);
    // Exports the focused embedding view with its legend and title; an error message or empty.
    QString exportEmbeddingFigure(const FigureExportSettings& settings);

Q_SIGNALS:
    void datasetChanged();
    void loadFailed(const QString& message);
    void resultAdded(const QString& analysisId);
    void datasetSaved(const QString& path);
    void saveFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void retranslate();
    void startAnalysisWizard(std::shared_ptr<const Analysis> analysis);
    void load(const InputRef& input, const QString& title);
    void setDataset(std::shared_ptr<const Dataset> dataset, const InputRef& input, const QString& title);
    void refreshTables();
    // Installs an edited snapshot of the same cells (undo commands): tables, views, summary.
    void publishSnapshot(std::shared_ptr<const Dataset> dataset);
    void saveSelectionDialog();
    void linkCellsTable();
    void saveAsDialog();
    void addResult(const JobSpec& spec, std::shared_ptr<const AnalysisResult> result,
                   std::shared_ptr<const Dataset> base, std::shared_ptr<const Dataset> merged);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void showPreferences();
    void applyPreferences(const Preferences& prefs);
    void showAbout();
    void exportFigure();
    void exportTable();
    // Result views' "show on embedding" actions (Kompot DA and DE).
    void showObsOnEmbedding(const QString& column, bool diverging);
    void showImputedExpression(const QString& gene, const QString& layer1, const QString& layer2);
    void showFoldChange(const QString& gene, const QString& layer);
    void updateStatus();
    void showError(const QString& title, const QString& message);
    // The message from core plus one sentence of advice where a common cause is recognisable.
    QString withAdvice(const QString& message) const;

    LogModel* m_log;
    JobManager* m_jobs;
    Preferences m_prefs;
    std::shared_ptr<const Dataset> m_dataset;
    InputRef m_input;
    QString m_title;
    QString m_deviceName;

    DatasetSummaryWidget* m_summary;
    QSplitter* m_embeddingSplitter;
    EmbeddingView* m_views[2];
    EmbeddingView* m_activeView;
    CellSelection* m_selection;
    QUndoStack* m_undo;
    QAction* m_saveGroupAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_clearSelectionAction = nullptr;
    QAction* m_secondViewAction = nullptr;
    bool m_syncingSelection = false;
    FrameTableView* m_cellsTable;
    FrameTableView* m_genesTable;
    QTabWidget* m_tabs;
    QAction* m_saveAsAction = nullptr;
    std::set<int> m_saveJobs;
    JobsDock* m_jobsDock;
    LogDock* m_logDock;
    QDockWidget* m_datasetDock;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_memoryLabel;
    QLabel* m_deviceLabel;
};

// One line naming the compute device scDesk will use for `preference` ("auto", "cpu", "cuda").
QString computeDeviceSummary(const QString& preference);

} // namespace scdesk
