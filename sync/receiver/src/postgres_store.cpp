#include "vigil/receiver/postgres_store.h"

#include "postgres_pool.h"

#include <algorithm>
#include <libpq-fe.h>
#include <map>
#include <memory>

namespace vigil::receiver {

namespace {

// Created on every connect; IF NOT EXISTS plus a transaction-scoped advisory lock, so any
// number of instances may start together on an empty database.
constexpr const char* kSchema = R"sql(
BEGIN;
SELECT pg_advisory_xact_lock(7468657);
CREATE TABLE IF NOT EXISTS receiver_centres (
    centre_id   text PRIMARY KEY,
    signing_key bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS receiver_items (
    item_id           bytea PRIMARY KEY,
    centre_id         text NOT NULL,
    kind              text NOT NULL,
    body              bytea NOT NULL,
    received_at       bigint NOT NULL,
    receipt_signature bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS receiver_nonces (
    centre_id    text NOT NULL,
    nonce        bytea NOT NULL,
    request_time bigint NOT NULL,
    PRIMARY KEY (centre_id, nonce)
);
CREATE INDEX IF NOT EXISTS receiver_nonces_by_time ON receiver_nonces (request_time);
CREATE TABLE IF NOT EXISTS receiver_packages (
    centre_id    text NOT NULL,
    package_id   text NOT NULL,
    body         bytea NOT NULL,
    published_at bigint NOT NULL,
    PRIMARY KEY (centre_id, package_id)
);
COMMIT;
)sql";

using detail::OnLostConnection;
using detail::PgParam;
using detail::PgResult;

PgParam text(std::string_view value) {
    return {std::string(value), false};
}
PgParam bytes(std::span<const std::uint8_t> value) {
    return {std::string(value.begin(), value.end()), true};
}
PgParam number(std::int64_t value) {
    return {std::to_string(value), false};
}

std::vector<std::uint8_t> byteaAt(PGresult* result, int row, int column) {
    std::size_t length = 0;
    auto* raw = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, column)), &length);
    if (raw == nullptr) {
        throw StoreUnavailableError("PostgreSQL: out of memory reading a bytea");
    }
    std::vector<std::uint8_t> out(raw, raw + length);
    PQfreemem(raw);
    return out;
}

template <std::size_t N>
std::array<std::uint8_t, N> fixedAt(PGresult* result, int row, int column) {
    const auto value = byteaAt(result, row, column);
    if (value.size() != N) {
        throw StoreUnavailableError(
            "PostgreSQL: the receiver's tables hold a value of the wrong size");
    }
    std::array<std::uint8_t, N> out{};
    std::copy(value.begin(), value.end(), out.begin());
    return out;
}

std::int64_t numberAt(PGresult* result, int row, int column) {
    return std::stoll(PQgetvalue(result, row, column));
}

} // namespace

std::unique_ptr<PostgresReceiverStore> PostgresReceiverStore::connect(const std::string& conninfo,
                                                                      int connections) {
    auto pool = std::make_unique<detail::PostgresPool>(conninfo, connections);
    (void)pool->lease().runScript(kSchema);
    return std::unique_ptr<PostgresReceiverStore>(new PostgresReceiverStore(std::move(pool)));
}

PostgresReceiverStore::PostgresReceiverStore(std::unique_ptr<detail::PostgresPool> pool)
    : pool_(std::move(pool)) {}

PostgresReceiverStore::~PostgresReceiverStore() = default;

void PostgresReceiverStore::registerCentre(const CentreRecord& centre) {
    (void)pool_->lease().run(
        "INSERT INTO receiver_centres (centre_id, signing_key) VALUES ($1, $2) "
        "ON CONFLICT (centre_id) DO UPDATE SET signing_key = EXCLUDED.signing_key",
        {text(centre.centreId), bytes(centre.signingKey)});
}

std::optional<CentreRecord> PostgresReceiverStore::findCentre(std::string_view centreId) {
    const auto result = pool_->lease().run(
        "SELECT signing_key FROM receiver_centres WHERE centre_id = $1", {text(centreId)});
    if (PQntuples(result.get()) == 0) {
        return std::nullopt;
    }
    return CentreRecord{std::string(centreId), fixedAt<32>(result.get(), 0, 0)};
}

std::vector<Receipt> PostgresReceiverStore::putItems(std::span<const StoredItem> items) {
    // Each id once (the first of it), so one statement never proposes a row twice.
    std::vector<const StoredItem*> distinct;
    std::map<ItemId, Receipt> held;
    for (const auto& item : items) {
        if (held.emplace(item.receipt.itemId, Receipt{}).second) {
            distinct.push_back(&item);
        }
    }
    held.clear();
    auto connection = pool_->lease();
    // One statement for the lot: one commit, one flush. New items come back from the insert
    // itself; run again after a lost connection it stores nothing twice.
    std::string insert = "INSERT INTO receiver_items (item_id, centre_id, kind, body, "
                         "received_at, receipt_signature) VALUES ";
    std::vector<PgParam> params;
    params.reserve(distinct.size() * 6);
    for (std::size_t row = 0; row < distinct.size(); ++row) {
        const auto& item = *distinct[row];
        const auto first = row * 6;
        insert += row == 0 ? "(" : ",(";
        for (std::size_t column = 1; column <= 6; ++column) {
            insert += "$" + std::to_string(first + column) + (column < 6 ? "," : ")");
        }
        params.push_back(bytes(item.receipt.itemId));
        params.push_back(text(item.receipt.centreId));
        params.push_back(text(kindName(item.kind)));
        params.push_back(bytes(item.bytes));
        params.push_back(number(item.receipt.receivedAtMs));
        params.push_back(bytes(item.receipt.signature));
    }
    insert += " ON CONFLICT (item_id) DO NOTHING "
              "RETURNING item_id, centre_id, received_at, receipt_signature";
    auto collect = [&](const PgResult& result) {
        for (int row = 0; row < PQntuples(result.get()); ++row) {
            const auto id = fixedAt<32>(result.get(), row, 0);
            held[id] = Receipt{PQgetvalue(result.get(), row, 1), id, numberAt(result.get(), row, 2),
                               fixedAt<64>(result.get(), row, 3)};
        }
    };
    collect(connection.run(insert.c_str(), params));
    // Held already. Each row is its first put's, whichever connection made it: a concurrent
    // insert of the same id waited for that one to commit, and this new statement sees it.
    std::string select = "SELECT item_id, centre_id, received_at, receipt_signature FROM "
                         "receiver_items WHERE item_id IN (";
    std::vector<PgParam> missing;
    for (const auto* item : distinct) {
        if (!held.contains(item->receipt.itemId)) {
            select += (missing.empty() ? "$" : ",$") + std::to_string(missing.size() + 1);
            missing.push_back(bytes(item->receipt.itemId));
        }
    }
    if (!missing.empty()) {
        collect(connection.run((select + ")").c_str(), missing));
    }
    std::vector<Receipt> receipts;
    receipts.reserve(items.size());
    for (const auto& item : items) {
        const auto found = held.find(item.receipt.itemId);
        if (found == held.end()) {
            throw StoreUnavailableError("PostgreSQL: an item just stored cannot be read back");
        }
        receipts.push_back(found->second);
    }
    return receipts;
}

bool PostgresReceiverStore::recordNonce(std::string_view centreId, const Nonce& nonce,
                                        std::int64_t timestampMs) {
    auto connection = pool_->lease();
    // The clean-up goes first: run again after a lost connection it changes nothing, and it
    // finds a connection the database dropped before the insert is sent on it.
    (void)connection.run("DELETE FROM receiver_nonces WHERE request_time < $1",
                         {number(timestampMs - 2 * kReplayWindowMs)});
    // Not sent twice: had the lost run committed, a second would call the request a replay.
    const auto inserted =
        connection.run("INSERT INTO receiver_nonces (centre_id, nonce, "
                       "request_time) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                       {text(centreId), bytes(nonce), number(timestampMs)}, OnLostConnection::Fail);
    return std::string_view(PQcmdTuples(inserted.get())) == "1";
}

std::vector<StoredItem> PostgresReceiverStore::items() {
    const auto result =
        pool_->lease().run("SELECT item_id, centre_id, kind, body, received_at, receipt_signature "
                           "FROM receiver_items ORDER BY received_at, item_id");
    std::vector<StoredItem> held;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
        const auto kind = parseKind(PQgetvalue(result.get(), row, 2));
        if (!kind) {
            throw StoreUnavailableError("PostgreSQL: the receiver's tables hold an unknown kind");
        }
        held.push_back(
            {*kind, byteaAt(result.get(), row, 3),
             Receipt{PQgetvalue(result.get(), row, 1), fixedAt<32>(result.get(), row, 0),
                     numberAt(result.get(), row, 4), fixedAt<64>(result.get(), row, 5)}});
    }
    return held;
}

std::int64_t PostgresReceiverStore::itemCount() {
    const auto result = pool_->lease().run("SELECT COUNT(*) FROM receiver_items");
    return numberAt(result.get(), 0, 0);
}

bool PostgresReceiverStore::publishPackage(const PublishedPackage& package) {
    const auto inserted = pool_->lease().run(
        "INSERT INTO receiver_packages (centre_id, package_id, body, published_at) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        {text(package.centreId), text(package.packageId), bytes(package.bytes),
         number(package.publishedAtMs)});
    return std::string_view(PQcmdTuples(inserted.get())) == "1";
}

std::vector<PackageListing> PostgresReceiverStore::packagesFor(std::string_view centreId) {
    const auto result = pool_->lease().run("SELECT package_id, octet_length(body), published_at "
                                           "FROM receiver_packages WHERE centre_id = $1 "
                                           "ORDER BY published_at, package_id",
                                           {text(centreId)});
    std::vector<PackageListing> listed;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
        listed.push_back({PQgetvalue(result.get(), row, 0), numberAt(result.get(), row, 1),
                          numberAt(result.get(), row, 2)});
    }
    return listed;
}

std::optional<std::vector<std::uint8_t>>
PostgresReceiverStore::packageFor(std::string_view centreId, std::string_view packageId) {
    const auto result = pool_->lease().run(
        "SELECT body FROM receiver_packages WHERE centre_id = $1 AND package_id = $2",
        {text(centreId), text(packageId)});
    if (PQntuples(result.get()) == 0) {
        return std::nullopt;
    }
    return byteaAt(result.get(), 0, 0);
}

} // namespace vigil::receiver
