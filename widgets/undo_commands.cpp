#include "undo_commands.h"

#include <QCoreApplication>
#include <algorithm>

#include "data/dataset.h"
#include "embedding_view.h"
#include "util/errors.h"

namespace scdesk {

SaveSelectionAsGroupCommand::SaveSelectionAsGroupCommand(Current current, Publish publish, const std::string& column,
                                                         const std::string& category,
                                                         const std::vector<std::uint8_t>& flags, QUndoCommand* parent)
    : QUndoCommand(parent), m_before(current()), m_current(std::move(current)), m_publish(std::move(publish)), m_column(column)
{
    if (!m_before || flags.size() != static_cast<std::size_t>(m_before->nObs()))
        throw InvalidInput("the selection does not match the dataset's cells");
    CategoricalColumn group;
    group.categories = {category};
    group.codes.resize(flags.size());
    for (std::size_t i = 0; i < flags.size(); ++i)
        group.codes[i] = flags[i] ? 0 : -1;
    auto added = std::make_shared<Column>(Column{column, std::move(group)});
    if (const Column* old = m_before->obs.find(column)) {
        m_hadColumn = true;
        m_oldColumn = std::make_shared<Column>(*old);
    }
    m_wasModified = m_before->modified.count("obs/" + column) > 0;
    // A snapshot is immutable: copy, edit, publish (dataset.h).
    auto copy = std::make_shared<Dataset>(*m_before);
    copy->setObsColumn(*added);
    m_after = std::move(copy);
    m_newColumn = std::move(added);
    setText(QCoreApplication::translate("scdesk::UndoCommands", "Save selection as group “%1”")
                .arg(QString::fromStdString(column)));
}

void SaveSelectionAsGroupCommand::undo()
{
    const auto now = m_current();
    if (m_before && now == m_after) {
        m_publish(m_before);
        return;
    }
    if (!now)
        return;
    auto copy = std::make_shared<Dataset>(*now);
    if (m_hadColumn) {
        copy->setObsColumn(*std::static_pointer_cast<const Column>(m_oldColumn));
    } else {
        auto& columns = copy->obs.columns;
        columns.erase(std::remove_if(columns.begin(), columns.end(), [this](const Column& c) { return c.name == m_column; }),
                      columns.end());
    }
    if (!m_wasModified)
        copy->modified.erase("obs/" + m_column);
    m_before = copy;
    m_after.reset(); // made from an older snapshot: redo rebuilds it from this one
    m_publish(std::move(copy));
}

void SaveSelectionAsGroupCommand::redo()
{
    const auto now = m_current();
    if (m_after && now == m_before) {
        m_publish(m_after);
        return;
    }
    if (!now)
        return;
    auto copy = std::make_shared<Dataset>(*now);
    copy->setObsColumn(*std::static_pointer_cast<const Column>(m_newColumn));
    m_after = copy;
    m_before.reset(); // likewise for undo
    m_publish(std::move(copy));
}

RecolourCategoryCommand::RecolourCategoryCommand(EmbeddingView* view, const QString& column, int category, QRgb oldColor,
                                                 QRgb newColor, QUndoCommand* parent)
    : QUndoCommand(parent), m_view(view), m_column(column), m_category(category), m_old(oldColor), m_new(newColor)
{
    setText(QCoreApplication::translate("scdesk::UndoCommands", "Recolour category"));
}

void RecolourCategoryCommand::undo()
{
    if (m_view)
        m_view->setCategoryColor(m_column, m_category, m_old);
}

void RecolourCategoryCommand::redo()
{
    if (m_view)
        m_view->setCategoryColor(m_column, m_category, m_new);
}

bool RecolourCategoryCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const RecolourCategoryCommand*>(other);
    if (o->m_view != m_view || o->m_column != m_column || o->m_category != m_category)
        return false;
    m_new = o->m_new;
    return true;
}

} // namespace scdesk
