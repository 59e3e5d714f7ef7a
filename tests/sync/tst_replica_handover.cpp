// The console's replica when a sitting moves to a spare PC: after the hand-over the spare's
// journal (the old PC's events, then its own SittingMovedHere, its head signed by its own key)
// extends the chain held, and the sitting's seat and key become the spare's; what the old PC
// gave before the move stays acknowledged to it, its own bookkeeping of the move (Interrupted)
// is acknowledged and never kept, and anything else it writes after the move is refused,
// saying so, and never joins the replica. The two command
// bodies read back as written, and a broken one is named.
#include "engine_fixture.h"
#include "vigil/sync/journal_replica.h"
#include "vigil/sync/sitting_move.h"

#include <QTest>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace vigil::sync;
using namespace std::chrono_literals;

namespace {

const std::string kSittingId = "moving-1";

// The whole journal as one batch, its head signed by `keys`.
JournalEvents batchOf(const std::vector<SittingEvent>& events, const crypto::SigningKeyPair& keys,
                      std::size_t first = 0) {
    JournalEvents message;
    message.sittingId = kSittingId;
    message.firstSequence = std::int64_t(first);
    for (std::size_t i = first; i < events.size(); ++i) {
        message.events.push_back(canonicalEventJson(events[i]));
    }
    const JournalHead head{events.back().sequence, chainHashOf(events.back())};
    message.headHex = crypto::toHex(head.hash);
    message.signatureHex = crypto::toHex(signJournalHead(kSittingId, head, keys).signature);
    return message;
}

} // namespace

class ReplicaHandoverTest : public QObject {
    Q_OBJECT

private slots:
    void theSpareExtendsTheChainAndTheOldPcIsKeptOut() {
        QTemporaryDir dir;
        auto pc07 = openStore(dir, "pc07.db");
        auto pc12 = openStore(dir, "pc12.db");
        const auto spareKeys = crypto::generateSigningKeyPair();
        const auto assessment = smallAssessment(4);
        ManualClock clock;
        {
            auto sitting =
                Sitting::create(pc07, assessment, setupFor(kSittingId), clock, kioskKeys());
            startSitting(sitting);
            sitting.answer("Q1", {"A"});
            clock.advance(5s);
            sitting.checkpoint();
        }
        const store::Migration migrations[] = {{1, JournalReplica::schemaSql()},
                                               {2, JournalReplica::handoverSchemaSql()}};
        auto consoleDb =
            store::Database::open(dir.filePath("console.db").toStdString(), storeKey(), migrations);
        JournalReplica replica(consoleDb);
        const auto oldEvents = SittingJournal(pc07, kSittingId).load();
        QVERIFY(
            replica.receive("PC-07", kioskKeys().publicKey, batchOf(oldEvents, kioskKeys())).ok());

        // Before the hand-over the spare's key cannot extend it.
        importMovedJournal(
            pc12, journalDocument(replica.events(kSittingId), *replica.signedHead(kSittingId)),
            kioskKeys().publicKey, spareKeys, {"PC-12", "console command 1", 1});
        const auto spareEvents = SittingJournal(pc12, kSittingId).load();
        QCOMPARE(spareEvents.size(), oldEvents.size() + 1);
        QVERIFY(
            !replica.receive("PC-12", spareKeys.publicKey, batchOf(spareEvents, spareKeys)).ok());

        replica.recordHandover(kSittingId, "PC-12", spareKeys.publicKey, false);
        QCOMPARE(replica.untoldOldPcs().size(), std::size_t{1});
        QCOMPARE(replica.untoldOldPcs().front().fromSeat, std::string("PC-07"));

        // The old PC, restarted, writes an Interrupted: its own bookkeeping of the move,
        // acknowledged and never kept. What it held before, sent again, is acknowledged too.
        auto back = Sitting::load(pc07, assessment, kSittingId, clock, kioskKeys());
        const auto restarted = SittingJournal(pc07, kSittingId).load();
        QCOMPARE(restarted.size(), oldEvents.size() + 1);
        const auto bookkeeping = replica.receive("PC-07", kioskKeys().publicKey,
                                                 batchOf(restarted, kioskKeys(), oldEvents.size()));
        QVERIFY2(bookkeeping.ok(), bookkeeping.ok() ? "" : bookkeeping.error().reason.c_str());
        QCOMPARE(bookkeeping.value(), restarted.back().sequence);
        const auto resent =
            replica.receive("PC-07", kioskKeys().publicKey, batchOf(restarted, kioskKeys()));
        QVERIFY(resent.ok());
        QCOMPARE(replica.events(kSittingId).size(), oldEvents.size());
        QCOMPARE(replica.handoversFrom(kioskKeys().publicKey).size(), std::size_t{1});
        QVERIFY(replica.handoversFrom(spareKeys.publicKey).empty());

        // An answer given there after the move: refused, saying so.
        back.authoriseResume("INV-0042");
        back.answer("Q2", {"B"});
        const auto oldAfter = SittingJournal(pc07, kSittingId).load();
        auto refused = replica.receive("PC-07", kioskKeys().publicKey,
                                       batchOf(oldAfter, kioskKeys(), oldEvents.size()));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().reason.find("moved from PC-07 to PC-12") != std::string::npos,
                 refused.error().reason.c_str());

        // The spare sends its whole journal (it holds no acknowledgement yet): accepted.
        const auto ack =
            replica.receive("PC-12", spareKeys.publicKey, batchOf(spareEvents, spareKeys));
        QVERIFY2(ack.ok(), ack.ok() ? "" : ack.error().reason.c_str());
        QCOMPARE(ack.value(), spareEvents.back().sequence);
        std::vector<std::string> canonical;
        for (const auto& event : spareEvents) {
            canonical.push_back(canonicalEventJson(event));
        }
        QCOMPARE(replica.events(kSittingId), canonical);
        const auto held = replica.sittings();
        QCOMPARE(held.size(), std::size_t{1});
        QCOMPARE(held.front().seat, std::string("PC-12"));
        QVERIFY(held.front().kiosk == spareKeys.publicKey);
        QVERIFY(replica.signedHead(kSittingId)->signer == spareKeys.publicKey);

        // Still refused afterwards; the old PC, once told, is not listed again.
        QVERIFY(!replica
                     .receive("PC-07", kioskKeys().publicKey,
                              batchOf(oldAfter, kioskKeys(), oldEvents.size()))
                     .ok());
        replica.markOldPcTold(kSittingId);
        QVERIFY(replica.untoldOldPcs().empty());
        QCOMPARE(replica.events(kSittingId), canonical);
    }

    void theBodiesReadBackAndABrokenOneIsNamed() {
        MoveHereOrder order;
        order.sittingId = "S1";
        order.fromSeat = "PC07";
        order.fromKioskKey = kioskKeys().publicKey;
        order.journal = {1, 2, 3};
        order.assignment = {4, 5};
        order.sealedContentKey.assign(80, 7);
        const auto read = readMoveHereBody(moveHereBody(order));
        QVERIFY(read.ok());
        QCOMPARE(read.value().sittingId, order.sittingId);
        QCOMPARE(read.value().fromSeat, order.fromSeat);
        QVERIFY(read.value().fromKioskKey == order.fromKioskKey);
        QCOMPARE(read.value().journal, order.journal);
        QCOMPARE(read.value().assignment, order.assignment);
        QCOMPARE(read.value().sealedContentKey, order.sealedContentKey);
        QVERIFY(!readMoveHereBody(R"({"sittingId":"S1","fromSeat":"PC07"})").ok());
        QVERIFY(!readMoveHereBody("not json").ok());

        const auto moved = readSittingMovedBody(sittingMovedBody({"S1", "PC12"}));
        QVERIFY(moved.ok());
        QCOMPARE(moved.value().toSeat, std::string("PC12"));
        QCOMPARE(readSittingMovedBody(R"({"sittingId":"S1"})").error(),
                 std::string("the command does not name the sitting and the seat it moved to"));
    }
};

QTEST_GUILESS_MAIN(ReplicaHandoverTest)
#include "tst_replica_handover.moc"
