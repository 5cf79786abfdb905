#include "plot_export.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <qcustomplot.h>

#include "io/atomic_file.h"
#include "util/errors.h"

namespace scdesk {

namespace {

bool renderSvg(QCustomPlot& plot, const QString& path, const FigureOptions& o)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(QSize(o.widthPx, o.heightPx));
    svg.setViewBox(QRect(0, 0, o.widthPx, o.heightPx));
    svg.setTitle(QStringLiteral("scDesk figure"));
    QCPPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.setMode(QCPPainter::pmVectorized);
    plot.toPainter(&painter, o.widthPx, o.heightPx);
    return painter.end();
}

} // namespace

QString exportPlot(QCustomPlot& plot, const QString& path, const FigureOptions& options)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    // Render next to the target, then rename, so a failed export never leaves a broken file.
    QTemporaryFile tmp(QFileInfo(path).absolutePath() + QStringLiteral("/.scdesk-export-XXXXXX.") + suffix);
    if (!tmp.open())
        return QCoreApplication::translate("scdesk::PlotExport", "Cannot write to the folder of %1").arg(path);
    const QString tmpPath = tmp.fileName();
    tmp.close();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        const double scale = options.dpi / 96.0;
        ok = plot.savePng(tmpPath, options.widthPx, options.heightPx, scale, -1, options.dpi, QCP::ruDotsPerInch);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot.savePdf(tmpPath, options.widthPx, options.heightPx, QCP::epNoCosmetic, QStringLiteral("scDesk"));
    } else if (suffix == QLatin1String("svg")) {
        ok = renderSvg(plot, tmpPath, options);
    } else {
        return QCoreApplication::translate("scdesk::PlotExport", "Unknown figure format '%1' (use .png, .svg or .pdf)").arg(suffix);
    }
    if (!ok)
        return QCoreApplication::translate("scdesk::PlotExport", "Could not render the figure to %1").arg(path);
    try {
        commitTemporaryFile(tmpPath.toStdString(), path.toStdString());
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    tmp.setAutoRemove(false);
    return {};
}

} // namespace scdesk
