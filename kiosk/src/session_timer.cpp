// The session's beat: the clock on the Locked screen, the sitting's time left and its warnings,
// checkpoints, the end of time, the result screen. The arithmetic is time_left.h's.
#include "session_guarded.h"
#include "vigil/kiosk/time_left.h"

namespace vigil::kiosk {

namespace {

// A checkpoint (the time used, durable and signed) every few beats rather than every second.
constexpr int kCheckpointEveryBeats = 5;

} // namespace

int SessionController::secondsLeft() const {
    return sitting_ ? wholeSecondsLeft(sitting_->timeLeft()) : durationMinutes() * 60;
}
QString SessionController::timeLeftText() const {
    return clockFaceOf(secondsLeft());
}
int SessionController::timeWarningLevel() const {
    return sitting_ ? warningLevelOf(secondsLeft()) : 0;
}
bool SessionController::resultShown() const {
    return result_ && services_.seat && services_.seat->assessment.metadata.instantResult;
}
bool SessionController::timedOut() const {
    return sitting_ && sitting_->snapshot().timedOut;
}

void SessionController::refreshTime() {
    timeWarning_.reach(timeWarningLevel());
    emit timeChanged();
}

void SessionController::tick() {
    emit clockChanged();
    if (screen() == Screen::Login && login_.backingOff()) {
        emit loginChanged();
    }
    if (screen() == Screen::Result && ++secondsOnResult_ >= services_.resultScreenSeconds) {
        resetToLocked(ScreenEvent::ResultTimeElapsed);
        return;
    }
    if (!sitting_ || sitting_->state() != exam::SittingState::InProgress) {
        return;
    }
    bool timedOutNow = false;
    const bool ok = guarded([&] {
        if (++beatsSinceCheckpoint_ >= kCheckpointEveryBeats) {
            beatsSinceCheckpoint_ = 0;
            sitting_->checkpoint();
            timedOutNow = sitting_->state() == exam::SittingState::Submitted;
        } else {
            timedOutNow = sitting_->tick();
        }
    });
    if (ok && timedOutNow) {
        issueResult();
        return;
    }
    refreshTime();
}

void SessionController::issueResult() {
    if (!sitting_ || sitting_->state() != exam::SittingState::Submitted) {
        return;
    }
    try {
        auto issued = sitting_->issueResult(services_.resultRecipient);
        result_ = std::move(issued.score);
        emit journalAppended();
    } catch (const std::exception& error) {
        emit failure(
            tr("The result could not be recorded: %1").arg(QString::fromUtf8(error.what())));
    }
    emit resultChanged();
    emit timeChanged();
    follow(ScreenEvent::ResultIssued);
}

} // namespace vigil::kiosk
