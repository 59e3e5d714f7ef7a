#pragma once

#include "vigil/receiver/receiver_store.h"

#include <memory>
#include <mutex>
#include <string>

typedef struct pg_conn PGconn;

namespace vigil::receiver {

// The deployment back-end: PostgreSQL through libpq, for any number of stateless vigil-syncd
// instances on one database. Exactly-once is the database's: INSERT … ON CONFLICT DO NOTHING
// on the item id, then the row held is read back, so concurrent puts of one item from two
// connections store one row and both return its receipt. The schema is created on connect
// (under an advisory lock, so instances starting together do not race).
//
// One connection per instance of this class, guarded by a mutex; a broken connection is reset
// once per call before giving up with StoreUnavailableError.
class PostgresReceiverStore final : public ReceiverStore {
public:
    // conninfo: a libpq connection string ("host=… port=… dbname=… user=…") or URI.
    [[nodiscard]] static std::unique_ptr<PostgresReceiverStore>
    connect(const std::string& conninfo);
    ~PostgresReceiverStore() override;

    void registerCentre(const CentreRecord& centre) override;
    [[nodiscard]] std::optional<CentreRecord> findCentre(std::string_view centreId) override;
    [[nodiscard]] Receipt putItem(const StoredItem& item) override;
    [[nodiscard]] bool recordNonce(std::string_view centreId, const Nonce& nonce,
                                   std::int64_t timestampMs) override;
    [[nodiscard]] std::vector<StoredItem> items() override;
    [[nodiscard]] std::int64_t itemCount() override;
    [[nodiscard]] bool publishPackage(const PublishedPackage& package) override;
    [[nodiscard]] std::vector<PackageListing> packagesFor(std::string_view centreId) override;
    [[nodiscard]] std::optional<std::vector<std::uint8_t>>
    packageFor(std::string_view centreId, std::string_view packageId) override;

private:
    explicit PostgresReceiverStore(PGconn* connection);

    std::mutex mutex_;
    PGconn* connection_ = nullptr;
};

} // namespace vigil::receiver
