#include "session_guarded.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/exam/seat_sittings.h"
#include "vigil/kiosk/sitting_order_rules.h"

#include <QDateTime>
#include <QJSEngine>
#include <QQmlEngine>
#include <algorithm>

namespace vigil::kiosk {

// QML's Screen is the screen flow's, value for value.
#define VIGIL_SAME_SCREEN(name)                                                                    \
    static_assert(int(SessionController::Screen::name) == int(KioskScreen::name))
VIGIL_SAME_SCREEN(Locked);
VIGIL_SAME_SCREEN(Login);
VIGIL_SAME_SCREEN(MachineCheck);
VIGIL_SAME_SCREEN(Confirm);
VIGIL_SAME_SCREEN(Instructions);
VIGIL_SAME_SCREEN(Question);
VIGIL_SAME_SCREEN(Review);
VIGIL_SAME_SCREEN(SubmitConfirm);
VIGIL_SAME_SCREEN(Result);
VIGIL_SAME_SCREEN(Paused);
VIGIL_SAME_SCREEN(Incidents);
#undef VIGIL_SAME_SCREEN

namespace {

SessionController* g_session = nullptr;

const QString kPhotoPath = QStringLiteral("candidate/photo");

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

QString imageMimeType(const std::vector<std::uint8_t>& bytes) {
    if (bytes.size() > 4 && bytes[0] == 0x89 && bytes[1] == 'P') {
        return QStringLiteral("image/png");
    }
    return QStringLiteral("image/jpeg");
}

} // namespace

SessionController::SessionController(SessionServices services, QObject* parent)
    : QObject(parent)
    , services_(std::move(services))
    , setupError_(services_.setupError)
    , login_(*services_.clock)
    , log_(*services_.db) {
    takeSeat();
    connect(this, &SessionController::sittingChanged, this, &SessionController::incidentsChanged);
    beat_.setInterval(1000);
    connect(&beat_, &QTimer::timeout, this, &SessionController::tick);
    beat_.start();
}

void SessionController::takeSeat() {
    if (services_.seat) {
        const auto& seat = *services_.seat;
        login_.takeRoster(*services_.db, InvigilatorLogin::Settings{
                                             seat.assignment.centreId, seat.assignment.seatLabel,
                                             seat.assignment.invigilators, services_.throttlePolicy,
                                             services_.unlockIssuer, services_.unlockDir});
        auto entries = mediaEntriesOf(seat.assessment.media);
        if (!seat.assignment.photo.empty()) {
            const auto& photo = seat.assignment.photo;
            entries.insert(kPhotoPath, {imageMimeType(photo),
                                        QByteArray(reinterpret_cast<const char*>(photo.data()),
                                                   qsizetype(photo.size()))});
        }
        media_->replaceAll(std::move(entries));
        // A seat reloaded with another paper (a delivered assignment) drops the last one's.
        reference_.setDocuments(seat.assessment.metadata.referenceMaterialAllowed
                                    ? seat.assessment.referenceDocuments
                                    : decltype(seat.assessment.referenceDocuments){},
                                media_);
        reference_.setShownNotifier([this](const std::string& documentId, bool open) {
            // Closed by leaving the question screen after the sitting ended: nothing to note.
            if (sitting_ && sitting_->state() == exam::SittingState::InProgress) {
                guarded([&] { sitting_->noteReferenceShown(documentId, open); });
            }
        });
        const auto& options = seat.assignment.accessibility;
        if (!accessibility_.applySeatOptions(options)) {
            log("accessibility", "kiosk",
                "unknown overlay colour \"" + options.overlayColour.value_or("") + "\"");
        }
        if (options.computerReader) {
            setUpReader(services_.speechOutput ? services_.speechOutput()
                                               : makeInProcessSpeechOutput());
        }
        try {
            loadExistingSitting();
        } catch (const std::exception& error) {
            // Nothing is changed or deleted: the journal stays as it is for recovery.
            sitting_.reset();
            setupError_ = tr("The record of this seat's sitting cannot be read (%1). No "
                             "assessment can start on this PC: move the candidate to a spare "
                             "PC and ask IT support to check the kiosk's store.")
                              .arg(QString::fromUtf8(error.what()));
        }
    }
}

bool SessionController::reloadSeat(std::optional<OpenedSeat> seat, const QString& problem) {
    if (screen() != Screen::Locked || sitting_) {
        return false;
    }
    login_.dropRoster();
    services_.seat = std::move(seat);
    setupError_ = services_.seat ? QString() : problem;
    takeSeat();
    log("seat-reloaded", "kiosk",
        services_.seat ? "assignment for " + services_.seat->assignment.registrationNumber
                       : problem.toStdString());
    emit seatChanged();
    emit sittingChanged();
    return true;
}

SessionController::~SessionController() {
    if (g_session == this) {
        g_session = nullptr;
    }
}

void SessionController::setInstance(SessionController* instance) {
    g_session = instance;
}

SessionController* SessionController::create(QQmlEngine*, QJSEngine*) {
    Q_ASSERT(g_session);
    QJSEngine::setObjectOwnership(g_session, QJSEngine::CppOwnership);
    return g_session;
}

// ---- properties

QString SessionController::centreName() const {
    return services_.seat ? fromStd(services_.seat->assignment.centreName) : QString();
}
QString SessionController::seatLabel() const {
    return services_.seat ? fromStd(services_.seat->assignment.seatLabel) : QString();
}
QString SessionController::clockText() const {
    return QDateTime::fromMSecsSinceEpoch(nowMs()).toLocalTime().toString(QStringLiteral("HH:mm"));
}
bool SessionController::sittingInProgress() const {
    return sitting_ && sitting_->state() == exam::SittingState::Interrupted;
}
QVariantList SessionController::findings() const {
    QVariantList out;
    for (const auto& finding : checkReport_.findings()) {
        out.append(QVariantMap{{QStringLiteral("key"), finding.key},
                               {QStringLiteral("message"), finding.message},
                               {QStringLiteral("accepted"), checkReport_.isAccepted(finding.key)}});
    }
    return out;
}
QString SessionController::candidateName() const {
    return services_.seat ? fromStd(services_.seat->assignment.candidateName) : QString();
}
QString SessionController::registrationNumber() const {
    return services_.seat ? fromStd(services_.seat->assignment.registrationNumber) : QString();
}
bool SessionController::hasPhoto() const {
    return services_.seat && !services_.seat->assignment.photo.empty();
}
QString SessionController::photoSource() const {
    return hasPhoto() ? ItemImageProvider::urlFor(kPhotoPath) : QString();
}
QString SessionController::assessmentTitle() const {
    return services_.seat ? fromStd(services_.seat->assessment.metadata.title) : QString();
}
QString SessionController::assessmentCode() const {
    return services_.seat ? fromStd(services_.seat->assessment.metadata.qualificationCode)
                          : QString();
}
QString SessionController::assessmentId() const {
    return services_.seat ? fromStd(services_.seat->assessment.metadata.id) : QString();
}
int SessionController::durationMinutes() const {
    return services_.seat ? int(services_.seat->assessment.metadata.durationSeconds / 60) : 0;
}
int SessionController::extraTimeMinutes() const {
    if (!services_.seat) {
        return 0;
    }
    return durationMinutes() * services_.seat->assignment.accessibility.extraTimePercent / 100;
}
int SessionController::questionCount() const {
    return services_.seat ? int(services_.seat->assessment.items.size()) : 0;
}
bool SessionController::calculatorAllowed() const {
    return services_.seat && services_.seat->assessment.metadata.calculatorAllowed;
}
QString SessionController::referenceMaterialNote() const {
    if (!services_.seat || !services_.seat->assessment.metadata.referenceMaterialAllowed) {
        return {};
    }
    return fromStd(services_.seat->assessment.metadata.referenceMaterialNote);
}
bool SessionController::linearNavigation() const {
    return services_.seat && services_.seat->assessment.navigation == exam::NavigationMode::Linear;
}
// ---- helpers

ScreenFacts SessionController::screenFacts() const {
    return {services_.seat.has_value() && setupError_.isEmpty(), checkReport_.clear()};
}

bool SessionController::offers(ScreenEvent event) const {
    return flow_.check(event, screenFacts()).ok();
}

bool SessionController::follow(ScreenEvent event) {
    const auto before = flow_.screen();
    if (!flow_.follow(event, screenFacts())) {
        return false;
    }
    if (screen() != Screen::SubmitConfirm && submitStage_ != 0) {
        submitStage_ = 0;
        emit submitStageChanged();
    }
    if (!answerMessage_.isEmpty()) {
        answerMessage_.clear();
        emit answerMessageChanged();
    }
    if (!problemReportStatus_.isEmpty()) {
        problemReportStatus_.clear();
        emit problemReportChanged();
    }
    if (flow_.screen() != before) {
        secondsOnResult_ = 0;
        emit screenChanged();
    }
    return true;
}

void SessionController::log(const std::string& kind, const std::string& actor,
                            const std::string& detail) {
    const std::string seat = services_.seat ? services_.seat->assignment.seatLabel : "";
    log_.append({nowMs(), seat, kind, actor, detail});
}

QString SessionController::applySittingOrder(const SittingOrder& order) {
    using Kind = SittingOrder::Kind;
    if (!sitting_) {
        return tr("no sitting is open at this PC");
    }
    const auto state = sitting_->state();
    // A move names the sitting it moves: never another one that this PC holds now.
    const bool otherSitting = order.kind == Kind::MoveAway && order.sittingId != sitting_->id();
    if (otherSitting || !orderApplies(order.kind, state)) {
        const auto stateName = exam::toString(state);
        return tr("the sitting is %1: this command does not apply to it")
            .arg(QString::fromUtf8(stateName.data(), qsizetype(stateName.size())));
    }
    const auto actor = order.actor();
    const bool applied = guarded([&] { applyOrder(*sitting_, order); });
    if (!applied) {
        return tr("the kiosk could not apply it; the sitting is unchanged");
    }
    log("console-command", actor, order.reason);
    switch (order.kind) {
    case Kind::Pause:
        follow(ScreenEvent::ConsolePaused);
        break;
    case Kind::Resume:
    case Kind::AuthoriseResume:
        enterQuestion(ScreenEvent::ConsoleResumed);
        break;
    case Kind::GrantExtraTime:
        break;
    case Kind::Void:
        resetToLocked(ScreenEvent::ConsoleEnded);
        return {};
    case Kind::MoveAway:
        showMovedAway(order.toSeat);
        return {};
    }
    emit timeChanged();
    emit sittingChanged();
    return {};
}

QString SessionController::movedAwayText(const std::string& toSeat) {
    return tr("This sitting has moved to %1: the candidate continues there. This PC changes "
              "nothing more in it.")
        .arg(fromStd(toSeat));
}

void SessionController::showMovedAway(const std::string& toSeat) {
    resetToLocked(ScreenEvent::ConsoleEnded);
    setupError_ = movedAwayText(toSeat);
    emit sittingChanged();
}

void SessionController::loadExistingSitting() {
    const auto& assignment = services_.seat->assignment;
    // One assignment has at most one live sitting and it is always continued (exam/'s rule):
    // voided or completed sittings beside it never hide it, whatever their ids.
    const auto decision = exam::findSeatSitting(
        *services_.db, {assignment.registrationNumber, assignment.assessmentId,
                        assignment.seatLabel, assignment.sessionId});
    switch (decision.verdict) {
    case exam::SeatSittingVerdict::NoSittingYet:
        return;
    case exam::SeatSittingVerdict::Completed:
        setupError_ = tr("The assessment assigned to this seat has been completed.");
        return;
    case exam::SeatSittingVerdict::Refuse:
        throw exam::SittingError(exam::SittingErrorCode::CorruptJournal, decision.reason);
    case exam::SeatSittingVerdict::Resume:
        break;
    }
    forgetPresentedQuestion();
    sitting_.emplace(exam::Sitting::load(*services_.db, services_.seat->assessment,
                                         decision.sittingId, *services_.clock,
                                         services_.kioskKeys));
    if (sitting_->state() == exam::SittingState::Moved) {
        // Moved to a spare PC: said so, and nothing is written to it here (sitting_move.h).
        setupError_ = movedAwayText(sitting_->snapshot().movedToSeat);
        sitting_.reset();
        return;
    }
    if (sitting_->state() == exam::SittingState::Submitted) {
        // Killed between submission and result: finish the record now, show nothing.
        sitting_->issueResult(services_.resultRecipient);
        sitting_.reset();
        setupError_ = tr("The assessment assigned to this seat has been completed.");
    }
}

void SessionController::finish() {
    if (offers(ScreenEvent::Finish)) {
        resetToLocked(ScreenEvent::Finish);
    }
}

void SessionController::resetToLocked(ScreenEvent event) {
    if (sitting_ && exam::isFinal(sitting_->state()) &&
        sitting_->state() == exam::SittingState::Resulted) {
        setupError_ = tr("The assessment assigned to this seat has been completed.");
    }
    sitting_.reset();
    result_.reset();
    login_.signOut();
    forgetPresentedQuestion();
    choices_.setRows({});
    palette_.reset({}, -1);
    checkReport_ = {};
    timeWarning_.reset();
    emit sittingChanged();
    emit questionChanged();
    emit answersChanged();
    emit resultChanged();
    emit timeChanged();
    follow(event);
}

bool SessionController::noteIncident(const std::string& text, const std::string& actor) {
    const bool ok = guarded([&] { sitting_->noteIncident(text, actor); });
    emit incidentsChanged();
    return ok;
}

void SessionController::refuseSittings(const QString& reason) {
    setupError_ = reason;
    emit sittingChanged();
    follow(ScreenEvent::LockdownFailed); // only the Login screen leads on: to Locked
}

void SessionController::recordMonitorFinding(const QString& key, const QString& message) {
    const std::string detail = key.toStdString() + ": " + message.toStdString();
    try {
        log("monitor-finding", "kiosk", detail);
    } catch (const store::StoreError& error) {
        emit failure(QString::fromUtf8(error.what()));
    }
    if (sitting_ && !exam::isFinal(sitting_->state()) &&
        sitting_->state() != exam::SittingState::Submitted) {
        noteIncident("lockdown: " + detail, "kiosk");
    }
}

} // namespace vigil::kiosk
