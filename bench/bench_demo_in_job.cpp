// Times the demo generator (20,000 cells × 2,000 genes) where the GUI runs it: on a thread started
// after QApplication exists, with and without clearing the inherited AVX upper state first. The
// reference is the same generator on a thread of a process without QApplication (what scdesk-cli
// does). Prints the ratios; the last line is median_ms for the job thread with the fix.
#include <QApplication>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "data/demo_generator.h"
#include "util/vector_unit_state.h"

namespace {

double medianMs(int repeats, bool clearState)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        double ms = 0;
        std::thread([&] {
            if (clearState)
                scdesk::clearUpperVectorState();
            const auto t0 = std::chrono::steady_clock::now();
            const auto d = scdesk::generateDemoDataset();
            ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        }).join();
        times.push_back(ms);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    const int repeats = 5;
    const double reference = medianMs(repeats, false); // before QApplication: a clean process
    QApplication app(argc, argv);
    const double dirty = medianMs(repeats, false);
    const double fixed = medianMs(repeats, true);
    std::printf("demo generator, 20000 x 2000, median of %d\n", repeats);
    std::printf("thread in a process without QApplication (reference): %.1f ms\n", reference);
    std::printf("thread after QApplication, no fix:                    %.1f ms (%.2fx the reference)\n", dirty, dirty / reference);
    std::printf("thread after QApplication, clearUpperVectorState():   %.1f ms (%.2fx the reference)\n", fixed, fixed / reference);
    std::printf("median_ms=%.1f\n", fixed);
    return 0;
}
