// The session's invigilator side: the Login screen for each purpose, what an accepted login
// leads to, the machine check, the candidate's confirmation and the seat's incidents. The
// Login screen's state and sentences are LoginFlow's (login_flow.h); which screen comes next is
// the screen flow's table (screen_flow.h): this file names the event.
#include "session_guarded.h"
#include "vigil/kiosk/incident_rows.h"

#include <QDateTime>
#include <algorithm>

namespace vigil::kiosk {

static_assert(int(SessionController::LoginPurpose::ReviewIncidents) ==
                  int(LoginFlow::Purpose::ReviewIncidents),
              "QML's LoginPurpose is LoginFlow's, value for value");

SessionController::LoginPurpose SessionController::loginPurpose() const noexcept {
    return LoginPurpose(login_.purpose());
}
QString SessionController::loginMessage() const {
    return login_.message();
}
int SessionController::throttleSecondsLeft() const {
    return login_.secondsToWait();
}
QString SessionController::invigilatorName() const {
    return login_.invigilatorName();
}

void SessionController::beginLogin() {
    askInvigilatorFor(sittingInProgress() ? LoginPurpose::ResumeInterrupted
                                          : LoginPurpose::StartSitting,
                      ScreenEvent::BeginLogin);
}

void SessionController::askInvigilatorFor(LoginPurpose purpose, ScreenEvent event) {
    if (!offers(event)) {
        return;
    }
    login_.begin(LoginFlow::Purpose(purpose));
    emit loginChanged();
    follow(event);
}

void SessionController::beginPause() {
    if (sitting_ && sitting_->state() == exam::SittingState::InProgress) {
        askInvigilatorFor(LoginPurpose::PauseSitting, ScreenEvent::BeginPause);
    }
}

void SessionController::beginResumeFromPause() {
    askInvigilatorFor(LoginPurpose::ResumePaused, ScreenEvent::BeginResumeFromPause);
}

void SessionController::beginIncidentReview() {
    if (sitting_ && sitting_->state() == exam::SittingState::InProgress) {
        askInvigilatorFor(LoginPurpose::ReviewIncidents, ScreenEvent::BeginIncidentReview);
    }
}

void SessionController::acknowledgeIncidents() {
    if (offers(ScreenEvent::IncidentsAcknowledged) && guarded([&] {
            sitting_->reviewIncidents(login_.invigilatorId());
            sitting_->resume(login_.invigilatorId());
        })) {
        emit incidentsChanged();
        enterQuestion(ScreenEvent::IncidentsAcknowledged);
    }
}

void SessionController::acknowledgeIncidentsAndKeepPaused() {
    if (offers(ScreenEvent::IncidentsAcknowledgedKeepPaused) &&
        guarded([&] { sitting_->reviewIncidents(login_.invigilatorId()); })) {
        emit incidentsChanged();
        follow(ScreenEvent::IncidentsAcknowledgedKeepPaused);
    }
}

int SessionController::pendingIncidents() const {
    if (!sitting_) {
        return 0;
    }
    const auto reviewedThrough = sitting_->snapshot().reviewedThrough;
    return int(std::count_if(sitting_->events().begin(), sitting_->events().end(),
                             [&](const exam::SittingEvent& event) {
                                 return exam::awaitsReview(event, reviewedThrough);
                             }));
}

QVariantList SessionController::incidents() const {
    if (!sitting_) {
        return {};
    }
    return toVariantList(incidentRows(sitting_->events(), sitting_->snapshot().reviewedThrough));
}

void SessionController::cancelLogin() {
    follow(ScreenEvent::CancelLogin);
}

bool SessionController::submitLogin(const QString& pin, const QString& password) {
    if (screen() != Screen::Login || !login_.hasRoster()) {
        return false;
    }
    try {
        const auto invigilator = login_.attempt(pin, password);
        emit loginChanged();
        if (!invigilator) {
            return false;
        }
        afterLogin(*invigilator);
        return true;
    } catch (const store::StoreError& error) {
        emit failure(tr("The kiosk could not save: %1").arg(QString::fromUtf8(error.what())));
        return false;
    }
}

void SessionController::afterLogin(const InvigilatorLogin::Invigilator& invigilator) {
    login_.signIn(invigilator);
    const std::string& invigilatorId = login_.invigilatorId();
    emit sittingChanged();
    switch (loginPurpose()) {
    case LoginPurpose::ResumeInterrupted:
        if (guarded([&] { sitting_->authoriseResume(invigilatorId); })) {
            enterQuestion(ScreenEvent::InterruptedResumed);
        }
        return;
    case LoginPurpose::PauseSitting:
        if (guarded([&] { sitting_->pause("paused by the invigilator", invigilatorId); })) {
            follow(ScreenEvent::PausedAtSeat);
            emit timeChanged();
        }
        return;
    case LoginPurpose::ResumePaused:
        if (guarded([&] { sitting_->resume(invigilatorId); })) {
            enterQuestion(ScreenEvent::PauseResumed);
        }
        return;
    case LoginPurpose::ReviewIncidents:
        // The candidate loses no time while the invigilator reads at their seat.
        if (guarded([&] {
                sitting_->pause("the invigilator is reviewing incidents at the seat",
                                invigilatorId);
            })) {
            emit incidentsChanged();
            emit timeChanged();
            follow(ScreenEvent::IncidentsOpened);
        }
        return;
    case LoginPurpose::StartSitting:
        break;
    }
    const bool ok = guarded([&] {
        if (!sitting_) {
            const auto setup = newSittingFor(*services_.seat);
            forgetPresentedQuestion();
            sitting_.emplace(exam::Sitting::create(*services_.db, services_.seat->assessment, setup,
                                                   *services_.clock, services_.kioskKeys));
            log("sitting-created", invigilatorId,
                setup.sittingId + " for session " + setup.sessionId);
        }
        if (sitting_->state() == exam::SittingState::Locked) {
            sitting_->verifyInvigilator(invigilatorId);
        }
    });
    if (!ok) {
        follow(ScreenEvent::SittingNotOpened);
        return;
    }
    emit sittingChanged();
    if (sitting_->state() == exam::SittingState::CandidateConfirmed) {
        follow(ScreenEvent::StartAcceptedAlreadyConfirmed);
        return;
    }
    checkReport_ = services_.machineCheck ? services_.machineCheck() : lockdown::CheckReport{};
    emit findingsChanged();
    follow(checkReport_.clear() ? ScreenEvent::StartAcceptedMachineClear
                                : ScreenEvent::StartAcceptedMachineFindings);
}

bool SessionController::overrideFinding(const QString& findingKey, const QString& reason) {
    if (screen() != Screen::MachineCheck) {
        return false;
    }
    const auto error =
        checkReport_.accept({findingKey, QString::fromStdString(login_.invigilatorId()),
                             reason.trimmed(), QDateTime::fromMSecsSinceEpoch(nowMs())});
    if (error != lockdown::OverrideError::None) {
        login_.setMessage(lockdown::describe(error));
        emit loginChanged();
        return false;
    }
    const std::string detail =
        findingKey.toStdString() + " accepted: " + reason.trimmed().toStdString();
    log("machine-override", login_.invigilatorId(), detail);
    // The invigilator wrote this note: it needs no review by them at the seat.
    if (noteIncident("machine check override: " + detail, login_.invigilatorId())) {
        guarded([&] { sitting_->reviewIncidents(login_.invigilatorId()); });
        emit incidentsChanged();
    }
    emit findingsChanged();
    return true;
}

void SessionController::continueAfterMachineCheck() {
    follow(ScreenEvent::ContinueAfterMachineCheck); // only once every finding is accepted
}

void SessionController::confirmCandidate() {
    if (!offers(ScreenEvent::ConfirmCandidate)) {
        return;
    }
    const int extraPercent = services_.seat->assignment.accessibility.extraTimePercent;
    const bool ok = guarded([&] {
        sitting_->confirmCandidate(login_.invigilatorId());
        if (extraPercent > 0) {
            const auto extra =
                services_.seat->assessment.metadata.durationSeconds * extraPercent / 100;
            sitting_->grantExtraTime(std::chrono::seconds(extra),
                                     "access arrangement in the seat assignment",
                                     login_.invigilatorId());
        }
    });
    if (ok) {
        emit timeChanged();
        follow(ScreenEvent::ConfirmCandidate);
    }
}

void SessionController::rejectCandidate() {
    if (!offers(ScreenEvent::RejectCandidate)) {
        return;
    }
    log("wrong-candidate", login_.invigilatorId(),
        "the candidate at the seat is not " + services_.seat->assignment.registrationNumber);
    guarded([&] { sitting_->voidSitting("wrong candidate at the seat", login_.invigilatorId()); });
    resetToLocked(ScreenEvent::RejectCandidate);
}

} // namespace vigil::kiosk
