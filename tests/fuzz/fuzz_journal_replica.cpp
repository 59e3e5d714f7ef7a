// The console's journal replica: a JournalEvents payload as an enrolled kiosk sends it, decoded
// by the message layer and verified by JournalReplica::receive against a real (encrypted,
// temporary) store. The first byte chooses how the batch arrives:
//   bit 0: the fuzzer plays a kiosk that holds its key: the batch's head is recomputed from its
//          last event and signed, so the chain, sequence and storage checks are reached, not
//          only the signature check;
//   bit 1: its first half arrives first (signed the same way), then the whole batch, as a
//          resend after a lost acknowledgement would.
// Whatever is stored must read back as the events received, and a refusal stores nothing.
#include "vigil/exam/sitting_journal.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/sync/journal_replica.h"
#include "vigil/sync/messages.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace vigil;

namespace {

const crypto::SigningKeyPair& kioskKeys() {
    static const auto keys = [] {
        std::array<std::uint8_t, 32> seed{};
        seed.fill(0x4b);
        return crypto::signingKeyPairFromSeed(seed).value();
    }();
    return keys;
}

store::Database& replicaStore() {
    static std::optional<store::Database> db;
    if (!db) {
        char folder[] = "/tmp/fuzz-journal-replica-XXXXXX";
        if (!::mkdtemp(folder)) {
            std::abort();
        }
        const std::array migrations{store::Migration{1, sync::JournalReplica::schemaSql()}};
        db.emplace(store::Database::open(std::filesystem::path(folder) / "console.db",
                                         crypto::SecureBuffer::random(store::Database::kKeyBytes),
                                         migrations));
        // The store's files go when the process ends; the open connection keeps them usable.
        std::filesystem::remove_all(folder);
    }
    return *db;
}

// The head the kiosk would sign after the batch's last event; the batch unchanged when that
// event does not parse.
void signAsTheKiosk(sync::JournalEvents& batch) {
    if (batch.events.empty()) {
        return;
    }
    try {
        const auto last = exam::parseEventJson(batch.events.back());
        const exam::JournalHead head{batch.firstSequence + std::int64_t(batch.events.size()) - 1,
                                     exam::chainHashOf(last)};
        const auto signedHead = exam::signJournalHead(batch.sittingId, head, kioskKeys());
        batch.headHex = crypto::toHex(head.hash);
        batch.signatureHex = crypto::toHex(signedHead.signature);
    } catch (const std::exception&) {
    }
}

void receive(sync::JournalReplica& replica, const sync::JournalEvents& batch) {
    const auto before = replica.events(batch.sittingId);
    const auto result = replica.receive("PC07", kioskKeys().publicKey, batch);
    const auto after = replica.events(batch.sittingId);
    if (!result) {
        if (after != before) {
            std::abort(); // a refused batch changed the replica
        }
        return;
    }
    // Acknowledged through `through`: the replica holds exactly that many events, and those of
    // this batch are its bytes.
    if (std::int64_t(after.size()) != result.value() + 1) {
        std::abort();
    }
    for (std::size_t i = 0; i < batch.events.size(); ++i) {
        const auto sequence = std::size_t(batch.firstSequence) + i;
        if (sequence < after.size() && after[sequence] != batch.events[i]) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::uint8_t mode = data[0];
    sync::Frame frame{std::uint8_t(sync::MessageType::JournalEvents), {data + 1, data + size}};
    auto decoded = sync::decodeMessage(frame);
    if (!decoded) {
        return 0;
    }
    auto* batch = std::get_if<sync::JournalEvents>(&decoded.value());
    if (!batch) {
        std::abort(); // a JournalEvents frame decoded as another message
    }
    auto& db = replicaStore();
    db.exec("DELETE FROM replica_events; DELETE FROM replica_sittings;");
    sync::JournalReplica replica(db);
    if (mode & 1) {
        signAsTheKiosk(*batch);
    }
    if ((mode & 2) && batch->events.size() > 1) {
        auto half = *batch;
        half.events.resize(batch->events.size() / 2);
        signAsTheKiosk(half);
        receive(replica, half);
    }
    receive(replica, *batch);
    return 0;
}
