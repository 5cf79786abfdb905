#pragma once

namespace scdesk {

// Clears the upper halves of the AVX registers (vzeroupper) on x86-64 CPUs that have AVX; a no-op
// elsewhere. Threads inherit this state from their creator, and QApplication leaves it "dirty" on
// the GUI thread: every thread started from there then pays an SSE/AVX transition penalty on each
// legacy-SSE instruction, which made the demo generator 5× slower in a job than in the CLI
// (2.9 s vs 0.6 s, measured). Call it first thing on a worker thread.
void clearUpperVectorState();

} // namespace scdesk
