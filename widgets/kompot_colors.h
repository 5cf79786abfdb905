#pragma once
// Kompot's colours for up / down / neutral calls (spec §10), shared by the DA and DE result views
// and matching the palette kompot-da writes for its direction column in uns.
#include <QColor>

namespace scdesk {

inline QColor kompotUpColor() { return QColor(0xd7, 0x30, 0x27); }      // #d73027
inline QColor kompotDownColor() { return QColor(0x45, 0x75, 0xb4); }    // #4575b4
inline QColor kompotNeutralColor() { return QColor(0xd3, 0xd3, 0xd3); } // #d3d3d3

} // namespace scdesk
