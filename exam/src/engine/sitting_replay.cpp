#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"

#include <algorithm>
#include <iterator>

namespace vigil::exam {

bool SittingEvent::operator==(const SittingEvent& other) const {
    const bool sameHeader =
        header == other.header || (header && other.header && *header == *other.header);
    return sameHeader && sequence == other.sequence && kind == other.kind &&
           timeUsedMs == other.timeUsedMs && wallMs == other.wallMs && itemId == other.itemId &&
           choiceIds == other.choiceIds && flagged == other.flagged && position == other.position &&
           number == other.number && actor == other.actor && text == other.text &&
           previousHash == other.previousHash;
}

std::optional<SittingAction> transitionOf(EventKind kind) noexcept {
    switch (kind) {
    case EventKind::InvigilatorVerified:
        return SittingAction::VerifyInvigilator;
    case EventKind::CandidateConfirmed:
        return SittingAction::ConfirmCandidate;
    case EventKind::Started:
        return SittingAction::Start;
    case EventKind::Paused:
        return SittingAction::Pause;
    case EventKind::Resumed:
        return SittingAction::Resume;
    case EventKind::Interrupted:
        return SittingAction::Interrupt;
    case EventKind::ResumeAuthorised:
        return SittingAction::AuthoriseResume;
    case EventKind::Submitted:
        return SittingAction::Submit;
    case EventKind::TimedOut:
        return SittingAction::TimeOut;
    case EventKind::Resulted:
        return SittingAction::IssueResult;
    case EventKind::Voided:
        return SittingAction::Void;
    case EventKind::SittingMoved:
        return SittingAction::MoveAway;
    case EventKind::SittingMovedHere:
        return SittingAction::MoveHere;
    default:
        return std::nullopt;
    }
}

namespace {

// The longest sitting a package may carry, and the most extra time one grant gives: a journal
// from elsewhere (an import, a moved sitting) cannot push the timer's milliseconds to overflow.
constexpr std::int64_t kOneDaySeconds = 24 * 60 * 60;

[[noreturn]] void failReplay(SittingErrorCode code, const std::string& message) {
    throw SittingError(code, message);
}

std::string describe(const SittingSnapshot& snapshot, EventKind kind) {
    return std::string(toString(kind)) + " is not allowed while the sitting is " +
           std::string(toString(snapshot.state));
}

void requireState(const SittingSnapshot& snapshot, EventKind kind,
                  std::initializer_list<SittingState> allowed) {
    if (std::find(allowed.begin(), allowed.end(), snapshot.state) == allowed.end()) {
        failReplay(SittingErrorCode::IllegalTransition, describe(snapshot, kind));
    }
}

int positionOf(const SittingHeader& header, const std::string& itemId) {
    for (std::size_t i = 0; i < header.order.size(); ++i) {
        if (header.order[i].itemId == itemId) {
            return static_cast<int>(i);
        }
    }
    failReplay(SittingErrorCode::UnknownItem, "There is no item '" + itemId + "' in this sitting");
}

void checkAnswer(const SittingSnapshot& snapshot, const SittingEvent& event) {
    const int position = positionOf(snapshot.header, event.itemId);
    if (snapshot.header.navigation == NavigationMode::Linear && position < snapshot.position) {
        failReplay(SittingErrorCode::NavigationNotAllowed,
                   "This assessment is linear: an earlier question cannot be changed");
    }
    if (event.kind != EventKind::AnswerChanged) {
        return;
    }
    const auto& choices = snapshot.header.order[static_cast<std::size_t>(position)].choiceOrder;
    for (std::size_t i = 0; i < event.choiceIds.size(); ++i) {
        const auto& id = event.choiceIds[i];
        if (std::find(choices.begin(), choices.end(), id) == choices.end()) {
            failReplay(SittingErrorCode::UnknownChoice,
                       "Item '" + event.itemId + "' has no choice '" + id + "'");
        }
        if (std::find(event.choiceIds.begin(), event.choiceIds.begin() + static_cast<long>(i),
                      id) != event.choiceIds.begin() + static_cast<long>(i)) {
            failReplay(SittingErrorCode::InvalidArgument, "Choice '" + id + "' is given twice");
        }
    }
}

// Everything that may make the event illegal, before anything is changed.
void validate(const SittingSnapshot& snapshot, const SittingEvent& event) {
    if (event.sequence != snapshot.lastSequence + 1) {
        failReplay(SittingErrorCode::CorruptJournal,
                   "The sitting journal is damaged: event " + std::to_string(event.sequence) +
                       " follows event " + std::to_string(snapshot.lastSequence));
    }
    if ((event.kind == EventKind::Created) != (snapshot.lastSequence == -1)) {
        failReplay(SittingErrorCode::CorruptJournal,
                   "The sitting journal is damaged: it must start with exactly one Created event");
    }
    if (snapshot.state == SittingState::Moved && event.kind != EventKind::SittingMovedHere) {
        // The PC it left writes nothing more to it, whatever it is asked.
        failReplay(SittingErrorCode::IllegalTransition,
                   std::string(toString(event.kind)) +
                       " is not allowed: the sitting has moved to another PC");
    }
    if (event.timeUsedMs < snapshot.timeUsedMs) {
        failReplay(SittingErrorCode::CorruptJournal,
                   "The sitting journal is damaged: the time used goes backwards at event " +
                       std::to_string(event.sequence));
    }
    if (const auto action = transitionOf(event.kind)) {
        if (!nextState(snapshot.state, *action)) {
            failReplay(SittingErrorCode::IllegalTransition, describe(snapshot, event.kind));
        }
    }
    switch (event.kind) {
    case EventKind::Created:
        if (!event.header || event.header->order.empty()) {
            failReplay(SittingErrorCode::CorruptJournal,
                       "The sitting journal is damaged: the Created event has no items");
        }
        if (event.header->durationSeconds <= 0 || event.header->durationSeconds > kOneDaySeconds) {
            failReplay(
                SittingErrorCode::CorruptJournal,
                "The sitting journal is damaged: its duration is not between 1 second and a day");
        }
        break;
    case EventKind::AnswerChanged:
    case EventKind::FlagChanged:
        requireState(snapshot, event.kind, {SittingState::InProgress});
        checkAnswer(snapshot, event);
        break;
    case EventKind::Navigated:
        requireState(snapshot, event.kind, {SittingState::InProgress});
        if (event.position < 0 ||
            event.position >= static_cast<int>(snapshot.header.order.size())) {
            failReplay(SittingErrorCode::PositionOutOfRange,
                       "There is no question " + std::to_string(event.position + 1));
        }
        if (snapshot.header.navigation == NavigationMode::Linear &&
            event.position < snapshot.position) {
            failReplay(SittingErrorCode::NavigationNotAllowed,
                       "This assessment is linear: it does not go back to an earlier question");
        }
        break;
    case EventKind::Checkpoint:
    case EventKind::EarlySubmissionConfirmed:
        requireState(snapshot, event.kind, {SittingState::InProgress});
        break;
    case EventKind::ExtraTimeGranted:
        requireState(snapshot, event.kind,
                     {SittingState::Locked, SittingState::InvigilatorVerified,
                      SittingState::CandidateConfirmed, SittingState::InProgress,
                      SittingState::Paused, SittingState::Interrupted});
        if (event.number <= 0 || event.number > kOneDaySeconds || event.text.empty() ||
            event.actor.empty()) {
            failReplay(SittingErrorCode::InvalidArgument,
                       "Extra time needs a positive number of seconds "
                       "(at most a day), a reason and who granted it");
        }
        break;
    case EventKind::IncidentNoted:
        if (isFinal(snapshot.state)) {
            failReplay(SittingErrorCode::IllegalTransition, describe(snapshot, event.kind));
        }
        if (event.text.empty()) {
            failReplay(SittingErrorCode::InvalidArgument, "An incident note cannot be empty");
        }
        break;
    case EventKind::IncidentsReviewed:
        if (isFinal(snapshot.state)) {
            failReplay(SittingErrorCode::IllegalTransition, describe(snapshot, event.kind));
        }
        if (event.actor.empty()) {
            failReplay(SittingErrorCode::InvalidArgument,
                       "A review of incidents needs who reviewed them");
        }
        if (event.number < snapshot.reviewedThrough || event.number > snapshot.lastSequence) {
            failReplay(SittingErrorCode::CorruptJournal,
                       "The sitting journal is damaged: event " + std::to_string(event.sequence) +
                           " reviews incidents through event " + std::to_string(event.number));
        }
        break;
    case EventKind::ReferenceOpened:
    case EventKind::ReferenceClosed:
        requireState(snapshot, event.kind, {SittingState::InProgress});
        if (event.text.empty()) {
            failReplay(SittingErrorCode::InvalidArgument,
                       std::string(toString(event.kind)) + " needs the reference document's id");
        }
        break;
    case EventKind::SittingMoved:
    case EventKind::SittingMovedHere:
        if (event.text.empty() || event.actor.empty()) {
            failReplay(SittingErrorCode::InvalidArgument,
                       std::string(toString(event.kind)) + " needs the seat and who moved it");
        }
        break;
    case EventKind::Paused:
    case EventKind::Voided:
        if (event.text.empty()) {
            failReplay(SittingErrorCode::InvalidArgument,
                       std::string(toString(event.kind)) + " needs a reason");
        }
        break;
    default:
        break;
    }
}

} // namespace

void checkEvent(const SittingSnapshot& snapshot, const SittingEvent& event) {
    validate(snapshot, event);
}

void applyEvent(SittingSnapshot& snapshot, const SittingEvent& event) {
    validate(snapshot, event);
    if (const auto action = transitionOf(event.kind)) {
        snapshot.state = *nextState(snapshot.state, *action);
    }
    snapshot.lastSequence = event.sequence;
    snapshot.timeUsedMs = event.timeUsedMs;
    if (isIncident(event.kind)) {
        ++snapshot.incidents;
    }
    switch (event.kind) {
    case EventKind::Created:
        snapshot.header = *event.header;
        break;
    case EventKind::Started:
        snapshot.startedWallMs = event.wallMs;
        break;
    case EventKind::AnswerChanged:
        if (event.choiceIds.empty()) {
            snapshot.answers.erase(event.itemId);
        } else {
            snapshot.answers[event.itemId] = event.choiceIds;
        }
        break;
    case EventKind::FlagChanged:
        if (event.flagged) {
            snapshot.flagged.insert(event.itemId);
        } else {
            snapshot.flagged.erase(event.itemId);
        }
        break;
    case EventKind::Navigated:
        snapshot.position = event.position;
        break;
    case EventKind::ExtraTimeGranted:
        snapshot.extraTimeSeconds += event.number;
        break;
    case EventKind::Submitted:
        snapshot.submittedWallMs = event.wallMs;
        break;
    case EventKind::TimedOut:
        snapshot.submittedWallMs = event.wallMs;
        snapshot.timedOut = true;
        break;
    case EventKind::Voided:
        snapshot.voidReason = event.text;
        break;
    case EventKind::IncidentsReviewed:
        snapshot.reviewedThrough = event.number;
        break;
    case EventKind::SittingMoved:
        snapshot.movedToSeat = event.text;
        break;
    case EventKind::SittingMovedHere:
        snapshot.movedToSeat.clear();
        break;
    default:
        break;
    }
}

bool awaitsReview(const SittingEvent& event, std::int64_t reviewedThrough) noexcept {
    return event.kind == EventKind::IncidentNoted && event.sequence > reviewedThrough;
}

std::vector<SittingEvent> unreviewedIncidents(std::span<const SittingEvent> events) {
    std::int64_t reviewedThrough = -1;
    for (const auto& event : events) {
        if (event.kind == EventKind::IncidentsReviewed) {
            reviewedThrough = event.number;
        }
    }
    std::vector<SittingEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                 [&](const SittingEvent& event) { return awaitsReview(event, reviewedThrough); });
    return out;
}

SittingSnapshot replay(std::span<const SittingEvent> events) {
    SittingSnapshot snapshot;
    for (const auto& event : events) {
        applyEvent(snapshot, event);
    }
    if (events.empty()) {
        throw SittingError(SittingErrorCode::CorruptJournal, "The sitting journal is empty");
    }
    return snapshot;
}

} // namespace vigil::exam
