#include "category_legend.h"

namespace scdesk {

CategoryLegendItem::CategoryLegendItem(QCPLegend* parent, int category, const QString& name, const QColor& color)
    : QCPAbstractLegendItem(parent), m_category(category), m_name(name), m_color(color)
{
}

void CategoryLegendItem::draw(QCPPainter* painter)
{
    painter->setFont(mFont);
    QColor text = mTextColor;
    if (m_hidden)
        text.setAlphaF(0.4f);
    painter->setPen(QPen(text));
    const QSize icon = mParentLegend->iconSize();
    const QRect textRect = painter->fontMetrics().boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, m_name);
    const int height = qMax(textRect.height(), icon.height());
    painter->drawText(mRect.x() + icon.width() + mParentLegend->iconTextPadding(), mRect.y(), textRect.width(), height,
                      Qt::TextDontClip, m_name);
    // A disc like the points it stands for; hollow when the category is hidden.
    const double d = qMin(icon.width(), icon.height()) * 0.7;
    const QRectF disc(mRect.x() + (icon.width() - d) / 2.0, mRect.y() + (height - d) / 2.0, d, d);
    painter->setAntialiasing(true);
    painter->setPen(QPen(m_color, 1.5));
    painter->setBrush(m_hidden ? QBrush(Qt::NoBrush) : QBrush(m_color));
    painter->drawEllipse(disc);
}

QSize CategoryLegendItem::minimumOuterSizeHint() const
{
    const QFontMetrics metrics(mFont);
    const QSize icon = mParentLegend->iconSize();
    const QRect textRect = metrics.boundingRect(0, 0, 0, icon.height(), Qt::TextDontClip, m_name);
    return {icon.width() + mParentLegend->iconTextPadding() + textRect.width() + mMargins.left() + mMargins.right(),
            qMax(textRect.height(), icon.height()) + mMargins.top() + mMargins.bottom()};
}

} // namespace scdesk
