#pragma once
// 256-entry colormaps for numeric colouring (matplotlib's published viridis, magma, inferno,
// plasma and cividis data, a linear grey ramp, and the diverging RdBu_r for values centred at zero
// such as fold changes), as ARGB32 values.
#include <QRgb>
#include <QStringList>
#include <vector>

namespace scdesk {

// The names in display order: viridis, magma, inferno, plasma, cividis, grey, RdBu_r.
QStringList colormapNames();
// The diverging map (blue, white, red): use it with a range symmetric about zero.
QString divergingColormapName();
bool isDivergingColormap(const QString& name);
// The table for `name`; viridis for an unknown name.
const std::vector<QRgb>& colormap(const QString& name);

} // namespace scdesk
