#include "vigil/receiver/postgres_store.h"

#include <algorithm>
#include <libpq-fe.h>
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

struct ResultDeleter {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// One parameter: text, or bytes sent in binary (bytea), so nothing is escaped by hand.
struct Param {
    std::string value;
    bool binary = false;
};

Param text(std::string_view value) {
    return {std::string(value), false};
}
Param bytes(std::span<const std::uint8_t> value) {
    return {std::string(value.begin(), value.end()), true};
}
Param number(std::int64_t value) {
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

std::string errorOf(PGconn* connection) {
    std::string message = PQerrorMessage(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return "PostgreSQL: " + message;
}

// Runs one statement; a lost connection is reset and the statement tried once more (every
// statement here is idempotent: the upsert, the nonce insert, the reads).
ResultPtr run(PGconn* connection, const char* sql, const std::vector<Param>& params = {}) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const auto& param : params) {
        values.push_back(param.value.data());
        lengths.push_back(static_cast<int>(param.value.size()));
        formats.push_back(param.binary ? 1 : 0);
    }
    for (int attempt = 0;; ++attempt) {
        ResultPtr result(PQexecParams(connection, sql, static_cast<int>(params.size()), nullptr,
                                      values.data(), lengths.data(), formats.data(), 0));
        const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            return result;
        }
        if (attempt == 0 && PQstatus(connection) == CONNECTION_BAD) {
            PQreset(connection);
            continue;
        }
        throw StoreUnavailableError(errorOf(connection));
    }
}

} // namespace

std::unique_ptr<PostgresReceiverStore> PostgresReceiverStore::connect(const std::string& conninfo) {
    PGconn* connection = PQconnectdb(conninfo.c_str());
    if (connection == nullptr) {
        throw StoreUnavailableError("PostgreSQL: out of memory");
    }
    std::unique_ptr<PostgresReceiverStore> store(new PostgresReceiverStore(connection));
    if (PQstatus(connection) != CONNECTION_OK) {
        throw StoreUnavailableError(errorOf(connection));
    }
    // "relation already exists, skipping" and the like are not for the service's log.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    ResultPtr schema(PQexec(connection, kSchema));
    if (!schema || PQresultStatus(schema.get()) != PGRES_COMMAND_OK) {
        throw StoreUnavailableError(errorOf(connection));
    }
    return store;
}

PostgresReceiverStore::PostgresReceiverStore(PGconn* connection)
    : connection_(connection) {}

PostgresReceiverStore::~PostgresReceiverStore() {
    PQfinish(connection_);
}

void PostgresReceiverStore::registerCentre(const CentreRecord& centre) {
    const std::lock_guard lock(mutex_);
    run(connection_,
        "INSERT INTO receiver_centres (centre_id, signing_key) VALUES ($1, $2) "
        "ON CONFLICT (centre_id) DO UPDATE SET signing_key = EXCLUDED.signing_key",
        {text(centre.centreId), bytes(centre.signingKey)});
}

std::optional<CentreRecord> PostgresReceiverStore::findCentre(std::string_view centreId) {
    const std::lock_guard lock(mutex_);
    const auto result =
        run(connection_, "SELECT signing_key FROM receiver_centres WHERE centre_id = $1",
            {text(centreId)});
    if (PQntuples(result.get()) == 0) {
        return std::nullopt;
    }
    return CentreRecord{std::string(centreId), fixedAt<32>(result.get(), 0, 0)};
}

Receipt PostgresReceiverStore::putItem(const StoredItem& item) {
    const std::lock_guard lock(mutex_);
    run(connection_,
        "INSERT INTO receiver_items (item_id, centre_id, kind, body, received_at, "
        "receipt_signature) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (item_id) DO NOTHING",
        {bytes(item.receipt.itemId), text(item.receipt.centreId), text(kindName(item.kind)),
         bytes(item.bytes), number(item.receipt.receivedAtMs), bytes(item.receipt.signature)});
    // The row held now is the first put's, whichever connection made it: a concurrent insert of
    // the same id waited for that one to commit.
    const auto held = run(connection_,
                          "SELECT centre_id, received_at, receipt_signature FROM receiver_items "
                          "WHERE item_id = $1",
                          {bytes(item.receipt.itemId)});
    if (PQntuples(held.get()) != 1) {
        throw StoreUnavailableError("PostgreSQL: an item just stored cannot be read back");
    }
    return Receipt{PQgetvalue(held.get(), 0, 0), item.receipt.itemId, numberAt(held.get(), 0, 1),
                   fixedAt<64>(held.get(), 0, 2)};
}

bool PostgresReceiverStore::recordNonce(std::string_view centreId, const Nonce& nonce,
                                        std::int64_t timestampMs) {
    const std::lock_guard lock(mutex_);
    run(connection_, "DELETE FROM receiver_nonces WHERE request_time < $1",
        {number(timestampMs - 2 * kReplayWindowMs)});
    const auto inserted = run(connection_,
                              "INSERT INTO receiver_nonces (centre_id, nonce, request_time) "
                              "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                              {text(centreId), bytes(nonce), number(timestampMs)});
    return std::string_view(PQcmdTuples(inserted.get())) == "1";
}

std::vector<StoredItem> PostgresReceiverStore::items() {
    const std::lock_guard lock(mutex_);
    const auto result =
        run(connection_, "SELECT item_id, centre_id, kind, body, received_at, receipt_signature "
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
    const std::lock_guard lock(mutex_);
    const auto result = run(connection_, "SELECT COUNT(*) FROM receiver_items");
    return numberAt(result.get(), 0, 0);
}

bool PostgresReceiverStore::publishPackage(const PublishedPackage& package) {
    const std::lock_guard lock(mutex_);
    const auto inserted =
        run(connection_,
            "INSERT INTO receiver_packages (centre_id, package_id, body, published_at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            {text(package.centreId), text(package.packageId), bytes(package.bytes),
             number(package.publishedAtMs)});
    return std::string_view(PQcmdTuples(inserted.get())) == "1";
}

std::vector<PackageListing> PostgresReceiverStore::packagesFor(std::string_view centreId) {
    const std::lock_guard lock(mutex_);
    const auto result = run(connection_,
                            "SELECT package_id, octet_length(body), published_at "
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
    const std::lock_guard lock(mutex_);
    const auto result = run(
        connection_, "SELECT body FROM receiver_packages WHERE centre_id = $1 AND package_id = $2",
        {text(centreId), text(packageId)});
    if (PQntuples(result.get()) == 0) {
        return std::nullopt;
    }
    return byteaAt(result.get(), 0, 0);
}

} // namespace vigil::receiver
