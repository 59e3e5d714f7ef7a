#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/upload_request.h"

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver {

struct CentreRecord {
    std::string centreId;
    crypto::SigningPublicKey signingKey{};
};

struct StoredItem {
    ItemKind kind = ItemKind::ResultRecord;
    std::vector<std::uint8_t> bytes;
    Receipt receipt; // names the centre and the item id
};

// An assessment package the awarding body published for one centre (vigil-syncd
// publish-package): the file as the awarding body sealed it, kept byte for byte. Its id is the
// BLAKE2b-256 of the file in hex (exam::packageDigest), the digest the console imports it under.
struct PublishedPackage {
    std::string centreId;
    std::string packageId;
    std::vector<std::uint8_t> bytes;
    std::int64_t publishedAtMs = 0;
};

// One line of a centre's package list: no content.
struct PackageListing {
    std::string packageId;
    std::int64_t bytes = 0;
    std::int64_t publishedAtMs = 0;
};

// The database did not answer (down, connection lost, disk full): the upload is answered 503
// and the centre sends again later. Thrown by every ReceiverStore call; nothing else is.
class StoreUnavailableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where the receiver keeps centres, items, receipts and used nonces. Two back-ends pass the
// same suite (tests/receiver/tst_receiver_store.cpp): EmbeddedReceiverStore (the one SQLCipher
// store, one process) and PostgresReceiverStore (any number of vigil-syncd instances).
// Exactly-once holds in the database, not in a process: putItems of one item id from any number
// of connections stores one row and returns one receipt. Every call may be made from any thread.
class ReceiverStore {
public:
    virtual ~ReceiverStore() = default;

    // Registers a centre, or replaces its key (a centre that rotated its key).
    virtual void registerCentre(const CentreRecord& centre) = 0;
    [[nodiscard]] virtual std::optional<CentreRecord> findCentre(std::string_view centreId) = 0;

    // Stores each item with its receipt unless an item of that id is held already, all in one
    // transaction (one commit: a batch costs the database one flush); returns the receipts held,
    // in the items' order, so the second put of an id returns the first receipt unchanged. An
    // id twice in one call is stored once and both get the receipt held.
    [[nodiscard]] virtual std::vector<Receipt> putItems(std::span<const StoredItem> items) = 0;
    // One item, as putItems.
    [[nodiscard]] Receipt putItem(const StoredItem& item) {
        return putItems(std::span<const StoredItem>(&item, 1)).front();
    }

    // True the first time a centre's nonce is recorded, false when it was seen before. Nonces
    // whose timestamp is more than twice the replay window before timestampMs may be forgotten:
    // a request that old is refused by its timestamp.
    [[nodiscard]] virtual bool recordNonce(std::string_view centreId, const Nonce& nonce,
                                           std::int64_t timestampMs) = 0;

    // Every item held, in the order received (receivedAt, then id).
    [[nodiscard]] virtual std::vector<StoredItem> items() = 0;
    [[nodiscard]] virtual std::int64_t itemCount() = 0;

    // Packages for centres (package_service.h). publishPackage keeps the package for its centre
    // unless that centre holds one of that id already: true when stored, false when held (the
    // file is then unchanged). A centre sees only its own: packagesFor lists them oldest first,
    // packageFor reads one, nullopt when that centre holds none of that id.
    [[nodiscard]] virtual bool publishPackage(const PublishedPackage& package) = 0;
    [[nodiscard]] virtual std::vector<PackageListing> packagesFor(std::string_view centreId) = 0;
    [[nodiscard]] virtual std::optional<std::vector<std::uint8_t>>
    packageFor(std::string_view centreId, std::string_view packageId) = 0;
};

} // namespace vigil::receiver
