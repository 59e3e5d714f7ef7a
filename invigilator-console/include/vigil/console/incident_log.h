#pragma once

#include "vigil/console/incident.h"
#include "vigil/console/record_error.h"
#include "vigil/crypto/hash_chain.h"
#include "vigil/crypto/signing.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::store {
class Database;
}

namespace vigil::console {

// One entry of a session's log as people read it.
struct IncidentEntry {
    std::uint64_t sequence = 0;
    std::int64_t recordedMs = 0; // when it was written (the chain entry's time)
    Incident incident;
    std::optional<std::uint64_t> correctedBy; // the latest entry that corrects this one
};

// Reads chain entries as incidents, in order, each knowing the entry that corrected it.
// Entries whose payload is not an incident are left out (verifyRecord reports them).
[[nodiscard]] std::vector<IncidentEntry> readIncidents(std::span<const crypto::ChainEntry> chain);

// A suspected malpractice that the centre coordinator has not yet read.
struct MalpracticeFlag {
    std::string sessionId;
    std::uint64_t sequence = 0;
    std::int64_t raisedMs = 0;
    Incident incident;
};

// A session's incident log: crypto/'s hash chain, each entry signed by the console's key,
// kept in the console's one encrypted store. Entries are only ever appended (the table refuses
// UPDATE and DELETE); a correction is a new entry naming the one it corrects, so the original
// stays readable. Before each append the stored chain is verified: a log someone altered in the
// store gets nothing added and reports BrokenChain.
class IncidentLog {
public:
    // The tables this log needs, for the console's migrations.
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    // Keeps references to db and consoleKeys, which must outlive the log.
    IncidentLog(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
                std::string sessionId);
    IncidentLog(store::Database&, crypto::SigningKeyPair&&, std::string) = delete;

    [[nodiscard]] RecordResult<IncidentEntry> record(const Incident& incident, std::int64_t nowMs);
    // Appends `corrected` as a correction of entry `sequence` (its `corrects` is set here).
    [[nodiscard]] RecordResult<IncidentEntry> correct(std::uint64_t sequence, Incident corrected,
                                                      std::int64_t nowMs);

    [[nodiscard]] std::vector<crypto::ChainEntry> chain() const; // for the record
    [[nodiscard]] std::vector<IncidentEntry> entries() const;
    [[nodiscard]] crypto::ChainVerdict verify() const;
    [[nodiscard]] const std::string& sessionId() const noexcept { return sessionId_; }

private:
    store::Database& db_;
    const crypto::SigningKeyPair& keys_;
    std::string sessionId_;
};

// Suspected malpractice of every session the coordinator has not read, oldest first.
[[nodiscard]] std::vector<MalpracticeFlag> unreadMalpracticeFlags(store::Database& db);
// Marks one unread row of `table` (a table keyed by session_id and sequence, with read_by and
// read_at_ms) read by `readBy` at nowMs: MissingRecorder without a reader, UnknownIncident when
// no unread row has that key. The one way every "unread" list of the console is marked read.
[[nodiscard]] RecordResult<RecordDone> markRowRead(store::Database& db, std::string_view table,
                                                   std::string_view sessionId,
                                                   std::uint64_t sequence, std::string_view readBy,
                                                   std::int64_t nowMs);
// Marks a flag read by the coordinator; UnknownIncident if there is no such flag.
[[nodiscard]] RecordResult<RecordDone>
markMalpracticeFlagRead(store::Database& db, std::string_view sessionId, std::uint64_t sequence,
                        std::string_view readBy, std::int64_t nowMs);

} // namespace vigil::console
