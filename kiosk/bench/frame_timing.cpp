#include "frame_timing.h"

#include <QCoreApplication>
#include <QQuickWindow>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

namespace vigil::kiosk::bench {

double Samples::percentile(double p) const {
    if (values.empty()) {
        return 0.0;
    }
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double Samples::max() const {
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

double Samples::mean() const {
    return values.empty()
               ? 0.0
               : std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

void printHeaderRow(const char* firstColumn) {
    std::printf("  %-50s %5s %9s %9s %9s %9s %9s\n", firstColumn, "n", "median", "p95", "p99",
                "max", "mean");
}

void printRow(const std::string& label, const Samples& samples) {
    std::printf("  %-50s %5zu %9.2f %9.2f %9.2f %9.2f %9.2f\n", label.c_str(),
                samples.values.size(), samples.median(), samples.percentile(95),
                samples.percentile(99), samples.max(), samples.mean());
}

MemoryUse MemoryUse::now() {
    MemoryUse use;
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            use.rssKiB = std::stol(line.substr(6));
        } else if (line.rfind("VmHWM:", 0) == 0) {
            use.peakKiB = std::stol(line.substr(6));
        }
    }
    return use;
}

FrameWatch::FrameWatch(QQuickWindow* window) {
    QObject::connect(
        window, &QQuickWindow::frameSwapped, this,
        [this] {
            lastSwap_.store(Clock::now().time_since_epoch().count());
            count_.fetch_add(1);
        },
        Qt::DirectConnection);
}

namespace {

// Keeps the GUI thread's event loop from sleeping past a frame swapped on a render thread.
struct WakeUp {
    QTimer timer;
    WakeUp() {
        timer.setInterval(1);
        timer.start();
    }
};

double msSince(const Stopwatch& from, Clock::rep ticks) {
    return Stopwatch::msBetween(from.started(), Clock::time_point(Clock::duration(ticks)));
}

// processEvents() called from main() never runs deferred deletes (a running event loop does
// after each iteration), so the delegates QML replaces on every question switch would pile up
// and the RSS figures would show a growth the kiosk itself does not have.
void pumpEvents() {
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

double FrameWatch::waitForFrame(int before, const Stopwatch& from, int timeoutMs) {
    WakeUp wake;
    while (count_.load() == before) {
        if (from.ms() > timeoutMs) {
            return -1.0;
        }
        pumpEvents();
    }
    return msSince(from, lastSwap_.load());
}

double FrameWatch::waitForQuiet(const Stopwatch& from, int quietMs, int capMs) {
    WakeUp wake;
    const int before = count_.load();
    Stopwatch sinceLast;
    int seen = before;
    while (from.ms() < capMs) {
        pumpEvents();
        if (count_.load() != seen) {
            seen = count_.load();
            sinceLast = Stopwatch();
        } else if (sinceLast.ms() >= quietMs) {
            break;
        }
    }
    return seen == before ? -1.0 : msSince(from, lastSwap_.load());
}

} // namespace vigil::kiosk::bench
