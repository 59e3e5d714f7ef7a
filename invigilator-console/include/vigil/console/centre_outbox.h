#pragma once

#include "vigil/crypto/hash_chain.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/store/database.h"
#include "vigil/sync/outbox.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The console's side of the centre's outbox (sync/outbox.h): where the awarding body's
// receiver is, what the console's own paths put in the outbox, and what the screens show.
namespace vigil::console {

// The awarding body's receiver as the coordinator sets it up: the host its certificate names,
// its port, and its key as `vigil-syncd init` prints it (pinned).
struct ReceiverSettings {
    std::string host;
    std::uint16_t port = 8443;
    crypto::SigningPublicKey key{};
};

// What the outbox screen shows.
struct OutboxStatus {
    std::vector<sync::OutboxItem> waiting; // oldest first
    std::optional<std::int64_t> oldestAgeMs;
    std::size_t overADay = 0; // waiting longer than a day: the screen warns
    std::optional<sync::StoredReceipt> lastReceipt;
    std::size_t receipts = 0;
};

// SQL for the console store's migration: sync::Outbox's tables and the receiver's settings.
[[nodiscard]] std::string_view outboxSchemaSql();

[[nodiscard]] std::optional<ReceiverSettings> loadReceiverSettings(store::Database& db);
void saveReceiverSettings(store::Database& db, const ReceiverSettings& settings);

// The outbox on this store, verifying receipts under the configured receiver key (before one
// is set, an all-zero key that verifies nothing: items queue, nothing can be cleared).
[[nodiscard]] sync::Outbox outboxOn(store::Database& db, const std::string& centreId);

[[nodiscard]] OutboxStatus outboxStatus(sync::Outbox& outbox, std::int64_t nowMs);

// A sitting's signed journal head as the item the awarding body receives: compact JSON with
// sorted keys {"head","kiosk","sequence","signature","sitting"} (hex), which
// exam::journalHeadSignedBytes lets anyone check against the kiosk's key.
[[nodiscard]] std::vector<std::uint8_t> journalHeadItem(const exam::SignedJournalHead& head);

// Queues the head of every sitting the console's journal replica holds (a head already queued
// or delivered adds nothing: same bytes, same id). How many heads were new.
std::size_t queueJournalHeads(store::Database& db, sync::Outbox& outbox, std::int64_t nowMs);

// A signed incident-log entry as the item the awarding body receives: compact JSON with sorted
// keys {"payload" (the incident's canonical JSON), "previousHash", "sequence", "session",
// "signature", "signerKeyId", "timeMs"}, checkable with crypto/'s hash-chain signed bytes and
// the console's key.
[[nodiscard]] std::vector<std::uint8_t> incidentReportItem(const std::string& sessionId,
                                                           const crypto::ChainEntry& entry);

// Queues every suspected question problem and kiosk problem report (ProblemReport) and
// suspected malpractice
// (MalpracticeReport) in every session's incident log, a correction included (its own entry).
// An entry already queued or delivered adds nothing. How many were new.
std::size_t queueIncidentReports(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
                                 sync::Outbox& outbox, std::int64_t nowMs);

} // namespace vigil::console
