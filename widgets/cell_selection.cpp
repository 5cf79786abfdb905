#include "cell_selection.h"

#include <algorithm>

namespace scdesk {

CellSelection::CellSelection(QObject* parent) : QObject(parent) {}

void CellSelection::reset(std::size_t cellCount)
{
    m_flags.assign(cellCount, 0);
    m_selected = 0;
    Q_EMIT changed();
}

std::vector<std::uint32_t> CellSelection::selectedCells() const
{
    std::vector<std::uint32_t> cells;
    cells.reserve(m_selected);
    for (std::size_t i = 0; i < m_flags.size(); ++i)
        if (m_flags[i])
            cells.push_back(static_cast<std::uint32_t>(i));
    return cells;
}

void CellSelection::apply(const std::vector<std::uint32_t>& cells, Mode mode)
{
    if (mode == Mode::Replace)
        std::fill(m_flags.begin(), m_flags.end(), std::uint8_t{0});
    const std::uint8_t value = mode == Mode::Subtract ? 0 : 1;
    for (const std::uint32_t c : cells)
        if (c < m_flags.size())
            m_flags[c] = value;
    recount();
    Q_EMIT changed();
}

void CellSelection::setFlags(std::vector<std::uint8_t> flags)
{
    if (flags.size() != m_flags.size())
        return;
    m_flags = std::move(flags);
    recount();
    Q_EMIT changed();
}

void CellSelection::clear()
{
    if (m_selected == 0)
        return;
    std::fill(m_flags.begin(), m_flags.end(), std::uint8_t{0});
    m_selected = 0;
    Q_EMIT changed();
}

void CellSelection::recount()
{
    m_selected = static_cast<std::size_t>(std::count_if(m_flags.begin(), m_flags.end(), [](std::uint8_t f) { return f != 0; }));
}

} // namespace scdesk
