#include "vigil/exam/sitting_journal.h"

#include "event_json.h"
#include "json_fields.h"
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <QJsonArray>
#include <algorithm>
#include <array>

namespace vigil::exam {

namespace {

using detail::corrupt;
using detail::hexField;
using detail::qs;

constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE sittings (
    sitting_id TEXT PRIMARY KEY NOT NULL,
    candidate_registration TEXT NOT NULL,
    centre_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    assessment_version TEXT NOT NULL,
    state TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    sealed_result BLOB
);
CREATE TABLE sitting_events (
    sitting_id TEXT NOT NULL REFERENCES sittings(sitting_id),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    kind TEXT NOT NULL,
    time_used_ms INTEGER NOT NULL,
    wall_ms INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (sitting_id, sequence)
) WITHOUT ROWID;
)sql";

constexpr std::string_view kHeadSchemaSql = R"sql(
ALTER TABLE sittings ADD COLUMN head_sequence INTEGER;
ALTER TABLE sittings ADD COLUMN head_hash BLOB;
ALTER TABLE sittings ADD COLUMN head_signer BLOB;
ALTER TABLE sittings ADD COLUMN head_signature BLOB;
)sql";

constexpr const char* kExportFormat = "vigil-sitting-journal";
constexpr int kExportVersion = 2;

[[noreturn]] void broken(const JournalLinkFailure& failure) {
    throw SittingError(SittingErrorCode::CorruptJournal,
                       "The sitting journal is damaged: " + std::string(describe(failure.error)) +
                           " (" + failure.detail + ")",
                       failure.error);
}

// The whole journal, from its genesis: one chain ending exactly at the signed head.
void verifyWhole(const std::string& sittingId, std::span<const SittingEvent> events,
                 const SignedJournalHead& head, const crypto::SigningPublicKey& signer) {
    JournalVerifier verifier(sittingId, signer);
    if (auto verified = verifier.extend(events, head); !verified) {
        broken(verified.error());
    }
}

template <std::size_t N>
bool copyBlob(const std::vector<std::uint8_t>& blob, std::array<std::uint8_t, N>& out) {
    if (blob.size() != N) {
        return false;
    }
    std::copy(blob.begin(), blob.end(), out.begin());
    return true;
}

} // namespace

std::string_view sittingSchemaSql() noexcept {
    return kSchemaSql;
}

std::string_view sittingHeadSchemaSql() noexcept {
    return kHeadSchemaSql;
}

SittingJournal::SittingJournal(store::Database& db, std::string sittingId)
    : db_(db)
    , sittingId_(std::move(sittingId)) {}

bool SittingJournal::exists() {
    auto query = db_.prepare("SELECT 1 FROM sittings WHERE sitting_id = ?");
    query.bind(1, sittingId_);
    return query.step();
}

std::vector<SittingEvent> SittingJournal::load() {
    return loadFrom(0);
}

std::vector<SittingEvent> SittingJournal::loadFrom(std::int64_t first, std::size_t maxCount) {
    // The primary key (sitting_id, sequence) makes this a range scan from `first`.
    auto query = db_.prepare("SELECT sequence, event FROM sitting_events WHERE sitting_id = ? "
                             "AND sequence >= ? ORDER BY sequence LIMIT ?");
    query.bind(1, sittingId_)
        .bind(2, first)
        .bind(3, maxCount > std::size_t(INT64_MAX) ? std::int64_t(-1) : std::int64_t(maxCount));
    std::vector<SittingEvent> events;
    while (query.step()) {
        auto event = parseEventJson(query.text(1));
        if (event.sequence != query.int64(0)) {
            corrupt("event " + std::to_string(query.int64(0)) + " carries sequence " +
                    std::to_string(event.sequence));
        }
        events.push_back(std::move(event));
    }
    return events;
}

std::optional<SignedJournalHead> SittingJournal::signedHead() {
    auto query = db_.prepare("SELECT head_sequence, head_hash, head_signer, head_signature "
                             "FROM sittings WHERE sitting_id = ?");
    query.bind(1, sittingId_);
    if (!query.step() || query.isNull(0)) {
        return std::nullopt;
    }
    SignedJournalHead head;
    head.sittingId = sittingId_;
    head.head.sequence = query.int64(0);
    if (!copyBlob(query.blob(1), head.head.hash) || !copyBlob(query.blob(2), head.signer) ||
        !copyBlob(query.blob(3), head.signature)) {
        corrupt("its signed head is malformed");
    }
    return head;
}

std::vector<SittingEvent> SittingJournal::loadVerified(const crypto::SigningPublicKey& kiosk) {
    auto events = load();
    const auto head = signedHead();
    if (events.empty() && !head) {
        throw SittingError(SittingErrorCode::SittingNotFound,
                           "There is no sitting '" + sittingId_ + "'");
    }
    if (!head) {
        corrupt("it has no signed head (it was written before journals were signed, or the "
                "head was removed)");
    }
    verifyWhole(sittingId_, events, *head, kiosk);
    return events;
}

void SittingJournal::append(std::span<const SittingEvent> events, SittingState newState,
                            const SignedJournalHead& head,
                            std::span<const std::uint8_t> sealedResult) {
    if (events.empty()) {
        return;
    }
    db_.transaction([&] {
        const auto& first = events.front();
        if (first.kind == EventKind::Created) {
            const auto& header = *first.header;
            auto insert = db_.prepare(
                "INSERT INTO sittings (sitting_id, candidate_registration, centre_id, seat, "
                "assessment_id, assessment_version, state, event_count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0)");
            insert.bind(1, sittingId_)
                .bind(2, header.candidateRegistration)
                .bind(3, header.centreId)
                .bind(4, header.seat)
                .bind(5, header.assessmentId)
                .bind(6, header.assessmentVersion)
                .bind(7, toString(newState));
            insert.run();
        }
        auto insertEvent = db_.prepare(
            "INSERT INTO sitting_events (sitting_id, sequence, kind, time_used_ms, wall_ms, event) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& event : events) {
            insertEvent.reset();
            insertEvent.bind(1, sittingId_)
                .bind(2, event.sequence)
                .bind(3, toString(event.kind))
                .bind(4, event.timeUsedMs)
                .bind(5, event.wallMs)
                .bind(6, canonicalEventJson(event));
            insertEvent.run();
        }
        auto update = db_.prepare(
            sealedResult.empty()
                ? "UPDATE sittings SET state = ?, event_count = ?, head_sequence = ?, "
                  "head_hash = ?, head_signer = ?, head_signature = ? WHERE sitting_id = ?"
                : "UPDATE sittings SET state = ?, event_count = ?, head_sequence = ?, "
                  "head_hash = ?, head_signer = ?, head_signature = ?, sealed_result = ? "
                  "WHERE sitting_id = ?");
        update.bind(1, toString(newState))
            .bind(2, events.back().sequence + 1)
            .bind(3, head.head.sequence)
            .bindBlob(4, head.head.hash)
            .bindBlob(5, head.signer)
            .bindBlob(6, head.signature);
        if (sealedResult.empty()) {
            update.bind(7, sittingId_);
        } else {
            update.bindBlob(7, sealedResult).bind(8, sittingId_);
        }
        update.run();
        for (const auto& event : events) {
            if (event.kind == EventKind::SittingMovedHere) {
                // The sitting is now sat at this PC's seat: the seat's rule finds it here.
                auto moved = db_.prepare("UPDATE sittings SET seat = ? WHERE sitting_id = ?");
                moved.bind(1, event.text).bind(2, sittingId_);
                moved.run();
            }
        }
    });
}

std::optional<std::vector<std::uint8_t>> SittingJournal::sealedResult() {
    auto query = db_.prepare("SELECT sealed_result FROM sittings WHERE sitting_id = ?");
    query.bind(1, sittingId_);
    if (!query.step() || query.isNull(0)) {
        return std::nullopt;
    }
    return query.blob(0);
}

std::vector<SittingSummary> SittingJournal::list(store::Database& db) {
    auto query = db.prepare("SELECT sitting_id, candidate_registration, seat, assessment_id, "
                            "state, event_count FROM sittings ORDER BY sitting_id");
    std::vector<SittingSummary> summaries;
    while (query.step()) {
        const auto state = sittingStateFromString(query.text(4));
        if (!state) {
            corrupt("unknown state '" + query.text(4) + "'");
        }
        summaries.push_back(
            {query.text(0), query.text(1), query.text(2), query.text(3), *state, query.int64(5)});
    }
    return summaries;
}

std::vector<std::uint8_t> exportJournal(store::Database& db, const std::string& sittingId) {
    SittingJournal journal(db, sittingId);
    const auto head = journal.signedHead();
    if (!journal.exists()) {
        throw SittingError(SittingErrorCode::SittingNotFound,
                           "There is no sitting '" + sittingId + "' to export");
    }
    if (!head) {
        corrupt("it has no signed head");
    }
    const auto events = journal.loadVerified(head->signer);
    QJsonArray array;
    for (const auto& event : events) {
        array.append(detail::eventToJson(event));
    }
    const QJsonObject signedHead{
        {"sequence", static_cast<qint64>(head->head.sequence)},
        {"hash", QString::fromStdString(crypto::toHex(head->head.hash))},
        {"signer", QString::fromStdString(crypto::toHex(head->signer))},
        {"signature", QString::fromStdString(crypto::toHex(head->signature))},
    };
    const QJsonObject document{
        {"format", kExportFormat},
        {"version", kExportVersion},
        {"sittingId", QString::fromStdString(sittingId)},
        {"head", signedHead},
        {"events", array},
    };
    const auto json = detail::compactJson(document);
    return {json.begin(), json.end()};
}

namespace {

struct VerifiedDocument {
    std::string sittingId;
    SignedJournalHead head;
    std::vector<SittingEvent> events;
    SittingSnapshot snapshot;
};

// The document read, its chain and head checked against trustedSigner and its events replayed:
// nothing is stored.
VerifiedDocument verifiedDocument(std::span<const std::uint8_t> document,
                                  const crypto::SigningPublicKey& trustedSigner) {
    const auto object = detail::parseObject(
        std::string_view(reinterpret_cast<const char*>(document.data()), document.size()));
    if (object.value("format").toString() != QLatin1String(kExportFormat) ||
        object.value("version").toInt() != kExportVersion) {
        corrupt("this is not a Vigil sitting journal (version 2)");
    }
    VerifiedDocument out;
    out.sittingId = object.value("sittingId").toString().toStdString();
    const auto headObject = object.value("head").toObject();
    out.head.sittingId = out.sittingId;
    out.head.head.sequence = headObject.value("sequence").toInteger(-1);
    if (out.sittingId.empty() || !hexField(headObject, "hash", out.head.head.hash) ||
        !hexField(headObject, "signer", out.head.signer) ||
        !hexField(headObject, "signature", out.head.signature)) {
        corrupt("it has no sitting id or no signed head");
    }
    for (const auto& element : object.value("events").toArray()) {
        out.events.push_back(detail::eventFromJson(element.toObject()));
    }
    verifyWhole(out.sittingId, out.events, out.head, trustedSigner);
    out.snapshot = replay(out.events);
    if (out.snapshot.header.sittingId != out.sittingId) {
        corrupt("its events belong to sitting '" + out.snapshot.header.sittingId + "'");
    }
    return out;
}

// SittingExists (a Fork when the stored journal differs at a sequence both hold) when the store
// already has the sitting: nothing is ever overwritten.
void requireAbsent(SittingJournal& journal, std::span<const SittingEvent> events) {
    if (!journal.exists()) {
        return;
    }
    const auto& sittingId = journal.sittingId();
    const auto local = journal.load();
    const auto common = std::min(local.size(), events.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (chainHashOf(local[i]) != chainHashOf(events[i])) {
            throw SittingError(SittingErrorCode::SittingExists,
                               "Sitting '" + sittingId +
                                   "' is already in this store and "
                                   "differs from this journal from event " +
                                   std::to_string(i) + " on",
                               JournalLinkError::Fork);
        }
    }
    throw SittingError(SittingErrorCode::SittingExists,
                       "Sitting '" + sittingId + "' is already in this store");
}

} // namespace

std::string importJournal(store::Database& db, std::span<const std::uint8_t> document,
                          const crypto::SigningPublicKey& trustedSigner,
                          const crypto::SigningKeyPair& localKeys) {
    const auto verified = verifiedDocument(document, trustedSigner);
    SittingJournal journal(db, verified.sittingId);
    requireAbsent(journal, verified.events);
    journal.append(verified.events, verified.snapshot.state,
                   signJournalHead(verified.sittingId, verified.head.head, localKeys));
    return verified.sittingId;
}

SittingSnapshot readJournalDocument(std::span<const std::uint8_t> document,
                                    const crypto::SigningPublicKey& trustedSigner) {
    return verifiedDocument(document, trustedSigner).snapshot;
}

std::string importMovedJournal(store::Database& db, std::span<const std::uint8_t> document,
                               const crypto::SigningPublicKey& trustedSigner,
                               const crypto::SigningKeyPair& localKeys,
                               const MoveArrival& arrival) {
    auto verified = verifiedDocument(document, trustedSigner);
    SittingJournal journal(db, verified.sittingId);
    requireAbsent(journal, verified.events);
    SittingEvent arrived;
    arrived.sequence = verified.head.head.sequence + 1;
    arrived.kind = EventKind::SittingMovedHere;
    arrived.timeUsedMs = verified.snapshot.timeUsedMs; // time does not run while it moves
    arrived.wallMs = arrival.wallMs;
    arrived.text = arrival.seat;
    arrived.actor = arrival.actor;
    arrived.previousHash = verified.head.head.hash;
    applyEvent(verified.snapshot, arrived); // IllegalTransition for a sitting not under way
    const auto head = headAfter(verified.head.head, std::span(&arrived, 1));
    verified.events.push_back(std::move(arrived));
    // One transaction: the journal as it came, then its arrival here, signed by this PC.
    journal.append(verified.events, verified.snapshot.state,
                   signJournalHead(verified.sittingId, head, localKeys));
    return verified.sittingId;
}

std::vector<std::uint8_t> journalDocument(std::span<const std::string> canonicalEvents,
                                          const SignedJournalHead& head) {
    QJsonArray array;
    for (const auto& canonical : canonicalEvents) {
        array.append(detail::eventToJson(parseEventJson(canonical)));
    }
    const QJsonObject signedHead{
        {"sequence", static_cast<qint64>(head.head.sequence)},
        {"hash", QString::fromStdString(crypto::toHex(head.head.hash))},
        {"signer", QString::fromStdString(crypto::toHex(head.signer))},
        {"signature", QString::fromStdString(crypto::toHex(head.signature))},
    };
    const QJsonObject document{
        {"format", kExportFormat},
        {"version", kExportVersion},
        {"sittingId", QString::fromStdString(head.sittingId)},
        {"head", signedHead},
        {"events", array},
    };
    const auto json = detail::compactJson(document);
    return {json.begin(), json.end()};
}

} // namespace vigil::exam
