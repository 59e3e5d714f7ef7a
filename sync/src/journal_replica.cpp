#include "vigil/sync/journal_replica.h"

#include "vigil/crypto/hash.h"
#include "vigil/exam/sitting_error.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <span>

namespace vigil::sync {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> arrayOf(const std::vector<std::uint8_t>& blob) {
    std::array<std::uint8_t, N> out{};
    if (blob.size() == N) {
        std::memcpy(out.data(), blob.data(), N);
    }
    return out;
}

ReplicaRefusal refusal(exam::JournalLinkError error, std::int64_t sequence, std::string reason) {
    return {error, sequence, std::move(reason)};
}

} // namespace

std::optional<ReplicaRefusal> JournalReplica::firstDifference(const JournalEvents& batch,
                                                              std::size_t count) {
    auto& stored =
        db_.cached("SELECT canonical FROM replica_events WHERE sitting_id = ? AND sequence = ?");
    for (std::size_t i = 0; i < count; ++i) {
        const auto sequence = batch.firstSequence + std::int64_t(i);
        stored.bind(1, batch.sittingId).bind(2, sequence);
        const bool same = stored.step() && stored.text(0) == batch.events[i];
        stored.reset();
        if (!same) {
            return refusal(exam::JournalLinkError::Fork, sequence,
                           "sitting " + batch.sittingId + ": event " + std::to_string(sequence) +
                               " differs from the one already received (a fork)");
        }
    }
    return std::nullopt;
}

std::string_view JournalReplica::schemaSql() noexcept {
    return R"sql(
CREATE TABLE replica_sittings (
    sitting_id TEXT PRIMARY KEY,
    seat TEXT NOT NULL,
    kiosk_key BLOB NOT NULL,
    head_sequence INTEGER NOT NULL,
    head_hash BLOB NOT NULL,
    head_signature BLOB NOT NULL
);
CREATE TABLE replica_events (
    sitting_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (sitting_id, sequence)
);
)sql";
}

JournalReplica::JournalReplica(store::Database& db)
    : db_(db) {}

exam::Checked<std::int64_t, ReplicaRefusal>
JournalReplica::receive(const std::string& seat, const crypto::SigningPublicKey& kioskKey,
                        const JournalEvents& batch) {
    using exam::JournalLinkError;
    const auto lastSequence = batch.firstSequence + std::int64_t(batch.events.size()) - 1;
    exam::SignedJournalHead signedHead;
    signedHead.sittingId = batch.sittingId;
    signedHead.signer = kioskKey;
    signedHead.head.sequence = lastSequence;
    if (batch.events.empty() || !crypto::fromHex(batch.headHex, signedHead.head.hash) ||
        !crypto::fromHex(batch.signatureHex, signedHead.signature)) {
        return refusal(JournalLinkError::HeadMismatch, batch.firstSequence,
                       "a journal batch without events or with a malformed head");
    }

    std::vector<exam::SittingEvent> events;
    events.reserve(batch.events.size());
    for (std::size_t i = 0; i < batch.events.size(); ++i) {
        const auto sequence = batch.firstSequence + std::int64_t(i);
        try {
            auto event = exam::parseEventJson(batch.events[i]);
            // The replica keeps the kiosk's bytes: they must be the canonical form, or the two
            // copies could differ while meaning the same.
            if (event.sequence != sequence || exam::canonicalEventJson(event) != batch.events[i]) {
                return refusal(JournalLinkError::BrokenLink, sequence,
                               "event " + std::to_string(sequence) +
                                   " is not in its canonical form or has the wrong sequence");
            }
            events.push_back(std::move(event));
        } catch (const exam::SittingError& error) {
            return refusal(JournalLinkError::BrokenLink, sequence,
                           "event " + std::to_string(sequence) +
                               " cannot be read: " + error.what());
        }
    }

    auto& held = db_.cached("SELECT seat, kiosk_key, head_sequence, head_hash FROM "
                            "replica_sittings WHERE sitting_id = ?");
    held.bind(1, batch.sittingId);
    std::optional<exam::JournalHead> verified;
    if (held.step()) {
        const auto heldSeat = held.text(0);
        const auto heldKey = arrayOf<32>(held.blob(1));
        verified = exam::JournalHead{held.int64(2), arrayOf<32>(held.blob(3))};
        held.reset();
        const auto moved = hasHandoverTable() ? handover(batch.sittingId) : std::nullopt;
        if (moved && moved->fromKey == kioskKey && moved->toKey != kioskKey) {
            // What the old PC gave before the move, sent again (it connected anew, an ack was
            // lost), must be what is held.
            const auto givenBefore = std::size_t(std::clamp<std::int64_t>(
                moved->atSequence - batch.firstSequence + 1, 0, std::int64_t(batch.events.size())));
            if (auto fork = firstDifference(batch, givenBefore)) {
                return *fork;
            }
            // After the hand-over a PC that was dead writes only its own bookkeeping of it (an
            // Interrupted on its restart, the SittingMoved it is told): acknowledged, never
            // kept. Anything else (an answer the console never had) is refused, and so logged.
            const auto afterMove = std::span(events).subspan(givenBefore);
            const auto bookkeeping = std::all_of(
                afterMove.begin(), afterMove.end(), [](const exam::SittingEvent& event) {
                    using enum exam::EventKind;
                    return event.kind == Interrupted || event.kind == SittingMoved ||
                           event.kind == Checkpoint;
                });
            if (bookkeeping) {
                return lastSequence;
            }
            return refusal(JournalLinkError::WrongSigner, batch.firstSequence,
                           "sitting " + batch.sittingId + " moved from " + moved->fromSeat +
                               " to " + moved->toSeat + "; " + seat +
                               "'s events after the move are not part of it (what was done at " +
                               seat + " after the console last heard from it)");
        }
        if (heldKey != kioskKey && !(moved && moved->toKey == kioskKey)) {
            return refusal(JournalLinkError::WrongSigner, batch.firstSequence,
                           "sitting " + batch.sittingId + " came from " + heldSeat +
                               " with another key; " + seat + " cannot extend it");
        }
    } else {
        held.reset();
    }

    // Events the replica already holds (a resend after a lost ack) must be the same bytes.
    std::size_t skip = 0;
    if (verified && batch.firstSequence <= verified->sequence) {
        skip = std::min(batch.events.size(),
                        std::size_t(verified->sequence - batch.firstSequence + 1));
        if (auto fork = firstDifference(batch, skip)) {
            return *fork;
        }
        if (skip == batch.events.size()) {
            return verified->sequence;
        }
    }

    // Verify the rest from the held head (or the start).
    exam::JournalVerifier verifier =
        verified ? exam::JournalVerifier(batch.sittingId, kioskKey, *verified)
                 : exam::JournalVerifier(batch.sittingId, kioskKey);
    const std::span<const exam::SittingEvent> fresh(events.data() + skip, events.size() - skip);
    auto extended = verifier.extend(fresh, signedHead);
    if (!extended) {
        const auto& failure = extended.error();
        return refusal(failure.error, failure.sequence,
                       "sitting " + batch.sittingId + " from " + seat + ": " + failure.detail);
    }

    db_.transaction([&] {
        auto& insert = db_.cached(
            "INSERT INTO replica_events (sitting_id, sequence, canonical) VALUES (?, ?, ?)");
        for (std::size_t i = skip; i < batch.events.size(); ++i) {
            insert.bind(1, batch.sittingId)
                .bind(2, batch.firstSequence + std::int64_t(i))
                .bind(3, batch.events[i])
                .run();
            insert.reset();
        }
        if (verified) {
            // The seat and key follow a hand-over with the new PC's first batch.
            db_.cached("UPDATE replica_sittings SET head_sequence = ?, head_hash = ?, "
                       "head_signature = ?, seat = ?, kiosk_key = ? WHERE sitting_id = ?")
                .bind(1, lastSequence)
                .bindBlob(2, signedHead.head.hash)
                .bindBlob(3, signedHead.signature)
                .bind(4, seat)
                .bindBlob(5, kioskKey)
                .bind(6, batch.sittingId)
                .run();
        } else {
            db_.cached("INSERT INTO replica_sittings (sitting_id, seat, kiosk_key, head_sequence, "
                       "head_hash, head_signature) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(1, batch.sittingId)
                .bind(2, seat)
                .bindBlob(3, kioskKey)
                .bind(4, lastSequence)
                .bindBlob(5, signedHead.head.hash)
                .bindBlob(6, signedHead.signature)
                .run();
        }
    });
    return lastSequence;
}

std::string_view JournalReplica::handoverSchemaSql() noexcept {
    return R"sql(
CREATE TABLE replica_handovers (
    sitting_id TEXT PRIMARY KEY,
    from_seat TEXT NOT NULL,
    from_key BLOB NOT NULL,
    to_seat TEXT NOT NULL,
    to_key BLOB NOT NULL,
    at_sequence INTEGER NOT NULL,
    old_pc_told INTEGER NOT NULL
);
)sql";
}

bool JournalReplica::hasHandoverTable() {
    auto& query = db_.cached(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'replica_handovers'");
    const bool present = query.step();
    query.reset();
    return present;
}

void JournalReplica::recordHandover(const std::string& sittingId, const std::string& toSeat,
                                    const crypto::SigningPublicKey& toKey, bool oldPcTold) {
    auto& held = db_.cached(
        "SELECT seat, kiosk_key, head_sequence FROM replica_sittings WHERE sitting_id = ?");
    held.bind(1, sittingId);
    if (!held.step()) {
        held.reset();
        return;
    }
    const auto fromSeat = held.text(0);
    const auto fromKey = held.blob(1);
    const auto atSequence = held.int64(2);
    held.reset();
    // A sitting moved again (the spare PC failed too) keeps only its latest hand-over.
    db_.cached("DELETE FROM replica_handovers WHERE sitting_id = ?").bind(1, sittingId).run();
    db_.cached("INSERT INTO replica_handovers (sitting_id, from_seat, from_key, to_seat, to_key, "
               "at_sequence, old_pc_told) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, sittingId)
        .bind(2, fromSeat)
        .bindBlob(3, fromKey)
        .bind(4, toSeat)
        .bindBlob(5, toKey)
        .bind(6, atSequence)
        .bind(7, std::int64_t(oldPcTold ? 1 : 0))
        .run();
}

void JournalReplica::cancelHandover(const std::string& sittingId) {
    db_.cached("DELETE FROM replica_handovers WHERE sitting_id = ?").bind(1, sittingId).run();
}

void JournalReplica::markOldPcTold(const std::string& sittingId) {
    db_.cached("UPDATE replica_handovers SET old_pc_told = 1 WHERE sitting_id = ?")
        .bind(1, sittingId)
        .run();
}

namespace {

// The columns handoverFrom() reads, in its order.
#define VIGIL_HANDOVER_SELECT                                                                      \
    "SELECT sitting_id, from_seat, from_key, to_seat, to_key, at_sequence, old_pc_told FROM "      \
    "replica_handovers "

JournalReplica::Handover handoverFrom(store::Statement& row) {
    return {row.text(0),
            row.text(1),
            arrayOf<32>(row.blob(2)),
            row.text(3),
            arrayOf<32>(row.blob(4)),
            row.int64(5),
            row.int64(6) != 0};
}

} // namespace

std::optional<JournalReplica::Handover> JournalReplica::handover(const std::string& sittingId) {
    auto& query = db_.cached(VIGIL_HANDOVER_SELECT "WHERE sitting_id = ?");
    query.bind(1, sittingId);
    std::optional<Handover> found;
    if (query.step()) {
        found = handoverFrom(query);
    }
    query.reset();
    return found;
}

std::vector<JournalReplica::Handover> JournalReplica::untoldOldPcs() {
    std::vector<Handover> all;
    auto& query =
        db_.cached(VIGIL_HANDOVER_SELECT "WHERE old_pc_told = 0 ORDER BY from_seat, sitting_id");
    while (query.step()) {
        all.push_back(handoverFrom(query));
    }
    query.reset();
    return all;
}

std::vector<JournalReplica::Handover>
JournalReplica::handoversFrom(const crypto::SigningPublicKey& oldKey) {
    std::vector<Handover> all;
    if (!hasHandoverTable()) {
        return all;
    }
    auto& query = db_.cached(VIGIL_HANDOVER_SELECT "WHERE from_key = ? ORDER BY sitting_id");
    query.bindBlob(1, oldKey);
    while (query.step()) {
        all.push_back(handoverFrom(query));
    }
    query.reset();
    return all;
}

std::int64_t JournalReplica::acknowledged(const std::string& sittingId) {
    auto& query = db_.cached("SELECT head_sequence FROM replica_sittings WHERE sitting_id = ?");
    query.bind(1, sittingId);
    const std::int64_t sequence = query.step() ? query.int64(0) : -1;
    query.reset();
    return sequence;
}

std::vector<ReplicaSitting> JournalReplica::sittings() {
    std::vector<ReplicaSitting> all;
    auto& query = db_.cached("SELECT sitting_id, seat, kiosk_key, head_sequence, head_hash "
                             "FROM replica_sittings ORDER BY seat, sitting_id");
    while (query.step()) {
        all.push_back({query.text(0),
                       query.text(1),
                       arrayOf<32>(query.blob(2)),
                       {query.int64(3), arrayOf<32>(query.blob(4))}});
    }
    query.reset();
    return all;
}

std::vector<std::string> JournalReplica::events(const std::string& sittingId) {
    std::vector<std::string> all;
    auto& query =
        db_.cached("SELECT canonical FROM replica_events WHERE sitting_id = ? ORDER BY sequence");
    query.bind(1, sittingId);
    while (query.step()) {
        all.push_back(query.text(0));
    }
    query.reset();
    return all;
}

std::optional<exam::SignedJournalHead> JournalReplica::signedHead(const std::string& sittingId) {
    auto& query = db_.cached("SELECT kiosk_key, head_sequence, head_hash, head_signature FROM "
                             "replica_sittings WHERE sitting_id = ?");
    query.bind(1, sittingId);
    std::optional<exam::SignedJournalHead> head;
    if (query.step()) {
        head = exam::SignedJournalHead{sittingId,
                                       {query.int64(1), arrayOf<32>(query.blob(2))},
                                       arrayOf<32>(query.blob(0)),
                                       arrayOf<64>(query.blob(3))};
    }
    query.reset();
    return head;
}

} // namespace vigil::sync

#undef VIGIL_HANDOVER_SELECT
