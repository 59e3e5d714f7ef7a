// The console's replica of a sitting's journal, fed with a real sitting's events as a kiosk
// would send them: batches that extend the chain are stored byte for byte; a gap, a fork, a
// forged event or another kiosk's signature is refused and nothing is stored; a resend after a
// lost acknowledgement is acknowledged again.
#include "engine_fixture.h"
#include "vigil/sync/journal_replica.h"

#include <QTest>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace vigil::sync;
using namespace std::chrono_literals;

namespace {

const std::string kSittingId = "replica-1";

QString nameOf(JournalLinkError error) {
    return QString::fromLatin1(describe(error).data(), qsizetype(describe(error).size()));
}

} // namespace

class JournalReplicaTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<store::Database> kioskDb_;
    std::optional<store::Database> consoleDb_;
    Assessment assessment_ = smallAssessment(4);
    std::vector<SittingEvent> events_;

    // Events [first, last] as the kiosk sends them: canonical bytes and the head after `last`
    // signed with `keys`.
    JournalEvents batch(std::size_t first, std::size_t last,
                        const crypto::SigningKeyPair& keys = kioskKeys()) const {
        JournalEvents message;
        message.sittingId = kSittingId;
        message.firstSequence = std::int64_t(first);
        for (std::size_t i = first; i <= last; ++i) {
            message.events.push_back(canonicalEventJson(events_[i]));
        }
        const JournalHead head{events_[last].sequence, chainHashOf(events_[last])};
        const auto signedHead = signJournalHead(kSittingId, head, keys);
        message.headHex = crypto::toHex(head.hash);
        message.signatureHex = crypto::toHex(signedHead.signature);
        return message;
    }

    void openConsole() {
        consoleDb_.reset();
        const store::Migration migrations[] = {{1, JournalReplica::schemaSql()}};
        consoleDb_.emplace(store::Database::open(dir_.filePath("console.db").toStdString(),
                                                 storeKey(), migrations));
    }

    void expectRefused(JournalReplica& replica, const JournalEvents& message,
                       JournalLinkError expected) {
        const auto before = replica.events(kSittingId);
        const auto result = replica.receive("PC07", kioskKeys().publicKey, message);
        QVERIFY(!result.ok());
        QCOMPARE(nameOf(result.error().error), nameOf(expected));
        QVERIFY(!result.error().reason.empty());
        QCOMPARE(replica.events(kSittingId), before); // nothing stored
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        kioskDb_.emplace(openStore(dir_));
        ManualClock clock;
        auto sitting =
            Sitting::create(*kioskDb_, assessment_, setupFor(kSittingId), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"A"});
        clock.advance(5s);
        sitting.checkpoint();
        sitting.answer("Q2", {"B"});
        sitting.setFlag("Q3", true);
        sitting.answer("Q4", {"C"});
        events_ = sitting.events();
        QVERIFY(events_.size() >= 9);
    }

    void init() {
        consoleDb_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) {
            QFile::remove(dir_.filePath(QString("console.db") + suffix));
        }
        openConsole();
    }

    void batchesInOrderBuildAByteForByteCopy() {
        JournalReplica replica(*consoleDb_);
        QCOMPARE(replica.acknowledged(kSittingId), std::int64_t(-1));
        const auto last = events_.size() - 1;
        auto ack = replica.receive("PC07", kioskKeys().publicKey, batch(0, 2));
        QVERIFY(ack.ok());
        QCOMPARE(ack.value(), std::int64_t(2));
        ack = replica.receive("PC07", kioskKeys().publicKey, batch(3, last));
        QVERIFY(ack.ok());
        QCOMPARE(ack.value(), std::int64_t(last));

        // Byte for byte what the kiosk's store holds.
        const auto kioskEvents = SittingJournal(*kioskDb_, kSittingId).load();
        const auto held = replica.events(kSittingId);
        QCOMPARE(held.size(), kioskEvents.size());
        for (std::size_t i = 0; i < held.size(); ++i) {
            QCOMPARE(held[i], canonicalEventJson(kioskEvents[i]));
        }
        QCOMPARE(replica.sittings().size(), std::size_t(1));
        QCOMPARE(replica.sittings()[0].seat, std::string("PC07"));
    }

    void theReplicaSurvivesAConsoleRestart() {
        {
            JournalReplica replica(*consoleDb_);
            QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(0, 3)).ok());
        }
        openConsole();
        JournalReplica replica(*consoleDb_);
        QCOMPARE(replica.acknowledged(kSittingId), std::int64_t(3));
        QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(4, 5)).ok());
        QCOMPARE(replica.acknowledged(kSittingId), std::int64_t(5));
    }

    void aResendAfterALostAckIsAcknowledgedAgain() {
        JournalReplica replica(*consoleDb_);
        QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(0, 4)).ok());
        const auto again = replica.receive("PC07", kioskKeys().publicKey, batch(0, 4));
        QVERIFY(again.ok());
        QCOMPARE(again.value(), std::int64_t(4));
        // Overlapping: resends 3..4 and brings 5..6.
        const auto overlap = replica.receive("PC07", kioskKeys().publicKey, batch(3, 6));
        QVERIFY(overlap.ok());
        QCOMPARE(overlap.value(), std::int64_t(6));
        QCOMPARE(replica.events(kSittingId).size(), std::size_t(7));
    }

    void aGapIsRefused() {
        JournalReplica replica(*consoleDb_);
        QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(0, 2)).ok());
        expectRefused(replica, batch(4, 5), JournalLinkError::Gap);
        QCOMPARE(replica.acknowledged(kSittingId), std::int64_t(2));
    }

    void aForkedHistoryIsRefusedEvenWhenSignedByTheKiosk() {
        JournalReplica replica(*consoleDb_);
        QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(0, 4)).ok());
        // Someone with the kiosk's keys rewrites event 3 and re-signs: the console already
        // holds the original.
        auto forged = batch(0, 4);
        auto altered = events_[3];
        altered.wallMs += 1;
        forged.events[3] = canonicalEventJson(altered);
        expectRefused(replica, forged, JournalLinkError::Fork);
    }

    void anEventEditedInFlightBreaksTheSignedHead() {
        JournalReplica replica(*consoleDb_);
        auto edited = batch(0, 4);
        auto altered = events_[4];
        altered.timeUsedMs += 60'000;
        edited.events[4] = canonicalEventJson(altered);
        expectRefused(replica, edited, JournalLinkError::HeadMismatch);
        QCOMPARE(replica.acknowledged(kSittingId), std::int64_t(-1));
    }

    void anotherKeysSignatureIsRefused() {
        JournalReplica replica(*consoleDb_);
        const auto other = crypto::generateSigningKeyPair();
        expectRefused(replica, batch(0, 3, other), JournalLinkError::BadSignature);
    }

    void anotherKioskCannotExtendASitting() {
        JournalReplica replica(*consoleDb_);
        QVERIFY(replica.receive("PC07", kioskKeys().publicKey, batch(0, 3)).ok());
        const auto other = crypto::generateSigningKeyPair();
        const auto result = replica.receive("PC08", other.publicKey, batch(4, 5, other));
        QVERIFY(!result.ok());
        QCOMPARE(nameOf(result.error().error), nameOf(JournalLinkError::WrongSigner));
        QVERIFY(QString::fromStdString(result.error().reason).contains("PC07"));
    }

    void bytesThatAreNotTheCanonicalFormAreRefused() {
        JournalReplica replica(*consoleDb_);
        auto spaced = batch(0, 0);
        spaced.events[0] = " " + spaced.events[0];
        expectRefused(replica, spaced, JournalLinkError::BrokenLink);
        auto garbage = batch(0, 0);
        garbage.events[0] = "{not json";
        expectRefused(replica, garbage, JournalLinkError::BrokenLink);
    }
};

QTEST_GUILESS_MAIN(JournalReplicaTest)
#include "tst_journal_replica.moc"
