// The centre's outbox through ConsoleService, on a real data folder and store, against the real
// receiver (vigil-syncd's HttpsServer and embedded store in this process) over TLS on loopback:
// the exported invigilation record lands in the outbox, "send now" delivers it with per-item
// outcomes, and nothing leaves the outbox without the receiver's verified receipt.
#include "core_fixture.h"
#include "engine_fixture.h"
#include "vigil/console/console_service.h"
#include "vigil/crypto/key_files.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/https_server.h"
#include "vigil/sync/journal_replica.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace vigil;
using namespace vigil::console;
using receiver::ItemKind;
using vigil::console::testing::valueOf;

namespace {
// The courier works on its own thread: wait for what it does (bounded, for a failure only).
template <class Predicate> bool waitUntil(Predicate predicate) {
    return QTest::qWaitFor(predicate, 30'000);
}
} // namespace

class ConsoleOutboxTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;
    crypto::SigningKeyPair awardingBody_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBodyBox_ = crypto::generateBoxKeyPair();
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::optional<SignedIn> invigilator_;
    std::string session_;
    std::unique_ptr<receiver::EmbeddedReceiverStore> receiverStore_;
    std::unique_ptr<receiver::UploadService> upload_;
    std::unique_ptr<receiver::HttpsServer> server_;
    std::uint16_t port_ = 0;

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }

    sync::SenderOptions noWaiting() const {
        sync::SenderOptions options;
        options.attemptsPerItem = 2;
        options.sleep = [](std::chrono::milliseconds) {
        };
        return options;
    }

private slots:
    void initTestCase() {
        QVERIFY(crypto::saveSigningPublicKey(path("ab-signing.pub"), awardingBody_.publicKey));
        QVERIFY(crypto::saveBoxPublicKey(path("ab-box.pub"), awardingBodyBox_.publicKey));
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console-data")), clock_));
        QVERIFY(service_
                    ->createCentre(console::testing::northfieldCentre(path("ab-signing.pub"),
                                                                      path("ab-box.pub")))
                    .ok());
        coordinator_ = valueOf(service_->signIn("COORD-1", "246810", "workshop-keys"));
        QVERIFY(service_->users()
                    .addInvigilator(*coordinator_,
                                    {"INV-0042", "Sam Carter", "1357", "sam-password", {}})
                    .ok());
        invigilator_ = valueOf(service_->signIn("INV-0042", "1357", "sam-password"));
        auto built =
            exam::buildPackage(testing::smallAssessment("LV3-BRAKES-2026A", false), awardingBody_,
                               {{"C0451", service_->centre().boxKeys().publicKey}});
        QVERIFY(built.ok());
        QVERIFY(exam::writePackageFile(path("p.vigil"), built.value()));
        const auto digest =
            valueOf(service_->packages().import(*coordinator_, path("p.vigil"))).digest;
        session_ = valueOf(service_->planner().create(
                               *coordinator_,
                               {"Workshop 2", "2026-11-23", "09:30", {{"INV-0042", {}}}, {digest}}))
                       .id;

        // The awarding body's receiver, with this centre registered under its key.
        receiverStore_ = receiver::EmbeddedReceiverStore::open(
            path("syncd.db"), crypto::SecureBuffer::random(store::Database::kKeyBytes));
        receiverStore_->registerCentre({"C0451", service_->centre().signingKeys().publicKey});
        upload_ = std::make_unique<receiver::UploadService>(*receiverStore_, receiverKeys_);
        server_ = std::make_unique<receiver::HttpsServer>(*upload_, receiverKeys_,
                                                          receiver::ServerOptions{});
        port_ = server_->start().value();
    }

    void cleanupTestCase() {
        service_.reset();
        server_.reset();
    }

    void sendingBeforeAReceiverIsSetUpIsRefusedAndOnlyTheCoordinatorSetsOne() {
        QCOMPARE(service_->sendOutboxNow(*coordinator_).error().error, ConsoleError::NoReceiver);
        const ReceiverSettings settings{"localhost", port_, receiverKeys_.publicKey};
        QCOMPARE(service_->setReceiver(*invigilator_, settings).error().error,
                 ConsoleError::CoordinatorOnly);
        QCOMPARE(service_->setReceiver(*coordinator_, {"localhost", port_, {}}).error().error,
                 ConsoleError::InvalidReceiver);
        QCOMPARE(
            service_->setReceiver(*coordinator_, {"local host", port_, receiverKeys_.publicKey})
                .error()
                .error,
            ConsoleError::InvalidReceiver);
        QVERIFY(!service_->receiver());
    }

    void theExportedRecordWaitsInTheOutboxUntilItsReceiptIsStored() {
        QTemporaryDir out;
        const auto exported = valueOf(service_->exportRecord(*coordinator_, session_, out.path()));
        auto status = service_->outboxStatus();
        QCOMPARE(status.waiting.size(), std::size_t(1));
        QCOMPARE(status.waiting[0].kind, ItemKind::InvigilationRecord);
        QFile record(exported.recordFile);
        QVERIFY(record.open(QIODevice::ReadOnly));
        const auto bytes = record.readAll();
        // The id is the receiver's: BLAKE2b-256 of the signed record's bytes.
        QCOMPARE(status.waiting[0].id,
                 receiver::itemIdOf(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                              static_cast<std::size_t>(bytes.size()))));
        // Exported again unchanged: still one item.
        (void)valueOf(service_->exportRecord(*coordinator_, session_, out.path()));
        QCOMPARE(service_->outboxStatus().waiting.size(), std::size_t(1));

        clock_.advance(std::chrono::hours(25));
        status = service_->outboxStatus();
        QCOMPARE(*status.oldestAgeMs, std::int64_t(25) * 3600 * 1000);
        QCOMPARE(status.overADay, std::size_t(1));
        QVERIFY(!status.lastReceipt);
    }

    void aReceiverProvingAnotherKeyGetsNothingAndTheItemsStay() {
        const auto stranger = crypto::generateSigningKeyPair();
        QVERIFY(
            service_->setReceiver(*coordinator_, {"localhost", port_, stranger.publicKey}).ok());
        const auto report = valueOf(service_->sendOutboxNow(*invigilator_, {}, noWaiting()));
        QCOMPARE(report.items.size(), std::size_t(1));
        QCOMPARE(report.items[0].outcome, sync::SendOutcome::Refused);
        QCOMPARE(report.stillWaiting, std::size_t(1));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(0));
        QCOMPARE(service_->outboxStatus().waiting[0].attempts, 1);
    }

    void sendNowDeliversEveryItemWithItsOutcomeAndReceipt() {
        QVERIFY(service_->setReceiver(*coordinator_, {"localhost", port_, receiverKeys_.publicKey})
                    .ok());
        const std::string sealed = "a result record as the kiosk sealed it";
        const auto resultId = valueOf(service_->queueItem(
            ItemKind::ResultRecord,
            std::span(reinterpret_cast<const std::uint8_t*>(sealed.data()), sealed.size()),
            "result of PC07"));
        {
            // Suspected malpractice in the session's incident log goes to the awarding body too.
            auto desk = valueOf(service_->openSession(*invigilator_, session_));
            Incident notes;
            notes.kind = IncidentKind::SuspectedMalpractice;
            notes.scope = IncidentScope::OneCandidate;
            notes.subjects = {{"PC01", "Jordan Ellis", "AB123456"}};
            notes.occurredMs = clock_.wallNowMs();
            notes.recordedBy = "INV-0042";
            notes.description = "Notes found under the keyboard";
            QVERIFY(desk.incidents().record(notes, clock_.wallNowMs()).ok());
        }
        std::vector<std::pair<std::size_t, std::size_t>> progress;
        const auto report = valueOf(service_->sendOutboxNow(
            *invigilator_,
            [&](std::size_t done, std::size_t total) { progress.emplace_back(done, total); },
            noWaiting()));
        QCOMPARE(report.items.size(), std::size_t(3));
        QCOMPARE(report.delivered, std::size_t(3));
        for (const auto& item : report.items) {
            QCOMPARE(item.outcome, sync::SendOutcome::Delivered);
            QVERIFY(item.receipt.has_value());
        }
        QCOMPARE(progress.back(), (std::pair<std::size_t, std::size_t>(3, 3)));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(3));

        const auto status = service_->outboxStatus();
        QVERIFY(status.waiting.empty());
        QVERIFY(!status.oldestAgeMs);
        QCOMPARE(status.overADay, std::size_t(0));
        QCOMPARE(status.receipts, std::size_t(3));
        QVERIFY(status.lastReceipt.has_value());
        QVERIFY(receiver::verifyReceipt(receiverKeys_.publicKey, status.lastReceipt->receipt));

        // Sending again finds nothing (the malpractice entry is not queued twice); the receiver
        // holds each item under its kind.
        QVERIFY(valueOf(service_->sendOutboxNow(*coordinator_, {}, noWaiting())).items.empty());
        std::map<ItemKind, int> kinds;
        for (const auto& held : receiverStore_->items()) {
            ++kinds[held.kind];
            if (held.receipt.itemId == resultId) {
                QCOMPARE(held.kind, ItemKind::ResultRecord);
            }
        }
        QCOMPARE(kinds[ItemKind::InvigilationRecord], 1);
        QCOMPARE(kinds[ItemKind::ResultRecord], 1);
        QCOMPARE(kinds[ItemKind::MalpracticeReport], 1);
    }

    void theHeadOfEverySittingTheReplicaHoldsIsSentOnce() {
        // A real sitting's journal, received by the console's replica as the link does.
        QTemporaryDir kioskDir;
        auto kioskDb = exam::testing::openStore(kioskDir);
        const auto assessment = exam::testing::smallAssessment(4); // the sitting keeps a reference
        exam::ManualClock kioskClock;
        auto sitting =
            exam::Sitting::create(kioskDb, assessment, exam::testing::setupFor("sitting-1"),
                                  kioskClock, exam::testing::kioskKeys());
        exam::testing::startSitting(sitting);
        sitting.answer("Q1", {"A"});
        const auto events = sitting.events();
        sync::JournalEvents batch;
        batch.sittingId = "sitting-1";
        batch.firstSequence = 0;
        for (const auto& event : events) {
            batch.events.push_back(exam::canonicalEventJson(event));
        }
        const exam::JournalHead head{events.back().sequence, exam::chainHashOf(events.back())};
        const auto signedHead =
            exam::signJournalHead("sitting-1", head, exam::testing::kioskKeys());
        batch.headHex = crypto::toHex(head.hash);
        batch.signatureHex = crypto::toHex(signedHead.signature);
        sync::JournalReplica replica(service_->store().db());
        QVERIFY(replica.receive("PC07", exam::testing::kioskKeys().publicKey, batch).ok());

        const auto report = valueOf(service_->sendOutboxNow(*invigilator_, {}, noWaiting()));
        QCOMPARE(report.items.size(), std::size_t(1));
        QCOMPARE(report.items[0].kind, ItemKind::JournalHead);
        QCOMPARE(report.items[0].outcome, sync::SendOutcome::Delivered);
        const auto item = journalHeadItem(signedHead);
        QCOMPARE(report.items[0].id, receiver::itemIdOf(item));
        const auto text = std::string(item.begin(), item.end());
        QVERIFY(text.find("\"sitting\":\"sitting-1\"") != std::string::npos);
        QVERIFY(text.find(crypto::toHex(signedHead.signature)) != std::string::npos);
        // The same head is not queued again.
        QVERIFY(valueOf(service_->sendOutboxNow(*invigilator_, {}, noWaiting())).items.empty());
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(4));
    }

    void theOutboxSurvivesARestartOfTheConsole() {
        const std::string report = "question 12 of LV3-BRAKES-2026A: diagram 3 is unreadable";
        (void)valueOf(service_->queueItem(
            ItemKind::ProblemReport,
            std::span(reinterpret_cast<const std::uint8_t*>(report.data()), report.size()),
            "problem report, question 12"));
        service_.reset();
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(path("console-data")), clock_));
        const auto status = service_->outboxStatus();
        QCOMPARE(status.waiting.size(), std::size_t(1));
        QCOMPARE(status.waiting[0].label, std::string("problem report, question 12"));
        QCOMPARE(status.receipts, std::size_t(4));
        QCOMPARE(service_->receiver()->port, port_);
    }

    // Question-problem reports go at once, as the app runs (ConsoleController starts the
    // courier with the link): nobody presses "send now" here.
    void aQuestionProblemIsSentAtOnceAndAFailedOneWaitsLikeTheOthers() {
        CourierOptions options;
        options.watchEvery = std::chrono::milliseconds(50);
        options.sender = noWaiting();
        QVERIFY(service_->startProblemReportCourier(options).ok());
        // The report queued before the restart goes as soon as the courier starts.
        QVERIFY(waitUntil([&] { return service_->outboxStatus().waiting.empty(); }));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(5));

        auto record = [&](int question) {
            auto desk = valueOf(service_->openSession(*invigilator_, session_));
            Incident problem;
            problem.kind = IncidentKind::SuspectedQuestionProblem;
            problem.scope = IncidentScope::WholeRoom;
            problem.occurredMs = clock_.wallNowMs();
            problem.recordedBy = "INV-0042";
            problem.question = QuestionReference{question, "LV3-BRAKES-2026A"};
            problem.description = "the diagram is cut off";
            return desk.incidents().record(problem, clock_.wallNowMs()).ok();
        };
        QVERIFY(record(7));
        // Received there, then its receipt stored here.
        QVERIFY(waitUntil([&] {
            return receiverStore_->itemCount() == 6 && service_->outboxStatus().waiting.empty() &&
                   service_->outboxStatus().receipts == 6;
        }));
        std::map<ItemKind, int> kinds;
        for (const auto& held : receiverStore_->items()) {
            ++kinds[held.kind];
        }
        QCOMPARE(kinds[ItemKind::ProblemReport], 2);

        // The receiver goes down: the next report is tried at once, fails, and waits.
        server_.reset();
        QVERIFY(record(9));
        QVERIFY(waitUntil([&] {
            const auto status = service_->outboxStatus();
            return status.waiting.size() == 1 && status.waiting[0].attempts > 0;
        }));
        const auto failed = service_->outboxStatus().waiting[0];
        QCOMPARE(failed.kind, ItemKind::ProblemReport);
        QVERIFY(!failed.lastError.empty());
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(6));

        // Back up (on another port): it goes with the next "send now", like every other item.
        server_ = std::make_unique<receiver::HttpsServer>(*upload_, receiverKeys_,
                                                          receiver::ServerOptions{});
        port_ = server_->start().value();
        QVERIFY(service_->setReceiver(*coordinator_, {"localhost", port_, receiverKeys_.publicKey})
                    .ok());
        const auto report = valueOf(service_->sendOutboxNow(*invigilator_, {}, noWaiting()));
        QCOMPARE(report.delivered, std::size_t(1));
        QCOMPARE(receiverStore_->itemCount(), std::int64_t(7));
        QVERIFY(service_->problemReportCourier()->delivered() >= 2);
    }
};

QTEST_MAIN(ConsoleOutboxTest)
#include "tst_console_outbox.moc"
