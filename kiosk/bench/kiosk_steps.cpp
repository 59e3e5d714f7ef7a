#include "kiosk_steps.h"

#include "bench_seat.h"

#include <cstdio>

namespace vigil::kiosk::bench {

namespace {

const char* screenName(SessionController::Screen screen) {
    return QMetaEnum::fromType<SessionController::Screen>().valueToKey(int(screen));
}

void addTo(Samples* samples, const Stopwatch& since) {
    if (samples) {
        samples->add(since.ms());
    }
}

} // namespace

bool reachFirstQuestion(SessionController& session, FrameWatch& frames, LoginTimes times) {
    session.beginLogin();
    frames.waitForQuiet(Stopwatch(), kQuietMs, kSettleCapMs);
    // A right PIN with a wrong password first (the first two failures cost no wait): it must
    // cost what the right credentials cost, so time tells nothing about the PIN.
    const Stopwatch wrongPassword;
    session.submitLogin(QString::fromLatin1(kBenchPin), QStringLiteral("not-the-password"));
    addTo(times.wrongPassword, wrongPassword);
    const Stopwatch login;
    const bool accepted =
        session.submitLogin(QString::fromLatin1(kBenchPin), QString::fromLatin1(kBenchPassword));
    addTo(times.login, login);
    if (!accepted) {
        std::fprintf(stderr, "bench: login refused: %s\n", qPrintable(session.loginMessage()));
        return false;
    }
    if (session.screen() == SessionController::Screen::MachineCheck) {
        // An invigilator would accept a VM's findings with a reason, so does the benchmark.
        for (const auto& finding : session.findings()) {
            const auto key = finding.toMap().value(QStringLiteral("key")).toString();
            std::printf("  machine check finding accepted for the benchmark: %s\n",
                        qPrintable(key));
            session.overrideFinding(key, QStringLiteral("benchmark machine, not a centre PC"));
        }
        session.continueAfterMachineCheck();
    }
    session.confirmCandidate();
    session.start();
    if (session.screen() != SessionController::Screen::Question) {
        std::fprintf(stderr, "bench: the sitting stopped on the %s screen\n",
                     screenName(session.screen()));
        return false;
    }
    frames.waitForQuiet(Stopwatch(), kQuietMs, kSettleCapMs);
    return true;
}

bool timeToFrame(FrameWatch& frames, const std::function<void()>& action, Samples& call,
                 Samples& frame, Samples* settled) {
    // Let anything pending (the clock's beat) render first, so the next frame is ours.
    frames.waitForQuiet(Stopwatch(), kQuietMs / 2, kSettleCapMs);
    const int before = frames.count();
    const Stopwatch clock;
    action();
    call.add(clock.ms());
    const double first = frames.waitForFrame(before, clock, kFrameTimeoutMs);
    if (first < 0) {
        return false;
    }
    frame.add(first);
    if (settled) {
        const double last = frames.waitForQuiet(clock, kQuietMs, kSettleCapMs);
        settled->add(last < 0 ? first : last);
    }
    return true;
}

} // namespace vigil::kiosk::bench
