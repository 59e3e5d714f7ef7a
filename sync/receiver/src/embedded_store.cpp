#include "vigil/receiver/embedded_store.h"

#include "vigil/store/database.h"

#include <algorithm>

namespace vigil::receiver {

namespace {

// SQLCipher 3.4 speaks SQLite 3.15: INSERT OR IGNORE where PostgreSQL says ON CONFLICT.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE receiver_centres (
    centre_id   TEXT PRIMARY KEY,
    signing_key BLOB NOT NULL
);
CREATE TABLE receiver_items (
    item_id           BLOB PRIMARY KEY,
    centre_id         TEXT NOT NULL,
    kind              TEXT NOT NULL,
    body              BLOB NOT NULL,
    received_at       INTEGER NOT NULL,
    receipt_signature BLOB NOT NULL
);
CREATE TABLE receiver_nonces (
    centre_id    TEXT NOT NULL,
    nonce        BLOB NOT NULL,
    request_time INTEGER NOT NULL,
    PRIMARY KEY (centre_id, nonce)
);
CREATE INDEX receiver_nonces_by_time ON receiver_nonces (request_time);
)sql";

// Packages the awarding body published for centres (publishPackage).
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE receiver_packages (
    centre_id    TEXT NOT NULL,
    package_id   TEXT NOT NULL,
    body         BLOB NOT NULL,
    published_at INTEGER NOT NULL,
    PRIMARY KEY (centre_id, package_id)
);
)sql";

const store::Migration kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}};

template <std::size_t N> std::array<std::uint8_t, N> fixed(const std::vector<std::uint8_t>& bytes) {
    std::array<std::uint8_t, N> out{};
    if (bytes.size() != N) {
        throw StoreUnavailableError("the receiver's store holds a value of the wrong size");
    }
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

// Resets a cached query when its rows have been read. A query left stepped keeps its
// connection's read snapshot open, and a connection writing from an old snapshot after another
// connection wrote gets SQLITE_BUSY at once, without waiting (WAL's snapshot rule).
class ReadDone {
public:
    explicit ReadDone(store::Statement& query)
        : query_(query) {}
    ~ReadDone() {
        try {
            query_.reset();
        } catch (const store::StoreError&) { // the step's own error was reported already
        }
    }
    ReadDone(const ReadDone&) = delete;
    ReadDone& operator=(const ReadDone&) = delete;

private:
    store::Statement& query_;
};

// Runs a store call, turning the store's failures into the one error the receiver expects.
template <class Call> auto guarded(Call&& call) {
    try {
        return call();
    } catch (const store::StoreError& error) {
        throw StoreUnavailableError(error.what());
    }
}

} // namespace

std::unique_ptr<EmbeddedReceiverStore>
EmbeddedReceiverStore::open(const std::filesystem::path& file, const crypto::SecureBuffer& key) {
    return guarded([&] {
        return std::unique_ptr<EmbeddedReceiverStore>(new EmbeddedReceiverStore(
            std::make_unique<store::Database>(store::Database::open(file, key, kMigrations))));
    });
}

EmbeddedReceiverStore::EmbeddedReceiverStore(std::unique_ptr<store::Database> database)
    : database_(std::move(database)) {}

EmbeddedReceiverStore::~EmbeddedReceiverStore() = default;

void EmbeddedReceiverStore::registerCentre(const CentreRecord& centre) {
    const std::lock_guard lock(mutex_);
    guarded([&] {
        database_
            ->cached("INSERT OR REPLACE INTO receiver_centres (centre_id, signing_key) "
                     "VALUES (?, ?)")
            .bind(1, centre.centreId)
            .bindBlob(2, centre.signingKey)
            .run();
    });
}

std::optional<CentreRecord> EmbeddedReceiverStore::findCentre(std::string_view centreId) {
    const std::lock_guard lock(mutex_);
    return guarded([&]() -> std::optional<CentreRecord> {
        auto& query =
            database_->cached("SELECT signing_key FROM receiver_centres WHERE centre_id = ?");
        const ReadDone done(query);
        query.bind(1, centreId);
        if (!query.step()) {
            return std::nullopt;
        }
        return CentreRecord{std::string(centreId), fixed<32>(query.blob(0))};
    });
}

std::vector<Receipt> EmbeddedReceiverStore::putItems(std::span<const StoredItem> items) {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        std::vector<Receipt> held;
        database_->transaction([&] {
            held.clear(); // a transaction run again starts over
            for (const auto& item : items) {
                database_
                    ->cached("INSERT OR IGNORE INTO receiver_items (item_id, centre_id, kind, "
                             "body, received_at, receipt_signature) VALUES (?, ?, ?, ?, ?, ?)")
                    .bindBlob(1, item.receipt.itemId)
                    .bind(2, item.receipt.centreId)
                    .bind(3, kindName(item.kind))
                    .bindBlob(4, item.bytes)
                    .bind(5, item.receipt.receivedAtMs)
                    .bindBlob(6, item.receipt.signature)
                    .run();
                auto& query = database_->cached("SELECT centre_id, received_at, receipt_signature "
                                                "FROM receiver_items WHERE item_id = ?");
                const ReadDone done(query);
                query.bindBlob(1, item.receipt.itemId);
                if (!query.step()) {
                    throw StoreUnavailableError("an item just stored cannot be read back");
                }
                held.push_back(Receipt{query.text(0), item.receipt.itemId, query.int64(1),
                                       fixed<64>(query.blob(2))});
            }
        });
        return held;
    });
}

bool EmbeddedReceiverStore::recordNonce(std::string_view centreId, const Nonce& nonce,
                                        std::int64_t timestampMs) {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        bool fresh = false;
        database_->transaction([&] {
            database_->cached("DELETE FROM receiver_nonces WHERE request_time < ?")
                .bind(1, timestampMs - 2 * kReplayWindowMs)
                .run();
            database_
                ->cached("INSERT OR IGNORE INTO receiver_nonces (centre_id, nonce, request_time) "
                         "VALUES (?, ?, ?)")
                .bind(1, centreId)
                .bindBlob(2, nonce)
                .bind(3, timestampMs)
                .run();
            fresh = database_->changes() == 1;
        });
        return fresh;
    });
}

std::vector<StoredItem> EmbeddedReceiverStore::items() {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        std::vector<StoredItem> held;
        auto query = database_->prepare(
            "SELECT item_id, centre_id, kind, body, received_at, receipt_signature "
            "FROM receiver_items ORDER BY received_at, item_id");
        while (query.step()) {
            const auto kind = parseKind(query.text(2));
            if (!kind) {
                throw StoreUnavailableError("the receiver's store holds an unknown item kind");
            }
            held.push_back({*kind, query.blob(3),
                            Receipt{query.text(1), fixed<32>(query.blob(0)), query.int64(4),
                                    fixed<64>(query.blob(5))}});
        }
        return held;
    });
}

std::int64_t EmbeddedReceiverStore::itemCount() {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        auto& query = database_->cached("SELECT COUNT(*) FROM receiver_items");
        const ReadDone done(query);
        query.step();
        return query.int64(0);
    });
}

bool EmbeddedReceiverStore::publishPackage(const PublishedPackage& package) {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        database_
            ->cached("INSERT OR IGNORE INTO receiver_packages (centre_id, package_id, body, "
                     "published_at) VALUES (?, ?, ?, ?)")
            .bind(1, package.centreId)
            .bind(2, package.packageId)
            .bindBlob(3, package.bytes)
            .bind(4, package.publishedAtMs)
            .run();
        return database_->changes() == 1;
    });
}

std::vector<PackageListing> EmbeddedReceiverStore::packagesFor(std::string_view centreId) {
    const std::lock_guard lock(mutex_);
    return guarded([&] {
        std::vector<PackageListing> listed;
        auto query = database_->prepare(
            "SELECT package_id, length(body), published_at FROM receiver_packages "
            "WHERE centre_id = ? ORDER BY published_at, package_id");
        query.bind(1, centreId);
        while (query.step()) {
            listed.push_back({query.text(0), query.int64(1), query.int64(2)});
        }
        return listed;
    });
}

std::optional<std::vector<std::uint8_t>>
EmbeddedReceiverStore::packageFor(std::string_view centreId, std::string_view packageId) {
    const std::lock_guard lock(mutex_);
    return guarded([&]() -> std::optional<std::vector<std::uint8_t>> {
        auto query = database_->prepare(
            "SELECT body FROM receiver_packages WHERE centre_id = ? AND package_id = ?");
        query.bind(1, centreId).bind(2, packageId);
        if (!query.step()) {
            return std::nullopt;
        }
        return query.blob(0);
    });
}

} // namespace vigil::receiver
