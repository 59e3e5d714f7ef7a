#include "vigil/console/kiosk_incidents.h"

#include "vigil/sync/console_command.h"

namespace vigil::console {
namespace {

bool startsWith(const std::string& text, std::string_view prefix) {
    return text.rfind(prefix, 0) == 0;
}

Incident atSeat(IncidentKind kind, const IncidentSubject& subject, const exam::SittingEvent& event,
                std::string description) {
    Incident incident;
    incident.kind = kind;
    incident.scope = IncidentScope::OneCandidate;
    incident.subjects = {subject};
    incident.occurredMs = event.wallMs;
    incident.recordedBy = "kiosk " + subject.seat;
    incident.description = std::move(description);
    if (incident.description.size() > kMaxDescriptionChars) {
        incident.description.resize(kMaxDescriptionChars);
    }
    return incident;
}

std::string byWhom(const exam::SittingEvent& event) {
    return event.actor.empty() ? std::string() : " by " + event.actor;
}

} // namespace

std::optional<Incident> incidentFromEvent(const exam::SittingEvent& event,
                                          const IncidentSubject& subject) {
    using exam::EventKind;
    if (sync::isCommandId(event.actor)) {
        return std::nullopt; // the console's own command: recorded when it was sent
    }
    switch (event.kind) {
    case EventKind::IncidentNoted: {
        const auto& text = event.text;
        auto kind = IncidentKind::Other;
        if (startsWith(text, "lockdown:")) {
            kind = text.find("focus") != std::string::npos ? IncidentKind::KioskFocusLoss
                                                           : IncidentKind::KioskDeniedProgram;
        } else if (startsWith(text, "problem reported")) {
            kind = IncidentKind::KioskProblemReport;
        } else if (startsWith(text, "reader used")) {
            kind = IncidentKind::ReaderUsed;
        }
        return atSeat(kind, subject, event, text);
    }
    case EventKind::Interrupted:
        return atSeat(IncidentKind::KioskCrashAndResume, subject, event,
                      "sitting interrupted: " + event.text);
    case EventKind::EarlySubmissionConfirmed:
        return atSeat(IncidentKind::KioskEarlySubmission, subject, event,
                      "submitted with " + std::to_string(event.number) + " unanswered");
    case EventKind::Paused:
        return atSeat(IncidentKind::Other, subject, event,
                      "paused at the seat" + byWhom(event) +
                          (event.text.empty() ? "" : ": " + event.text));
    case EventKind::ExtraTimeGranted:
        return atSeat(IncidentKind::Other, subject, event,
                      std::to_string(event.number / 60) + " min extra time given at the seat" +
                          byWhom(event) + (event.text.empty() ? "" : ": " + event.text));
    case EventKind::Voided:
        return atSeat(IncidentKind::Other, subject, event,
                      "voided at the seat" + byWhom(event) +
                          (event.text.empty() ? "" : ": " + event.text));
    default:
        return std::nullopt;
    }
}

std::string_view KioskIncidentIntake::schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_live_sittings (
    sitting_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    candidate_name TEXT NOT NULL,
    registration TEXT NOT NULL,
    taken_through INTEGER NOT NULL
);
CREATE TABLE console_unread_incidents (
    session_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    seat TEXT NOT NULL,
    read_by TEXT,
    read_at_ms INTEGER,
    PRIMARY KEY (session_id, sequence)
);
)sql";
}

KioskIncidentIntake::KioskIncidentIntake(store::Database& db,
                                         const crypto::SigningKeyPair& consoleKeys)
    : db_(db)
    , keys_(consoleKeys) {}

std::int64_t KioskIncidentIntake::takenThrough(const std::string& sittingId) {
    auto select =
        db_.prepare("SELECT taken_through FROM console_live_sittings WHERE sitting_id = ?");
    select.bind(1, sittingId);
    return select.step() ? select.int64(0) : -1;
}

std::optional<std::string> KioskIncidentIntake::take(const std::string& sittingId,
                                                     std::span<const exam::SittingEvent> events,
                                                     const OwnerOf& ownerOf, std::int64_t nowMs) {
    std::optional<SittingOwner> owner;
    std::int64_t through = -1;
    {
        auto select = db_.prepare("SELECT session_id, seat, candidate_name, registration, "
                                  "taken_through FROM console_live_sittings WHERE sitting_id = ?");
        select.bind(1, sittingId);
        if (select.step()) {
            owner = SittingOwner{select.text(0), {select.text(1), select.text(2), select.text(3)}};
            through = select.int64(4);
        }
    }
    bool grew = false;
    db_.transaction([&] {
        for (const auto& event : events) {
            if (event.sequence <= through) {
                continue;
            }
            if (event.sequence != through + 1) {
                break; // a gap: the caller sends from the replica
            }
            if (event.kind == exam::EventKind::Created && event.header) {
                owner = ownerOf(*event.header);
                if (!owner) {
                    break; // no session of this console (yet): taken when its session opens
                }
                db_.prepare("INSERT OR REPLACE INTO console_live_sittings (sitting_id, session_id, "
                            "seat, candidate_name, registration, taken_through) "
                            "VALUES (?, ?, ?, ?, ?, -1)")
                    .bind(1, sittingId)
                    .bind(2, owner->sessionId)
                    .bind(3, owner->subject.seat)
                    .bind(4, owner->subject.candidateName)
                    .bind(5, owner->subject.registration)
                    .run();
            }
            if (!owner) {
                break; // the header never came: nothing can be placed
            }
            through = event.sequence;
            const auto incident = incidentFromEvent(event, owner->subject);
            if (!incident) {
                continue;
            }
            auto recorded = IncidentLog(db_, keys_, owner->sessionId).record(*incident, nowMs);
            if (!recorded) {
                continue; // a log that no longer verifies takes nothing (its own refusal)
            }
            db_.prepare("INSERT INTO console_unread_incidents (session_id, sequence, seat) "
                        "VALUES (?, ?, ?)")
                .bind(1, owner->sessionId)
                .bind(2, static_cast<std::int64_t>(recorded.value().sequence))
                .bind(3, owner->subject.seat)
                .run();
            grew = true;
        }
        if (owner) {
            db_.prepare("UPDATE console_live_sittings SET taken_through = ? WHERE sitting_id = ?")
                .bind(1, through)
                .bind(2, sittingId)
                .run();
        }
    });
    if (grew) {
        return owner->sessionId;
    }
    return std::nullopt;
}

std::vector<UnreadIncident> KioskIncidentIntake::unread(const std::string& sessionId) {
    std::vector<UnreadIncident> unread;
    auto select = db_.prepare("SELECT sequence, seat FROM console_unread_incidents "
                              "WHERE session_id = ? AND read_at_ms IS NULL ORDER BY sequence");
    select.bind(1, sessionId);
    while (select.step()) {
        unread.push_back({static_cast<std::uint64_t>(select.int64(0)), select.text(1)});
    }
    return unread;
}

std::map<std::string, int> KioskIncidentIntake::unreadBySeat(const std::string& sessionId) {
    std::map<std::string, int> counts;
    for (const auto& entry : unread(sessionId)) {
        ++counts[entry.seat];
    }
    return counts;
}

RecordResult<RecordDone> KioskIncidentIntake::markRead(const std::string& sessionId,
                                                       std::uint64_t sequence,
                                                       const std::string& readBy,
                                                       std::int64_t nowMs) {
    return markRowRead(db_, "console_unread_incidents", sessionId, sequence, readBy, nowMs);
}

} // namespace vigil::console
