// Full redraws of N clustered cells (a mixture of Gaussians, like a UMAP) coloured by category
// through CellScatterPlottable inside an 800×600 QCustomPlot, offscreen. Times the whole
// replot (axes included) after a warm-up; the last line is median_ms for 1-px points, density off.
// bench_scatter --points N [--size 800x600] [--repeat 15]
#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <omp.h>
#include <random>
#include <string>
#include <vector>

#include <qcustomplot.h>

#include "cell_scatter_plottable.h"

using namespace scdesk;

namespace {

double medianReplotMs(QCustomPlot& plot, int repeat)
{
    plot.replot(QCustomPlot::rpImmediateRefresh); // warm-up: buffers, colour tables
    plot.replot(QCustomPlot::rpImmediateRefresh);
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        plot.replot(QCustomPlot::rpImmediateRefresh);
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    long long points = 1000000;
    int width = 800, height = 600, repeat = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--points"))
            points = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--size"))
            std::sscanf(argv[i + 1], "%dx%d", &width, &height);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::max(1, std::atoi(argv[i + 1]));
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // keep median_ms the last line even next to Qt warnings
    QApplication app(argc, argv);

    // 20 clusters of different spread and weight.
    const int clusters = 20;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<float> uni(-12.0f, 12.0f), spread(0.3f, 1.8f);
    std::vector<float> cx(clusters), cy(clusters), sd(clusters);
    for (int c = 0; c < clusters; ++c) {
        cx[c] = uni(rng);
        cy[c] = uni(rng);
        sd[c] = spread(rng);
    }
    std::discrete_distribution<int> pick({9, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1});
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    const auto n = static_cast<std::size_t>(points);
    std::vector<float> x(n), y(n);
    std::vector<std::int32_t> codes(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int c = pick(rng);
        codes[i] = c;
        x[i] = cx[c] + sd[c] * gauss(rng);
        y[i] = cy[c] + sd[c] * gauss(rng);
    }
    std::vector<QRgb> palette;
    for (int c = 0; c < clusters; ++c)
        palette.push_back(QColor::fromHsv(c * 360 / clusters, 200, 220).rgb());

    QCustomPlot plot;
    plot.resize(width, height);
    plot.show();
    plot.setViewport(QRect(0, 0, width, height));
    auto* cells = new CellScatterPlottable(plot.xAxis, plot.yAxis);
    QElapsedTimer prep;
    prep.start();
    cells->setPositions(x.data(), y.data(), n);
    const double sortMs = static_cast<double>(prep.nsecsElapsed()) / 1e6;
    cells->setCategories(codes, palette);
    cells->setDensityMode(CellScatterPlottable::DensityMode::Off);
    plot.rescaleAxes();
    prep.restart();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    const double firstMs = static_cast<double>(prep.nsecsElapsed()) / 1e6;
    std::printf("points=%zu size=%dx%d repeat=%d threads=%d axis_rect=%dx%d\n", n, width, height, repeat,
                omp_get_max_threads(), plot.axisRect()->width(), plot.axisRect()->height());
    std::printf("set_positions_ms=%.1f first_replot_ms=%.1f (includes the draw order and colour table)\n", sortMs,
                firstMs);

    cells->setPointSize(3);
    const double disc3 = medianReplotMs(plot, repeat);
    std::printf("median_ms_3px=%.2f\n", disc3);
    cells->setPointSize(1);
    cells->setDensityMode(CellScatterPlottable::DensityMode::On);
    const double density = medianReplotMs(plot, repeat);
    std::printf("median_ms_density=%.2f\n", density);
    cells->setDensityMode(CellScatterPlottable::DensityMode::Off);
    QCustomPlot empty;
    empty.resize(width, height);
    empty.show();
    empty.setViewport(QRect(0, 0, width, height));
    std::printf("median_ms_empty_plot=%.2f (axes only, for reference)\n", medianReplotMs(empty, repeat));
    const double onePx = medianReplotMs(plot, repeat);
    std::printf("median_ms=%.2f\n", onePx);
    return 0;
}
