#pragma once

#include "frame_timing.h"

#include <QString>
#include <QStringList>

namespace vigil::kiosk::bench {

// Cold start of fresh processes on one prepared seat, wall time measured from here.
struct ColdStartTable {
    double firstRunMs = -1; // the very first start on a fresh data directory (creates keys, store)
    Samples selfTestLine;   // vigil-kiosk --self-test: spawn until its status line
    Samples selfTestExit;   // ... until the process has exited
    Samples firstFrame;     // bench_kiosk --first-frame: spawn until the Locked frame is swapped
    Samples firstFrameInside; // ... as the child measured it from main()
    int failures = 0;

    void print() const;
};

// Starts `kiosk --self-test <args>` and `bench --first-frame <args>` `runs` times each,
// alternating, after one unmeasured-for-the-median first run on the fresh data directory.
[[nodiscard]] ColdStartTable measureColdStart(const QString& kiosk, const QString& bench,
                                              const QStringList& kioskArguments, int runs);

} // namespace vigil::kiosk::bench
