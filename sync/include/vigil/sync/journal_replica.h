#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/checked.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/store/database.h"
#include "vigil/sync/messages.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The console's copy of every sitting's journal, in its own encrypted store, byte for byte as
// the kiosk holds it: each batch is verified as it arrives (it continues the chain verified so
// far, ends at a head the kiosk signed, with the key the kiosk was enrolled with) and stored in
// one transaction, or refused whole. It is what lets the console show a sitting's history,
// witness a kiosk that was rolled back, and carry a sitting to a spare PC.
namespace vigil::sync {

struct ReplicaRefusal {
    exam::JournalLinkError error = exam::JournalLinkError::BadSignature;
    std::int64_t sequence = -1;
    std::string reason; // the sentence for the incident log
};

struct ReplicaSitting {
    std::string sittingId;
    std::string seat;
    crypto::SigningPublicKey kiosk{};
    exam::JournalHead head; // the last verified
};

class JournalReplica {
public:
    // SQL for the console's store migrations (tables replica_sittings, replica_events).
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    explicit JournalReplica(store::Database& db);

    // Verifies and stores one batch from the kiosk enrolled at `seat` with `kioskKey`. The new
    // acknowledged sequence, or why nothing was stored. A batch that is wholly a replay of
    // events already held (a kiosk resending after a lost ack) is acknowledged again, not
    // refused.
    [[nodiscard]] exam::Checked<std::int64_t, ReplicaRefusal>
    receive(const std::string& seat, const crypto::SigningPublicKey& kioskKey,
            const JournalEvents& batch);

    // -1 when the console holds nothing of that sitting.
    [[nodiscard]] std::int64_t acknowledged(const std::string& sittingId);
    [[nodiscard]] std::vector<ReplicaSitting> sittings();
    // The canonical bytes of every event held, in order.
    [[nodiscard]] std::vector<std::string> events(const std::string& sittingId);
    // The last verified signed head, for moving a sitting with its proof.
    [[nodiscard]] std::optional<exam::SignedJournalHead> signedHead(const std::string& sittingId);

private:
    // A Fork refusal at the first of the batch's first `count` events that differs from the
    // event held at that sequence.
    [[nodiscard]] std::optional<ReplicaRefusal> firstDifference(const JournalEvents& batch,
                                                                std::size_t count);

    store::Database& db_;
};

} // namespace vigil::sync
