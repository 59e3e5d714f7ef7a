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

    // --- moving a sitting to a spare PC (sitting_move.h). The hand-over needs
    // handoverSchemaSql() in the console's migrations; a store without it moves nothing and
    // receives as before.
    [[nodiscard]] static std::string_view handoverSchemaSql() noexcept;
    // From now on the sitting continues on `toSeat` with `toKey`: that PC's batches extend the
    // chain from the head held at the hand-over (the key and seat held become its own with its
    // first batch), and the old PC's further events are refused as events after the move.
    void recordHandover(const std::string& sittingId, const std::string& toSeat,
                        const crypto::SigningPublicKey& toKey, bool oldPcTold);
    void cancelHandover(const std::string& sittingId);
    void markOldPcTold(const std::string& sittingId);
    struct Handover {
        std::string sittingId;
        std::string fromSeat;
        crypto::SigningPublicKey fromKey{};
        std::string toSeat;
        crypto::SigningPublicKey toKey{};
        std::int64_t atSequence = -1;
        bool oldPcTold = false;
    };
    [[nodiscard]] std::optional<Handover> handover(const std::string& sittingId);
    // Hand-overs whose old PC has not yet been told (it was dead when the sitting moved).
    [[nodiscard]] std::vector<Handover> untoldOldPcs();
    // The sittings moved away from the PC with `oldKey`: what it gave of each, up to
    // `atSequence`, stays acknowledged to it (a resend is not an event after the move).
    [[nodiscard]] std::vector<Handover> handoversFrom(const crypto::SigningPublicKey& oldKey);

private:
    [[nodiscard]] bool hasHandoverTable();
    // A Fork refusal at the first of the batch's first `count` events that differs from the
    // event held at that sequence.
    [[nodiscard]] std::optional<ReplicaRefusal> firstDifference(const JournalEvents& batch,
                                                                std::size_t count);

    store::Database& db_;
};

} // namespace vigil::sync
