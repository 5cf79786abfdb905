#pragma once
// Undoable user edits (app.md §5.5): saving a selection as an obs group and recolouring a
// category. Job results are not undoable; these small edits are.
#include <QPointer>
#include <QRgb>
#include <QUndoCommand>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace scdesk {

struct Dataset;
class EmbeddingView;

// Snapshots are immutable, so redo publishes a copy with the new obs column and undo publishes
// the snapshot from before. When the app's snapshot changed in between (an analysis result was
// merged), only this column is put back on a copy of the current snapshot, so undo never drops
// later results. `current` returns the app's snapshot, `publish` installs one.
class SaveSelectionAsGroupCommand : public QUndoCommand {
public:
    using Current = std::function<std::shared_ptr<const Dataset>()>;
    using Publish = std::function<void(std::shared_ptr<const Dataset>)>;

    // Cells with a non-zero flag get `category` in column `column`; the others are missing.
    // Throws InvalidInput when the flags do not match the dataset.
    SaveSelectionAsGroupCommand(Current current, Publish publish, const std::string& column,
                                const std::string& category, const std::vector<std::uint8_t>& flags,
                                QUndoCommand* parent = nullptr);

    void undo() override;
    void redo() override;

    std::shared_ptr<const Dataset> before() const { return m_before; }
    std::shared_ptr<const Dataset> after() const { return m_after; }

private:
    std::shared_ptr<const Dataset> m_before;
    std::shared_ptr<const Dataset> m_after;
    Current m_current;
    Publish m_publish;
    std::string m_column;
    bool m_hadColumn = false;        // the column existed before (it is overwritten)
    bool m_wasModified = false;      // before->modified held "obs/<column>"
    std::shared_ptr<const void> m_oldColumn; // Column, when m_hadColumn
    std::shared_ptr<const void> m_newColumn; // Column
};

// A new colour for one category of one colour-by column in one view. Repeated recolours of the
// same category merge into one undo step.
class RecolourCategoryCommand : public QUndoCommand {
public:
    static constexpr int Id = 0x5c01;

    RecolourCategoryCommand(EmbeddingView* view, const QString& column, int category, QRgb oldColor, QRgb newColor,
                            QUndoCommand* parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return Id; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    QPointer<EmbeddingView> m_view;
    QString m_column;
    int m_category;
    QRgb m_old;
    QRgb m_new;
};

} // namespace scdesk
