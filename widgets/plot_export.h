#pragma once
// Figure export shared by every plot: PNG at a chosen size and DPI, PDF and SVG with vector axes.
#include <QString>

class QCustomPlot;

namespace scdesk {

struct FigureOptions {
    int widthPx = 1200;  // logical size; PNG pixels = size × dpi / 96
    int heightPx = 900;
    int dpi = 300;
};

// Format from the suffix (.png, .svg, .pdf). Writes to a temporary file and renames it into
// place; returns an error message, empty on success.
QString exportPlot(QCustomPlot& plot, const QString& path, const FigureOptions& options = {});

} // namespace scdesk
