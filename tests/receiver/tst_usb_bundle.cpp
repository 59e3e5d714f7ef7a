// The USB bundle on disk: written, read back and verified, and said so; an item over the limit,
// a folder already used, a read-only drive and a full one refused with nothing left named as a
// bundle; every way a bundle can be damaged refused on reading with its own error; and the
// receipts file the console reads, refused when it is not exactly what the receiver signed.
#include "bundle_fixture.h"
#include "vigil/receiver/bundle_reader.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/bundle_writer.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cctype>
#include <unistd.h>

using namespace vigil;
using namespace vigil::receiver;
using namespace vigil::testing;

namespace {

constexpr std::int64_t kCreatedAt = 1'790'000'000'000;

std::vector<std::string> namesIn(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

class UsbBundleTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SigningKeyPair centreKeys_ = crypto::generateSigningKeyPair();
    BundleContents contents_;
    int folders_ = 0;

    std::filesystem::path freshPath() {
        return dir_.filePath(QString("bundle-%1").arg(++folders_)).toStdString();
    }

    CentreKeyLookup registered() const {
        return [this](std::string_view centre) -> std::optional<crypto::SigningPublicKey> {
            if (centre != "C0451") {
                return std::nullopt;
            }
            return centreKeys_.publicKey;
        };
    }

    std::filesystem::path written(const BundleLimits& limits = BundleLimits{}) {
        const auto folder = freshPath();
        const auto items = contents_.items();
        const auto result = writeBundle(folder, "C0451", centreKeys_, items, kCreatedAt, limits);
        if (!result) {
            throw std::runtime_error(describe(result.error()));
        }
        return folder;
    }

    BundleError refusal(const std::filesystem::path& folder,
                        const BundleLimits& limits = BundleLimits{}) {
        const auto read = readBundle(folder, registered(), limits);
        if (read) {
            throw std::runtime_error("the bundle was accepted");
        }
        qInfo("%s", describe(read.error()).c_str());
        return read.error().error;
    }

private slots:
    void aBundleIsWrittenReadBackVerifiedAndSaidSo() {
        const auto folder = freshPath();
        auto items = contents_.items();
        items.push_back(items.front()); // the same item twice is carried once
        const auto result = writeBundle(folder, "C0451", centreKeys_, items, kCreatedAt);
        QVERIFY2(result.ok(), failureOf(result).c_str());
        QCOMPARE(result.value().bundle.manifest.items.size(), std::size_t(3));
        QCOMPARE(result.value().summary(),
                 "written and verified: 3 items, " +
                     std::to_string(contents_.record.size() + contents_.head.size() +
                                    contents_.invigilation.size()) +
                     " bytes, in " + folder.string());
        // Exactly the manifest and one file per item, named by its id: no temporary left.
        auto expected = std::vector<std::string>{std::string(kBundleManifestFileName)};
        for (const auto* bytes : {&contents_.record, &contents_.head, &contents_.invigilation}) {
            expected.push_back(itemIdHex(itemIdOf(*bytes)));
            QCOMPARE(readAll(itemFile(folder, *bytes)), *bytes);
        }
        std::sort(expected.begin(), expected.end());
        QCOMPARE(namesIn(folder), expected);

        const auto read = readBundle(folder, registered());
        QVERIFY2(read.ok(), failureOf(read).c_str());
        QCOMPARE(read.value().manifest.centreId, std::string("C0451"));
        QCOMPARE(read.value().manifest.createdAtMs, kCreatedAt);
        QCOMPARE(read.value().manifest.items.size(), std::size_t(3));
        QCOMPARE(read.value().manifest.items[1].kind, ItemKind::JournalHead);
        QCOMPARE(read.value().manifest.items[1].size, std::uint64_t(contents_.head.size()));
        QCOMPARE(read.value().manifestDigest,
                 crypto::blake2b(readAll(folder / kBundleManifestFileName)));
        const auto item = readBundleItem(read.value(), read.value().manifest.items[2]);
        QVERIFY(item.ok());
        QCOMPARE(item.value(), contents_.invigilation);
    }

    void anItemOverTheLimitIsRefusedBeforeAnythingIsWritten() {
        const auto folder = freshPath();
        const auto items = contents_.items();
        const BundleLimits limits{.maxFileBytes = contents_.record.size() - 1};
        const auto result = writeBundle(folder, "C0451", centreKeys_, items, kCreatedAt, limits);
        QVERIFY(!result);
        QCOMPARE(result.error().error, BundleWriteError::ItemOverLimit);
        QVERIFY2(describe(result.error())
                         .find("item " + itemIdHex(itemIdOf(contents_.record)) + " is " +
                               std::to_string(contents_.record.size()) + " bytes; the limit is " +
                               std::to_string(limits.maxFileBytes)) != std::string::npos,
                 describe(result.error()).c_str());
        QVERIFY(!std::filesystem::exists(folder));
        // At the limit exactly, it is written.
        const BundleLimits exact{.maxFileBytes = contents_.invigilation.size()};
        const std::vector<BundleItem> one{{ItemKind::InvigilationRecord, contents_.invigilation}};
        QVERIFY(writeBundle(freshPath(), "C0451", centreKeys_, one, kCreatedAt, exact).ok());
    }

    void theDefaultLimitIsFat32sLargestFile() {
        QCOMPARE(BundleLimits{}.maxFileBytes, std::uint64_t(4) * 1024 * 1024 * 1024 - 1);
    }

    void aFolderAlreadyHoldingFilesIsNeverWrittenOver() {
        const auto folder = written();
        const auto before = readAll(folder / kBundleManifestFileName);
        const std::vector<BundleItem> other{{ItemKind::ProblemReport, contents_.head}};
        const auto result = writeBundle(folder, "C0451", centreKeys_, other, kCreatedAt + 1);
        QVERIFY(!result);
        QCOMPARE(result.error().error, BundleWriteError::TargetNotEmpty);
        QCOMPARE(readAll(folder / kBundleManifestFileName), before);
    }

    void aReadOnlyDriveIsRefusedAndNothingIsLeftOnIt() {
        const auto drive = std::filesystem::path(dir_.filePath("read-only-drive").toStdString());
        if (TestMounts::available(dir_.path().toStdString())) {
            TmpfsMount mount(drive, "size=1m");
            QVERIFY(mount.mounted());
            std::filesystem::create_directory(drive / "empty-folder");
            QVERIFY(mount.makeReadOnly());
            const auto items = contents_.items();
            for (const auto& target : {drive / "new-folder", drive / "empty-folder"}) {
                const auto result = writeBundle(target, "C0451", centreKeys_, items, kCreatedAt);
                QVERIFY(!result);
                QCOMPARE(result.error().error, BundleWriteError::TargetNotWritable);
                qInfo("%s", describe(result.error()).c_str());
                QVERIFY(describe(result.error()).find("Read-only file system") !=
                        std::string::npos);
            }
            QVERIFY(!std::filesystem::exists(drive / "new-folder"));
            QVERIFY(namesIn(drive / "empty-folder").empty());
            return;
        }
        if (::geteuid() == 0) {
            QSKIP("root without CAP_SYS_ADMIN: no read-only drive can be made here");
        }
        std::filesystem::create_directory(drive);
        std::filesystem::permissions(drive, std::filesystem::perms::owner_read |
                                                std::filesystem::perms::owner_exec);
        const auto items = contents_.items();
        const auto result = writeBundle(drive / "bundle", "C0451", centreKeys_, items, kCreatedAt);
        QVERIFY(!result);
        QCOMPARE(result.error().error, BundleWriteError::TargetNotWritable);
        std::filesystem::permissions(drive, std::filesystem::perms::owner_all);
    }

    void aFullDriveIsRefusedAndNothingIsLeftNamedAsABundle() {
        if (!TestMounts::available(dir_.path().toStdString())) {
            QSKIP("no mount namespace here: a full drive cannot be made");
        }
        const auto drive = std::filesystem::path(dir_.filePath("small-drive").toStdString());
        TmpfsMount mount(drive, "size=64k");
        QVERIFY(mount.mounted());
        std::vector<std::vector<std::uint8_t>> large;
        std::vector<BundleItem> items;
        for (std::uint8_t i = 0; i < 4; ++i) {
            large.emplace_back(40 * 1024, std::uint8_t('a' + i));
        }
        for (const auto& bytes : large) {
            items.push_back({ItemKind::ResultRecord, bytes});
        }
        const auto folder = drive / "bundle";
        const auto result = writeBundle(folder, "C0451", centreKeys_, items, kCreatedAt);
        QVERIFY(!result);
        QCOMPARE(result.error().error, BundleWriteError::DiskFull);
        qInfo("%s", describe(result.error()).c_str());
        QVERIFY(!std::filesystem::exists(folder)); // every file taken back, and the folder
        QCOMPARE(readBundle(folder, registered()).error().error, BundleError::NotABundle);
        // Into a folder that was there already: the folder stays, empty.
        std::filesystem::create_directory(folder);
        QCOMPARE(writeBundle(folder, "C0451", centreKeys_, items, kCreatedAt).error().error,
                 BundleWriteError::DiskFull);
        QVERIFY(namesIn(folder).empty());
    }

    void aBundleWhoseWritingStoppedBeforeItsManifestIsNoBundle() {
        const auto folder = written();
        std::filesystem::remove(folder / kBundleManifestFileName);
        QCOMPARE(refusal(folder), BundleError::NotABundle);
        QCOMPARE(refusal(freshPath()), BundleError::NotABundle);
    }

    void anAlteredItemIsRefused() {
        const auto folder = written();
        auto bytes = readAll(itemFile(folder, contents_.head));
        bytes[3] ^= 0x01; // same size, other bytes
        writeAll(itemFile(folder, contents_.head), bytes);
        QCOMPARE(refusal(folder), BundleError::ItemIdMismatch);
    }

    void anAlteredManifestIsRefused() {
        const auto folder = written();
        alterManifest(folder);
        QCOMPARE(refusal(folder), BundleError::BadSignature);
    }

    void aManifestSignedByAnotherKeyIsRefused() {
        const auto folder = freshPath();
        const auto items = contents_.items();
        QVERIFY(
            writeBundle(folder, "C0451", crypto::generateSigningKeyPair(), items, kCreatedAt).ok());
        QCOMPARE(refusal(folder), BundleError::SignedByAnotherKey);
    }

    void aBundleOfAnUnregisteredCentreIsRefused() {
        const auto folder = freshPath();
        const auto items = contents_.items();
        QVERIFY(writeBundle(folder, "C9999", centreKeys_, items, kCreatedAt).ok());
        QCOMPARE(refusal(folder), BundleError::UnknownCentre);
    }

    void aMissingItemIsRefused() {
        const auto folder = written();
        std::filesystem::remove(itemFile(folder, contents_.record));
        QCOMPARE(refusal(folder), BundleError::MissingItem);
    }

    void anExtraFileIsRefusedHiddenOrHalfWritten() {
        for (const std::string name : {"notes.txt", ".hidden", "manifest.vbm.partial-0a0b0c"}) {
            const auto folder = written();
            writeAll(folder / name, bytesOf("x"));
            QCOMPARE(refusal(folder), BundleError::ExtraFile);
        }
        const auto folder = written();
        std::filesystem::create_directory(folder / "sub");
        QCOMPARE(refusal(folder), BundleError::ExtraFile);
    }

    void anItemCutShortOrAddedToIsRefused() {
        const auto folder = written();
        auto bytes = readAll(itemFile(folder, contents_.record));
        bytes.push_back('!');
        writeAll(itemFile(folder, contents_.record), bytes);
        QCOMPARE(refusal(folder), BundleError::SizeMismatch);
    }

    void anItemOverTheReadersLimitIsRefused() {
        const auto folder = written();
        const BundleLimits small{.maxFileBytes = contents_.head.size() - 1};
        QCOMPARE(refusal(folder, small), BundleError::ItemOverLimit);
    }

    void aLinkInPlaceOfAnItemIsNeverFollowed() {
        const auto folder = written();
        const auto item = itemFile(folder, contents_.record);
        const auto elsewhere = std::filesystem::path(dir_.filePath("elsewhere").toStdString());
        std::filesystem::rename(item, elsewhere);
        std::filesystem::create_symlink(elsewhere, item);
        QCOMPARE(refusal(folder), BundleError::UnsafeEntry);
    }

    void aManifestNamingAPathOrAnIdOfAnotherSpellingIsMalformed() {
        const auto id = itemIdHex(itemIdOf(contents_.record));
        std::string upper = id;
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        for (const std::string& name : {std::string("../../etc/passwd"), "/" + id, upper, id + "/x",
                                        std::string("manifest.vbm")}) {
            const auto body = "{\"centre\":\"C0451\",\"createdAt\":1,\"items\":[{\"id\":\"" + name +
                              "\",\"kind\":\"result-record\",\"size\":3}]}";
            const auto decoded = decodeManifestBody(bytesOf(body), {});
            QVERIFY(!decoded);
            QCOMPARE(decoded.error().error, BundleError::ManifestMalformed);
        }
        const auto twice = "{\"centre\":\"C0451\",\"createdAt\":1,\"items\":[{\"id\":\"" + id +
                           "\",\"kind\":\"result-record\",\"size\":3},{\"id\":\"" + id +
                           "\",\"kind\":\"journal-head\",\"size\":3}]}";
        QCOMPARE(decodeManifestBody(bytesOf(twice), {}).error().error,
                 BundleError::ManifestMalformed);
        const auto extraKey =
            "{\"centre\":\"C0451\",\"createdAt\":1,\"items\":[],\"path\":\"/etc\"}";
        QCOMPARE(decodeManifestBody(bytesOf(extraKey), {}).error().error,
                 BundleError::ManifestMalformed);
    }

    void theReceiptsFileReadsBackOnlyAsTheReceiverSignedIt() {
        const auto receiverKeys = crypto::generateSigningKeyPair();
        BundleReceipts receipts;
        receipts.centreId = "C0451";
        receipts.manifestDigest = crypto::blake2b(bytesOf("manifest"));
        receipts.receipts.push_back(
            signReceipt(receiverKeys, "C0451", itemIdOf(contents_.record), kCreatedAt));
        receipts.receipts.push_back(
            signReceipt(receiverKeys, "C0451", itemIdOf(contents_.head), kCreatedAt + 1));
        receipts.refused.push_back({itemIdOf(contents_.invigilation), "item-of-another-centre",
                                    "held for another centre"});
        const auto file = signBundleReceipts(receipts, receiverKeys);
        const auto read = readBundleReceipts(file, receiverKeys.publicKey);
        QVERIFY2(read.ok(), failureOf(read).c_str());
        QVERIFY(read.value() == receipts);

        const auto path = std::filesystem::path(dir_.filePath("receipts").toStdString());
        writeAll(path, file);
        QVERIFY(readBundleReceiptsFile(path, receiverKeys.publicKey).value() == receipts);
        QCOMPARE(
            readBundleReceiptsFile(path.string() + "-none", receiverKeys.publicKey).error().error,
            BundleReceiptsError::Unreadable);

        auto altered = file;
        altered[altered.size() / 2] ^= 0x01;
        QCOMPARE(readBundleReceipts(altered, receiverKeys.publicKey).error().error,
                 BundleReceiptsError::BadSignature);
        QCOMPARE(readBundleReceipts(file, crypto::generateSigningKeyPair().publicKey).error().error,
                 BundleReceiptsError::SignedByAnotherKey);
        QCOMPARE(readBundleReceipts(bytesOf("not receipts"), receiverKeys.publicKey).error().error,
                 BundleReceiptsError::NotReceipts);
    }

    void aReceiptsFileHoldingAReceiptNotTheReceiversOrForAnotherCentreIsRefused() {
        const auto receiverKeys = crypto::generateSigningKeyPair();
        BundleReceipts foreign;
        foreign.centreId = "C0451";
        foreign.receipts.push_back(signReceipt(crypto::generateSigningKeyPair(), "C0451",
                                               itemIdOf(contents_.record), kCreatedAt));
        QCOMPARE(
            readBundleReceipts(signBundleReceipts(foreign, receiverKeys), receiverKeys.publicKey)
                .error()
                .error,
            BundleReceiptsError::BadReceipt);
        BundleReceipts otherCentre;
        otherCentre.centreId = "C0451";
        otherCentre.receipts.push_back(
            signReceipt(receiverKeys, "C0452", itemIdOf(contents_.record), kCreatedAt));
        QCOMPARE(readBundleReceipts(signBundleReceipts(otherCentre, receiverKeys),
                                    receiverKeys.publicKey)
                     .error()
                     .error,
                 BundleReceiptsError::BadReceipt);
    }
};

QTEST_GUILESS_MAIN(UsbBundleTest)
#include "tst_usb_bundle.moc"
