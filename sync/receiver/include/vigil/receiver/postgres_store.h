#pragma once

#include "vigil/receiver/receiver_store.h"

#include <memory>
#include <string>

namespace vigil::receiver {

namespace detail {
class PostgresPool;
}

// The deployment back-end: PostgreSQL through libpq, for any number of stateless vigil-syncd
// instances on one database. Exactly-once is the database's: INSERT … ON CONFLICT DO NOTHING
// on the item id, then the row held is read back, so concurrent puts of one item from two
// connections store one row and both return its receipt. The schema is created on connect
// (under an advisory lock, so instances starting together do not race).
//
// A pool of connections (postgres_pool.h), so the server's threads run their statements side by
// side. A connection lost with the database (a restart, a dropped network) is opened again by
// the next statement that needs it; while the database cannot be reached every call throws
// StoreUnavailableError, which the upload answers with 503 and the centre sends again later.
class PostgresReceiverStore final : public ReceiverStore {
public:
    // conninfo: a libpq connection string ("host=… port=… dbname=… user=…") or URI.
    // connections: at most this many are open at once (one per server thread is enough: each
    // request's store calls run on one thread); the first is opened now.
    [[nodiscard]] static std::unique_ptr<PostgresReceiverStore>
    connect(const std::string& conninfo, int connections = kDefaultConnections);
    static constexpr int kDefaultConnections = 4;
    ~PostgresReceiverStore() override;

    void registerCentre(const CentreRecord& centre) override;
    [[nodiscard]] std::optional<CentreRecord> findCentre(std::string_view centreId) override;
    [[nodiscard]] std::vector<Receipt> putItems(std::span<const StoredItem> items) override;
    using ReceiverStore::putItem;
    [[nodiscard]] bool recordNonce(std::string_view centreId, const Nonce& nonce,
                                   std::int64_t timestampMs) override;
    [[nodiscard]] std::vector<StoredItem> items() override;
    [[nodiscard]] std::int64_t itemCount() override;
    [[nodiscard]] bool publishPackage(const PublishedPackage& package) override;
    [[nodiscard]] std::vector<PackageListing> packagesFor(std::string_view centreId) override;
    [[nodiscard]] std::optional<std::vector<std::uint8_t>>
    packageFor(std::string_view centreId, std::string_view packageId) override;

private:
    explicit PostgresReceiverStore(std::unique_ptr<detail::PostgresPool> pool);

    std::unique_ptr<detail::PostgresPool> pool_;
};

} // namespace vigil::receiver
