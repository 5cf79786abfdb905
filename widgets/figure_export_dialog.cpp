#include "figure_export_dialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <qcustomplot.h>

#include "theme.h"

namespace scdesk {

QPalette figurePalette(bool dark)
{
    QPalette p;
    const QColor base = dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white);
    const QColor text = dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(Qt::black);
    for (const auto role : {QPalette::Base, QPalette::Window})
        p.setColor(role, base);
    for (const auto role : {QPalette::WindowText, QPalette::Text})
        p.setColor(role, text);
    return p;
}

QString exportFigure(QCustomPlot& plot, const FigureExportSettings& settings,
                     const std::function<void(const QPalette&)>& style)
{
    const auto restyle = [&](const QPalette& palette) {
        if (style)
            style(palette);
        else
            stylePlot(plot, palette);
    };
    QCPLayoutGrid* layout = plot.plotLayout();
    auto* title = layout->rowCount() > 0 ? qobject_cast<QCPTextElement*>(layout->element(0, 0)) : nullptr;
    QCPTextElement* temporary = nullptr;
    const QString oldTitle = title ? title->text() : QString();
    restyle(figurePalette(settings.dark));
    if (title) {
        title->setText(settings.title);
        title->setTextColor(figurePalette(settings.dark).color(QPalette::WindowText));
    } else if (!settings.title.isEmpty()) {
        layout->insertRow(0);
        temporary = new QCPTextElement(&plot, settings.title, QFont(plot.font().family(), 11, QFont::Bold));
        temporary->setTextColor(figurePalette(settings.dark).color(QPalette::WindowText));
        layout->addElement(0, 0, temporary);
    }
    const QString error = exportPlot(plot, settings.path, settings.options);
    if (temporary) {
        layout->remove(temporary);
        layout->simplify();
    }
    if (title)
        title->setText(oldTitle);
    restyle(QApplication::palette());
    plot.replot();
    return error;
}

FigureExportDialog::FigureExportDialog(const FigureExportSettings& initial, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export figure"));
    auto* form = new QFormLayout(this);
    m_path = new QLineEdit(initial.path, this);
    m_path->setObjectName(QStringLiteral("path"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("File (.png, .svg, .pdf):"), pathRow);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(100, 10000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(initial.options.widthPx);
    m_height->setValue(initial.options.heightPx);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(72, 1200);
    m_dpi->setValue(initial.options.dpi);
    m_dpi->setToolTip(tr("PNG only: pixels = size × DPI / 96"));
    form->addRow(tr("DPI (PNG):"), m_dpi);
    m_title = new QLineEdit(initial.title, this);
    form->addRow(tr("Title:"), m_title);
    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Light"));
    m_theme->addItem(tr("Dark"));
    m_theme->setCurrentIndex(initial.dark ? 1 : 0);
    form->addRow(tr("Theme:"), m_theme);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &FigureExportDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this, &FigureExportDialog::updateDpi);
    updateDpi();
}

void FigureExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), m_path->text(),
                                                      tr("PDF (*.pdf);;SVG (*.svg);;PNG image (*.png)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void FigureExportDialog::updateDpi()
{
    m_dpi->setEnabled(QFileInfo(m_path->text()).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0);
}

FigureExportSettings FigureExportDialog::settings() const
{
    FigureExportSettings s;
    s.path = m_path->text();
    s.options.widthPx = m_width->value();
    s.options.heightPx = m_height->value();
    s.options.dpi = m_dpi->value();
    s.title = m_title->text();
    s.dark = m_theme->currentIndex() == 1;
    return s;
}

QString FigureExportDialog::run(QCustomPlot& plot, const QString& baseName, const QString& title, QWidget* parent,
                                const std::function<void(const QPalette&)>& style)
{
    QSettings settings;
    FigureExportSettings initial;
    const QString dir = settings.value(QStringLiteral("paths/export"), QDir::homePath()).toString();
    const QString suffix = settings.value(QStringLiteral("figure/suffix"), QStringLiteral("pdf")).toString();
    initial.path = dir + QLatin1Char('/') + baseName + QLatin1Char('.') + suffix;
    initial.options.widthPx = settings.value(QStringLiteral("figure/width"), initial.options.widthPx).toInt();
    initial.options.heightPx = settings.value(QStringLiteral("figure/height"), initial.options.heightPx).toInt();
    initial.options.dpi = settings.value(QStringLiteral("figure/dpi"), initial.options.dpi).toInt();
    initial.dark = settings.value(QStringLiteral("figure/dark"), false).toBool();
    initial.title = title;
    FigureExportDialog dialog(initial, parent);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const FigureExportSettings chosen = dialog.settings();
    if (chosen.path.isEmpty())
        return {};
    settings.setValue(QStringLiteral("paths/export"), QFileInfo(chosen.path).absolutePath());
    settings.setValue(QStringLiteral("figure/suffix"), QFileInfo(chosen.path).suffix().toLower());
    settings.setValue(QStringLiteral("figure/width"), chosen.options.widthPx);
    settings.setValue(QStringLiteral("figure/height"), chosen.options.heightPx);
    settings.setValue(QStringLiteral("figure/dpi"), chosen.options.dpi);
    settings.setValue(QStringLiteral("figure/dark"), chosen.dark);
    return exportFigure(plot, chosen, style);
}

} // namespace scdesk
