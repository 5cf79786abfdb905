#include "jobs_dock.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "analysis/analysis_registry.h"
#include "job_manager.h"
#include "util/errors.h"

namespace scdesk {

namespace {

QString formatElapsed(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

JobsDock::JobsDock(JobManager* jobs, QWidget* parent) : QDockWidget(parent), m_jobs(jobs)
{
    setObjectName(QStringLiteral("jobsDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tree = new QTreeWidget(body);
    m_tree->setObjectName(QStringLiteral("jobsTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setRootIsDecorated(false);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setColumnWidth(ProgressColumn, 140);
    m_tree->setColumnWidth(StatusColumn, 180);
    layout->addWidget(m_tree);
    // The reproducibility actions are buttons, not only a context menu, so users find them.
    auto* copy = new QPushButton(tr("Copy as command"), body);
    copy->setObjectName(QStringLiteral("copyCommand"));
    copy->setToolTip(tr("Copy the scdesk-cli command that repeats the selected job"));
    auto* save = new QPushButton(tr("Save spec…"), body);
    save->setObjectName(QStringLiteral("saveSpec"));
    save->setToolTip(tr("Save the selected job as JSON; replay it with scdesk-cli run SPEC.json"));
    auto* clear = new QPushButton(tr("Clear finished"), body);
    clear->setObjectName(QStringLiteral("clearFinished"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(copy);
    bar->addWidget(save);
    bar->addStretch(1);
    bar->addWidget(clear);
    auto updateButtons = [this, copy, save] {
        const JobInfo* info = m_jobs->job(currentJob());
        copy->setEnabled(info && info->spec);
        save->setEnabled(info && info->spec);
    };
    connect(m_tree, &QTreeWidget::currentItemChanged, this, updateButtons);
    connect(copy, &QPushButton::clicked, this, [this] { copyCommand(currentJob()); });
    connect(save, &QPushButton::clicked, this, [this] { saveSpec(currentJob()); });
    updateButtons();
    layout->addLayout(bar);
    setWidget(body);
    retranslate();

    m_clock = new QTimer(this);
    m_clock->setInterval(500);
    connect(m_clock, &QTimer::timeout, this, [this] {
        for (const auto& [id, item] : m_rows)
            if (const JobInfo* info = m_jobs->job(id); info && info->state == JobState::Running)
                item->setText(ElapsedColumn, formatElapsed(info->elapsed()));
    });
    m_clock->start();

    connect(jobs, &JobManager::jobAdded, this, &JobsDock::addRow);
    connect(jobs, &JobManager::jobUpdated, this, &JobsDock::updateRow);
    connect(jobs, &JobManager::jobRemoved, this, &JobsDock::removeRow);
    connect(clear, &QPushButton::clicked, jobs, &JobManager::clearFinished);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &JobsDock::showMenu);
}

void JobsDock::retranslate()
{
    setWindowTitle(tr("Jobs"));
    m_tree->setHeaderLabels({tr("Job"), tr("Progress"), tr("Status"), tr("Elapsed"), QString()});
}

void JobsDock::addRow(int id)
{
    auto* item = new QTreeWidgetItem(m_tree);
    item->setData(TitleColumn, Qt::UserRole, id);
    m_rows[id] = item;
    auto* bar = new QProgressBar(m_tree);
    bar->setRange(0, 1000);
    bar->setTextVisible(true);
    m_tree->setItemWidget(item, ProgressColumn, bar);
    auto* cancel = new QToolButton(m_tree);
    cancel->setObjectName(QStringLiteral("cancelJob%1").arg(id));
    cancel->setText(tr("Cancel"));
    cancel->setToolTip(tr("Stop this job; nothing it computed is kept"));
    connect(cancel, &QToolButton::clicked, this, [this, id] { m_jobs->cancel(id); });
    m_tree->setItemWidget(item, CancelColumn, cancel);
    updateRow(id);
    m_tree->setCurrentItem(item); // the newest job is the one users act on
    m_tree->scrollToItem(item);
}

void JobsDock::updateRow(int id)
{
    auto it = m_rows.find(id);
    const JobInfo* info = m_jobs->job(id);
    if (it == m_rows.end() || !info)
        return;
    QTreeWidgetItem* item = it->second;
    item->setText(TitleColumn, info->title);
    item->setToolTip(TitleColumn, commandFor(id));
    item->setText(StatusColumn, info->statusText);
    item->setToolTip(StatusColumn, info->error.isEmpty() ? info->statusText : info->error);
    item->setText(ElapsedColumn, formatElapsed(info->elapsed()));
    if (auto* bar = qobject_cast<QProgressBar*>(m_tree->itemWidget(item, ProgressColumn))) {
        if (info->progress < 0 && info->state == JobState::Running)
            bar->setRange(0, 0); // busy
        else {
            bar->setRange(0, 1000);
            bar->setValue(std::max(0, info->progress));
        }
        bar->setFormat(QStringLiteral("%1 %").arg(bar->value() / 10));
    }
    if (auto* cancel = m_tree->itemWidget(item, CancelColumn))
        cancel->setEnabled(info->isActive());
    if (info->state == JobState::Failed)
        item->setForeground(StatusColumn, QColor(0xd6, 0x27, 0x28));
}

void JobsDock::removeRow(int id)
{
    auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    delete it->second;
    m_rows.erase(it);
}

int JobsDock::currentJob() const
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? item->data(TitleColumn, Qt::UserRole).toInt() : 0;
}

QString JobsDock::commandFor(int id) const
{
    const JobInfo* info = m_jobs->job(id);
    if (!info || !info->spec)
        return {};
    const auto analysis = AnalysisRegistry::instance().find(info->spec->analysis);
    return analysis ? QString::fromStdString(info->spec->toCommandLine(analysis->schema())) : QString();
}

void JobsDock::copyCommand(int id)
{
    const QString command = commandFor(id);
    if (!command.isEmpty())
        QApplication::clipboard()->setText(command);
}

void JobsDock::saveSpec(int id)
{
    const JobInfo* info = m_jobs->job(id);
    if (!info || !info->spec)
        return;
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/specs")).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save job spec"),
                                                      dir + QLatin1Char('/') + QString::fromStdString(info->spec->analysis)
                                                          + QStringLiteral(".json"),
                                                      tr("Job spec (*.json)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/specs"), QFileInfo(path).absolutePath());
    try {
        info->spec->save(path.toStdString());
    } catch (const Error& e) {
        QMessageBox::critical(this, tr("Save job spec"), QString::fromStdString(e.what()));
    }
}

void JobsDock::showMenu(const QPoint& pos)
{
    const int id = currentJob();
    const JobInfo* info = m_jobs->job(id);
    if (!info)
        return;
    QMenu menu(this);
    QAction* copy = menu.addAction(tr("Copy as command"), this, [this, id] { copyCommand(id); });
    QAction* save = menu.addAction(tr("Save spec…"), this, [this, id] { saveSpec(id); });
    copy->setEnabled(info->spec.has_value());
    save->setEnabled(info->spec.has_value());
    menu.addSeparator();
    QAction* cancel = menu.addAction(tr("Cancel"), this, [this, id] { m_jobs->cancel(id); });
    cancel->setEnabled(info->isActive());
    if (!info->error.isEmpty())
        menu.addAction(tr("Copy error message"), this, [msg = info->error] { QApplication::clipboard()->setText(msg); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace scdesk
