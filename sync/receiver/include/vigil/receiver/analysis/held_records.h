#pragma once

#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/exam/result_record.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/receiver/receiver_store.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

// What the receiver holds, read back as records the awarding body can report on and analyse.
// The receiver stores items without opening them; this is where they are opened: result
// records only with the awarding body's box key, the rest from what is in clear.
//
// In clear (no key needed): each item's centre, kind and arrival (the receipt); a journal head
// (sitting, sequence, head hash, the kiosk's public key and signature: the console's JSON,
// centre_outbox.h); an invigilation record (signed by the console, not sealed: session, room,
// date, times, time zone, invigilators and their PIN references, candidates and PCs).
// Sealed to the awarding body: the whole result record (candidate, assessment, times, score).
namespace vigil::receiver::analysis {

// How far a result record could be read.
enum class ResultStanding {
    Sealed,       // no box key given: nothing of it can be read
    Unopened,     // the key given does not open it (another key, or damaged)
    Unverifiable, // opened, but no journal head from the console names the kiosk key it cites
    BadSignature, // opened, and the kiosk's signature does not verify (or its JSON is damaged)
    Verified,     // opened and signed by the kiosk the console's journal heads name
};
// "sealed", "not opened", "kiosk unknown", "bad signature", "verified": the report's column.
[[nodiscard]] std::string_view describe(ResultStanding standing) noexcept;

struct HeldResult {
    ItemId itemId{};
    std::string centreId; // the centre that uploaded it (its receipt)
    std::int64_t receivedAtMs = 0;
    ResultStanding standing = ResultStanding::Sealed;
    // Set from Unverifiable on: the record as the kiosk wrote it (read, even when its signature
    // cannot be checked, so the analysis still sees it; the report says how far it is trusted).
    std::optional<exam::ResultRecord> record;
};

struct HeldJournalHead {
    ItemId itemId{};
    std::string centreId;
    std::int64_t receivedAtMs = 0;
    exam::SignedJournalHead head;
    bool signatureValid = false; // the head's signature verifies under the key it names
};

struct HeldInvigilationRecord {
    ItemId itemId{};
    std::string centreId;
    std::int64_t receivedAtMs = 0;
    console::RecordData data;
};

// An item that is not what its kind says (not the format, or an invigilation record whose
// console signature does not verify under the centre's registered key).
struct UnreadableItem {
    ItemId itemId{};
    std::string centreId;
    ItemKind kind = ItemKind::ResultRecord;
    std::string reason;
};

struct HeldRecords {
    std::vector<HeldResult> results;
    std::vector<HeldJournalHead> heads;
    std::vector<HeldInvigilationRecord> sessions;
    std::vector<UnreadableItem> unreadable;
    bool boxKeyGiven = false;

    // The result records that could be read (Unverifiable, BadSignature or Verified).
    [[nodiscard]] std::vector<const HeldResult*> readResults() const;
};

// Reads every item the store holds; boxKey (may be null: none held) opens result records. Problem
// and malpractice reports are not read here.
[[nodiscard]] HeldRecords readHeldRecords(ReceiverStore& store, const crypto::BoxKeyPair* boxKey);
// The same over items already listed; centreKey finds a centre's registered signing key.
[[nodiscard]] HeldRecords readHeldRecords(
    std::span<const StoredItem> items,
    const std::function<std::optional<crypto::SigningPublicKey>(const std::string&)>& centreKey,
    const crypto::BoxKeyPair* boxKey);

// The console's journal-head item (centre_outbox.h, journalHeadItem), parsed; nullopt when the
// bytes are not one.
[[nodiscard]] std::optional<exam::SignedJournalHead>
parseJournalHeadItem(std::span<const std::uint8_t> bytes);

} // namespace vigil::receiver::analysis
