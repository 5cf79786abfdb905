#include "nearest_point_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <qcustomplot.h>

namespace scdesk {

void NearestPointIndex::build(const std::vector<double>& x, const std::vector<double>& y)
{
    m_x = x;
    m_y = y;
    m_order.clear();
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i]))
            m_order.push_back(static_cast<int>(i));
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) { return m_x[a] < m_x[b]; });
    m_sortedX.resize(m_order.size());
    for (std::size_t k = 0; k < m_order.size(); ++k)
        m_sortedX[k] = m_x[m_order[k]];
}

void NearestPointIndex::clear()
{
    m_order.clear();
    m_sortedX.clear();
    m_x.clear();
    m_y.clear();
}

int NearestPointIndex::nearest(const QCPAxis& xAxis, const QCPAxis& yAxis, QPointF pixel, double maxPx) const
{
    if (m_order.empty())
        return -1;
    const double a = xAxis.pixelToCoord(pixel.x() - maxPx);
    const double b = xAxis.pixelToCoord(pixel.x() + maxPx);
    const double lo = std::min(a, b), hi = std::max(a, b);
    auto first = std::lower_bound(m_sortedX.begin(), m_sortedX.end(), lo);
    auto last = std::upper_bound(first, m_sortedX.end(), hi);
    int best = -1;
    double bestD2 = maxPx * maxPx;
    for (auto it = first; it != last; ++it) {
        const int i = m_order[static_cast<std::size_t>(it - m_sortedX.begin())];
        const double dx = xAxis.coordToPixel(m_x[i]) - pixel.x();
        const double dy = yAxis.coordToPixel(m_y[i]) - pixel.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = i;
        }
    }
    return best;
}

} // namespace scdesk
