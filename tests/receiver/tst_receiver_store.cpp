// One suite, two back-ends: every test body runs against the embedded SQLCipher store and
// against a real PostgreSQL server (started privately for this test), as data rows
// "embedded" and "postgres". What must hold in both: centres by key, exactly-once items with
// the first receipt, nonces seen once, and all of it across connections.
#include "postgres_server.h"
#include "vigil/crypto/hash.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

using namespace vigil;
using namespace vigil::receiver;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

StoredItem candidate(const crypto::SigningKeyPair& receiverKeys, std::string_view text,
                     std::int64_t receivedAt, ItemKind kind = ItemKind::ResultRecord) {
    std::vector<std::uint8_t> bytes(text.begin(), text.end());
    auto receipt = signReceipt(receiverKeys, "C0451", itemIdOf(bytes), receivedAt);
    return {kind, std::move(bytes), std::move(receipt)};
}

Nonce nonceOf(std::uint8_t seed) {
    Nonce nonce{};
    nonce.fill(seed);
    return nonce;
}

} // namespace

class ReceiverStoreTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::unique_ptr<testing::PostgresServer> postgres_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    int files_ = 0;

    // Fresh, empty storage of the row's back-end; each call of the function returned opens
    // another connection to that same storage.
    std::function<std::unique_ptr<ReceiverStore>()> freshStorage() {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "embedded") {
            const auto file = dir_.filePath(QString("receiver-%1.db").arg(++files_)).toStdString();
            return [this, file]() -> std::unique_ptr<ReceiverStore> {
                return EmbeddedReceiverStore::open(file, key_);
            };
        }
        const auto conninfo = postgres_->freshDatabase();
        return [conninfo]() -> std::unique_ptr<ReceiverStore> {
            return PostgresReceiverStore::connect(conninfo);
        };
    }

private slots:
    void initTestCase() { postgres_ = std::make_unique<testing::PostgresServer>(); }

    void initTestCase_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("postgres") << "postgres";
    }

    void aRegisteredCentreIsFoundWithItsKeyAndANewKeyReplacesIt() {
        const auto store = freshStorage()();
        const auto first = crypto::generateSigningKeyPair();
        const auto rotated = crypto::generateSigningKeyPair();
        QVERIFY(!store->findCentre("C0451"));
        store->registerCentre({"C0451", first.publicKey});
        QCOMPARE(store->findCentre("C0451")->signingKey, first.publicKey);
        QVERIFY(!store->findCentre("C0452"));
        store->registerCentre({"C0451", rotated.publicKey});
        QCOMPARE(store->findCentre("C0451")->signingKey, rotated.publicKey);
    }

    void theSecondPutOfAnItemReturnsTheFirstReceiptUnchanged() {
        const auto store = freshStorage()();
        const auto first = candidate(receiverKeys_, "record 1", kNow);
        const auto later = candidate(receiverKeys_, "record 1", kNow + 60'000);
        QVERIFY(first.receipt != later.receipt);
        QVERIFY(store->putItem(first) == first.receipt);
        QVERIFY(store->putItem(later) == first.receipt);
        QCOMPARE(store->itemCount(), std::int64_t(1));
        QVERIFY(verifyReceipt(receiverKeys_.publicKey, store->putItem(later)));
    }

    // A batch: new items stored with their receipts, held ones answered with their first, an id
    // twice in one batch stored once, all in the batch's order; a batch put again stores nothing.
    void aBatchPutStoresEachNewItemOnceAndAnswersInOrder() {
        const auto store = freshStorage()();
        const auto held = candidate(receiverKeys_, "held before", kNow);
        QVERIFY(store->putItem(held) == held.receipt);
        std::vector<StoredItem> batch;
        for (int i = 0; i < 300; ++i) {
            batch.push_back(candidate(receiverKeys_, "batched " + std::to_string(i), kNow + 10,
                                      i % 2 ? ItemKind::JournalHead : ItemKind::ResultRecord));
        }
        batch.insert(batch.begin() + 7, candidate(receiverKeys_, "held before", kNow + 10));
        batch.push_back(candidate(receiverKeys_, "batched 3", kNow + 10)); // twice in the batch
        const auto receipts = store->putItems(batch);
        QCOMPARE(receipts.size(), batch.size());
        QVERIFY(receipts[7] == held.receipt); // the first arrival's, not this batch's
        for (std::size_t i = 0; i < batch.size(); ++i) {
            QCOMPARE(receipts[i].itemId, batch[i].receipt.itemId);
            QVERIFY(verifyReceipt(receiverKeys_.publicKey, receipts[i]));
            if (i != 7) {
                QVERIFY(receipts[i] == batch[i].receipt);
            }
        }
        QCOMPARE(store->itemCount(), std::int64_t(301));
        QVERIFY(std::ranges::any_of(store->items(), [&](const StoredItem& item) {
            return item.receipt == batch[2].receipt && item.kind == ItemKind::ResultRecord &&
                   item.bytes == batch[2].bytes;
        }));

        // The same batch again, received later: every receipt is the first one.
        auto again = batch;
        for (auto& item : again) {
            item.receipt = signReceipt(receiverKeys_, "C0451", item.receipt.itemId, kNow + 99);
        }
        QVERIFY(store->putItems(again) == receipts);
        QCOMPARE(store->itemCount(), std::int64_t(301));
    }

    void everyItemIsListedWithItsBytesKindAndReceipt() {
        const auto store = freshStorage()();
        const auto record = candidate(receiverKeys_, "record", kNow);
        const auto head = candidate(receiverKeys_, "head", kNow + 1, ItemKind::JournalHead);
        const auto report =
            candidate(receiverKeys_, "report", kNow + 2, ItemKind::MalpracticeReport);
        for (const auto* item : {&record, &head, &report}) {
            (void)store->putItem(*item);
        }
        const auto held = store->items();
        QCOMPARE(held.size(), std::size_t(3));
        QCOMPARE(held[0].bytes, record.bytes);
        QVERIFY(held[0].receipt == record.receipt);
        QCOMPARE(held[1].kind, ItemKind::JournalHead);
        QCOMPARE(held[2].kind, ItemKind::MalpracticeReport);
        QVERIFY(held[2].receipt == report.receipt);
    }

    void aNonceIsFreshOnceAndOnlyForItsOwnCentre() {
        const auto store = freshStorage()();
        QVERIFY(store->recordNonce("C0451", nonceOf(1), kNow));
        QVERIFY(!store->recordNonce("C0451", nonceOf(1), kNow + 10));
        QVERIFY(store->recordNonce("C0452", nonceOf(1), kNow));
        QVERIFY(store->recordNonce("C0451", nonceOf(2), kNow));
    }

    void aNonceIsKeptForTwiceTheReplayWindowThenForgotten() {
        const auto store = freshStorage()();
        QVERIFY(store->recordNonce("C0451", nonceOf(1), kNow));
        QVERIFY(store->recordNonce("C0451", nonceOf(2), kNow + 2 * kReplayWindowMs));
        QVERIFY(!store->recordNonce("C0451", nonceOf(1), kNow + 2 * kReplayWindowMs));
        QVERIFY(store->recordNonce("C0451", nonceOf(3), kNow + 2 * kReplayWindowMs + 1));
        QVERIFY(store->recordNonce("C0451", nonceOf(1), kNow + 2 * kReplayWindowMs + 1));
    }

    void whatOneConnectionStoredAnotherSees() {
        const auto connect = freshStorage();
        const auto item = candidate(receiverKeys_, "record", kNow);
        {
            const auto first = connect();
            first->registerCentre({"C0451", receiverKeys_.publicKey});
            (void)first->putItem(item);
            QVERIFY(first->recordNonce("C0451", nonceOf(7), kNow));
        }
        const auto second = connect();
        QVERIFY(second->findCentre("C0451"));
        QCOMPARE(second->itemCount(), std::int64_t(1));
        QVERIFY(!second->recordNonce("C0451", nonceOf(7), kNow));
        QVERIFY(second->putItem(candidate(receiverKeys_, "record", kNow + 5)) == item.receipt);
    }

    // As when `vigil-syncd register-centre` runs beside a serving instance: each connection
    // reads, the other writes, then the first writes again.
    void connectionsTakingTurnsToReadAndWriteNeverFindTheStoreBusy() {
        const auto connect = freshStorage();
        const auto serving = connect();
        const auto registering = connect();
        serving->registerCentre({"C0451", receiverKeys_.publicKey});
        QVERIFY(serving->findCentre("C0451"));
        QCOMPARE(serving->itemCount(), std::int64_t(0));
        (void)serving->putItem(candidate(receiverKeys_, "first", kNow));
        registering->registerCentre({"C0452", receiverKeys_.publicKey});
        QVERIFY(registering->findCentre("C0452"));
        (void)serving->putItem(candidate(receiverKeys_, "second", kNow));
        QVERIFY(serving->recordNonce("C0451", nonceOf(1), kNow));
        QVERIFY(serving->findCentre("C0452"));
        registering->registerCentre({"C0453", receiverKeys_.publicKey});
        QCOMPARE(registering->itemCount(), std::int64_t(2));
    }

    void concurrentPutsFromTwoConnectionsStoreOneRowEachAndEqualReceipts() {
        const auto connect = freshStorage();
        const auto one = connect();
        const auto two = connect();
        constexpr int kItems = 60;
        std::vector<Receipt> fromOne(kItems), fromTwo(kItems);
        std::string failure; // a store error in a thread, reported after both joined
        std::mutex failureMutex;
        auto putAll = [&](ReceiverStore& store, std::vector<Receipt>& out, std::int64_t at) {
            try {
                for (int i = 0; i < kItems; ++i) {
                    out[i] =
                        store.putItem(candidate(receiverKeys_, "item " + std::to_string(i), at));
                }
            } catch (const StoreUnavailableError& error) {
                const std::lock_guard lock(failureMutex);
                failure = error.what();
            }
        };
        std::thread first([&] { putAll(*one, fromOne, kNow); });
        std::thread second([&] { putAll(*two, fromTwo, kNow + 1); });
        first.join();
        second.join();
        QVERIFY2(failure.empty(), failure.c_str());
        QCOMPARE(one->itemCount(), std::int64_t(kItems));
        for (int i = 0; i < kItems; ++i) {
            QVERIFY(fromOne[i] == fromTwo[i]);
            QVERIFY(verifyReceipt(receiverKeys_.publicKey, fromOne[i]));
        }
    }

    // One vigil-syncd's requests share its store: a put held up in the database (here by
    // another client's uncommitted insert of the same item) must not hold up the others, so
    // the PostgreSQL store runs each call on a connection of its own from a pool.
    void onPostgresAPutWaitingInTheDatabaseDoesNotHoldUpTheOthers() {
        QFETCH_GLOBAL(QString, backend);
        if (backend != "postgres") {
            QSKIP("the connection pool is the PostgreSQL store's");
        }
        const auto conninfo = postgres_->freshDatabase();
        const auto store = PostgresReceiverStore::connect(conninfo, 2);
        const auto blocked = candidate(receiverKeys_, "held by another client", kNow);
        const auto free = candidate(receiverKeys_, "nobody else's", kNow);

        std::future<Receipt> waiting;
        std::future<Receipt> freePut;
        // Gone first, on any return: its transaction rolls back, so no put is left waiting.
        const std::unique_ptr<PGconn, decltype(&PQfinish)> client(PQconnectdb(conninfo.c_str()),
                                                                  &PQfinish);
        PGconn* other = client.get();
        auto exec = [&](const std::string& sql) {
            PGresult* result = PQexec(other, sql.c_str());
            const auto status = PQresultStatus(result);
            const std::string rows = PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
            PQclear(result);
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
                throw std::runtime_error(sql + ": " + PQerrorMessage(other));
            }
            return rows;
        };
        exec("BEGIN");
        exec("INSERT INTO receiver_items VALUES ('\\x" + crypto::toHex(blocked.receipt.itemId) +
             "', 'C0451', '" + std::string(kindName(blocked.kind)) + "', '\\x00', 1, '\\x" +
             crypto::toHex(blocked.receipt.signature) + "')");
        waiting = std::async(std::launch::async, [&] { return store->putItem(blocked); });
        // Until the store's insert is seen waiting for the other's row lock.
        for (int look = 0; look < 600 && exec("SELECT count(*) FROM pg_stat_activity WHERE "
                                              "wait_event_type = 'Lock'") == "0";
             ++look) {
            QThread::msleep(50);
        }
        QCOMPARE(exec("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"),
                 std::string("1"));
        freePut = std::async(std::launch::async, [&] { return store->putItem(free); });
        QVERIFY2(freePut.wait_for(std::chrono::seconds(30)) == std::future_status::ready,
                 "a put of another item waited for the blocked one");
        QVERIFY(freePut.get() == free.receipt);
        QVERIFY(waiting.wait_for(std::chrono::seconds(0)) != std::future_status::ready);

        exec("COMMIT"); // the other client's row is the first arrival: its receipt comes back
        const auto held = waiting.get();
        QCOMPARE(held.receivedAtMs, std::int64_t(1));
        QVERIFY(held.signature == blocked.receipt.signature);
        QCOMPARE(store->itemCount(), std::int64_t(2));
    }

    void aPublishedPackageIsListedAndReadByItsCentreOnlyAndPublishedOnce() {
        const auto connect = freshStorage();
        const auto store = connect();
        const PublishedPackage brakes{"C0451", std::string(64, 'a'), {1, 2, 3, 4}, kNow};
        const PublishedPackage engines{"C0451", std::string(64, 'b'), {5, 6}, kNow + 1};
        const PublishedPackage elsewhere{"C0452", std::string(64, 'c'), {7}, kNow};
        QVERIFY(store->publishPackage(brakes));
        QVERIFY(store->publishPackage(engines));
        QVERIFY(store->publishPackage(elsewhere));
        // The same package again, even with other bytes under its id, changes nothing.
        QVERIFY(!store->publishPackage({"C0451", brakes.packageId, {9, 9}, kNow + 5}));

        const auto other = connect(); // another connection (instance) sees the same
        const auto listed = other->packagesFor("C0451");
        QCOMPARE(listed.size(), std::size_t(2));
        QCOMPARE(listed[0].packageId, brakes.packageId);
        QCOMPARE(listed[0].bytes, std::int64_t(4));
        QCOMPARE(listed[0].publishedAtMs, kNow);
        QCOMPARE(listed[1].packageId, engines.packageId);
        QCOMPARE(*other->packageFor("C0451", brakes.packageId), brakes.bytes);
        // Another centre's package is not there for this one, nor this one's for it.
        QVERIFY(!other->packageFor("C0451", elsewhere.packageId));
        QVERIFY(!other->packageFor("C0452", brakes.packageId));
        QCOMPARE(other->packagesFor("C0452").size(), std::size_t(1));
        QVERIFY(other->packagesFor("C0999").empty());
    }

    void storageThatCannotBeReachedIsUnavailable() {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "embedded") {
            const auto file = dir_.filePath("keyed.db").toStdString();
            (void)EmbeddedReceiverStore::open(file, key_);
            const auto otherKey = crypto::SecureBuffer::random(store::Database::kKeyBytes);
            QVERIFY_THROWS_EXCEPTION(StoreUnavailableError,
                                     (void)EmbeddedReceiverStore::open(file, otherKey));
        } else {
            QVERIFY_THROWS_EXCEPTION(
                StoreUnavailableError,
                (void)PostgresReceiverStore::connect(postgres_->conninfo("no_such_database")));
        }
    }
};

QTEST_GUILESS_MAIN(ReceiverStoreTest)
#include "tst_receiver_store.moc"
