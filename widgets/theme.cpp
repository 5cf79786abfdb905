#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <qcustomplot.h>

namespace scdesk {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor highlight(0x3d, 0x8e, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x7a, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x7a, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

} // namespace

void applyTheme(QApplication& app, Theme theme)
{
    // Fusion draws consistently on every platform and honours the palette fully.
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    switch (theme) {
    case Theme::Dark: app.setPalette(darkPalette()); break;
    case Theme::Light: app.setPalette(app.style()->standardPalette()); break;
    case Theme::System: app.setPalette(QPalette()); break;
    }
}

void stylePlot(QCustomPlot& plot, const QPalette& palette)
{
    const QColor fg = palette.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(40);
    plot.setBackground(palette.color(QPalette::Base));
    for (QCPAxis* axis : plot.axisRect()->axes()) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    if (plot.legend) {
        plot.legend->setBrush(palette.color(QPalette::Base));
        plot.legend->setTextColor(fg);
        plot.legend->setBorderPen(QPen(grid));
    }
    plot.replot();
}

} // namespace scdesk
