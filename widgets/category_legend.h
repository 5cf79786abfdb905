#pragma once
// A legend entry for one category of the colour-by column: a colour disc and the category name.
// It is not tied to a plottable (the cell scatter draws every category itself); hidden categories
// are drawn with a hollow disc and faded text. Clicks reach the view through QCustomPlot's
// legendClick / legendDoubleClick signals.
#include <QColor>
#include <QString>

#include <qcustomplot.h>

namespace scdesk {

class CategoryLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT
public:
    CategoryLegendItem(QCPLegend* parent, int category, const QString& name, const QColor& color);

    int category() const { return m_category; }
    QString name() const { return m_name; }
    QColor color() const { return m_color; }
    void setColor(const QColor& color) { m_color = color; }
    bool isCategoryHidden() const { return m_hidden; }
    void setCategoryHidden(bool hidden) { m_hidden = hidden; }

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    int m_category;
    QString m_name;
    QColor m_color;
    bool m_hidden = false;
};

} // namespace scdesk
