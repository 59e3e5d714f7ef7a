#include "vigil/console/incident_log.h"

#include "vigil/store/database.h"

#include <algorithm>
#include <cstring>

namespace vigil::console {
namespace {

template <std::size_t N> std::array<std::uint8_t, N> fixed(const std::vector<std::uint8_t>& blob) {
    std::array<std::uint8_t, N> out{};
    std::memcpy(out.data(), blob.data(), std::min(blob.size(), N));
    return out;
}

constexpr std::string_view kSelectEntries =
    "SELECT sequence, time_ms, signer_key_id, previous_hash, payload, signature "
    "FROM console_incidents WHERE session_id = ? ORDER BY sequence";

crypto::ChainEntry entryFrom(const store::Statement& row) {
    crypto::ChainEntry entry;
    entry.sequence = static_cast<std::uint64_t>(row.int64(0));
    entry.timeMs = row.int64(1);
    entry.signerKeyId = fixed<8>(row.blob(2));
    entry.previousHash = fixed<32>(row.blob(3));
    entry.payload = row.blob(4);
    entry.signature = fixed<64>(row.blob(5));
    return entry;
}

} // namespace

std::vector<IncidentEntry> readIncidents(std::span<const crypto::ChainEntry> chain) {
    std::vector<IncidentEntry> entries;
    for (const auto& link : chain) {
        auto decoded = decodeIncidentPayload(link.payload);
        if (!decoded) {
            continue;
        }
        entries.push_back({link.sequence, link.timeMs, std::move(decoded.value().incident), {}});
    }
    for (const auto& entry : entries) {
        if (!entry.incident.corrects) {
            continue;
        }
        for (auto& corrected : entries) {
            if (corrected.sequence == *entry.incident.corrects &&
                corrected.sequence < entry.sequence) {
                corrected.correctedBy = entry.sequence;
            }
        }
    }
    return entries;
}

std::string_view IncidentLog::schemaSql() noexcept {
    // Append-only: the triggers refuse to rewrite or delete an entry, so a correction can only
    // be a new entry. A flag is the coordinator's reading state, not part of the signed log.
    return R"sql(
CREATE TABLE console_incidents (
    session_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    signer_key_id BLOB NOT NULL,
    previous_hash BLOB NOT NULL,
    payload BLOB NOT NULL,
    signature BLOB NOT NULL,
    PRIMARY KEY (session_id, sequence)
);
CREATE TRIGGER console_incidents_no_update BEFORE UPDATE ON console_incidents
BEGIN SELECT RAISE(ABORT, 'incident entries are never rewritten: record a correction'); END;
CREATE TRIGGER console_incidents_no_delete BEFORE DELETE ON console_incidents
BEGIN SELECT RAISE(ABORT, 'incident entries are never deleted: record a correction'); END;
CREATE TABLE console_malpractice_flags (
    session_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    raised_ms INTEGER NOT NULL,
    read_by TEXT,
    read_at_ms INTEGER,
    PRIMARY KEY (session_id, sequence)
);
)sql";
}

IncidentLog::IncidentLog(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
                         std::string sessionId)
    : db_(db)
    , keys_(consoleKeys)
    , sessionId_(std::move(sessionId)) {}

std::vector<crypto::ChainEntry> IncidentLog::chain() const {
    std::vector<crypto::ChainEntry> entries;
    auto& select = db_.cached(kSelectEntries);
    select.bind(1, sessionId_);
    while (select.step()) {
        entries.push_back(entryFrom(select));
    }
    select.reset();
    return entries;
}

std::vector<IncidentEntry> IncidentLog::entries() const {
    return readIncidents(chain());
}

crypto::ChainVerdict IncidentLog::verify() const {
    return crypto::verifyChain(chain(), keys_.publicKey);
}

RecordResult<IncidentEntry> IncidentLog::record(const Incident& incident, std::int64_t nowMs) {
    if (auto valid = validate(incident); !valid) {
        return valid.error();
    }
    const auto stored = chain();
    if (incident.corrects &&
        std::none_of(stored.begin(), stored.end(), [&](const crypto::ChainEntry& entry) {
            return entry.sequence == *incident.corrects;
        })) {
        return RecordFailure(RecordError::UnknownIncident, incident.corrects);
    }
    const auto verdict = crypto::verifyChain(stored, keys_.publicKey);
    if (!verdict.intact) {
        return RecordFailure(RecordError::BrokenChain, verdict.firstBrokenSequence,
                             "the session's incident log no longer verifies at entry " +
                                 std::to_string(verdict.firstBrokenSequence.value_or(0)) + " (" +
                                 verdict.reason + "): nothing more is added to it");
    }
    std::optional<crypto::ChainEntry> last;
    if (!stored.empty()) {
        last = stored.back();
    }
    crypto::HashChainWriter writer(keys_, last);
    const auto entry = writer.append(incidentPayload(incident, sessionId_), nowMs);
    db_.transaction([&] {
        auto& insert = db_.cached(
            "INSERT INTO console_incidents (session_id, sequence, time_ms, signer_key_id, "
            "previous_hash, payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, sessionId_)
            .bind(2, static_cast<std::int64_t>(entry.sequence))
            .bind(3, entry.timeMs)
            .bindBlob(4, entry.signerKeyId)
            .bindBlob(5, entry.previousHash)
            .bindBlob(6, entry.payload)
            .bindBlob(7, entry.signature);
        insert.run();
        if (incident.kind == IncidentKind::SuspectedMalpractice) {
            auto& flag = db_.cached("INSERT INTO console_malpractice_flags "
                                    "(session_id, sequence, raised_ms) VALUES (?, ?, ?)");
            flag.bind(1, sessionId_)
                .bind(2, static_cast<std::int64_t>(entry.sequence))
                .bind(3, nowMs);
            flag.run();
        }
    });
    return IncidentEntry{entry.sequence, entry.timeMs, incident, {}};
}

RecordResult<IncidentEntry> IncidentLog::correct(std::uint64_t sequence, Incident corrected,
                                                 std::int64_t nowMs) {
    corrected.corrects = sequence;
    return record(corrected, nowMs);
}

std::vector<MalpracticeFlag> unreadMalpracticeFlags(store::Database& db) {
    std::vector<MalpracticeFlag> flags;
    auto select = db.prepare(
        "SELECT f.session_id, f.sequence, f.raised_ms, i.payload FROM console_malpractice_flags f "
        "JOIN console_incidents i ON i.session_id = f.session_id AND i.sequence = f.sequence "
        "WHERE f.read_at_ms IS NULL ORDER BY f.raised_ms, f.session_id, f.sequence");
    while (select.step()) {
        auto decoded = decodeIncidentPayload(select.blob(3));
        if (!decoded) {
            continue;
        }
        flags.push_back({select.text(0), static_cast<std::uint64_t>(select.int64(1)),
                         select.int64(2), std::move(decoded.value().incident)});
    }
    return flags;
}

RecordResult<RecordDone> markRowRead(store::Database& db, std::string_view table,
                                     std::string_view sessionId, std::uint64_t sequence,
                                     std::string_view readBy, std::int64_t nowMs) {
    if (readBy.empty()) {
        return RecordFailure(RecordError::MissingRecorder);
    }
    auto update = db.prepare("UPDATE " + std::string(table) +
                             " SET read_by = ?, read_at_ms = ? "
                             "WHERE session_id = ? AND sequence = ? AND read_at_ms IS NULL");
    update.bind(1, readBy)
        .bind(2, nowMs)
        .bind(3, sessionId)
        .bind(4, static_cast<std::int64_t>(sequence));
    update.run();
    if (db.changes() == 0) {
        return RecordFailure(RecordError::UnknownIncident, sequence);
    }
    return RecordDone{};
}

RecordResult<RecordDone> markMalpracticeFlagRead(store::Database& db, std::string_view sessionId,
                                                 std::uint64_t sequence, std::string_view readBy,
                                                 std::int64_t nowMs) {
    return markRowRead(db, "console_malpractice_flags", sessionId, sequence, readBy, nowMs);
}

} // namespace vigil::console
