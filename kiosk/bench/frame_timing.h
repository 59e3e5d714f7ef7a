#pragma once

#include <QObject>
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

class QQuickWindow;

namespace vigil::kiosk::bench {

using Clock = std::chrono::steady_clock;

class Stopwatch {
public:
    [[nodiscard]] double ms() const { return msBetween(start_, Clock::now()); }
    [[nodiscard]] Clock::time_point started() const { return start_; }
    static double msBetween(Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    }

private:
    Clock::time_point start_ = Clock::now();
};

// Samples in ms; the table's columns.
struct Samples {
    std::vector<double> values;
    void add(double value) { values.push_back(value); }
    [[nodiscard]] double median() const { return percentile(50); }
    [[nodiscard]] double percentile(double p) const; // nearest rank
    [[nodiscard]] double max() const;
    [[nodiscard]] double mean() const;
};

// One row: label, count, median, p95, p99, max, mean.
void printHeaderRow(const char* firstColumn);
void printRow(const std::string& label, const Samples& samples);

// VmRSS and VmHWM of this process, from /proc/self/status.
struct MemoryUse {
    long rssKiB = -1;
    long peakKiB = -1;
    static MemoryUse now();
};

// Counts the frames a window swaps and when the last one was swapped. The software and basic
// render loops swap on the GUI thread, the threaded loop on its render thread: both are
// recorded the same way.
class FrameWatch : public QObject {
public:
    explicit FrameWatch(QQuickWindow* window);

    [[nodiscard]] int count() const { return count_.load(); }
    // Runs the event loop until a frame after `before` frames is swapped; returns its time in
    // ms since `from`, or -1 after timeoutMs.
    double waitForFrame(int before, const Stopwatch& from, int timeoutMs);
    // Runs the event loop until no frame has been swapped for quietMs (at most capMs); returns
    // the time of the last frame since `from`, or -1 when none came.
    double waitForQuiet(const Stopwatch& from, int quietMs, int capMs);

private:
    std::atomic<int> count_{0};
    std::atomic<Clock::rep> lastSwap_{0};
};

} // namespace vigil::kiosk::bench
