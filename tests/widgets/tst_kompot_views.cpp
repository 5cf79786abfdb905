// The Kompot result views and what goes with them, offscreen: the per-cell DA volcano colours cells
// by Kompot's rule and re-calls them with new thresholds, hover names the cell, the "show on
// embedding" buttons name the run's obs columns; the DE view switches its y axis, colours genes by
// is_de (or the top N without FDR), filters, and a clicked gene's actions carry the result layers;
// the embedding helpers put a gene from two layers on one colour range and a fold change on a
// diverging map centred at zero; the wizard's review page prices a run; figures export.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <random>

#include <qcustomplot.h>

#include "analysis/analysis_registry.h"
#include "analysis_wizard.h"
#include "cell_scatter_plottable.h"
#include "colormaps.h"
#include "da_volcano_plot.h"
#include "data/dataset.h"
#include "embedding_gene_panels.h"
#include "embedding_view.h"
#include "kompot_colors.h"
#include "kompot_da_view.h"
#include "kompot_de_view.h"
#include "kompot_de_volcano.h"
#include "result_view.h"

using namespace scdesk;

namespace {

const double kNegLog10Of005 = -std::log10(0.05);

std::string numbered(const char* prefix, int i)
{
    std::string s(prefix);
    s += std::to_string(i);
    return s;
}

// Kompot's call, written out: significant when −log10 PTP > −log10(ptp threshold), then by sign.
int expectedCall(double lfc, double nlp, double lfcThr, double negLog10PtpThr)
{
    if (!(nlp > negLog10PtpThr))
        return 0;
    return lfc > lfcThr ? 1 : lfc < -lfcThr ? -1 : 0;
}

struct DaData {
    std::vector<std::string> cells;
    std::vector<double> lfc, nlp;
};

// A random cloud plus three isolated cells (last): up at (4, 10), down at (−4, 10), neutral at (0, 0.2).
DaData daData()
{
    DaData d;
    std::mt19937 rng(11);
    std::normal_distribution<double> n01;
    for (int i = 0; i < 600; ++i) {
        d.cells.push_back(numbered("cell_", i));
        const double l = 1.2 * n01(rng);
        d.lfc.push_back(l);
        d.nlp.push_back(std::abs(l) * (1.0 + 0.8 * std::abs(n01(rng))));
    }
    d.cells.insert(d.cells.end(), {"lonely_up", "lonely_down", "lonely_neutral"});
    d.lfc.insert(d.lfc.end(), {4.0, -4.0, 0.0});
    d.nlp.insert(d.nlp.end(), {10.0, 10.0, 0.2});
    return d;
}

ResultTable daTable(const DaData& d)
{
    ResultTable t;
    t.name = "kompot_da";
    std::vector<std::string> direction;
    for (std::size_t i = 0; i < d.lfc.size(); ++i) {
        const int c = expectedCall(d.lfc[i], d.nlp[i], 1.0, kNegLog10Of005);
        direction.push_back(c > 0 ? "up" : c < 0 ? "down" : "neutral");
    }
    t.addColumn("cell", d.cells);
    t.addColumn("lfc", d.lfc);
    t.addColumn("lfc_zscore", d.lfc);
    t.addColumn("neg_log10_ptp", d.nlp);
    t.addColumn("direction", direction);
    t.attributes = {{"kind", "kompot-da"},
                    {"condition1", "control"},
                    {"condition2", "stimulated"},
                    {"obs_lfc", "kompot_da_control_to_stimulated_lfc"},
                    {"obs_ptp", "kompot_da_control_to_stimulated_neg_log10_lfc_ptp"},
                    {"obs_direction", "kompot_da_control_to_stimulated_lfc_direction"},
                    {"lfc_threshold", "1"},
                    {"ptp_threshold", "0.05"}};
    return t;
}

std::array<int, 3> expectedCounts(const DaData& d, double lfcThr, double negLog10PtpThr)
{
    std::array<int, 3> counts{0, 0, 0}; // up, down, neutral
    for (std::size_t i = 0; i < d.lfc.size(); ++i) {
        const int c = expectedCall(d.lfc[i], d.nlp[i], lfcThr, negLog10PtpThr);
        ++counts[c > 0 ? 0 : c < 0 ? 1 : 2];
    }
    return counts;
}

struct DeData {
    std::vector<std::string> genes, isDe;
    std::vector<double> lfc, mahalanobis, nlp, pvalue, localFdr, tailFdr;
};

// 40 genes; gene k has Mahalanobis 40 − k (so the order is known), DE when local fdr < 0.05.
DeData deData()
{
    DeData d;
    for (int k = 0; k < 40; ++k) {
        d.genes.push_back(numbered("G", k));
        d.lfc.push_back((k % 2 == 0 ? 1.0 : -1.0) * (0.2 + 0.05 * (40 - k)));
        d.mahalanobis.push_back(40.0 - k);
        d.nlp.push_back(0.5 * (40.0 - k));
        d.pvalue.push_back(std::pow(10.0, -(40.0 - k) / 4));
        d.localFdr.push_back(k == 0 ? 0.0 : std::pow(10.0, -(40.0 - k) / 8)); // G0: 0, drawn capped
        d.tailFdr.push_back(std::min(1.0, d.localFdr.back() * 2));
        d.isDe.push_back(d.localFdr.back() < 0.05 ? "True" : "False");
    }
    return d;
}

ResultTable deTable(const DeData& d, bool withFdr)
{
    ResultTable t;
    t.name = "kompot-de control → stimulated";
    t.addColumn("gene", d.genes);
    t.addColumn("mean_lfc", d.lfc);
    t.addColumn("mahalanobis", d.mahalanobis);
    t.addColumn("neg_log10_ptp", d.nlp);
    if (withFdr) {
        t.addColumn("pvalue", d.pvalue);
        t.addColumn("local_fdr", d.localFdr);
        t.addColumn("tail_fdr", d.tailFdr);
        t.addColumn("is_de", d.isDe);
    }
    t.attributes = {{"kind", "kompot-de"},
                    {"condition1", "control"},
                    {"condition2", "stimulated"},
                    {"layer_condition1", "kompot_de_control_smoothed"},
                    {"layer_condition2", "kompot_de_stimulated_smoothed"},
                    {"layer_fold_change", "kompot_de_control_to_stimulated_fold_change"},
                    {"fdr_threshold", "0.05"},
                    {"has_fdr", withFdr ? "true" : "false"}};
    return t;
}

QVector<double> graphValues(QCPGraph* g)
{
    QVector<double> v;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        v << it->value;
    std::sort(v.begin(), v.end());
    return v;
}

// Cells on a line; two layers for a gene where condition 2 is twice condition 1, and a fold change
// layer from −3 to +1 (so a symmetric range is [−3, 3], not [−3, 1]).
std::shared_ptr<const Dataset> layeredDataset()
{
    auto d = std::make_shared<Dataset>();
    const int n = 101;
    DenseMatrix xy(n, 2), one(n, 1), two(n, 1), fold(n, 1), x(n, 1);
    CategoricalColumn condition;
    condition.categories = {"control", "stimulated"};
    for (int i = 0; i < n; ++i) {
        d->obs.index.push_back(numbered("c", i));
        condition.codes.push_back(i % 2);
        xy(i, 0) = static_cast<float>(i);
        xy(i, 1) = static_cast<float>(i % 7);
        one(i, 0) = static_cast<float>(i) / 100.0f;
        two(i, 0) = 2.0f * static_cast<float>(i) / 100.0f;
        fold(i, 0) = -3.0f + 4.0f * static_cast<float>(i) / 100.0f;
        x(i, 0) = 0.5f;
    }
    d->obs.columns.push_back(Column{"condition", condition});
    d->var.index = {"GENE"};
    d->X = Matrix(x);
    d->layers["smoothed_control"] = Matrix(one);
    d->layers["smoothed_stimulated"] = Matrix(two);
    d->layers["fold_change"] = Matrix(fold);
    d->obsm["X_umap"] = xy;
    return d;
}

QString layerOf(const EmbeddingView& view)
{
    auto* box = view.findChild<QComboBox*>(QStringLiteral("layer"));
    return box ? box->currentData().toString() : QString();
}

// An analysis that always costs more memory than there is.
class HungryAnalysis : public Analysis {
public:
    HungryAnalysis() { m_schema = ParamSchema(std::vector<ParamSpec>{}); }
    std::string id() const override { return "hungry"; }
    std::string title() const override { return "Hungry"; }
    std::string description() const override { return "Needs a lot."; }
    const ParamSchema& schema() const override { return m_schema; }
    std::optional<CostEstimate> estimateCost(const Dataset&, const ParamValues&) const override
    {
        return CostEstimate{.seconds = 150, .bytes = 64.0 * (1ull << 30), .availableBytes = 8.0 * (1ull << 30),
                            .memoryFits = false, .details = "lots of cells"};
    }
    std::shared_ptr<const AnalysisResult> run(const Dataset&, const ParamValues&, RunContext&) const override { return nullptr; }

private:
    ParamSchema m_schema;
};

std::shared_ptr<const Dataset> kompotDataset()
{
    auto d = std::make_shared<Dataset>();
    const int n = 60;
    DenseMatrix dm(n, 3);
    CategoricalColumn condition;
    condition.categories = {"control", "stimulated"};
    std::mt19937 rng(5);
    std::normal_distribution<float> n01;
    for (int i = 0; i < n; ++i) {
        d->obs.index.push_back(numbered("c", i));
        condition.codes.push_back(i % 2);
        for (int k = 0; k < 3; ++k)
            dm(i, k) = n01(rng);
    }
    d->obs.columns.push_back(Column{"condition", condition});
    d->var.index = {"GENE"};
    d->obsm["DM_EigenVectors"] = dm;
    return d;
}

void goToReview(AnalysisWizard& wizard)
{
    wizard.show();
    while (wizard.currentId() != wizard.pageIds().last())
        wizard.next();
}

} // namespace

class TestKompotViews : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("scDesk-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_kompot_views"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void daViewAcceptsOnlyKompotDaTables()
    {
        const DaData d = daData();
        QVERIFY(KompotDaView::accepts(daTable(d)));
        ResultTable other = daTable(d);
        other.attributes["kind"] = "kompot-de";
        QVERIFY(!KompotDaView::accepts(other));
        QVERIFY(!KompotDeView::accepts(daTable(d)));
        QVERIFY(KompotDeView::accepts(deTable(deData(), true)));
    }

    void daVolcanoCallsCellsLikeTheRun()
    {
        const DaData d = daData();
        KompotDaView view(daTable(d));
        DaVolcanoPlot* volcano = view.volcano();
        // At the run's thresholds the view's calls are the table's direction column.
        const auto& direction = std::get<std::vector<std::string>>(view.table().columns[4]);
        for (std::size_t i = 0; i < d.lfc.size(); ++i) {
            const int call = volcano->callOf(i);
            QCOMPARE(QString::fromStdString(direction[i]),
                     call > 0 ? QStringLiteral("up") : call < 0 ? QStringLiteral("down") : QStringLiteral("neutral"));
        }
        auto counts = expectedCounts(d, 1.0, kNegLog10Of005);
        QVERIFY(counts[0] > 10 && counts[1] > 10); // the cloud has both kinds
        QCOMPARE(volcano->upCount(), counts[0]);
        QCOMPARE(volcano->downCount(), counts[1]);
        QCOMPARE(volcano->neutralCount(), counts[2]);
        QVERIFY2(view.countsText().startsWith(QString::number(counts[0]) + QStringLiteral(" up")), qPrintable(view.countsText()));
        const std::size_t up = d.lfc.size() - 3, down = up + 1, neutral = up + 2;
        QCOMPARE(volcano->colorOf(up), QColor(0xd7, 0x30, 0x27));
        QCOMPARE(volcano->colorOf(down), QColor(0x45, 0x75, 0xb4));
        QCOMPARE(volcano->colorOf(neutral), QColor(0xd3, 0xd3, 0xd3));
        QCOMPARE(volcano->lfcLine(true)->point1->coords().x(), 1.0);
        QCOMPARE(volcano->lfcLine(false)->point1->coords().x(), -1.0);
        QVERIFY(std::abs(volcano->ptpLine()->point1->coords().y() - kNegLog10Of005) < 1e-12);

        // New thresholds re-call the cells (view only: the table keeps the run's calls).
        view.lfcBox()->setValue(0.5);
        counts = expectedCounts(d, 0.5, kNegLog10Of005);
        QCOMPARE(volcano->upCount(), counts[0]);
        QCOMPARE(volcano->downCount(), counts[1]);
        view.ptpBox()->setValue(3.0);
        counts = expectedCounts(d, 0.5, 3.0);
        QCOMPARE(volcano->upCount(), counts[0]);
        QCOMPARE(volcano->downCount(), counts[1]);
        QCOMPARE(volcano->neutralCount(), counts[2]);
        QCOMPARE(volcano->lfcLine(true)->point1->coords().x(), 0.5);
        QVERIFY(std::abs(volcano->ptpLine()->point1->coords().y() - 3.0) < 1e-12);
        QVERIFY(view.lfcBox()->toolTip().contains(QStringLiteral("this view only")));
        view.setThresholds(10, 1);
        QCOMPARE(volcano->upCount(), 0);
        QCOMPARE(volcano->downCount(), 0);
    }

    void daVolcanoDrawsTheCallColoursAndNamesTheHoveredCell()
    {
        const DaData d = daData();
        KompotDaView view(daTable(d));
        view.resize(1400, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        DaVolcanoPlot* volcano = view.volcano();
        volcano->replot();
        const auto pixel = [volcano](double x, double y) {
            return QPointF(volcano->xAxis->coordToPixel(x), volcano->yAxis->coordToPixel(y));
        };
        const QImage image = volcano->grab().toImage();
        const qreal dpr = volcano->devicePixelRatioF();
        const auto colourAt = [&](QPointF p) { return QColor(image.pixel((p * dpr).toPoint())).rgb(); };
        QCOMPARE(colourAt(pixel(4, 10)), kompotUpColor().rgb());
        QCOMPARE(colourAt(pixel(-4, 10)), kompotDownColor().rgb());

        const QString up = volcano->hoverText(pixel(4, 10));
        QVERIFY2(up.contains(QStringLiteral("lonely_up")) && up.contains(QStringLiteral("10")) && up.contains(QStringLiteral("4")),
                 qPrintable(up));
        QVERIFY2(up.contains(QStringLiteral("up")), qPrintable(up));
        QVERIFY(volcano->hoverText(pixel(-4, 10)).contains(QStringLiteral("lonely_down")));
        QCOMPARE(volcano->hoverText(pixel(2.5, 9.0)), QString()); // empty space

        // Stricter thresholds recolour the drawn cell.
        view.setThresholds(5.0, kNegLog10Of005);
        volcano->replot();
        const QImage after = volcano->grab().toImage();
        QCOMPARE(QColor(after.pixel((pixel(4, 10) * dpr).toPoint())).rgb(), kompotNeutralColor().rgb());
    }

    void daButtonsNameTheObsColumns()
    {
        KompotDaView view(daTable(daData()));
        QSignalSpy spy(&view, &KompotDaView::showObsRequested);
        view.showButton(KompotDaView::Quantity::Direction)->click();
        view.showButton(KompotDaView::Quantity::LogFoldChange)->click();
        view.showButton(KompotDaView::Quantity::TailProbability)->click();
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("kompot_da_control_to_stimulated_lfc_direction"));
        QCOMPARE(spy.at(0).at(1).toBool(), false);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("kompot_da_control_to_stimulated_lfc"));
        QCOMPARE(spy.at(1).at(1).toBool(), true); // fold changes: diverging, centred at zero
        QCOMPARE(spy.at(2).at(0).toString(), QStringLiteral("kompot_da_control_to_stimulated_neg_log10_lfc_ptp"));
        QCOMPARE(spy.at(2).at(1).toBool(), false);

        ResultTable unnamed = daTable(daData());
        unnamed.attributes.erase("obs_direction");
        KompotDaView partial(unnamed);
        QVERIFY(!partial.showButton(KompotDaView::Quantity::Direction)->isEnabled());
        QVERIFY(partial.showButton(KompotDaView::Quantity::LogFoldChange)->isEnabled());
    }

    void daExportsFigureAndTable()
    {
        const DaData d = daData();
        KompotDaView view(daTable(d));
        QTemporaryDir dir;
        for (const char* suffix : {"png", "pdf", "svg"}) {
            const QString path = dir.filePath(QStringLiteral("da.") + QLatin1String(suffix));
            QCOMPARE(view.exportFigureTo(path), QString());
            QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
        }
        const QImage png(dir.filePath(QStringLiteral("da.png")));
        QVERIFY(!png.isNull());
        // Some pixels carry the up colour: the cells are in the file, not only the axes.
        int red = 0;
        for (int y = 0; y < png.height(); y += 2)
            for (int x = 0; x < png.width(); x += 2)
                red += QColor(png.pixel(x, y)).rgb() == kompotUpColor().rgb();
        QVERIFY2(red > 10, qPrintable(QString::number(red)));
        const QString csv = dir.filePath(QStringLiteral("da.csv"));
        QCOMPARE(view.exportTableTo(csv), QString());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines[0].startsWith("cell,lfc,lfc_zscore,neg_log10_ptp,direction"));
        QCOMPARE(lines.size() - (lines.back().isEmpty() ? 1 : 0), static_cast<int>(d.lfc.size()) + 1);
    }

    void deViewColoursByIsDeAndSwitchesTheYAxis()
    {
        const DeData d = deData();
        KompotDeView view(deTable(d, true));
        QVERIFY(view.hasFdr());
        QCOMPARE(view.yAxisBox()->count(), 4);
        QVERIFY(view.setYAxis(KompotDeView::YAxis::Mahalanobis));
        KompotDeVolcano* volcano = view.volcano();
        int up = 0, down = 0;
        for (std::size_t k = 0; k < d.genes.size(); ++k) {
            up += d.isDe[k] == "True" && d.lfc[k] > 0;
            down += d.isDe[k] == "True" && d.lfc[k] < 0;
        }
        QVERIFY(up > 3 && down > 3 && up + down < 40);
        QCOMPARE(volcano->upGraph()->dataCount(), up);
        QCOMPARE(volcano->downGraph()->dataCount(), down);
        QCOMPARE(volcano->otherGraph()->dataCount(), 40 - up - down);
        QVERIFY(!volcano->thresholdLine()->visible());
        QCOMPARE(volcano->yAxis->label(), QStringLiteral("Mahalanobis distance"));
        // Top 10 by the y axis are labelled: G0..G9.
        QStringList labels;
        for (auto* label : volcano->labels())
            labels << label->text();
        QCOMPARE(labels.size(), 10);
        for (int k = 0; k < 10; ++k)
            QVERIFY2(labels.contains(QStringLiteral("G%1").arg(k)), qPrintable(labels.join(QLatin1Char(','))));
        QCOMPARE(graphValues(volcano->upGraph()).last(), 40.0); // G0, Mahalanobis 40

        // −log10 local FDR: the same genes in the same colours, at −log10 fdr (G0's 0 capped at max + 1).
        QVERIFY(view.setYAxis(KompotDeView::YAxis::NegLog10LocalFdr));
        QCOMPARE(view.yAxis(), KompotDeView::YAxis::NegLog10LocalFdr);
        QCOMPARE(volcano->upGraph()->dataCount(), up);
        QVector<double> expected;
        double maxFinite = 0;
        for (std::size_t k = 1; k < d.genes.size(); ++k)
            maxFinite = std::max(maxFinite, -std::log10(d.localFdr[k]));
        for (std::size_t k = 0; k < d.genes.size(); ++k)
            if (d.isDe[k] == "True" && d.lfc[k] > 0)
                expected << (k == 0 ? maxFinite + 1 : -std::log10(d.localFdr[k]));
        std::sort(expected.begin(), expected.end());
        const QVector<double> drawn = graphValues(volcano->upGraph());
        QCOMPARE(drawn.size(), expected.size());
        for (qsizetype i = 0; i < drawn.size(); ++i)
            QVERIFY(std::abs(drawn[i] - expected[i]) < 1e-12);
        QVERIFY(volcano->thresholdLine()->visible());
        QVERIFY(std::abs(volcano->thresholdLine()->point1->coords().y() - kNegLog10Of005) < 1e-12);
        QVERIFY(volcano->yAxis->label().contains(QStringLiteral("local FDR")));

        QVERIFY(view.setYAxis(KompotDeView::YAxis::NegLog10Ptp));
        QCOMPARE(graphValues(volcano->upGraph()).last(), 20.0); // G0: 0.5 × 40
        // The choice is remembered for the next DE result.
        KompotDeView next(deTable(d, true));
        QCOMPARE(next.yAxis(), KompotDeView::YAxis::NegLog10Ptp);
        view.setYAxis(KompotDeView::YAxis::Mahalanobis);
    }

    void deWithoutFdrColoursTheTopGenes()
    {
        KompotDeView view(deTable(deData(), false));
        QVERIFY(!view.hasFdr());
        QVERIFY(!view.deOnlyBox()->isEnabled());
        QVERIFY(!view.setYAxis(KompotDeView::YAxis::NegLog10LocalFdr));
        view.setTopN(6);
        QCOMPARE(view.volcano()->upGraph()->dataCount(), 3); // G0, G2, G4
        QCOMPARE(view.volcano()->downGraph()->dataCount(), 3); // G1, G3, G5
        QCOMPARE(graphValues(view.volcano()->downGraph()), (QVector<double>{35, 37, 39}));
    }

    void deFiltersTheTable()
    {
        const DeData d = deData();
        KompotDeView view(deTable(d, true));
        const auto nDe = static_cast<std::size_t>(std::count(d.isDe.begin(), d.isDe.end(), "True"));
        QCOMPARE(view.visibleRows().size(), std::size_t(40));
        view.setDeOnly(true);
        QCOMPARE(view.visibleRows().size(), nDe);
        for (int r : view.visibleRows())
            QCOMPARE(d.isDe[static_cast<std::size_t>(r)], std::string("True"));
        view.setFilterText(QStringLiteral("g1"));
        // G1 and G10..G19 that are DE.
        std::size_t expected = 0;
        for (std::size_t k = 0; k < d.genes.size(); ++k)
            expected += d.isDe[k] == "True" && QString::fromStdString(d.genes[k]).contains(QStringLiteral("G1"));
        QCOMPARE(view.visibleRows().size(), expected);
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("geneCount"))->text().startsWith(QString::number(expected)));
        view.setDeOnly(false);
        view.setFilterText(QString());
        // Sorted by Mahalanobis, largest first.
        QCOMPARE(view.visibleRows().front(), 0);
        QCOMPARE(view.visibleRows().back(), 39);

        QTemporaryDir dir;
        view.setDeOnly(true);
        const QString filtered = dir.filePath(QStringLiteral("de.csv"));
        QCOMPARE(view.exportTableTo(filtered, true), QString());
        QFile f(filtered);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(static_cast<std::size_t>(lines.size()), nDe + 1);
        QVERIFY(lines[0].startsWith("gene,mean_lfc,mahalanobis"));
    }

    void deClickSelectsTheGeneAndItsActionsCarryTheLayers()
    {
        const DeData d = deData();
        KompotDeView view(deTable(d, true));
        view.resize(1400, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.imputedButton()->isEnabled()); // nothing selected yet
        KompotDeVolcano* volcano = view.volcano();
        volcano->replot();
        // G5: x = −(0.2 + 0.05 × 35), y = 35.
        const QPoint g5 = QPointF(volcano->xAxis->coordToPixel(d.lfc[5]), volcano->yAxis->coordToPixel(35)).toPoint();
        QCOMPARE(volcano->rowAt(g5), 5);
        QVERIFY(volcano->toolTipForRow(5).contains(QStringLiteral("G5")));
        QTest::mouseClick(volcano, Qt::LeftButton, {}, g5);
        QCOMPARE(view.selectedGene(), QStringLiteral("G5"));
        const QModelIndex current = view.tableView()->currentIndex();
        QCOMPARE(current.sibling(current.row(), 0).data().toString(), QStringLiteral("G5"));
        QVERIFY(view.imputedButton()->isEnabled());

        QSignalSpy imputed(&view, &KompotDeView::imputedExpressionRequested);
        QSignalSpy fold(&view, &KompotDeView::foldChangeRequested);
        view.imputedButton()->click();
        QCOMPARE(imputed.count(), 1);
        QCOMPARE(imputed.at(0).at(0).toString(), QStringLiteral("G5"));
        QCOMPARE(imputed.at(0).at(1).toString(), QStringLiteral("kompot_de_control_smoothed"));
        QCOMPARE(imputed.at(0).at(2).toString(), QStringLiteral("kompot_de_stimulated_smoothed"));
        view.foldChangeButton()->click();
        QCOMPARE(fold.count(), 1);
        QCOMPARE(fold.at(0).at(0).toString(), QStringLiteral("G5"));
        QCOMPARE(fold.at(0).at(1).toString(), QStringLiteral("kompot_de_control_to_stimulated_fold_change"));

        // A double click on a row shows that gene's imputed expression.
        QTableView* table = view.tableView();
        const QModelIndex row2 = table->model()->index(2, 0); // sorted by Mahalanobis: G2
        QCOMPARE(row2.data().toString(), QStringLiteral("G2"));
        const QRect cell = table->visualRect(row2);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center()); // QTest's double click needs a press first
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(imputed.count(), 2);
        QCOMPARE(imputed.at(1).at(0).toString(), QStringLiteral("G2"));

        // A gene hidden by the filters stays the selected one, and the view says so.
        view.setFilterText(QStringLiteral("G3"));
        QVERIFY(view.selectGene(QStringLiteral("G7")));
        QCOMPARE(view.selectedGene(), QStringLiteral("G7"));
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("selectedGene"))->text().contains(QStringLiteral("hidden")));

        // Without layers the actions are off.
        ResultTable bare = deTable(d, true);
        bare.attributes.erase("layer_condition1");
        bare.attributes.erase("layer_fold_change");
        KompotDeView noLayers(bare);
        noLayers.selectRow(0);
        QVERIFY(!noLayers.imputedButton()->isEnabled());
        QVERIFY(!noLayers.showImputedExpression());
        QVERIFY(!noLayers.showFoldChange());
    }

    void deExportsFigures()
    {
        KompotDeView view(deTable(deData(), true));
        QTemporaryDir dir;
        for (const char* suffix : {"png", "pdf"}) {
            const QString path = dir.filePath(QStringLiteral("de.") + QLatin1String(suffix));
            QCOMPARE(view.exportFigureTo(path), QString());
            QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
        }
        QVERIFY(!QImage(dir.filePath(QStringLiteral("de.png"))).isNull());
        const QString out = qEnvironmentVariable("SCDESK_PLOT_OUT");
        if (!out.isEmpty()) {
            view.resize(1400, 800);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.grab().save(out + QStringLiteral("/kompot_de_view.png"));
            KompotDaView da(daTable(daData()));
            da.resize(1400, 800);
            da.show();
            QVERIFY(QTest::qWaitForWindowExposed(&da));
            da.grab().save(out + QStringLiteral("/kompot_da_view.png"));
        }
    }

    void embeddingShowsLayersOnOneRangeAndFoldChangesCentred()
    {
        const auto dataset = layeredDataset();
        EmbeddingView left, right;
        left.setDataset(dataset);
        right.setDataset(dataset);
        QVERIFY(showGeneSideBySide(left, right, QStringLiteral("GENE"), QStringLiteral("smoothed_control"),
                                   QStringLiteral("smoothed_stimulated")));
        QTRY_VERIFY(!left.isLoadingGene() && !right.isLoadingGene());
        QCOMPARE(left.colorBy(), QStringLiteral("GENE"));
        QCOMPARE(right.colorBy(), QStringLiteral("GENE"));
        QCOMPARE(layerOf(left), QStringLiteral("smoothed_control"));
        QCOMPARE(layerOf(right), QStringLiteral("smoothed_stimulated"));
        QCOMPARE(left.colormapName(), right.colormapName());
        QVERIFY(!isDivergingColormap(left.colormapName()));
        // One range: from the 1st percentile of condition 1 (0.01) to the 99th of condition 2 (1.98).
        QCOMPARE(left.vmin(), right.vmin());
        QCOMPARE(left.vmax(), right.vmax());
        QVERIFY2(std::abs(left.vmin() - 0.01) < 1e-6 && std::abs(left.vmax() - 1.98) < 1e-6,
                 qPrintable(QStringLiteral("%1 %2").arg(left.vmin()).arg(left.vmax())));

        QVERIFY(showGeneDiverging(left, QStringLiteral("GENE"), QStringLiteral("fold_change")));
        QCOMPARE(layerOf(left), QStringLiteral("fold_change"));
        QCOMPARE(left.colormapName(), QStringLiteral("RdBu_r"));
        QCOMPARE(left.vmin(), -left.vmax());
        QVERIFY(std::abs(left.vmax() - 2.96) < 1e-5); // |1st percentile| of −3..1
        // The diverging map: blue at the low end, near white in the middle, red at the top.
        const auto& rdbu = colormap(QStringLiteral("RdBu_r"));
        QVERIFY(qBlue(rdbu.front()) > qRed(rdbu.front()));
        QVERIFY(qRed(rdbu.back()) > qBlue(rdbu.back()));
        QVERIFY(qRed(rdbu[128]) > 230 && qGreen(rdbu[128]) > 230 && qBlue(rdbu[128]) > 230);

        QVERIFY(!showGeneDiverging(left, QStringLiteral("GENE"), QStringLiteral("no_such_layer")));
        QVERIFY(!showGeneSideBySide(left, right, QStringLiteral("NOPE"), QStringLiteral("smoothed_control"),
                                    QStringLiteral("smoothed_stimulated")));
        QVERIFY(showObsColumn(left, QStringLiteral("condition"), false));
        QCOMPARE(left.colorKind(), EmbeddingView::ColorKind::Categorical);
    }

    void sharedRangeWaitsForGenesReadOnAWorker()
    {
        // Layers above EmbeddingView's 2M-value limit for synchronous reads: genes load on a worker.
        auto d = std::make_shared<Dataset>();
        const int cells = 2000, genes = 1001;
        DenseMatrix xy(cells, 2), one(cells, genes), two(cells, genes);
        for (int i = 0; i < cells; ++i) {
            d->obs.index.push_back(numbered("c", i));
            xy(i, 0) = static_cast<float>(i % 50);
            xy(i, 1) = static_cast<float>(i / 50);
            for (int g = 0; g < genes; ++g) {
                one(i, g) = static_cast<float>(i % 100) / 100.0f; // 0 .. 0.99
                two(i, g) = 3.0f + static_cast<float>(i % 100) / 100.0f; // 3 .. 3.99
            }
        }
        for (int g = 0; g < genes; ++g)
            d->var.index.push_back(numbered("g", g));
        d->X = Matrix(DenseMatrix(one));
        d->layers["a"] = Matrix(std::move(one));
        d->layers["b"] = Matrix(std::move(two));
        d->obsm["X_umap"] = xy;
        EmbeddingView left, right;
        left.setDataset(d);
        right.setDataset(d);
        QVERIFY(showGeneSideBySide(left, right, QStringLiteral("g7"), QStringLiteral("a"), QStringLiteral("b")));
        QVERIFY(left.isLoadingGene() || right.isLoadingGene()); // the path under test
        QTRY_VERIFY_WITH_TIMEOUT(!left.isLoadingGene() && !right.isLoadingGene(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(left.vmin(), right.vmin(), 5000);
        QCOMPARE(left.vmax(), right.vmax());
        QVERIFY2(std::abs(left.vmin() - 0.01) < 1e-6 && std::abs(left.vmax() - 3.98) < 1e-6,
                 qPrintable(QStringLiteral("%1 %2").arg(left.vmin()).arg(left.vmax())));
    }

    void wizardReviewPricesTheRun()
    {
        const auto da = AnalysisRegistry::instance().find("kompot-da");
        QVERIFY(da);
        const auto dataset = kompotDataset();
        AnalysisWizard wizard(da, dataset, InputRef::forDemo(0),
                              {{"groupby", "condition"}, {"condition1", "control"}, {"condition2", "stimulated"}});
        goToReview(wizard);
        QVERIFY2(wizard.costText().startsWith(QStringLiteral("Estimated: ")), qPrintable(wizard.costText()));
        QVERIFY(wizard.costText().contains(QStringLiteral("available")));
        QVERIFY(!wizard.costIsWarning());
        QVERIFY(wizard.findChild<QLabel*>(QStringLiteral("costEstimate"))->isVisible());

        // A data problem replaces the estimate with core's message.
        AnalysisWizard bad(da, dataset, InputRef::forDemo(0),
                           {{"groupby", "condition"}, {"condition1", "control"}, {"condition2", "treated"}});
        goToReview(bad);
        QVERIFY2(bad.costText().contains(QStringLiteral("treated")), qPrintable(bad.costText()));
        QVERIFY(bad.costIsWarning());

        // More memory than available: the estimate in the warning style.
        AnalysisWizard hungry(std::make_shared<HungryAnalysis>(), dataset, InputRef::forDemo(0));
        goToReview(hungry);
        QVERIFY2(hungry.costText().contains(QStringLiteral("2 min 30 s")), qPrintable(hungry.costText()));
        QVERIFY(hungry.costText().contains(QStringLiteral("64.0 GiB")));
        QVERIFY(hungry.costText().contains(QStringLiteral("8.0 GiB")));
        QVERIFY(hungry.costIsWarning());

        // Analyses that are always quick show nothing.
        AnalysisWizard quick(AnalysisRegistry::instance().find("gene-stats"), dataset, InputRef::forDemo(0));
        goToReview(quick);
        QCOMPARE(quick.costText(), QString());
        QVERIFY(!quick.findChild<QLabel*>(QStringLiteral("costEstimate"))->isVisible());
    }
};

QTEST_MAIN(TestKompotViews)
#include "tst_kompot_views.moc"
