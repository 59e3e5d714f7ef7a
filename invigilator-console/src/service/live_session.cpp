#include "vigil/console/live_session.h"

#include "vigil/console/admin_log.h"
#include "vigil/console/console_service.h"
#include "vigil/console/live_closing.h"
#include "vigil/console/session_closing.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/sync/command_bodies.h"
#include "vigil/sync/sitting_move.h"

#include <algorithm>
#include <set>

namespace vigil::console {
namespace {

std::string stageText(sync::MoveStage stage) {
    switch (stage) {
    case sync::MoveStage::TellingOldPc:
        return "telling the old PC";
    case sync::MoveStage::WaitingForOldJournal:
        return "waiting for the old PC's journal";
    case sync::MoveStage::SendingToNewPc:
        return "sending the sitting to the spare PC";
    case sync::MoveStage::Moved:
        return "moved";
    case sync::MoveStage::Refused:
        return "refused";
    }
    return "refused";
}

std::vector<exam::SittingEvent> parsed(const std::vector<std::string>& canonical) {
    std::vector<exam::SittingEvent> events;
    for (const auto& json : canonical) {
        try {
            events.push_back(exam::parseEventJson(json));
        } catch (const std::exception&) {
            break; // the replica verified it: cannot happen; take what came before
        }
    }
    return events;
}

} // namespace

LiveSession::LiveSession(ConsoleService& service, const SignedIn& by, SessionDesk desk)
    : service_(service)
    , by_(by)
    , desk_(std::move(desk))
    , timeZone_(service.centre().timeZone())
    , room_(LiveRoomOptions{service.heartbeat(), service.missedHeartbeats()})
    , intake_(service.store().db(), service.centre().signingKeys()) {
    reloadPlan();
    // What the hub already knows: the seats heard so far and every sitting's journal.
    if (auto* hub = service_.hub()) {
        for (const auto& seat : hub->room()) {
            if (seat.status) {
                room_.heard(seat.seat, *seat.status, seat.lastHeardMs);
                if (seat.status->screen == "StoreBehind") {
                    noteStoreBehind(seat.seat, *seat.status); // while no live room was open
                }
            }
            if (!seat.connected) {
                room_.lost(seat.seat);
            }
        }
    }
    catchUp();
    refreshUnread();
    // Each push is posted to this object's thread; once the object is gone, nothing arrives.
    auto post = [this](auto&& call) {
        QMetaObject::invokeMethod(this, std::forward<decltype(call)>(call), Qt::QueuedConnection);
    };
    service_.setLinkPushes(LinkPushes{
        .owner = this,
        .status =
            [post, this](const std::string& seat, const sync::KioskStatus& status) {
                post([this, seat, status] { onStatus(seat, status); });
            },
        .journal =
            [post, this](const std::string& seat, const sync::JournalEvents& batch) {
                post([this, seat, batch] { onJournal(seat, batch); });
            },
        .lost = [post, this](const std::string& seat) { post([this, seat] { onLost(seat); }); },
        .answer =
            [post, this](const std::string& seat, const sync::CommandResult& result) {
                post([this, seat, result] { onAnswer(seat, result); });
            },
        .refused =
            [post, this](const std::string& seat, const std::string& sittingId,
                         const std::string& reason) {
                post([this, seat, sittingId, reason] {
                    noteOnce(seat, seat + "'s journal of sitting " + sittingId +
                                       " was refused by the console: " + reason);
                });
            },
    });
    silence_.setInterval(static_cast<int>(service.heartbeat().count()));
    connect(&silence_, &QTimer::timeout, this, &LiveSession::tick);
    silence_.start();
    moveTicks_.setInterval(50);
    connect(&moveTicks_, &QTimer::timeout, this, &LiveSession::stepMoves);
    if (auto* hub = service_.hub()) {
        reminder_ = std::make_unique<sync::MovedAwayReminder>(*hub);
    }
}

LiveSession::~LiveSession() {
    moveTicks_.stop();
    running_.clear();
    service_.clearLinkPushes(this);
}

void LiveSession::reloadPlan() {
    std::map<std::string, std::string> titles;
    for (const auto& assessment : session().assessments) {
        titles[assessment.metadata.id] = assessment.metadata.title;
    }
    auto layout = desk_.seating().layout(session().id, titles);
    room_.setPlan(layout ? layout.value() : PlanLayout{});
    emit planChanged();
}

void LiveSession::tick() {
    if (reminder_) {
        reminder_->step(); // an old PC a sitting moved away from while it was dead, back
    }
    for (const auto& seat : room_.tick(service_.clockNowMs())) {
        emit seatChanged(QString::fromStdString(seat));
    }
}

void LiveSession::onStatus(const std::string& seat, const sync::KioskStatus& status) {
    // Noted as the seat comes to it, not at each heartbeat that repeats it.
    const auto* before = room_.seat(seat);
    if (status.screen == "StoreBehind" && before &&
        (before->state != SeatState::OutOfService || before->problem != status.problem)) {
        noteStoreBehind(seat, status);
    }
    if (room_.heard(seat, status, service_.clockNowMs())) {
        emit seatChanged(QString::fromStdString(seat));
    }
}

void LiveSession::onLost(const std::string& seat) {
    if (room_.lost(seat)) {
        emit seatChanged(QString::fromStdString(seat));
    }
}

void LiveSession::onJournal(const std::string& seat, const sync::JournalEvents& batch) {
    const auto through = intake_.takenThrough(batch.sittingId);
    if (batch.firstSequence > through + 1 && service_.hub()) {
        // Events the console took while no live room was open: from the replica.
        takeIn(seat, batch.sittingId, parsed(service_.hub()->journal(batch.sittingId)));
        return;
    }
    takeIn(seat, batch.sittingId, parsed(batch.events));
}

void LiveSession::takeIn(const std::string& seat, const std::string& sittingId,
                         std::vector<exam::SittingEvent> events) {
    if (room_.journal(seat, events)) {
        emit seatChanged(QString::fromStdString(seat));
    }
    const auto grew = intake_.take(
        sittingId, events, [this](const exam::SittingHeader& header) { return ownerOf(header); },
        service_.clockNowMs());
    if (grew && *grew == session().id) {
        refreshUnread();
        emit incidentsChanged();
    }
}

void LiveSession::catchUp() {
    auto* hub = service_.hub();
    if (!hub) {
        return;
    }
    for (const auto& sitting : hub->sittings()) {
        if (!room_.seat(sitting.seat)) {
            continue;
        }
        if (intake_.takenThrough(sitting.sittingId) >= sitting.head.sequence) {
            auto events = parsed(hub->journal(sitting.sittingId));
            room_.journal(sitting.seat, events); // last answer saved, whether it ended
            continue;
        }
        takeIn(sitting.seat, sitting.sittingId, parsed(hub->journal(sitting.sittingId)));
    }
}

std::optional<SittingOwner> LiveSession::ownerOf(const exam::SittingHeader& header) const {
    const auto* seat = room_.seat(header.seat);
    if (!seat) {
        return std::nullopt;
    }
    // The kiosk's sitting is this session's when its assignment named this session, or when
    // this session's plan seats that candidate at that PC.
    if (header.sessionId != session().id &&
        seat->registrationNumber != header.candidateRegistration) {
        return std::nullopt;
    }
    return SittingOwner{session().id,
                        {seat->seat, seat->candidateName, header.candidateRegistration}};
}

void LiveSession::refreshUnread() {
    const auto counts = intake_.unreadBySeat(session().id);
    std::vector<std::string> labels;
    for (const auto& seat : room_.seats()) {
        labels.push_back(seat.seat);
    }
    for (const auto& label : labels) {
        const auto found = counts.find(label);
        if (room_.setUnread(label, found == counts.end() ? 0 : found->second)) {
            emit seatChanged(QString::fromStdString(label));
        }
    }
}

std::vector<UnreadIncident> LiveSession::unread() {
    return intake_.unread(session().id);
}

std::vector<IncidentEntry> LiveSession::historyOf(const std::string& seat) {
    std::vector<IncidentEntry> entries;
    for (auto& entry : desk_.incidents().entries()) {
        const auto& subjects = entry.incident.subjects;
        if (std::any_of(subjects.begin(), subjects.end(),
                        [&](const IncidentSubject& subject) { return subject.seat == seat; })) {
            entries.push_back(std::move(entry));
        }
    }
    return entries;
}

std::vector<IncidentEntry> LiveSession::unreadEntries() {
    std::set<std::uint64_t> unread;
    for (const auto& entry : intake_.unread(session().id)) {
        unread.insert(entry.sequence);
    }
    std::vector<IncidentEntry> entries;
    for (auto& entry : desk_.incidents().entries()) {
        if (unread.contains(entry.sequence)) {
            entries.push_back(std::move(entry));
        }
    }
    return entries;
}

ConsoleResult<Done> LiveSession::markRead(std::uint64_t sequence) {
    if (auto allowed = service_.sessions().open(by_, session().id); !allowed) {
        return allowed.error();
    }
    auto read = intake_.markRead(session().id, sequence, by_.userId(), service_.clockNowMs());
    if (!read) {
        return refusal(ConsoleError::UnknownSession,
                       "incident " + std::to_string(sequence) + " is not unread");
    }
    refreshUnread();
    emit incidentsChanged();
    return Done{};
}

std::string LiveSession::bodyFor(SeatAction action, const LiveSeat& seat,
                                 const ActionDetails& details, std::string& whyNot) {
    switch (action) {
    case SeatAction::Deliver: {
        auto issued = service_.issueAssignment(by_, session().id, seat.seat);
        if (!issued) {
            whyNot = describe(issued.error());
            return {};
        }
        return sync::deliverAssignmentBody(issued.value().signedBytes);
    }
    case SeatAction::Launch: {
        std::string digest;
        for (const auto& assessment : session().assessments) {
            if (assessment.metadata.id == seat.assessmentId) {
                digest = assessment.packageDigest;
            }
        }
        std::optional<crypto::SigningPublicKey> kioskKey;
        for (const auto& kiosk : service_.enrolledKiosks()) {
            if (kiosk.seat == seat.seat) {
                kioskKey = kiosk.key;
            }
        }
        auto package = service_.packages().fileBytes(by_, digest);
        if (!package || !kioskKey) {
            whyNot = !kioskKey ? seat.seat + " is not enrolled"
                               : "the package of " + seat.assessmentId + " is not in the console";
            return {};
        }
        const auto& centre = service_.centre();
        auto body = sync::launchBodyFor(package.value(), centre.awardingBodySigningKey(),
                                        centre.id(), centre.boxKeys(), *kioskKey);
        if (!body) {
            whyNot = "the package's content key cannot be opened: " + exam::describe(body.error());
            return {};
        }
        return std::move(body).value();
    }
    case SeatAction::Pause:
        return sync::reasonBody(details.reason.empty() ? "paused by the invigilator"
                                                       : details.reason);
    case SeatAction::Resume:
        return "{}";
    case SeatAction::ExtraTime:
        return sync::extraTimeBody(details.minutes, details.reason);
    case SeatAction::Void:
        return sync::reasonBody(details.reason);
    case SeatAction::AuthoriseResume:
        return sync::authoriseResumeBody(by_.userId());
    }
    return "{}";
}

ConsoleResult<std::vector<SeatActionResult>> LiveSession::act(SeatAction action,
                                                              const std::vector<std::string>& seats,
                                                              const ActionDetails& details) {
    if (auto allowed = service_.sessions().open(by_, session().id); !allowed) {
        return allowed.error();
    }
    if (auto missing = checkDetails(action, details); !missing.empty()) {
        return refusal(ConsoleError::ReasonRequired, missing);
    }
    std::string detailText;
    if (action == SeatAction::ExtraTime) {
        detailText = std::to_string(details.minutes) + " min, " + details.reason;
    } else if (!details.reason.empty()) {
        detailText = details.reason;
    }
    const auto sentMs = service_.clockNowMs();
    std::string seatList;
    std::vector<SeatActionResult> results;
    for (const auto& label : seats) {
        SeatActionResult result{label, action, ActionOutcome::NotSent, {}, {}};
        const auto* seat = room_.seat(label);
        if (!seat) {
            result.reason = label + " is not in this session's seating plan";
        } else if (seat->state == SeatState::NotConnected) {
            result.outcome = ActionOutcome::NotConnected;
            result.reason = label + " is not connected";
        } else if (auto why = whyNot(action, *seat); !why.empty()) {
            result.reason = why;
        } else {
            std::string cannot;
            auto body = bodyFor(action, *seat, details, cannot);
            if (!cannot.empty()) {
                result.reason = cannot;
            } else {
                ConsoleService* service = &service_;
                auto sent = service_.hub()->sendCommand(
                    label, commandOf(action), std::move(body),
                    [service, label](const sync::CommandResult& answer) {
                        service->pushAnswer(label, answer);
                    });
                if (!sent) {
                    result.outcome = ActionOutcome::NotConnected;
                    result.reason = sync::describe(sent.error());
                } else {
                    result.outcome = ActionOutcome::Sent;
                    result.commandId = sent.value().commandId;
                    pending_[result.commandId] = {result, detailText, sentMs};
                }
            }
        }
        if (result.outcome != ActionOutcome::Sent) {
            record(result, detailText, sentMs);
        }
        outcomes_[label] = result;
        seatList +=
            (seatList.empty() ? "" : ", ") + label + " " + std::string(labelOf(result.outcome));
        results.push_back(std::move(result));
    }
    AdminLog(service_.store().db())
        .append({sentMs, by_.userId(), "live-" + std::string(codeOf(action)), session().id,
                 seatList + (detailText.empty() ? "" : " (" + detailText + ")")});
    return results;
}

void LiveSession::onAnswer(const std::string& seat, const sync::CommandResult& answer) {
    const auto found = pending_.find(answer.commandId);
    if (found == pending_.end()) {
        return;
    }
    auto pending = std::move(found->second);
    pending_.erase(found);
    auto& result = pending.result;
    result.outcome = answer.applied ? ActionOutcome::Applied : ActionOutcome::Refused;
    result.reason = answer.reason;
    record(result, pending.details, pending.sentMs);
    outcomes_[seat] = result;
    if (answer.applied && result.action == SeatAction::Launch) {
        if (room_.setLaunched(seat)) {
            emit seatChanged(QString::fromStdString(seat));
        }
        openOnFirstLaunch(seat);
    }
    emit seatAnswered(QString::fromStdString(seat));
}

void LiveSession::openOnFirstLaunch(const std::string& seat) {
    auto current = service_.sessions().open(by_, session().id);
    if (!current || current.value().state != SessionState::Planned) {
        return;
    }
    if (service_.sessions().start(by_, session().id, "the first launch, at " + seat)) {
        emit sessionOpened();
    }
}

void LiveSession::record(const SeatActionResult& result, const std::string& details,
                         std::int64_t sentMs) {
    Incident incident;
    incident.kind = IncidentKind::Other;
    incident.scope = IncidentScope::OneCandidate;
    IncidentSubject subject{result.seat, {}, {}};
    if (const auto* seat = room_.seat(result.seat)) {
        subject.candidateName = seat->candidateName;
        subject.registration = seat->registrationNumber;
    }
    incident.subjects = {subject};
    incident.occurredMs = sentMs;
    incident.recordedBy = by_.userId();
    incident.description =
        "From the console: " + describe(result) + (details.empty() ? "" : " (" + details + ")");
    if (desk_.incidents().record(incident, service_.clockNowMs())) {
        emit incidentsChanged();
    }
}

} // namespace vigil::console

namespace vigil::console {

ConsoleResult<MoveOutcome> LiveSession::moveSitting(const std::string& fromSeat,
                                                    const std::string& toSeat,
                                                    bool oldPcConfirmedDead) {
    if (auto allowed = service_.sessions().open(by_, session().id); !allowed) {
        return allowed.error();
    }
    auto* hub = service_.hub();
    if (!hub) {
        return refusal(ConsoleError::LinkUnavailable, "the LAN link is not running");
    }
    const auto* seat = room_.seat(fromSeat);
    if (!seat) {
        return refusal(ConsoleError::InvalidSession,
                       fromSeat + " is not in this session's seating plan");
    }
    if (seat->sittingId.empty()) {
        return refusal(ConsoleError::InvalidSession, "no sitting has started at " + fromSeat);
    }
    if (toSeat == fromSeat) {
        return refusal(ConsoleError::InvalidSession, "the spare PC must be another PC");
    }
    if (running_.contains(fromSeat)) {
        return refusal(ConsoleError::WrongSessionState,
                       "the sitting at " + fromSeat + " is already moving");
    }
    std::optional<crypto::SigningPublicKey> spareKey;
    for (const auto& kiosk : service_.enrolledKiosks()) {
        if (kiosk.seat == toSeat) {
            spareKey = kiosk.key;
        }
    }
    if (!spareKey) {
        return refusal(ConsoleError::NoKioskAtSeat, toSeat + " is not enrolled");
    }
    bool spareConnected = false;
    for (const auto& live : hub->room()) {
        if (live.seat == toSeat) {
            spareConnected = live.connected;
        }
    }
    if (!spareConnected) {
        return refusal(ConsoleError::LinkUnavailable, toSeat + " is not connected");
    }
    auto issued = service_.issueAssignment(by_, session().id, fromSeat, toSeat);
    if (!issued) {
        return issued.error();
    }
    std::string digest;
    for (const auto& assessment : session().assessments) {
        if (assessment.metadata.id == seat->assessmentId) {
            digest = assessment.packageDigest;
        }
    }
    auto package = service_.packages().fileBytes(by_, digest);
    if (!package) {
        return refusal(ConsoleError::UnknownPackage,
                       "the package of " + seat->assessmentId + " is not in the console");
    }
    const auto& centre = service_.centre();
    auto contentKey = exam::unsealContentKey(package.value(), centre.awardingBodySigningKey(),
                                             centre.id(), centre.boxKeys());
    if (!contentKey) {
        return refusal(ConsoleError::PackageNotForCentre,
                       "the package's content key cannot be opened: " +
                           exam::describe(contentKey.error()));
    }
    auto sealed = exam::sealContentKeyToKiosk(contentKey.value(), *spareKey);
    if (!sealed) {
        return refusal(ConsoleError::PackageNotForCentre, exam::describe(sealed.error()));
    }
    // The spare joins the room's plan, so the live room follows the candidate there and the
    // invigilator can act on that seat.
    if (!room_.seat(toSeat)) {
        auto placed = desk_.seating().placeSpare(session().id, toSeat);
        if (!placed) {
            return refusal(
                ConsoleError::InvalidSession,
                toSeat + " cannot join the seating plan: " + std::string(describe(placed.error())));
        }
        recordAt(fromSeat,
                 "From the console: the spare " + toSeat + " put on the seating plan at row " +
                     std::to_string(placed.value().row + 1) + ", place " +
                     std::to_string(placed.value().column + 1),
                 service_.clockNowMs());
        reloadPlan();
        seat = room_.seat(fromSeat); // the room's seats were made anew
    }
    sync::MoveRequest request;
    request.sittingId = seat->sittingId;
    request.toSeat = toSeat;
    request.assignment = std::move(issued).value().signedBytes;
    request.sealedContentKey = std::move(sealed).value();
    request.oldPcConfirmedDead = oldPcConfirmedDead;
    auto move = std::make_unique<sync::SittingMove>(*hub, std::move(request));
    const auto stage = move->step();
    MoveOutcome outcome{fromSeat, toSeat, stageText(stage), move->reason(), false};
    running_[fromSeat] = std::move(move);
    moves_[fromSeat] = outcome;
    const auto nowMs = service_.clockNowMs();
    const std::string what = "move of the sitting from " + fromSeat + " to " + toSeat +
                             (oldPcConfirmedDead ? " (the old PC confirmed dead)" : "");
    recordAt(fromSeat, "From the console: " + what + " started", nowMs);
    AdminLog(service_.store().db())
        .append({nowMs, by_.userId(), "live-move", session().id, fromSeat + " to " + toSeat});
    stepMoves(); // a move refused at once ends now
    if (!running_.empty()) {
        moveTicks_.start();
    }
    return moves_[fromSeat];
}

void LiveSession::stepMoves() {
    for (auto it = running_.begin(); it != running_.end();) {
        const auto stage = it->second->step();
        auto& outcome = moves_[it->first];
        const auto text = stageText(stage);
        const bool ended = stage == sync::MoveStage::Moved || stage == sync::MoveStage::Refused;
        if (text == outcome.stage && !ended) {
            ++it;
            continue;
        }
        outcome.stage = text;
        outcome.reason = it->second->reason();
        const auto seat = it->first;
        if (ended) {
            outcome.finished = true;
            const auto description = "From the console: move of the sitting from " + seat + " to " +
                                     outcome.toSeat + ": " + text +
                                     (outcome.reason.empty() ? "" : ": " + outcome.reason);
            const auto nowMs = service_.clockNowMs();
            recordAt(seat, description, nowMs);
            recordAt(outcome.toSeat, description, nowMs);
            if (stage == sync::MoveStage::Moved && room_.setMovedAway(seat, outcome.toSeat)) {
                emit seatChanged(QString::fromStdString(seat));
                emit seatChanged(QString::fromStdString(outcome.toSeat)); // now the candidate's
            }
            it = running_.erase(it);
        } else {
            ++it;
        }
        emit seatAnswered(QString::fromStdString(seat));
    }
    if (running_.empty()) {
        moveTicks_.stop();
    }
}

// The console is the witness (issue 11): a kiosk whose store is behind the replica (restored
// from an older copy, deleted) has stopped, and the session's incident log says so, for the
// invigilator's decision and for the record the awarding body reads.
void LiveSession::noteStoreBehind(const std::string& seat, const sync::KioskStatus& status) {
    // The console's own words and numbers (the kiosk's problem text advises the person at the
    // PC): which sitting, and how far the console's replica holds it.
    std::string held;
    if (auto* hub = service_.hub()) {
        for (const auto& sitting : hub->sittings()) {
            if (sitting.sittingId == status.sittingId) {
                held = " (the console holds it up to event " +
                       std::to_string(sitting.head.sequence) + ")";
            }
        }
    }
    noteOnce(seat, seat + "'s store is behind the console's record of sitting " + status.sittingId +
                       held + ": restored from an older copy, or deleted");
}

// What the link found wrong with a seat of this room (a store behind the replica, a journal
// batch refused) goes into the session's incident log as an IT failure, once: the kiosk says
// it again with every heartbeat or resend, and a console started again finds it in the log.
void LiveSession::noteOnce(const std::string& seat, const std::string& description) {
    if (!room_.seat(seat) || !noted_.insert(description).second) {
        return; // a PC of another session's room, or noted already
    }
    for (const auto& entry : desk_.incidents().entries()) {
        if (entry.incident.description == description) {
            return;
        }
    }
    recordAt(seat, description, service_.clockNowMs(), IncidentKind::ItFailure);
}

void LiveSession::recordAt(const std::string& seatLabel, const std::string& description,
                           std::int64_t atMs, IncidentKind kind) {
    Incident incident;
    incident.kind = kind;
    incident.scope = IncidentScope::OneCandidate;
    IncidentSubject subject{seatLabel, {}, {}};
    if (const auto* seat = room_.seat(seatLabel)) {
        subject.candidateName = seat->candidateName;
        subject.registration = seat->registrationNumber;
    }
    incident.subjects = {subject};
    incident.occurredMs = atMs;
    incident.recordedBy = by_.userId();
    incident.description = description;
    if (desk_.incidents().record(incident, service_.clockNowMs())) {
        emit incidentsChanged();
    }
}

} // namespace vigil::console

namespace vigil::console {

ConsoleResult<Session>
LiveSession::closeSession(const std::map<std::string, std::string>& explanations) {
    auto current = service_.sessions().open(by_, session().id);
    if (!current) {
        return current.error();
    }
    const auto seats = seatsAtClose(room_, explanations);
    if (current.value().state == SessionState::Planned) {
        // Never opened: no launch from this console. Nobody sat: it closes as it stands, never
        // opened. Somebody sat (launched elsewhere, e.g. `vigil-pack assign`): the room ran, so
        // it is opened now, saying why, then closed.
        if (auto unresolved = checkSeatsResolved(seats)) {
            return *unresolved;
        }
        const bool somebodySat = std::any_of(seats.begin(), seats.end(), [](const auto& seat) {
            return seat.outcome != SeatOutcome::Explained;
        });
        if (somebodySat) {
            auto started = service_.sessions().start(
                by_, session().id, "at the close: seats sat without a launch from this console");
            if (!started) {
                return started.error();
            }
        }
    }
    auto closed = service_.sessions().close(by_, session().id, seats);
    if (!closed) {
        return closed.error();
    }
    const auto nowMs = service_.clockNowMs();
    for (const auto& seat : seats) {
        if (seat.outcome == SeatOutcome::Explained) {
            recordAt(seat.seat, "Explained at the session's close: " + seat.explanation, nowMs);
        }
    }
    return closed;
}

} // namespace vigil::console
