#include "frame_table_model.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <type_traits>

#include "data/dataset.h"

namespace scdesk {

namespace {

// Thrown from inside the sort comparator when a newer query superseded this one.
struct Superseded {};

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive substring test. ASCII text (gene and cell names, nearly always) is compared
// byte by byte; anything else goes through QString's Unicode case folding.
class SubstringMatcher {
public:
    explicit SubstringMatcher(const QString& needle) : m_needle(needle)
    {
        const QByteArray utf8 = needle.toUtf8();
        m_ascii = isAscii(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        m_lower.reserve(static_cast<std::size_t>(utf8.size()));
        for (char c : utf8)
            m_lower.push_back(asciiLower(c));
    }

    bool matches(std::string_view hay) const
    {
        if (m_lower.empty())
            return true;
        if (m_ascii && isAscii(hay)) {
            const auto it = std::search(hay.begin(), hay.end(), m_lower.begin(), m_lower.end(),
                                        [](char a, char b) { return asciiLower(a) == b; });
            return it != hay.end();
        }
        return QString::fromUtf8(hay.data(), static_cast<qsizetype>(hay.size())).contains(m_needle, Qt::CaseInsensitive);
    }

private:
    QString m_needle;
    std::string m_lower;
    bool m_ascii = true;
};

bool masked(const std::vector<std::uint8_t>& mask, std::size_t row)
{
    return !mask.empty() && mask[row] != 0;
}

QString plainNumber(const NumericColumn& c, std::size_t row)
{
    const double v = c.values[row];
    if (masked(c.mask, row) || std::isnan(v))
        return {};
    if (c.integer && std::abs(v) < 9.0e15)
        return QString::number(static_cast<qlonglong>(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

class CancelCheck {
public:
    explicit CancelCheck(const std::atomic<bool>* flag) : m_flag(flag) {}
    void tick()
    {
        if (m_flag && (++m_count & 0xFFFF) == 0 && m_flag->load(std::memory_order_relaxed))
            throw Superseded{};
    }

private:
    const std::atomic<bool>* m_flag;
    std::uint64_t m_count = 0;
};

// Rows of `rows` where the column's text contains the needle.
void filterColumn(const DataFrame& frame, int modelColumn, const SubstringMatcher& m, const RowOrder& rows,
                  std::vector<std::uint8_t>& keep, CancelCheck& cancel)
{
    if (modelColumn == 0) {
        for (std::uint32_t r : rows) {
            cancel.tick();
            if (!keep[r] && m.matches(frame.index[r]))
                keep[r] = 1;
        }
        return;
    }
    const ColumnData& data = frame.columns[static_cast<std::size_t>(modelColumn - 1)].data;
    if (const auto* c = std::get_if<CategoricalColumn>(&data)) {
        // Match each category once, then look codes up.
        std::vector<std::uint8_t> hit(c->categories.size());
        for (std::size_t k = 0; k < hit.size(); ++k)
            hit[k] = m.matches(c->categories[k]) ? 1 : 0;
        for (std::uint32_t r : rows) {
            cancel.tick();
            const std::int32_t code = c->codes[r];
            if (code >= 0 && static_cast<std::size_t>(code) < hit.size() && hit[static_cast<std::size_t>(code)])
                keep[r] = 1;
        }
    } else if (const auto* s = std::get_if<StringColumn>(&data)) {
        for (std::uint32_t r : rows) {
            cancel.tick();
            if (!keep[r] && !masked(s->mask, r) && m.matches(s->values[r]))
                keep[r] = 1;
        }
    } else if (const auto* n = std::get_if<NumericColumn>(&data)) {
        for (std::uint32_t r : rows) {
            cancel.tick();
            if (keep[r])
                continue;
            const QByteArray text = plainNumber(*n, r).toLatin1();
            if (!text.isEmpty() && m.matches(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))))
                keep[r] = 1;
        }
    } else if (const auto* b = std::get_if<BoolColumn>(&data)) {
        const bool t = m.matches("true"), f = m.matches("false");
        for (std::uint32_t r : rows) {
            cancel.tick();
            if (!masked(b->mask, r) && (b->values[r] ? t : f))
                keep[r] = 1;
        }
    }
}

// Stable sort of `rows` by `key(row)`; rows for which `missing(row)` holds go last in either order.
template <typename Key, typename Missing>
void sortRows(RowOrder& rows, Qt::SortOrder order, Key key, Missing missing, CancelCheck& cancel)
{
    const auto firstMissing = std::stable_partition(rows.begin(), rows.end(), [&](std::uint32_t r) { return !missing(r); });
    using K = std::decay_t<decltype(key(std::uint32_t(0)))>;
    if constexpr (std::is_arithmetic_v<K>) {
        // Numbers: sort (key, row) pairs side by side, about twice as fast as chasing rows.
        std::vector<std::pair<K, std::uint32_t>> keyed;
        keyed.reserve(static_cast<std::size_t>(firstMissing - rows.begin()));
        for (auto it = rows.begin(); it != firstMissing; ++it)
            keyed.emplace_back(key(*it), *it);
        if (order == Qt::AscendingOrder)
            std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
                cancel.tick();
                return a.first < b.first;
            });
        else
            std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
                cancel.tick();
                return b.first < a.first;
            });
        for (std::size_t i = 0; i < keyed.size(); ++i)
            rows[i] = keyed[i].second;
        return;
    }
    if (order == Qt::AscendingOrder)
        std::stable_sort(rows.begin(), firstMissing, [&](std::uint32_t a, std::uint32_t b) {
            cancel.tick();
            return key(a) < key(b);
        });
    else
        std::stable_sort(rows.begin(), firstMissing, [&](std::uint32_t a, std::uint32_t b) {
            cancel.tick();
            return key(b) < key(a);
        });
}

void sortByColumn(const DataFrame& frame, int modelColumn, Qt::SortOrder order, RowOrder& rows, CancelCheck& cancel)
{
    auto never = [](std::uint32_t) { return false; };
    if (modelColumn == 0) {
        sortRows(rows, order, [&](std::uint32_t r) -> const std::string& { return frame.index[r]; }, never, cancel);
        return;
    }
    const ColumnData& data = frame.columns[static_cast<std::size_t>(modelColumn - 1)].data;
    if (const auto* n = std::get_if<NumericColumn>(&data)) {
        sortRows(rows, order, [&](std::uint32_t r) { return n->values[r]; },
                 [&](std::uint32_t r) { return masked(n->mask, r) || std::isnan(n->values[r]); }, cancel);
    } else if (const auto* c = std::get_if<CategoricalColumn>(&data)) {
        // Ordered categories sort by their order; others alphabetically by text.
        const std::size_t k = c->categories.size();
        std::vector<std::int32_t> rank(k);
        std::iota(rank.begin(), rank.end(), 0);
        if (!c->ordered) {
            std::vector<std::int32_t> byText(k);
            std::iota(byText.begin(), byText.end(), 0);
            std::stable_sort(byText.begin(), byText.end(), [&](std::int32_t a, std::int32_t b) {
                return QString::fromStdString(c->categories[static_cast<std::size_t>(a)])
                           .compare(QString::fromStdString(c->categories[static_cast<std::size_t>(b)]), Qt::CaseInsensitive)
                    < 0;
            });
            for (std::size_t i = 0; i < k; ++i)
                rank[static_cast<std::size_t>(byText[i])] = static_cast<std::int32_t>(i);
        }
        sortRows(rows, order, [&](std::uint32_t r) { return rank[static_cast<std::size_t>(c->codes[r])]; },
                 [&](std::uint32_t r) { return c->codes[r] < 0 || static_cast<std::size_t>(c->codes[r]) >= k; }, cancel);
    } else if (const auto* b = std::get_if<BoolColumn>(&data)) {
        sortRows(rows, order, [&](std::uint32_t r) { return b->values[r] != 0; },
                 [&](std::uint32_t r) { return masked(b->mask, r); }, cancel);
    } else if (const auto* s = std::get_if<StringColumn>(&data)) {
        sortRows(rows, order, [&](std::uint32_t r) -> const std::string& { return s->values[r]; },
                 [&](std::uint32_t r) { return masked(s->mask, r); }, cancel);
    }
}

} // namespace

std::shared_ptr<const RowOrder> computeFrameView(const DataFrame& frame, const FrameQuery& query,
                                                 const std::atomic<bool>* cancel)
{
    CancelCheck check(cancel);
    const std::size_t n = frame.rows();
    const int columns = static_cast<int>(frame.columns.size()) + 1;
    auto rows = std::make_shared<RowOrder>(n);
    std::iota(rows->begin(), rows->end(), std::uint32_t(0));
    try {
        if (!query.filter.isEmpty()) {
            const SubstringMatcher matcher(query.filter);
            std::vector<std::uint8_t> keep(n, 0);
            if (query.filterColumn >= 0 && query.filterColumn < columns) {
                filterColumn(frame, query.filterColumn, matcher, *rows, keep, check);
            } else {
                filterColumn(frame, 0, matcher, *rows, keep, check);
                for (int c = 1; c < columns; ++c) {
                    const ColumnData& data = frame.columns[static_cast<std::size_t>(c - 1)].data;
                    if (std::holds_alternative<StringColumn>(data) || std::holds_alternative<CategoricalColumn>(data))
                        filterColumn(frame, c, matcher, *rows, keep, check);
                }
            }
            std::size_t out = 0;
            for (std::size_t r = 0; r < n; ++r)
                if (keep[r])
                    (*rows)[out++] = static_cast<std::uint32_t>(r);
            rows->resize(out);
        }
        if (query.sortColumn >= 0 && query.sortColumn < columns)
            sortByColumn(frame, query.sortColumn, query.order, *rows, check);
    } catch (const Superseded&) {
        return {};
    }
    if (cancel && cancel->load())
        return {};
    return rows;
}

FrameTableModel::FrameTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FrameTableModel::setFrame(std::shared_ptr<const DataFrame> frame)
{
    beginResetModel();
    m_frame = std::move(frame);
    m_order.reset();
    endResetModel();
}

void FrameTableModel::setDataset(std::shared_ptr<const Dataset> dataset, bool genes)
{
    if (!dataset) {
        setFrame({});
        return;
    }
    const DataFrame* frame = genes ? &dataset->var : &dataset->obs;
    setFrame(std::shared_ptr<const DataFrame>(dataset, frame)); // shares the dataset's ownership
}

void FrameTableModel::setRowOrder(std::shared_ptr<const RowOrder> order)
{
    beginResetModel();
    m_order = std::move(order);
    endResetModel();
}

std::size_t FrameTableModel::sourceRow(int viewRow) const
{
    return m_order ? (*m_order)[static_cast<std::size_t>(viewRow)] : static_cast<std::size_t>(viewRow);
}

int FrameTableModel::viewRow(std::size_t sourceRow) const
{
    if (!m_frame || sourceRow >= m_frame->rows())
        return -1;
    if (!m_order)
        return static_cast<int>(sourceRow);
    const auto it = std::find(m_order->begin(), m_order->end(), static_cast<std::uint32_t>(sourceRow));
    return it == m_order->end() ? -1 : static_cast<int>(it - m_order->begin());
}

const Column* FrameTableModel::column(int modelColumn) const
{
    if (!m_frame || modelColumn <= 0 || modelColumn > static_cast<int>(m_frame->columns.size()))
        return nullptr;
    return &m_frame->columns[static_cast<std::size_t>(modelColumn - 1)];
}

bool FrameTableModel::isTextColumn(int c) const
{
    if (c == 0)
        return true;
    const Column* col = column(c);
    return col && (std::holds_alternative<StringColumn>(col->data) || std::holds_alternative<CategoricalColumn>(col->data));
}

bool FrameTableModel::isNumericColumn(int c) const
{
    const Column* col = column(c);
    return col && std::holds_alternative<NumericColumn>(col->data);
}

int FrameTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_frame)
        return 0;
    return static_cast<int>(m_order ? m_order->size() : m_frame->rows());
}

int FrameTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_frame ? 0 : static_cast<int>(m_frame->columns.size()) + 1;
}

QString FrameTableModel::displayText(std::size_t row, int c) const
{
    if (c == 0)
        return QString::fromStdString(m_frame->index[row]);
    const Column* col = column(c);
    if (!col)
        return {};
    static const QString na = QStringLiteral("NA");
    if (const auto* n = std::get_if<NumericColumn>(&col->data)) {
        const double v = n->values[row];
        if (masked(n->mask, row) || std::isnan(v))
            return na;
        if (n->integer && std::abs(v) < 9.0e15)
            return QLocale().toString(static_cast<qlonglong>(v));
        return QLocale().toString(v, 'g', 6);
    }
    if (const auto* k = std::get_if<CategoricalColumn>(&col->data)) {
        const std::int32_t code = k->codes[row];
        if (code < 0 || static_cast<std::size_t>(code) >= k->categories.size())
            return na;
        return QString::fromStdString(k->categories[static_cast<std::size_t>(code)]);
    }
    if (const auto* b = std::get_if<BoolColumn>(&col->data)) {
        if (masked(b->mask, row))
            return na;
        return b->values[row] ? QStringLiteral("\u2713") : QStringLiteral("\u2717"); // check mark / ballot x
    }
    if (const auto* s = std::get_if<StringColumn>(&col->data))
        return masked(s->mask, row) ? na : QString::fromStdString(s->values[row]);
    return {};
}

QString FrameTableModel::plainText(int viewRow, int c) const
{
    if (!m_frame || viewRow < 0 || viewRow >= rowCount())
        return {};
    const std::size_t row = sourceRow(viewRow);
    const Column* col = column(c);
    if (c == 0 || !col)
        return c == 0 ? QString::fromStdString(m_frame->index[row]) : QString();
    if (const auto* n = std::get_if<NumericColumn>(&col->data))
        return plainNumber(*n, row);
    if (const auto* b = std::get_if<BoolColumn>(&col->data))
        return masked(b->mask, row) ? QString() : (b->values[row] ? QStringLiteral("true") : QStringLiteral("false"));
    const QString text = displayText(row, c);
    if (const auto* k = std::get_if<CategoricalColumn>(&col->data); k && k->codes[row] < 0)
        return {};
    if (const auto* s = std::get_if<StringColumn>(&col->data); s && masked(s->mask, row))
        return {};
    return text;
}

QVariant FrameTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_frame || index.row() >= rowCount())
        return {};
    const std::size_t row = sourceRow(index.row());
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, c);
    case SourceRowRole:
        return static_cast<qulonglong>(row);
    case Qt::TextAlignmentRole:
        if (isNumericColumn(c))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (const Column* col = column(c); col && std::holds_alternative<BoolColumn>(col->data))
            return QVariant::fromValue(Qt::AlignHCenter | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (c > 0 && plainText(index.row(), c).isEmpty())
            return QGuiApplication::palette().color(QPalette::PlaceholderText); // missing values
        return {};
    case CategoryCodeRole:
        if (const Column* col = column(c))
            if (const auto* k = std::get_if<CategoricalColumn>(&col->data))
                return k->codes[row];
        return {};
    case SortRole: {
        const Column* col = column(c);
        if (c == 0 || !col)
            return QString::fromStdString(m_frame->index[row]);
        if (const auto* n = std::get_if<NumericColumn>(&col->data))
            return masked(n->mask, row) ? std::nan("") : n->values[row];
        if (const auto* b = std::get_if<BoolColumn>(&col->data))
            return masked(b->mask, row) ? QVariant() : QVariant(b->values[row] != 0);
        return displayText(row, c);
    }
    default:
        return {};
    }
}

QVariant FrameTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (!m_frame || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return m_frame->indexName.empty() || m_frame->indexName == "_index" ? tr("name")
                                                                                 : QString::fromStdString(m_frame->indexName);
        return QString::fromStdString(column(section)->name);
    }
    if (role == Qt::ToolTipRole) {
        if (section == 0)
            return tr("Row names (the index)");
        const char* kind = columnKindName(column(section)->data);
        return tr("%1 (%2)").arg(QString::fromStdString(column(section)->name), QString::fromLatin1(kind));
    }
    return {};
}

} // namespace scdesk
