#include "sitting_run.h"

#include "kiosk_steps.h"

#include <QGuiApplication>
#include <QQuickWindow>
#include <cstdio>
#include <malloc.h>

namespace vigil::kiosk::bench {

SittingRun::SittingRun(KioskOptions options)
    : options_(std::move(options)) {}

int SittingRun::execute(std::vector<MemoryPoint> memory) {
    const Stopwatch building;
    runtime_ = std::make_unique<KioskRuntime>(options_);
    if (!runtime_->loaded() || !runtime_->session() ||
        !runtime_->session()->setupError().isEmpty()) {
        std::fprintf(stderr, "bench_kiosk: the kiosk did not load: %s\n",
                     qPrintable(runtime_->statusLine()));
        return 1;
    }
    frames_ = std::make_unique<FrameWatch>(runtime_->window());
    if (frames_->waitForFrame(0, building, kFrameTimeoutMs) < 0) {
        std::fprintf(stderr, "bench_kiosk: the Locked screen never rendered\n");
        return 1;
    }
    lockedFrame_.add(building.ms());
    frames_->waitForQuiet(Stopwatch(), kQuietMs, kSettleCapMs);
    memory.emplace_back("package opened, Locked screen shown", MemoryUse::now());

    if (!reachFirstQuestion(*runtime_->session(), *frames_, {&wrongPasswordMs_, &loginMs_})) {
        return 1;
    }
    auto* session = runtime_->session();
    items_ = session->questionCount();
    memory.emplace_back("sitting started, question 1 shown", MemoryUse::now());

    for (int i = 0; i < items_; ++i) {
        timeToFrame([session] { session->setChoice(QStringLiteral("A"), true); }, answerCall_,
                    answerFrame_, answerSettled_);
        if (i + 1 < items_) {
            timeToFrame([session] { session->next(); }, nextCall_, nextFrame_, nextSettled_);
        }
    }
    if (session->unansweredCount() != 0 || session->position() != items_ - 1) {
        std::fprintf(stderr, "bench_kiosk: %d items unanswered at position %d\n",
                     session->unansweredCount(), session->position());
        return 1;
    }
    memory.emplace_back("all items answered", MemoryUse::now());
    for (int i = 0; i + 1 < items_; ++i) {
        timeToFrame([session] { session->previous(); }, previousCall_, previousFrame_,
                    previousSettled_);
    }
    memory.emplace_back("walked back to question 1", MemoryUse::now());
    // Tells garbage waiting for the JS collector or held by malloc apart from memory still in
    // use: what is left after this grows with every switch.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    runtime_->engine().collectGarbage();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    malloc_trim(0);
    memory.emplace_back("then JS garbage collected, malloc_trim(0)", MemoryUse::now());
    media_ = session->mediaLibrary()->size();
    printTables(memory);
    return 0;
}

void SittingRun::timeToFrame(const std::function<void()>& action, Samples& call, Samples& frame,
                             Samples& settled) {
    if (!bench::timeToFrame(*frames_, action, call, frame, &settled)) {
        ++missedFrames_;
    }
}

void SittingRun::printTables(const std::vector<MemoryPoint>& memory) const {
    std::printf("\n%d-item sitting on the real KioskRuntime, platform %s (ms)\n", items_,
                qPrintable(QGuiApplication::platformName()));
    std::printf("  images in the session's media library: %d\n", media_);
    printHeaderRow("");
    printRow("Locked screen: runtime built until 1st frame", lockedFrame_);
    printRow("login: right PIN, wrong password (refused)", wrongPasswordMs_);
    printRow("login (one Argon2id over id, PIN, password)", loginMs_);
    printRow("next(): the call (engine + bindings)", nextCall_);
    printRow("next(): until the new question's frame", nextFrame_);
    printRow("next(): until settled (no frame for 40 ms)", nextSettled_);
    printRow("previous(): the call", previousCall_);
    printRow("previous(): until the frame", previousFrame_);
    printRow("previous(): until settled", previousSettled_);
    printRow("answer (setChoice, durable): the call", answerCall_);
    printRow("answer: until the frame", answerFrame_);
    printRow("answer: until settled", answerSettled_);
    if (missedFrames_ > 0) {
        std::printf("  actions with no frame within %d ms: %d\n", kFrameTimeoutMs, missedFrames_);
    }
    std::printf("\nMemory of the kiosk process (MiB)\n  %-50s %9s %9s\n", "", "VmRSS", "VmHWM");
    for (const auto& [label, use] : memory) {
        std::printf("  %-50s %9.1f %9.1f\n", label.c_str(), double(use.rssKiB) / 1024.0,
                    double(use.peakKiB) / 1024.0);
    }
    std::fflush(stdout);
}

} // namespace vigil::kiosk::bench
