#pragma once
// The selected cells, shared by every embedding view and the Cells table so that a selection made
// in one place shows everywhere (linked views). One flag per cell; changed() after every edit.
#include <QObject>
#include <cstdint>
#include <vector>

namespace scdesk {

class CellSelection : public QObject {
    Q_OBJECT
public:
    enum class Mode { Replace, Add, Subtract };

    explicit CellSelection(QObject* parent = nullptr);

    // Resets to `cellCount` unselected cells (a new dataset).
    void reset(std::size_t cellCount);
    std::size_t cellCount() const { return m_flags.size(); }
    std::size_t selectedCount() const { return m_selected; }
    bool isEmpty() const { return m_selected == 0; }
    bool isSelected(std::size_t cell) const { return cell < m_flags.size() && m_flags[cell] != 0; }
    const std::vector<std::uint8_t>& flags() const { return m_flags; }
    std::vector<std::uint32_t> selectedCells() const;

    // `cells` sorted or not; out-of-range indices are ignored.
    void apply(const std::vector<std::uint32_t>& cells, Mode mode);
    void setFlags(std::vector<std::uint8_t> flags); // size must equal cellCount()
    void clear();

Q_SIGNALS:
    void changed();

private:
    void recount();

    std::vector<std::uint8_t> m_flags;
    std::size_t m_selected = 0;
};

} // namespace scdesk
