// The engine's part of moving a sitting to a spare PC: the PC it leaves journals SittingMoved
// and can change it no more, also after a reload; the spare imports the journal verified against
// the old PC's key and appends SittingMovedHere in the same transaction, landing Interrupted at
// its own seat with the same answers, order, question and time used.
#include "engine_fixture.h"
#include "vigil/exam/seat_sittings.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <QTest>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace std::chrono_literals;

namespace {

const crypto::SigningKeyPair& spareKeys() {
    static const auto keys = crypto::generateSigningKeyPair();
    return keys;
}

// A sitting under way on PC-07: two answers, on question 3, 90 s used.
std::string sitAWhile(store::Database& db, const Assessment& assessment, ManualClock& clock) {
    auto sitting = Sitting::create(db, assessment, setupFor("S-MOVE"), clock, kioskKeys());
    startSitting(sitting);
    const auto& order = sitting.presentationOrder();
    sitting.answer(order[0].itemId, {"B"});
    clock.advance(30s);
    sitting.answer(order[1].itemId, {"C"});
    sitting.goTo(2);
    clock.advance(60s);
    sitting.checkpoint();
    return sitting.id();
}

} // namespace

class TestMovedJournal : public QObject {
    Q_OBJECT

private slots:
    void theOldPcWritesNothingMoreAfterTheMove() {
        QTemporaryDir dir;
        auto db = openStore(dir);
        const auto assessment = smallAssessment();
        ManualClock clock;
        const auto id = sitAWhile(db, assessment, clock);
        {
            auto sitting = Sitting::load(db, assessment, id, clock, kioskKeys()); // Interrupted
            sitting.moveAway("PC-12", "console command 1");
            QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Moved));
            QCOMPARE(sitting.snapshot().movedToSeat, std::string("PC-12"));
            const auto count = storedEventCount(db, id);
            QVERIFY_THROWS_EXCEPTION(SittingError, sitting.authoriseResume("inv-1"));
            QVERIFY_THROWS_EXCEPTION(SittingError, sitting.noteIncident("window", "kiosk"));
            QVERIFY_THROWS_EXCEPTION(SittingError, sitting.voidSitting("no", "inv-1"));
            QCOMPARE(storedEventCount(db, id), count);
        }
        const auto count = storedEventCount(db, id);
        auto reloaded = Sitting::load(db, assessment, id, clock, kioskKeys());
        QCOMPARE(nameOf(reloaded.state()), nameOf(SittingState::Moved));
        QCOMPARE(storedEventCount(db, id), count); // a reload writes no Interrupted
    }

    void theSpareResumesTheSameSittingAtItsOwnSeat() {
        QTemporaryDir dir;
        auto db = openStore(dir);
        auto spare = openStore(dir, "spare.db");
        const auto assessment = smallAssessment();
        ManualClock clock;
        const auto id = sitAWhile(db, assessment, clock);
        const auto before = Sitting::load(db, assessment, id, clock, kioskKeys()).snapshot();
        const auto document = exportJournal(db, id);

        // Signed by another key than the one the console names: refused, nothing stored.
        QVERIFY_THROWS_EXCEPTION(
            SittingError, importMovedJournal(spare, document, spareKeys().publicKey, spareKeys(),
                                             {"PC-12", "console command 2", 1}));
        QCOMPARE(storedEventCount(spare, id), std::int64_t{0});

        importMovedJournal(spare, document, kioskKeys().publicKey, spareKeys(),
                           {"PC-12", "console command 2", 1});
        auto moved = Sitting::load(spare, assessment, id, clock, spareKeys());
        QCOMPARE(nameOf(moved.state()), nameOf(SittingState::Interrupted));
        QCOMPARE(nameOf(moved.events().back().kind), nameOf(EventKind::SittingMovedHere));
        QCOMPARE(moved.events().back().text, std::string("PC-12"));
        QCOMPARE(moved.snapshot().answers, before.answers);
        QCOMPARE(moved.presentationOrder(), before.header.order);
        QCOMPARE(moved.position(), 2);
        QCOMPARE(moved.timeUsed(), std::chrono::milliseconds(before.timeUsedMs));
        moved.authoriseResume("inv-2");
        QCOMPARE(nameOf(moved.state()), nameOf(SittingState::InProgress));

        // The seat's rule finds it at the spare's seat, not at the one it left.
        auto assignment =
            AssignmentOfSeat{"REG-0001", assessment.metadata.id, "PC-12", "S-2026-11-23-W2"};
        const auto found = findSeatSitting(spare, assignment);
        QCOMPARE(int(found.verdict), int(SeatSittingVerdict::Resume));
        QCOMPARE(found.sittingId, id);
        assignment.seat = "PC-07";
        QCOMPARE(int(findSeatSitting(spare, assignment).verdict),
                 int(SeatSittingVerdict::NoSittingYet));

        // Imported twice: refused, nothing overwritten.
        QVERIFY_THROWS_EXCEPTION(
            SittingError, importMovedJournal(spare, document, kioskKeys().publicKey, spareKeys(),
                                             {"PC-12", "console command 3", 1}));
    }

    void aSittingNotYetStartedDoesNotMove() {
        QTemporaryDir dir;
        auto db = openStore(dir);
        auto spare = openStore(dir, "spare.db");
        const auto assessment = smallAssessment();
        ManualClock clock;
        auto sitting = Sitting::create(db, assessment, setupFor("S-LOCKED"), clock, kioskKeys());
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting.moveAway("PC-12", "console command 4"));
        try {
            importMovedJournal(spare, exportJournal(db, "S-LOCKED"), kioskKeys().publicKey,
                               spareKeys(), {"PC-12", "console command 4", 1});
            QFAIL("a sitting that never started was moved");
        } catch (const SittingError& error) {
            QCOMPARE(int(error.code()), int(SittingErrorCode::IllegalTransition));
        }
        QCOMPARE(storedEventCount(spare, "S-LOCKED"), std::int64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestMovedJournal)
#include "tst_moved_journal.moc"
