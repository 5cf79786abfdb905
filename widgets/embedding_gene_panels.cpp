#include "embedding_gene_panels.h"

#include <QList>
#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <limits>

#include "colormaps.h"
#include "data/dataset.h"
#include "embedding_view.h"

namespace scdesk {

namespace {

enum class RangeMode { Shared, SymmetricAboutZero };

// Waits (polling, the views have no "values loaded" signal) until no view is reading its gene, then
// sets the range. Gives up when a view is deleted or recoloured by something else meanwhile.
class RangeWhenLoaded : public QObject {
public:
    static void apply(const QList<EmbeddingView*>& views, RangeMode mode)
    {
        auto* task = new RangeWhenLoaded(views, mode);
        if (!task->tryApply()) {
            task->m_timer.start();
            return;
        }
        delete task;
    }

private:
    RangeWhenLoaded(const QList<EmbeddingView*>& views, RangeMode mode) : QObject(views.front()), m_mode(mode)
    {
        for (EmbeddingView* v : views) {
            m_views << v;
            m_names << v->colorBy();
        }
        m_timer.setInterval(25);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (tryApply() || ++m_ticks > kMaxTicks)
                deleteLater();
        });
    }

    // True when done (applied or abandoned).
    bool tryApply()
    {
        for (qsizetype i = 0; i < m_views.size(); ++i)
            if (!m_views[i] || m_views[i]->colorBy() != m_names[i])
                return true;
        if (std::any_of(m_views.begin(), m_views.end(), [](const QPointer<EmbeddingView>& v) { return v->isLoadingGene(); }))
            return false;
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& v : m_views)
            if (v->colorKind() == EmbeddingView::ColorKind::Numeric) {
                lo = std::min(lo, v->vmin());
                hi = std::max(hi, v->vmax());
            }
        if (!std::isfinite(lo) || !std::isfinite(hi))
            return true;
        if (m_mode == RangeMode::SymmetricAboutZero) {
            const double m = std::max({std::abs(lo), std::abs(hi), 1e-12});
            lo = -m;
            hi = m;
        }
        for (const auto& v : m_views)
            if (v->colorKind() == EmbeddingView::ColorKind::Numeric)
                v->setRange(lo, hi);
        return true;
    }

    static constexpr int kMaxTicks = 4800; // two minutes
    QList<QPointer<EmbeddingView>> m_views;
    QStringList m_names;
    RangeMode m_mode;
    QTimer m_timer;
    int m_ticks = 0;
};

bool knows(const EmbeddingView& view, const QString& gene, const QString& layer)
{
    const auto dataset = view.dataset();
    if (!dataset)
        return false;
    const auto& genes = dataset->var.index;
    return (layer.isEmpty() || dataset->layers.count(layer.toStdString()) > 0)
           && std::find(genes.begin(), genes.end(), gene.toStdString()) != genes.end();
}

// The layer is switched with no gene shown, so the old gene is not read again from the new layer.
bool showGene(EmbeddingView& view, const QString& gene, const QString& layer, const QString& colormapName)
{
    view.setColorBy(QString());
    view.setLayer(layer);
    view.setColormap(colormapName);
    return view.setColorBy(gene);
}

QString sequentialColormap(const EmbeddingView& view)
{
    const QString current = view.colormapName();
    return isDivergingColormap(current) || current.isEmpty() ? colormapNames().front() : current;
}

} // namespace

bool showGeneSideBySide(EmbeddingView& left, EmbeddingView& right, const QString& gene, const QString& leftLayer,
                        const QString& rightLayer)
{
    if (!knows(left, gene, leftLayer) || !knows(right, gene, rightLayer))
        return false;
    const QString map = sequentialColormap(left);
    if (!showGene(left, gene, leftLayer, map) || !showGene(right, gene, rightLayer, map))
        return false;
    RangeWhenLoaded::apply({&left, &right}, RangeMode::Shared);
    return true;
}

bool showGeneDiverging(EmbeddingView& view, const QString& gene, const QString& layer)
{
    if (!knows(view, gene, layer) || !showGene(view, gene, layer, divergingColormapName()))
        return false;
    RangeWhenLoaded::apply({&view}, RangeMode::SymmetricAboutZero);
    return true;
}

bool showObsColumn(EmbeddingView& view, const QString& column, bool diverging)
{
    const auto dataset = view.dataset();
    const Column* c = dataset ? dataset->obs.find(column.toStdString()) : nullptr;
    if (!c)
        return false;
    const bool numeric = std::holds_alternative<NumericColumn>(c->data);
    if (numeric)
        view.setColormap(diverging ? divergingColormapName() : sequentialColormap(view));
    if (!view.setColorBy(column))
        return false;
    if (numeric && diverging)
        RangeWhenLoaded::apply({&view}, RangeMode::SymmetricAboutZero);
    return true;
}

} // namespace scdesk
