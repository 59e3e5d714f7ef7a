// First run of the console: the centre, its keys and its coordinator on a real encrypted store;
// a second set-up refused; a wrong store key named as such.
#include "core_fixture.h"
#include "vigil/crypto/sealed_box.h"

#include <QFile>
#include <fstream>
#include <iterator>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

namespace {

std::string fileText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class CentreTest : public QObject {
    Q_OBJECT

private slots:
    void firstRunCreatesTheCentreWithItsKeysAndCoordinator() {
        CoreFixture f;
        f.createCentre();
        QCOMPARE(f.centre().id(), kCentreId);
        QCOMPARE(f.centre().name(), std::string("Northfield Motor Training"));
        QVERIFY(f.centre().awardingBodySigningKey() == f.awardingBody().publicKey);

        // The centre's keys work: the console signs, and opens what is sealed to the centre.
        const std::vector<std::uint8_t> message{1, 2, 3};
        const auto signature = crypto::sign(f.centre().signingKeys(), message);
        QVERIFY(crypto::verifySignature(f.centre().signingKeys().publicKey, message, signature));
        const auto sealed = crypto::sealTo(f.centre().boxKeys().publicKey, message);
        QVERIFY(crypto::openSealed(f.centre().boxKeys(), sealed).ok());

        const auto signingPublic = f.centre().signingKeys().publicKey;
        const auto boxPublic = f.centre().boxKeys().publicKey;
        f.closeStore();

        // Every later run: the same centre, the same keys, and the coordinator signs in.
        auto store = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey()));
        auto centre = valueOf(Centre::load(store));
        QCOMPARE(centre.id(), kCentreId);
        QVERIFY(centre.signingKeys().publicKey == signingPublic);
        QVERIFY(centre.boxKeys().publicKey == boxPublic);
        QVERIFY(crypto::openSealed(centre.boxKeys(), sealed).ok());
        const auto coordinator =
            valueOf(UserLogin(store, f.clock())
                        .login(kCoordinatorId, kCoordinatorPin, kCoordinatorPassword));
        QCOMPARE(coordinator.role(), Role::Coordinator);
        QCOMPARE(coordinator.name(), std::string("Alex Morgan"));

        const auto log = valueOf(UserDirectory(store, f.clock()).history(coordinator, kCentreId));
        QCOMPARE(log.size(), std::size_t(1));
        QCOMPARE(log[0].action, std::string("centre-created"));
        QCOMPARE(log[0].actor, kCoordinatorId);

        // Nothing of it is readable on disk: the file is SQLCipher's, not SQLite's.
        const auto onDisk = fileText(f.storeFile());
        QVERIFY(!onDisk.starts_with("SQLite format 3"));
        QVERIFY(onDisk.find("Northfield") == std::string::npos);
    }

    void settingUpACentreAgainIsRefused() {
        CoreFixture f;
        f.createCentre();
        auto again = f.setup();
        again.centreId = "C9999";
        const auto refused = Centre::create(f.store(), again, f.clock());
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::CentreExists);
        QCOMPARE(describe(refused.error()),
                 std::string("this console already holds a centre; it is set up once"));
        QCOMPARE(valueOf(Centre::load(f.store())).id(), kCentreId);
    }

    void aWrongStoreKeyIsAClearRefusalAndTheStoreIsKept() {
        CoreFixture f;
        f.createCentre();
        f.closeStore();
        const auto before = fileText(f.storeFile());

        const auto otherKey = crypto::SecureBuffer::random(store::Database::kKeyBytes);
        const auto refused = ConsoleStore::open(f.storeFile(), otherKey);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::WrongStoreKey);
        QVERIFY(describe(refused.error())
                    .starts_with("the console's store cannot be opened with this key: use the "
                                 "centre's store key, never set the centre up again over it: "));
        QCOMPARE(fileText(f.storeFile()), before);

        auto store = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey()));
        QCOMPARE(valueOf(Centre::load(store)).id(), kCentreId);
    }

    void aStoreInAMissingFolderIsRefusedWithTheStoresSentence() {
        CoreFixture f;
        const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
        const auto refused = ConsoleStore::open(f.path("no-such-folder") / "console.db", key);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::StoreUnavailable);
        QVERIFY(refused.error().detail.find("no-such-folder") != std::string::npos);
    }

    void aStoreWithoutACentreAsksForTheFirstRun() {
        CoreFixture f;
        auto store = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey()));
        const auto none = Centre::load(store);
        QVERIFY(!none);
        QCOMPARE(describe(none.error()),
                 std::string("this console holds no centre yet: set the centre up first"));
    }

    void badSetUpIsRefusedAndLeavesNoCentre() {
        CoreFixture f;
        auto store = valueOf(ConsoleStore::open(f.storeFile(), f.storeKey()));

        auto missingKey = f.setup();
        missingKey.awardingBodySigningKeyFile = f.path("absent.pub");
        auto refused = Centre::create(store, missingKey, f.clock());
        QCOMPARE(refused.error().error, ConsoleError::AwardingBodyKeyUnreadable);
        QVERIFY(describe(refused.error()).find("absent.pub") != std::string::npos);

        auto swapped = f.setup(); // a box key where the signing key belongs
        swapped.awardingBodySigningKeyFile = f.path("ab-box.pub");
        QCOMPARE(Centre::create(store, swapped, f.clock()).error().error,
                 ConsoleError::AwardingBodyKeyUnreadable);

        auto badId = f.setup();
        badId.centreId = "C 0451";
        QCOMPARE(Centre::create(store, badId, f.clock()).error().error,
                 ConsoleError::InvalidCentre);
        auto badZone = f.setup();
        badZone.timeZone = "Europe/Nowhere";
        QCOMPARE(describe(Centre::create(store, badZone, f.clock()).error()),
                 std::string("the centre's details cannot be used: unknown time zone "
                             "Europe/Nowhere"));
        auto shortPin = f.setup();
        shortPin.coordinator.pin = "12";
        QCOMPARE(Centre::create(store, shortPin, f.clock()).error().error, ConsoleError::WeakPin);

        QCOMPARE(Centre::load(store).error().error, ConsoleError::NoCentre);
    }
};

QTEST_GUILESS_MAIN(CentreTest)
#include "tst_centre.moc"
