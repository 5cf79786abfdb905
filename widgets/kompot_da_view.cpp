#include "kompot_da_view.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "da_volcano_plot.h"
#include "figure_export_dialog.h"
#include "io/table_writer.h"
#include "result_columns.h"
#include "result_view.h"
#include "util/errors.h"

namespace scdesk {

namespace {

const char* kSplitterKey = "kompotDaView/splitter";

const char* obsAttribute(KompotDaView::Quantity q)
{
    switch (q) {
    case KompotDaView::Quantity::LogFoldChange: return "obs_lfc";
    case KompotDaView::Quantity::TailProbability: return "obs_ptp";
    case KompotDaView::Quantity::Direction: return "obs_direction";
    }
    return "";
}

} // namespace

bool KompotDaView::accepts(const ResultTable& table)
{
    return resultAttribute(table, "kind") == QLatin1String("kompot-da") && resultNumbers(table, "lfc")
           && resultNumbers(table, "neg_log10_ptp");
}

KompotDaView::KompotDaView(ResultTable table, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("kompotDaView"));
    const double lfcThreshold = resultNumberAttribute(table, "lfc_threshold", 1.0);
    m_ptpThreshold = std::clamp(resultNumberAttribute(table, "ptp_threshold", 0.05), 1e-300, 1.0);
    m_table = new ResultView(std::move(table), this);
    const ResultTable& t = m_table->table();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    const QString viewOnly = tr("Changes the colours and counts in this view only: the direction column in the "
                                "dataset keeps the thresholds of the run.");
    m_lfc = new QDoubleSpinBox(this);
    m_lfc->setObjectName(QStringLiteral("lfcThreshold"));
    m_lfc->setPrefix(tr("|log FC| > "));
    m_lfc->setDecimals(2);
    m_lfc->setRange(0, 100);
    m_lfc->setSingleStep(0.1);
    m_lfc->setValue(lfcThreshold);
    m_lfc->setToolTip(viewOnly);
    m_ptp = new QDoubleSpinBox(this);
    m_ptp->setObjectName(QStringLiteral("ptpThreshold"));
    m_ptp->setPrefix(tr("−log₁₀ PTP > "));
    m_ptp->setDecimals(3);
    m_ptp->setRange(0, 300);
    m_ptp->setSingleStep(0.1);
    m_ptp->setValue(-std::log10(m_ptpThreshold));
    m_ptp->setToolTip(tr("Posterior tail probability threshold on the −log₁₀ scale (1.3 = 0.05).") + QLatin1Char(' ')
                      + viewOnly);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("daCounts"));
    auto* exportFigureButton = new QPushButton(tr("Export figure…"), this);
    exportFigureButton->setToolTip(tr("Save the volcano as PNG, SVG or PDF"));
    bar->addWidget(new QLabel(tr("Thresholds:"), this));
    bar->addWidget(m_lfc);
    bar->addWidget(m_ptp);
    bar->addWidget(m_counts, 1);
    bar->addWidget(exportFigureButton);
    layout->addLayout(bar);

    auto* showBar = new QHBoxLayout;
    showBar->addWidget(new QLabel(tr("Show on embedding:"), this));
    const QString labels[3] = {tr("Log fold change"), tr("−log₁₀ tail probability"), tr("Direction")};
    const char* names[3] = {"showLfc", "showPtp", "showDirection"};
    for (int i = 0; i < 3; ++i) {
        const auto q = static_cast<Quantity>(i);
        m_show[i] = new QPushButton(labels[i], this);
        m_show[i]->setObjectName(QLatin1String(names[i]));
        const QString key = obsKey(q);
        m_show[i]->setEnabled(!key.isEmpty());
        m_show[i]->setToolTip(tr("Colour the embedding by the obs column %1").arg(key));
        connect(m_show[i], &QPushButton::clicked, this, [this, q] { showOnEmbedding(q); });
        showBar->addWidget(m_show[i]);
    }
    showBar->addStretch(1);
    layout->addLayout(showBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("kompotDaSplitter"));
    m_volcano = new DaVolcanoPlot(m_splitter);
    m_table->setParent(m_splitter);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_volcano);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->restoreState(QSettings().value(QLatin1String(kSplitterKey)).toByteArray());
    layout->addWidget(m_splitter, 1);

    const auto* cells = resultTexts(t, "cell");
    m_volcano->setThresholds(lfcThreshold, m_ptpThreshold);
    m_volcano->setData(*resultNumbers(t, "lfc"), *resultNumbers(t, "neg_log10_ptp"), [cells](std::size_t i) {
        return cells && i < cells->size() ? QString::fromStdString((*cells)[i]) : QString::number(i);
    });
    connect(m_lfc, &QDoubleSpinBox::valueChanged, this, &KompotDaView::applyThresholds);
    connect(m_ptp, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_ptpThreshold = std::pow(10.0, -v);
        applyThresholds();
    });
    connect(exportFigureButton, &QPushButton::clicked, this, &KompotDaView::exportFigure);
    updateCounts();
}

KompotDaView::~KompotDaView()
{
    QSettings().setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

const ResultTable& KompotDaView::table() const
{
    return m_table->table();
}

QString KompotDaView::obsKey(Quantity quantity) const
{
    return resultAttribute(table(), obsAttribute(quantity));
}

QPushButton* KompotDaView::showButton(Quantity quantity) const
{
    return m_show[static_cast<int>(quantity)];
}

void KompotDaView::showOnEmbedding(Quantity quantity)
{
    const QString key = obsKey(quantity);
    if (!key.isEmpty())
        Q_EMIT showObsRequested(key, quantity == Quantity::LogFoldChange);
}

void KompotDaView::setThresholds(double lfc, double negLog10Ptp)
{
    const QSignalBlocker a(m_lfc), b(m_ptp);
    m_lfc->setValue(lfc);
    m_ptp->setValue(negLog10Ptp);
    m_ptpThreshold = std::pow(10.0, -m_ptp->value());
    applyThresholds();
}

void KompotDaView::applyThresholds()
{
    m_volcano->setThresholds(m_lfc->value(), m_ptpThreshold);
    updateCounts();
}

QString KompotDaView::countsText() const
{
    return m_counts->text();
}

void KompotDaView::updateCounts()
{
    const QLocale locale;
    m_counts->setText(tr("%1 up, %2 down, %3 neutral of %4 cells")
                          .arg(locale.toString(m_volcano->upCount()), locale.toString(m_volcano->downCount()),
                               locale.toString(m_volcano->neutralCount()),
                               locale.toString(static_cast<qulonglong>(table().rowCount()))));
}

QString KompotDaView::exportTableTo(const QString& path) const
{
    try {
        writeTableFile(table(), path.toStdString());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString KompotDaView::exportFigureTo(const QString& path, const FigureOptions& options) const
{
    return exportPlot(*m_volcano, path, options);
}

void KompotDaView::exportTable()
{
    m_table->exportTable();
}

void KompotDaView::exportFigure()
{
    DaVolcanoPlot* plot = m_volcano;
    const QString title = tr("Differential abundance %1 → %2")
                              .arg(resultAttribute(table(), "condition1"), resultAttribute(table(), "condition2"));
    const QString error = FigureExportDialog::run(*plot, QStringLiteral("da_volcano"), title, this,
                                                  [plot](const QPalette& p) { plot->setTheme(p); });
    if (!error.isEmpty())
        QMessageBox::critical(this, tr("Export failed"), error);
}

} // namespace scdesk
