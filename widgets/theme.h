#pragma once
// Light and dark palettes for the whole application; plots take their colours from the palette so
// they follow the theme.
#include <QPalette>

#include "preferences.h"

class QApplication;
class QCustomPlot;

namespace scdesk {

void applyTheme(QApplication& app, Theme theme);
// Axis, grid, text and background colours from `palette`.
void stylePlot(QCustomPlot& plot, const QPalette& palette);

} // namespace scdesk
