#pragma once
// Hover/pick lookup for gene-level scatter plots (tens of thousands of points): points sorted by
// their x coordinate, so a query scans only the vertical strip a few pixels wide around the
// mouse (a binary search, then a short scan). Works on linear and log axes because the
// data→pixel map is monotone in x.
#include <QPointF>
#include <vector>

class QCPAxis;

namespace scdesk {

class NearestPointIndex {
public:
    // Points with non-finite coordinates are never found.
    void build(const std::vector<double>& x, const std::vector<double>& y);
    void clear();
    // Index (into the vectors given to build) of the point nearest to `pixel` within `maxPx`
    // pixels, or -1.
    int nearest(const QCPAxis& xAxis, const QCPAxis& yAxis, QPointF pixel, double maxPx) const;

private:
    std::vector<int> m_order;     // point indices sorted by x
    std::vector<double> m_sortedX;
    std::vector<double> m_x, m_y;
};

} // namespace scdesk
