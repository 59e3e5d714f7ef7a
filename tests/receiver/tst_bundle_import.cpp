// Importing a USB bundle into the receiver's store, on both back-ends (data rows "embedded" and
// "postgres", a real PostgreSQL server started for this test): every item stored exactly as an
// upload stores it, the same receipts an upload gets, a second import or an upload of the same
// item changing nothing, and every damaged bundle refused with nothing stored.
#include "bundle_fixture.h"
#include "postgres_server.h"
#include "vigil/receiver/bundle_import.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <memory>

using namespace vigil;
using namespace vigil::receiver;
using namespace vigil::testing;

namespace {

constexpr std::int64_t kCreatedAt = 1'790'000'000'000;
constexpr std::int64_t kImportedAt = kCreatedAt + 3 * 24 * 3600 * 1000; // three days offline

} // namespace

class BundleImportTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::unique_ptr<PostgresServer> postgres_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();
    BundleContents contents_;
    int files_ = 0;

    // Fresh storage of the row's back-end with centre C0451 registered.
    std::unique_ptr<ReceiverStore> freshStore() {
        QFETCH_GLOBAL(QString, backend);
        std::unique_ptr<ReceiverStore> store;
        if (backend == "embedded") {
            store = EmbeddedReceiverStore::open(
                dir_.filePath(QString("receiver-%1.db").arg(++files_)).toStdString(), key_);
        } else {
            store = PostgresReceiverStore::connect(postgres_->freshDatabase());
        }
        store->registerCentre({"C0451", centreKeys_.publicKey});
        return store;
    }

    std::filesystem::path bundle(const crypto::SigningKeyPair& signer) {
        const auto folder =
            std::filesystem::path(dir_.filePath(QString("bundle-%1").arg(++files_)).toStdString());
        const auto items = contents_.items();
        const auto written = writeBundle(folder, "C0451", signer, items, kCreatedAt);
        if (!written) {
            throw std::runtime_error(describe(written.error()));
        }
        return folder;
    }
    std::filesystem::path bundle() { return bundle(centreKeys_); }

    BundleResult<BundleImported> import(const std::filesystem::path& folder, ReceiverStore& store,
                                        std::int64_t at = kImportedAt,
                                        const BundleLimits& limits = BundleLimits{}) {
        return importBundle(folder, store, receiverKeys_, limits, [at] { return at; });
    }

private slots:
    void initTestCase() { postgres_ = std::make_unique<PostgresServer>(); }

    void initTestCase_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("postgres") << "postgres";
    }

    void everyItemIsStoredWithTheReceiptAnUploadGets() {
        const auto store = freshStore();
        const auto folder = bundle();
        const auto imported = import(folder, *store);
        QVERIFY2(imported.ok(), failureOf(imported).c_str());
        QCOMPARE(imported.value().newlyStored, std::size_t(3));
        QCOMPARE(imported.value().alreadyHeld, std::size_t(0));
        const auto& receipts = imported.value().receipts;
        QCOMPARE(receipts.centreId, std::string("C0451"));
        QCOMPARE(receipts.manifestDigest,
                 crypto::blake2b(readAll(folder / kBundleManifestFileName)));
        QVERIFY(receipts.refused.empty());
        QCOMPARE(receipts.receipts.size(), std::size_t(3));

        const auto held = store->items();
        QCOMPARE(held.size(), std::size_t(3));
        const std::vector<const std::vector<std::uint8_t>*> sent{&contents_.record, &contents_.head,
                                                                 &contents_.invigilation};
        const std::vector<ItemKind> kinds{ItemKind::ResultRecord, ItemKind::JournalHead,
                                          ItemKind::InvigilationRecord};
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& receipt = receipts.receipts[i];
            QCOMPARE(receipt.itemId, itemIdOf(*sent[i])); // the id an upload names
            QCOMPARE(receipt.receivedAtMs, kImportedAt);
            QVERIFY(verifyReceipt(receiverKeys_.publicKey, receipt));
            // What the store holds is what an upload of these bytes would have stored.
            const auto stored = std::find_if(held.begin(), held.end(), [&](const StoredItem& s) {
                return s.receipt.itemId == receipt.itemId;
            });
            QVERIFY(stored != held.end());
            QCOMPARE(stored->bytes, *sent[i]);
            QCOMPARE(stored->kind, kinds[i]);
            QVERIFY(stored->receipt == receipt);
        }
        // The receipts file the console imports holds exactly these.
        const auto file = signBundleReceipts(receipts, receiverKeys_);
        const auto read = readBundleReceipts(file, receiverKeys_.publicKey);
        QVERIFY2(read.ok(), failureOf(read).c_str());
        QVERIFY(read.value() == receipts);
    }

    void importingABundleTwiceChangesNothing() {
        const auto store = freshStore();
        const auto folder = bundle();
        const auto first = import(folder, *store);
        QVERIFY(first.ok());
        const auto before = store->items();
        const auto second = import(folder, *store, kImportedAt + 60'000);
        QVERIFY2(second.ok(), failureOf(second).c_str());
        QCOMPARE(second.value().newlyStored, std::size_t(0));
        QCOMPARE(second.value().alreadyHeld, std::size_t(3));
        QVERIFY(second.value().receipts == first.value().receipts);
        QCOMPARE(store->itemCount(), std::int64_t(3));
        const auto after = store->items();
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < after.size(); ++i) {
            QVERIFY(after[i].receipt == before[i].receipt);
            QCOMPARE(after[i].bytes, before[i].bytes);
        }
    }

    void aBundleThenAnUploadOfTheSameItemGetsTheSameReceipt() {
        const auto store = freshStore();
        const auto imported = import(bundle(), *store);
        QVERIFY(imported.ok());
        const auto uploadedAt = kImportedAt + 3'600'000;
        UploadService service(*store, receiverKeys_, [=] { return uploadedAt; });
        const auto request =
            signUpload(centreKeys_, "C0451", ItemKind::ResultRecord, contents_.record, uploadedAt);
        const auto receipt = service.upload(request, contents_.record);
        QVERIFY2(receipt.ok(), failureOf(receipt).c_str());
        QVERIFY(receipt.value() == imported.value().receipts.receipts[0]);
        QCOMPARE(store->itemCount(), std::int64_t(3));
    }

    void anUploadThenABundleOfTheSameItemGetsTheUploadsReceipt() {
        const auto store = freshStore();
        const auto uploadedAt = kCreatedAt + 1000;
        UploadService service(*store, receiverKeys_, [=] { return uploadedAt; });
        const auto uploaded = service.upload(
            signUpload(centreKeys_, "C0451", ItemKind::JournalHead, contents_.head, uploadedAt),
            contents_.head);
        QVERIFY(uploaded.ok());
        const auto imported = import(bundle(), *store);
        QVERIFY(imported.ok());
        QCOMPARE(imported.value().newlyStored, std::size_t(2));
        QCOMPARE(imported.value().alreadyHeld, std::size_t(1));
        QVERIFY(imported.value().receipts.receipts[1] == uploaded.value());
        QCOMPARE(store->itemCount(), std::int64_t(3));
    }

    void eachDamagedBundleIsRefusedWithItsErrorAndNothingIsStored() {
        struct Case {
            const char* name;
            BundleError expected;
            std::function<std::filesystem::path()> make;
            BundleLimits limits{};
        };
        const std::vector<Case> cases{
            {"an altered item", BundleError::ItemIdMismatch,
             [&] {
                 const auto folder = bundle();
                 auto bytes = readAll(itemFile(folder, contents_.invigilation));
                 bytes.back() ^= 0x20;
                 writeAll(itemFile(folder, contents_.invigilation), bytes);
                 return folder;
             }},
            {"an altered manifest", BundleError::BadSignature,
             [&] {
                 const auto folder = bundle();
                 alterManifest(folder);
                 return folder;
             }},
            {"a manifest signed by another key", BundleError::SignedByAnotherKey,
             [&] {
                 return bundle(crypto::generateSigningKeyPair());
             }},
            {"a missing file", BundleError::MissingItem,
             [&] {
                 const auto folder = bundle();
                 std::filesystem::remove(itemFile(folder, contents_.head));
                 return folder;
             }},
            {"an extra file", BundleError::ExtraFile,
             [&] {
                 const auto folder = bundle();
                 writeAll(folder / "extra-result-record", contents_.record);
                 return folder;
             }},
            {"an item over the limit", BundleError::ItemOverLimit, [&] { return bundle(); },
             BundleLimits{.maxFileBytes = contents_.head.size() - 1}},
        };
        for (const auto& c : cases) {
            const auto store = freshStore();
            const auto imported = import(c.make(), *store, kImportedAt, c.limits);
            QVERIFY2(!imported, c.name);
            qInfo("%s: %s", c.name, describe(imported.error()).c_str());
            QCOMPARE(imported.error().error, c.expected);
            QCOMPARE(store->itemCount(), std::int64_t(0));
        }
    }

    void anItemHeldForAnotherCentreIsRefusedAloneAsItsUploadWouldBe() {
        const auto store = freshStore();
        const auto otherCentre = crypto::generateSigningKeyPair();
        store->registerCentre({"C0452", otherCentre.publicKey});
        UploadService service(*store, receiverKeys_, [] { return kCreatedAt; });
        QVERIFY(service
                    .upload(signUpload(otherCentre, "C0452", ItemKind::ResultRecord,
                                       contents_.record, kCreatedAt),
                            contents_.record)
                    .ok());
        const auto imported = import(bundle(), *store);
        QVERIFY(imported.ok());
        QCOMPARE(imported.value().receipts.receipts.size(), std::size_t(2));
        QCOMPARE(imported.value().receipts.refused.size(), std::size_t(1));
        QCOMPARE(imported.value().receipts.refused[0].itemId, itemIdOf(contents_.record));
        QCOMPARE(imported.value().receipts.refused[0].code, std::string("item-of-another-centre"));
        QCOMPARE(store->itemCount(), std::int64_t(3));
    }
};

QTEST_GUILESS_MAIN(BundleImportTest)
#include "tst_bundle_import.moc"
