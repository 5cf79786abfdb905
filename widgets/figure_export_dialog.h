#pragma once
// "Export figure…" for every plot: file (format from the suffix: PNG, SVG, PDF), size in pixels,
// DPI for PNG, a title and a light or dark figure theme, then exportPlot() (plot_export.h).
#include <QDialog>
#include <functional>

#include "plot_export.h"

class QComboBox;
class QCustomPlot;
class QLineEdit;
class QSpinBox;

namespace scdesk {

struct FigureExportSettings {
    QString path;
    FigureOptions options;
    QString title;
    bool dark = false;
};

// The palette a figure is drawn with: white background and black text, or the dark theme's.
QPalette figurePalette(bool dark);

// Exports with the figure theme and title, then restores the plot. `style` applies a palette to
// the plot (a view with extra elements passes its own); stylePlot when empty. The title goes into
// a QCPTextElement at the top of the plot layout (the plot's own, or a temporary one).
QString exportFigure(QCustomPlot& plot, const FigureExportSettings& settings,
                     const std::function<void(const QPalette&)>& style = {});

class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    FigureExportDialog(const FigureExportSettings& initial, QWidget* parent = nullptr);
    FigureExportSettings settings() const;

    // Shows the dialog (remembering the last folder, size, DPI and theme in QSettings) and exports
    // on OK. Returns an error message, empty on success or cancel.
    static QString run(QCustomPlot& plot, const QString& baseName, const QString& title, QWidget* parent,
                       const std::function<void(const QPalette&)>& style = {});

private:
    void browse();
    void updateDpi();

    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
    QLineEdit* m_title;
    QComboBox* m_theme;
};

} // namespace scdesk
