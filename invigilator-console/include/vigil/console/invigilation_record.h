#pragma once

#include "vigil/console/record_error.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/hash_chain.h"
#include "vigil/crypto/signing.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::console {

// What the external quality assurer reads about one session, as plain data: the console's
// facade fills it from the session, its seating plan, its sittings and its incident log.
struct SessionFacts {
    std::string centreId;
    std::string centreName;
    std::string sessionId;
    std::string room;
    std::string date;      // "2026-12-02"
    std::string startTime; // "09:00"
    std::string endTime;
    // The centre's IANA time zone ("Europe/London"): incident times are shown in it wherever
    // the record is printed. Empty: the time zone of the machine printing it.
    std::string timeZone;
    bool operator==(const SessionFacts&) const = default;
};

struct InvigilatorOnRecord {
    std::string name;
    std::string pinReference; // a reference to the PIN, never the PIN
    bool operator==(const InvigilatorOnRecord&) const = default;
};

// One place of the room's grid: a PC (or none), and who sat there.
struct SeatCell {
    std::string pc; // empty: no PC at this place
    std::string candidateName;
    std::string registration;
    std::string assessment;
    bool operator==(const SeatCell&) const = default;
};

struct CandidateRow {
    std::string name;
    std::string registration;
    std::string assessment;
    std::string pc;
    std::string start; // "09:02"
    std::string end;
    std::string outcome; // "Pass 31/40", "Voided: ...", "Absent"
    // What the paper allowed and the sitting opened (reference_on_record.h); empty: nothing to
    // say (no seat), and then absent from the signed record, as in records made before it.
    std::string referenceMaterial = {};
    bool operator==(const CandidateRow&) const = default;
};

struct RecordData {
    SessionFacts session;
    std::vector<InvigilatorOnRecord> invigilators;
    std::vector<std::vector<SeatCell>> seatingPlan; // rows of cells, front row first
    std::vector<CandidateRow> candidates;
    std::vector<crypto::ChainEntry> incidents; // the session's IncidentLog::chain()
};

inline constexpr std::string_view kRecordContext = "vigil/invigilation-record/v1";
inline constexpr int kRecordVersion = 1;

// The record file: JSON holding the record's content (with the incident chain's length and
// head hash), the incident chain entry by entry, the console's key id and its signature over
//   u32 length (little-endian) || kRecordContext || canonical JSON of the content.
// The digest is BLAKE2b-256 of those signed bytes: the PDF ends with it.
struct SignedRecord {
    std::vector<std::uint8_t> bytes;
    crypto::Digest digest{};
};

// Refuses (BrokenChain, naming the entry) to sign a record whose incident chain does not verify
// under the console's key.
[[nodiscard]] RecordResult<SignedRecord> signRecord(const RecordData& data,
                                                    const crypto::SigningKeyPair& consoleKeys);

struct VerifiedRecord {
    RecordData data;
    crypto::Digest digest{};
};

// Checks, in this order, the file's form, each incident entry (sequence, link, signer,
// signature, payload of this session), that the chain reaches the length and head the content
// signed, and the console's signature over the content. The failure names the first broken
// entry where an entry is to blame. What `vigil-console verify-record FILE` runs.
[[nodiscard]] RecordResult<VerifiedRecord> verifyRecord(std::span<const std::uint8_t> bytes,
                                                        const crypto::SigningPublicKey& consoleKey);

} // namespace vigil::console
