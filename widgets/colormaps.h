#pragma once
// 256-entry colormaps for numeric colouring (matplotlib's published viridis, magma, inferno,
// plasma and cividis data, plus a linear grey ramp), as ARGB32 values.
#include <QRgb>
#include <QStringList>
#include <vector>

namespace scdesk {

// The names in display order: viridis, magma, inferno, plasma, cividis, grey.
QStringList colormapNames();
// The table for `name`; viridis for an unknown name.
const std::vector<QRgb>& colormap(const QString& name);

} // namespace scdesk
