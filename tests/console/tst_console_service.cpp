// The console app's service layer on a real data folder: the folder and its key, the first run,
// and each role boundary through the same calls the screens make (an invigilator cannot enrol a
// kiosk, export a record, or open another invigilator's session's seating and incidents).
#include "core_fixture.h"
#include "vigil/console/console_service.h"
#include "vigil/crypto/key_files.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace vigil;
using namespace vigil::console;
using vigil::console::testing::valueOf;

namespace {

const std::string kInvigilatorA = "INV-0042";
const std::string kInvigilatorB = "INV-0043";

} // namespace

class ConsoleServiceTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair awardingBody_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBodyBox_ = crypto::generateBoxKeyPair();
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::optional<SignedIn> invigilatorA_;
    std::string sessionOfA_;
    std::string sessionOfB_;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    [[nodiscard]] ConsoleDataDir dataDir() const { return ConsoleDataDir(path("console-data")); }

    [[nodiscard]] CentreSetup setup() const {
        return console::testing::northfieldCentre(path("ab-signing.pub"), path("ab-box.pub"));
    }

    std::string importPackage(const std::string& id) {
        auto built = exam::buildPackage(testing::smallAssessment(id, false), awardingBody_,
                                        {{"C0451", service_->centre().boxKeys().publicKey}});
        if (!built) {
            throw std::runtime_error(exam::describe(built.error()));
        }
        const auto file = path(id + ".vigil");
        if (!exam::writePackageFile(file, built.value())) {
            throw std::runtime_error("cannot write the package");
        }
        return valueOf(service_->packages().import(*coordinator_, file)).digest;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), awardingBody_.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), awardingBodyBox_.publicKey));
    }

    void theFirstOpenMakesTheFolderAndItsKeyAndWaitsForTheCentre() {
        service_ = valueOf(ConsoleService::open(dataDir(), clock_));
        QVERIFY(!service_->hasCentre());
        QVERIFY(service_->hub() == nullptr);
        struct stat key {};
        QCOMPARE(::stat(dataDir().keyFile().c_str(), &key), 0);
        QCOMPARE(key.st_mode & 0777, 0600u);
        QCOMPARE(key.st_size, 32);
        QVERIFY(std::filesystem::exists(dataDir().storeFile()));
        QCOMPARE(service_->signIn("COORD-1", "246810", "workshop-keys").error().error,
                 ConsoleError::WrongCredentials);
    }

    void theFirstRunCreatesTheCentreAndItStaysCreated() {
        QVERIFY(service_->createCentre(setup()).ok());
        QCOMPARE(service_->centre().id(), std::string("C0451"));
        QVERIFY(service_->hub() != nullptr);
        QCOMPARE(service_->createCentre(setup()).error().error, ConsoleError::CentreExists);

        service_.reset();
        service_ = valueOf(ConsoleService::open(dataDir(), clock_));
        QVERIFY(service_->hasCentre());
        QCOMPARE(service_->centre().name(), std::string("Northfield Motor Training"));
        QCOMPARE(service_->createCentre(setup()).error().error, ConsoleError::CentreExists);
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
        QVERIFY(coordinator_->isCoordinator());
    }

    // The centre's heartbeat setting reaches the service (and its hub, which tells the kiosks),
    // kept within what a kiosk accepts.
    void theHeartbeatSettingIsKeptWithinWhatAKioskAccepts() {
        service_.reset();
        service_ =
            valueOf(ConsoleService::open(dataDir(), clock_, {std::chrono::milliseconds(300), 4}));
        QCOMPARE(service_->heartbeat(), std::chrono::milliseconds(300));
        QCOMPARE(service_->missedHeartbeats(), 4);
        service_.reset();
        service_ =
            valueOf(ConsoleService::open(dataDir(), clock_, {std::chrono::milliseconds(20), 0}));
        QCOMPARE(service_->heartbeat(), std::chrono::milliseconds(vigil::sync::kMinHeartbeatMs));
        QCOMPARE(service_->missedHeartbeats(), 2);
        service_.reset();
        service_ = valueOf(ConsoleService::open(dataDir(), clock_, {std::chrono::minutes(1), 5}));
        QCOMPARE(service_->heartbeat(), std::chrono::milliseconds(vigil::sync::kMaxHeartbeatMs));
        service_.reset();
        service_ = valueOf(ConsoleService::open(dataDir(), clock_));
        QCOMPARE(service_->heartbeat(), std::chrono::milliseconds(1'000)); // the default
        QCOMPARE(service_->missedHeartbeats(), 5);
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
    }

    void aStoreWithoutItsKeyOrAKeyOthersCanReadIsRefused() {
        const auto key = dataDir().keyFile();
        QVERIFY(::chmod(key.c_str(), 0644) == 0);
        auto refused = ConsoleService::open(dataDir(), clock_);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::DataFolderUnusable);
        QVERIFY(describe(refused.error()).find("must be mode 0600") != std::string::npos);
        QVERIFY(::chmod(key.c_str(), 0600) == 0);

        const auto moved = path("store.key.away");
        std::filesystem::rename(key, moved);
        refused = ConsoleService::open(dataDir(), clock_);
        QVERIFY(!refused);
        QVERIFY(describe(refused.error()).find("restore the key") != std::string::npos);
        QVERIFY(!std::filesystem::exists(key)); // no new key hides the loss
        std::filesystem::rename(moved, key);
    }

    void theCoordinatorPlansTwoSessionsForTwoInvigilators() {
        auto users = service_->users();
        QVERIFY(users
                    .addInvigilator(*coordinator_,
                                    {kInvigilatorA, "Sam Carter", "1357", "sam-password", {}})
                    .ok());
        QVERIFY(users
                    .addInvigilator(*coordinator_,
                                    {kInvigilatorB, "Priya Shah", "2468", "priya-password", {}})
                    .ok());
        invigilatorA_ = valueOf(service_->signIn(kInvigilatorA, "1357", "sam-password"));
        const auto digest = importPackage("LV3-BRAKES-2026A");
        sessionOfA_ =
            valueOf(service_->planner().create(
                        *coordinator_,
                        {"Workshop 2", "2026-11-23", "09:30", {{kInvigilatorA, {}}}, {digest}}))
                .id;
        sessionOfB_ =
            valueOf(service_->planner().create(
                        *coordinator_,
                        {"Workshop 3", "2026-11-23", "13:30", {{kInvigilatorB, {}}}, {digest}}))
                .id;
        QCOMPARE(service_->sessions().list(*invigilatorA_).size(), std::size_t(1));
    }

    void anInvigilatorOpensOnlyTheirOwnSessionsSeating() {
        auto own = service_->openSession(*invigilatorA_, sessionOfA_);
        QVERIFY(own.ok());
        QCOMPARE(own.value().session().room, std::string("Workshop 2"));
        QVERIFY(own.value().candidates().add(sessionOfA_, {"Jordan Ellis", "AB123456", {}}).ok());
        QVERIFY(own.value().seating().createPlan(sessionOfA_, 2, 2, {"PC01", "PC02"}).ok());
        // A seat for one of the session's assessments, by id, under the eligibility rules.
        QCOMPARE(own.value().assign("PC01", "AB123456", "NOT-IN-SESSION").error().error,
                 SeatError::NoAssessment);
        const auto seated = own.value().assign("PC01", "AB123456", "LV3-BRAKES-2026A");
        QVERIFY(seated.ok());
        QCOMPARE(seated.value().attemptNumber, 1);

        auto other = service_->openSession(*invigilatorA_, sessionOfB_);
        QVERIFY(!other);
        QCOMPARE(other.error().error, ConsoleError::NotYourSession);
        QVERIFY(service_->openSession(*coordinator_, sessionOfB_).ok());
        QCOMPARE(service_->openSession(*coordinator_, "S-9999").error().error,
                 ConsoleError::UnknownSession);
    }

    void anInvigilatorCannotSeeWaitingKiosksNorEnrolOne() {
        QCOMPARE(service_->waitingKiosks(*invigilatorA_).error().error,
                 ConsoleError::CoordinatorOnly);
        QCOMPARE(service_->enrolKiosk(*invigilatorA_, "PC07", "ABCD-EFGH").error().error,
                 ConsoleError::CoordinatorOnly);
        QCOMPARE(service_->unenrolKiosk(*invigilatorA_, "PC07", "moved").error().error,
                 ConsoleError::CoordinatorOnly);
        // The coordinator is let through to the link, which has nobody waiting.
        QVERIFY(valueOf(service_->waitingKiosks(*coordinator_)).empty());
        const auto refused = service_->enrolKiosk(*coordinator_, "PC07", "ABCD-EFGH");
        QCOMPARE(refused.error().error, ConsoleError::EnrolmentRefused);
        QVERIFY(service_->enrolledKiosks().empty());
    }

    void theLinkListensAndAnnouncesWithTheCentresKey() {
        LinkSettings settings;
        settings.address = "127.0.0.1";
        settings.port = 0;
        settings.announcer.destination = "127.0.0.1";
        settings.announcer.port = 0; // nobody listens: the datagrams go nowhere
        settings.announce = false;
        const auto port = valueOf(service_->startLink(settings));
        QVERIFY(port > 0);
        QCOMPARE(service_->listeningPort(), std::optional<std::uint16_t>(port));
        service_->stopLink();
        QVERIFY(!service_->listeningPort());
    }

    void onlyTheCoordinatorExportsAndTheRecordVerifiesUnderTheCentresKey() {
        QTemporaryDir out;
        const auto refused = service_->exportRecord(*invigilatorA_, sessionOfA_, out.path());
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::CoordinatorOnly);
        QVERIFY(QDir(out.path()).isEmpty());

        {
            auto desk = valueOf(service_->openSession(*invigilatorA_, sessionOfA_));
            QVERIFY(desk.incidents()
                        .record({IncidentKind::FireAlarmOrEvacuation,
                                 IncidentScope::WholeRoom,
                                 {},
                                 clock_.wallNowMs(),
                                 kInvigilatorA,
                                 "Fire alarm test at 10:05",
                                 {},
                                 {}},
                                clock_.wallNowMs())
                        .ok());
        }
        const auto exported =
            valueOf(service_->exportRecord(*coordinator_, sessionOfA_, out.path()));
        QFile record(exported.recordFile);
        QVERIFY(record.open(QIODevice::ReadOnly));
        const auto bytes = record.readAll();
        const auto verified =
            verifyRecord(std::span(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                   static_cast<std::size_t>(bytes.size())),
                         service_->centre().signingKeys().publicKey);
        QVERIFY(verified.ok());
        QCOMPARE(verified.value().data.session.room, std::string("Workshop 2"));
        QCOMPARE(verified.value().data.candidates.size(), std::size_t(1));
        QCOMPARE(verified.value().data.candidates[0].registration, std::string("AB123456"));
        QCOMPARE(verified.value().data.invigilators[0].pinReference, kInvigilatorA);
        QCOMPARE(verified.value().data.incidents.size(), std::size_t(1));
        QCOMPARE(verified.value().data.seatingPlan.size(), std::size_t(2));
        QVERIFY(QFile::exists(exported.pdf));
    }
};

QTEST_MAIN(ConsoleServiceTest)
#include "tst_console_service.moc"
