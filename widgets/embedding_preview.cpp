#include "embedding_preview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "data/dataset.h"
#include "theme.h"

namespace scdesk {

QColor categoryColor(int index)
{
    static const char* const palette[] = {"#1f77b4", "#ff7f0e", "#279e68", "#d62728", "#aa40fc", "#8c564b",
                                          "#e377c2", "#b5bd61", "#17becf", "#aec7e8", "#ffbb78", "#98df8a",
                                          "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5"};
    return QColor(QString::fromLatin1(palette[index % static_cast<int>(std::size(palette))]));
}

EmbeddingPreview::EmbeddingPreview(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_embedding = new QComboBox(this);
    m_embedding->setObjectName(QStringLiteral("embeddingKey"));
    m_colorBy = new QComboBox(this);
    m_colorBy->setObjectName(QStringLiteral("colorBy"));
    bar->addWidget(new QLabel(tr("Embedding:"), this));
    bar->addWidget(m_embedding);
    bar->addWidget(new QLabel(tr("Colour by:"), this));
    bar->addWidget(m_colorBy);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("embeddingPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    layout->addWidget(m_plot, 1);
    connect(m_embedding, &QComboBox::currentIndexChanged, this, &EmbeddingPreview::redraw);
    connect(m_colorBy, &QComboBox::currentIndexChanged, this, &EmbeddingPreview::redraw);
}

void EmbeddingPreview::applyPalette(const QPalette& palette)
{
    stylePlot(*m_plot, palette);
}

void EmbeddingPreview::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    const QSignalBlocker b1(m_embedding), b2(m_colorBy);
    m_embedding->clear();
    m_colorBy->clear();
    if (m_dataset) {
        for (const auto& [key, a] : m_dataset->obsm)
            if (denseOf(a) && denseOf(a)->cols() >= 2)
                m_embedding->addItem(QString::fromStdString(key));
        for (const auto& c : m_dataset->obs.columns)
            if (std::holds_alternative<CategoricalColumn>(c.data))
                m_colorBy->addItem(QString::fromStdString(c.name));
        m_embedding->setCurrentIndex(std::max(0, m_embedding->findText(QStringLiteral("X_umap"))));
    }
    redraw();
}

void EmbeddingPreview::redraw()
{
    m_plot->clearGraphs();
    m_plot->xAxis->setLabel(QString());
    m_plot->yAxis->setLabel(QString());
    if (!m_dataset || m_embedding->count() == 0) {
        m_plot->replot();
        return;
    }
    const std::string key = m_embedding->currentText().toStdString();
    const DenseMatrix& xy = *denseOf(m_dataset->obsm.at(key));
    const std::string colorKey = m_colorBy->currentText().toStdString();
    const Column* column = m_dataset->obs.find(colorKey);
    const auto* cat = column ? std::get_if<CategoricalColumn>(&column->data) : nullptr;
    const int groups = cat ? static_cast<int>(cat->categories.size()) : 1;

    std::vector<QVector<double>> xs(static_cast<std::size_t>(groups)), ys(static_cast<std::size_t>(groups));
    for (Eigen::Index i = 0; i < xy.rows(); ++i) {
        const int g = cat ? cat->codes[static_cast<std::size_t>(i)] : 0;
        if (g < 0)
            continue;
        xs[static_cast<std::size_t>(g)].push_back(xy(i, 0));
        ys[static_cast<std::size_t>(g)].push_back(xy(i, 1));
    }
    const auto palette = m_dataset->uns.value(colorKey + "_colors", nlohmann::json::array());
    for (int g = 0; g < groups; ++g) {
        QCPGraph* graph = m_plot->addGraph();
        QColor color = categoryColor(g);
        if (palette.is_array() && g < static_cast<int>(palette.size()) && palette[static_cast<std::size_t>(g)].is_string())
            color = QColor(QString::fromStdString(palette[static_cast<std::size_t>(g)].get<std::string>()));
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 2.5));
        graph->setAdaptiveSampling(false); // sampling merges scatter points
        graph->setData(xs[static_cast<std::size_t>(g)], ys[static_cast<std::size_t>(g)]);
        graph->setName(cat ? QString::fromStdString(cat->categories[static_cast<std::size_t>(g)]) : tr("cells"));
    }
    const QString base = QString::fromStdString(key.rfind("X_", 0) == 0 ? key.substr(2) : key).toUpper();
    m_plot->xAxis->setLabel(base + QStringLiteral("1"));
    m_plot->yAxis->setLabel(base + QStringLiteral("2"));
    m_plot->rescaleAxes();
    m_plot->replot();
}

} // namespace scdesk
