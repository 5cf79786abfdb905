#pragma once
// Puts result values on the embedding views so that panels can be compared: a gene read from a
// different layer in each of two views (Kompot's imputed expression per condition) on one shared
// colour range and colormap, or values centred at zero (fold changes) on a diverging colormap with
// a range symmetric about zero. EmbeddingView reads large genes on a worker thread, so the ranges
// are set once every view involved has its values.
#include <QString>

namespace scdesk {

class EmbeddingView;

// `gene` from `leftLayer` in `left` and from `rightLayer` in `right`, same colormap, shared range
// (the union of the two views' percentile ranges). False when the gene or a layer is unknown.
bool showGeneSideBySide(EmbeddingView& left, EmbeddingView& right, const QString& gene, const QString& leftLayer,
                        const QString& rightLayer);
// `gene` from `layer` on the diverging colormap, range symmetric about zero.
bool showGeneDiverging(EmbeddingView& view, const QString& gene, const QString& layer);
// An obs column; numeric `diverging` columns get the diverging colormap and a symmetric range,
// other numeric columns leave a diverging colormap for the default one.
bool showObsColumn(EmbeddingView& view, const QString& column, bool diverging);

} // namespace scdesk
