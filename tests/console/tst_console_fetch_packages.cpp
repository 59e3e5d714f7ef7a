// "Get packages from the awarding body" end to end: a real console (data folder, store,
// centre) downloads from vigil-syncd's real HTTPS server over TLS 1.3 on loopback, on the
// embedded store and on a real PostgreSQL server (rows "embedded" and "postgres"), and the
// command lines through the real binaries: `vigil-syncd publish-package` and `serve`, then
// `vigil-console fetch-packages`. What must hold: each package verified before it is imported,
// exactly as a package file is; a refused one named with its reason and importing nothing;
// another centre sees none of them; a cut connection imports nothing and the next run gets it;
// fetching twice changes nothing.
#include "core_fixture.h"
#include "postgres_server.h"
#include "vigil/console/console_service.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/key_files.h"
#include "vigil/crypto/random.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/package_service.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/testing/answer_dropping_proxy.h"
#include "vigil/testing/program_run.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using vigil::console::testing::valueOf;

namespace {

// An assessment package of about `bytes` (its question text random, so nothing compresses it).
exam::Assessment assessmentOf(const std::string& id, std::size_t bytes = 0) {
    auto assessment = console::testing::smallAssessment(id, false);
    if (bytes > 0) {
        assessment.items[0].bodyHtml =
            "<p>" + crypto::toHex(crypto::randomBytes(bytes / 2)) + "</p>";
    }
    return assessment;
}

} // namespace

class ConsoleFetchPackagesTest : public QObject {
    Q_OBJECT

    std::unique_ptr<vigil::testing::PostgresServer> postgres_;
    std::unique_ptr<QTemporaryDir> dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair awardingBody_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBodyBox_ = crypto::generateBoxKeyPair();
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::unique_ptr<receiver::ReceiverStore> receiverStore_;
    std::unique_ptr<receiver::UploadService> upload_;
    std::unique_ptr<receiver::HttpsServer> server_;
    std::uint16_t port_ = 0;
    std::string conninfo_; // the postgres row's fresh database

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_->path().toStdString()) / name;
    }

    void openConsole() {
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console-data")), clock_));
        coordinator_ = valueOf(service_->signIn(console::testing::kCoordinatorId,
                                                console::testing::kCoordinatorPin,
                                                console::testing::kCoordinatorPassword));
    }

    std::unique_ptr<receiver::ReceiverStore> openReceiverStore() {
        QFETCH_GLOBAL(QString, backend);
        if (backend == "embedded") {
            return receiver::EmbeddedReceiverStore::open(path("syncd.db"), storeKey_);
        }
        return receiver::PostgresReceiverStore::connect(conninfo_);
    }
    crypto::SecureBuffer storeKey_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);

    // A package the awarding body sealed for these centres, published for C0451: its id.
    std::string publish(const std::vector<std::uint8_t>& file,
                        const std::string& centre = "C0451") {
        receiver::PackageService packages(*receiverStore_);
        return receiverValue(packages.publish(centre, file)).packageId;
    }
    template <class T> static T receiverValue(receiver::ReceiverResult<T> result) {
        if (!result) {
            throw std::runtime_error(receiver::describe(result.error()));
        }
        return std::move(result).value();
    }
    std::vector<std::uint8_t> sealed(const exam::Assessment& assessment,
                                     const std::vector<exam::PackageRecipient>& recipients) {
        auto built = exam::buildPackage(assessment, awardingBody_, recipients);
        if (!built) {
            throw std::runtime_error(exam::describe(built.error()));
        }
        return std::move(built).value();
    }
    std::vector<std::uint8_t> sealedForUs(const exam::Assessment& assessment) {
        return sealed(assessment, {{"C0451", service_->centre().boxKeys().publicKey}});
    }

    std::vector<std::string> heldDigests() {
        std::vector<std::string> digests;
        for (const auto& package : service_->packages().packages(*coordinator_)) {
            digests.push_back(package.digest);
        }
        std::sort(digests.begin(), digests.end());
        return digests;
    }

    void startReceiver() {
        upload_ = std::make_unique<receiver::UploadService>(*receiverStore_, receiverKeys_);
        server_ = std::make_unique<receiver::HttpsServer>(*upload_, receiverKeys_,
                                                          receiver::ServerOptions{});
        port_ = server_->start().value();
    }

private slots:
    void initTestCase() { postgres_ = std::make_unique<vigil::testing::PostgresServer>(); }

    void initTestCase_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("postgres") << "postgres";
    }

    // Each test: a new console with its centre and coordinator, and a new receiver on the row's
    // back-end with the centre registered and set up on the console.
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), awardingBody_.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), awardingBodyBox_.publicKey));
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console-data")), clock_));
        QVERIFY(service_
                    ->createCentre(console::testing::northfieldCentre(path("ab-signing.pub"),
                                                                      path("ab-box.pub")))
                    .ok());
        coordinator_ = valueOf(service_->signIn(console::testing::kCoordinatorId,
                                                console::testing::kCoordinatorPin,
                                                console::testing::kCoordinatorPassword));
        QFETCH_GLOBAL(QString, backend);
        if (backend == "postgres") {
            conninfo_ = postgres_->freshDatabase();
        }
        receiverStore_ = openReceiverStore();
        receiverStore_->registerCentre({"C0451", service_->centre().signingKeys().publicKey});
        startReceiver();
        QVERIFY(service_->setReceiver(*coordinator_, {"localhost", port_, receiverKeys_.publicKey})
                    .ok());
    }

    void cleanup() {
        server_.reset();
        upload_.reset();
        receiverStore_.reset();
        service_.reset();
        coordinator_.reset();
        dir_.reset();
    }

    void publishedPackagesAreVerifiedAndImportedAndASecondRunChangesNothing() {
        const auto brakes = publish(sealedForUs(assessmentOf("LV3-BRAKES-2026A")));
        const auto engines = publish(sealedForUs(assessmentOf("LV3-ENGINES-2026A")));
        std::vector<std::pair<std::size_t, std::size_t>> progress;
        const auto first = valueOf(
            service_->fetchPackages(*coordinator_, [&](std::size_t done, std::size_t total) {
                progress.emplace_back(done, total);
            }));
        QCOMPARE(first.summary(),
                 std::string("2 imported, 0 already held, 0 refused, 0 not fetched"));
        QCOMPARE(progress, (std::vector<std::pair<std::size_t, std::size_t>>{{1, 2}, {2, 2}}));
        auto expected = std::vector<std::string>{brakes, engines};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(heldDigests(), expected); // imported under the digest seat assignments name
        const auto held = valueOf(service_->packages().find(*coordinator_, brakes));
        QCOMPARE(held.metadata.id, std::string("LV3-BRAKES-2026A"));
        QCOMPARE(held.importedBy, console::testing::kCoordinatorId);
        QVERIFY(first.lines()[0].find("imported LV3-BRAKES-2026A 2026.1") != std::string::npos);

        const auto second = valueOf(service_->fetchPackages(*coordinator_));
        QCOMPARE(second.summary(),
                 std::string("0 imported, 2 already held, 0 refused, 0 not fetched"));
        QCOMPARE(heldDigests(), expected);
    }

    void onlyTheCoordinatorGetsPackagesAndOnlyFromASetUpReceiver() {
        QVERIFY(service_->users()
                    .addInvigilator(*coordinator_,
                                    {"INV-0042", "Sam Carter", "1357", "sam-password", {}})
                    .ok());
        const auto invigilator = valueOf(service_->signIn("INV-0042", "1357", "sam-password"));
        QCOMPARE(service_->fetchPackages(invigilator).error().error, ConsoleError::CoordinatorOnly);
    }

    void aTamperedPackageAndOneSealedToAnotherCentreAreRefusedAndImportNothing() {
        auto tampered = sealedForUs(assessmentOf("LV3-BRAKES-2026A"));
        const auto layout = exam::locatePackageRegions(tampered).value();
        tampered[layout.metadata.offset + layout.metadata.size / 2] ^= 0x01;
        const auto tamperedId = publish(tampered);
        const auto otherCentre = sealed(assessmentOf("LV3-ENGINES-2026A"),
                                        {{"C0452", crypto::generateBoxKeyPair().publicKey}});
        const auto otherId = publish(otherCentre); // published for C0451 by mistake
        const auto good = publish(sealedForUs(assessmentOf("LV3-CLUTCH-2026A")));

        const auto report = valueOf(service_->fetchPackages(*coordinator_));
        QCOMPARE(report.summary(),
                 std::string("1 imported, 0 already held, 2 refused, 0 not fetched"));
        for (const auto& package : report.packages) {
            if (package.packageId == tamperedId) {
                QCOMPARE(package.outcome, FetchOutcome::Refused);
                QVERIFY2(package.detail.find("altered or damaged") != std::string::npos,
                         package.detail.c_str());
            } else if (package.packageId == otherId) {
                QCOMPARE(package.outcome, FetchOutcome::Refused);
                QVERIFY2(package.detail.find("is not sealed to centre C0451") != std::string::npos,
                         package.detail.c_str());
            } else {
                QCOMPARE(package.packageId, good);
                QCOMPARE(package.outcome, FetchOutcome::Imported);
            }
        }
        QCOMPARE(heldDigests(), std::vector<std::string>{good});
        // Asked again, the refused are refused again and nothing else changes.
        const auto again = valueOf(service_->fetchPackages(*coordinator_));
        QCOMPARE(again.summary(),
                 std::string("0 imported, 1 already held, 2 refused, 0 not fetched"));
        QCOMPARE(heldDigests(), std::vector<std::string>{good});
    }

    void anotherCentreNeitherListsNorDownloadsThisCentresPackages() {
        const auto ours = publish(sealedForUs(assessmentOf("LV3-BRAKES-2026A")));
        const auto otherKeys = crypto::generateSigningKeyPair();
        receiverStore_->registerCentre({"C0452", otherKeys.publicKey});
        const sync::ReceiverEndpoint endpoint{"localhost", port_, receiverKeys_.publicKey};

        sync::UploadClient other(endpoint, "C0452", otherKeys);
        const auto list = other.get("/v1/packages", 65'536);
        QVERIFY(list.ok());
        QCOMPARE(list.value(), std::string(R"({"packages":[]})"));
        const auto file = other.get("/v1/packages/" + ours, 65'536);
        QCOMPARE(file.error().error, sync::UploadError::Refused);
        QCOMPARE(file.error().httpStatus, 404);
        QCOMPARE(file.error().refusal, receiver::ReceiverError::NotFound);

        // A centre the receiver does not know, and C0451's name under another key.
        sync::UploadClient unknown(endpoint, "C0999", otherKeys);
        QCOMPARE(unknown.get("/v1/packages", 65'536).error().httpStatus, 403);
        sync::UploadClient impostor(endpoint, "C0451", otherKeys);
        QCOMPARE(impostor.get("/v1/packages/" + ours, 65'536).error().httpStatus, 401);
        QCOMPARE(impostor.get("/v1/packages/" + ours, 65'536).error().refusal,
                 receiver::ReceiverError::BadSignature);
    }

    void aConnectionCutMidDownloadImportsNothingAndTheNextRunGetsIt() {
        const auto large = sealedForUs(assessmentOf("LV3-BRAKES-2026A", 400'000));
        const auto id = publish(large);
        vigil::testing::AnswerDroppingProxy proxy(port_);
        QVERIFY(
            service_
                ->setReceiver(*coordinator_, {"localhost", proxy.port(), receiverKeys_.publicKey})
                .ok());
        // Both the connection and the client's one retry on a new one are cut, each at a byte
        // past the handshake and the list (a few kilobytes) and inside the 400 kB package.
        proxy.cutAtRandom(2, large.size(), 13);
        const auto cut = service_->fetchPackages(*coordinator_);
        proxy.cutAtRandom(0, large.size(), 13); // nothing more is cut
        QVERIFY2(proxy.cuts() >= 1, "the proxy cut nothing");
        if (cut) {
            QCOMPARE(cut.value().packages.size(), std::size_t(1));
            QCOMPARE(cut.value().packages[0].outcome, FetchOutcome::NotFetched);
        } else {
            QCOMPARE(cut.error().error, ConsoleError::PackagesUnavailable);
        }
        QVERIFY(heldDigests().empty());

        const auto next = valueOf(service_->fetchPackages(*coordinator_));
        QCOMPARE(next.summary(),
                 std::string("1 imported, 0 already held, 0 refused, 0 not fetched"));
        QCOMPARE(heldDigests(), std::vector<std::string>{id});
        QCOMPARE(valueOf(service_->packages().fileBytes(*coordinator_, id)), large);
    }

    void theCommandLinesPublishAndFetchThroughTheRealBinaries() {
        // The in-process receiver steps aside for the real one on the same storage.
        server_.reset();
        upload_.reset();
        receiverStore_.reset();
        QFETCH_GLOBAL(QString, backend);
        QFile key(QString::fromStdString(path("store.key").string()));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(QByteArray::fromStdString(crypto::toHex(storeKey_.span()) + "\n"));
        key.close();
        QVERIFY(crypto::saveSigningKeyPair(path("receiver.key"), receiverKeys_));
        QFile config(QString::fromStdString(path("syncd.conf").string()));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("listen = 127.0.0.1:0\nreceiver-key = receiver.key\nhost-name = localhost\n");
        config.write(
            backend == "embedded"
                ? QByteArray("store = embedded\nstore-path = syncd.db\nstore-key = store.key\n")
                : QByteArray::fromStdString("store = postgres\npostgres = " + conninfo_ + "\n"));
        config.close();
        const auto syncd = qEnvironmentVariable("VIGIL_SYNCD_BINARY");
        const auto configPath = QString::fromStdString(path("syncd.conf").string());

        const auto file = QString::fromStdString(path("brakes.vigil").string());
        const auto bytes = sealedForUs(assessmentOf("LV3-BRAKES-2026A"));
        QVERIFY(exam::writePackageFile(file.toStdString(), bytes));
        const auto id = QString::fromStdString(crypto::toHex(exam::packageDigest(bytes)));
        auto published = vigil::testing::runProgram(
            syncd, {"publish-package", "--config", configPath, "--centre", "C0451", file});
        QCOMPARE(published.exitCode, 0);
        QVERIFY2(published.out.contains("package " + id + " published for centre C0451"),
                 qPrintable(published.out));
        published = vigil::testing::runProgram(
            syncd, {"publish-package", "--config", configPath, "--centre", "C0451", file});
        QVERIFY2(published.out.contains("already published"), qPrintable(published.out));
        const auto unknown = vigil::testing::runProgram(
            syncd, {"publish-package", "--config", configPath, "--centre", "C0999", file});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.out.contains("not published") && unknown.out.contains("C0999"),
                 qPrintable(unknown.out));

        QProcess serve;
        serve.start(syncd, {"serve", "--config", configPath});
        const QRegularExpression listening("listening on [0-9.]+:([0-9]+)");
        QByteArray said;
        std::uint16_t port = 0;
        while (port == 0 && serve.waitForReadyRead(20'000)) {
            said += serve.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(said));
            port = match.hasMatch() ? static_cast<std::uint16_t>(match.captured(1).toUInt()) : 0;
        }
        QVERIFY2(port != 0, said.constData());
        QVERIFY(service_->setReceiver(*coordinator_, {"localhost", port, receiverKeys_.publicKey})
                    .ok());
        service_.reset(); // the command line opens the same data folder

        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("VIGIL_PIN_COORD_1", QString::fromStdString(console::testing::kCoordinatorPin));
        env.insert("VIGIL_PASSWORD_COORD_1",
                   QString::fromStdString(console::testing::kCoordinatorPassword));
        const auto console = qEnvironmentVariable("VIGIL_CONSOLE_BINARY");
        const QStringList fetch{"fetch-packages", "--data-dir",
                                QString::fromStdString(path("console-data").string()), "--user",
                                "COORD-1"};
        auto fetched = vigil::testing::runProgram(console, fetch, {env});
        QCOMPARE(fetched.exitCode, 0);
        QVERIFY2(fetched.out.contains("imported LV3-BRAKES-2026A 2026.1") &&
                     fetched.out.contains("1 imported, 0 already held, 0 refused, 0 not fetched"),
                 qPrintable(fetched.out));
        fetched = vigil::testing::runProgram(console, fetch, {env});
        QCOMPARE(fetched.exitCode, 0);
        QVERIFY2(fetched.out.contains("0 imported, 1 already held"), qPrintable(fetched.out));
        QCOMPARE(vigil::testing::runProgram(console, {"fetch-packages", "--user"}).exitCode, 2);
        serve.terminate();
        QVERIFY(serve.waitForFinished(10'000));

        openConsole();
        QCOMPARE(heldDigests(), std::vector<std::string>{id.toStdString()});
    }
};

QTEST_MAIN(ConsoleFetchPackagesTest)
#include "tst_console_fetch_packages.moc"
