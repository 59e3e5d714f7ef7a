// What the invigilation record's candidate table says of each sitting (start, end, outcome),
// read from the journal the kiosk sent, in the centre's time zone.
#include "vigil/console/sitting_on_record.h"
#include "vigil/exam/sitting_journal.h"

#include <QTest>

using namespace vigil;
using exam::EventKind;

namespace {

constexpr std::int64_t kNineThirtyUtc = 1'795'426'200'000; // 2026-11-23 09:30:00 UTC

std::string journalEvent(EventKind kind, std::int64_t wallMs, std::int64_t number = 0,
                         bool flagged = false, const std::string& text = {}) {
    exam::SittingEvent e;
    e.kind = kind;
    e.wallMs = wallMs;
    e.number = number;
    e.flagged = flagged;
    e.text = text;
    return exam::canonicalEventJson(e);
}

const std::string kZone = "Europe/London";

} // namespace

class SittingOnRecordTest : public QObject {
    Q_OBJECT

private slots:
    void aSubmittedSittingHasItsTimesAndResult() {
        const std::vector<std::string> journal{
            journalEvent(EventKind::Started, kNineThirtyUtc),
            journalEvent(EventKind::AnswerChanged, kNineThirtyUtc + 60'000),
            journalEvent(EventKind::Submitted, kNineThirtyUtc + 41 * 60'000),
            journalEvent(EventKind::Resulted, kNineThirtyUtc + 41 * 60'000, 750'000, true)};
        const auto row = console::sittingOnRecord(&journal, kZone);
        QCOMPARE(row.start, std::string("09:30"));
        QCOMPARE(row.end, std::string("10:11"));
        QCOMPARE(row.outcome, std::string("Submitted: Pass (75%)"));
        QCOMPARE(console::sittingOnRecord(&journal, "Asia/Tokyo").start, std::string("18:30"));
    }

    void eachWayASittingEndsIsNamed() {
        std::vector<std::string> journal{journalEvent(EventKind::Started, kNineThirtyUtc)};
        QCOMPARE(console::sittingOnRecord(&journal, kZone).outcome, std::string("In progress"));
        QVERIFY(console::sittingOnRecord(&journal, kZone).end.empty());

        auto timedOut = journal;
        timedOut.push_back(journalEvent(EventKind::TimedOut, kNineThirtyUtc + 40 * 60'000));
        timedOut.push_back(
            journalEvent(EventKind::Resulted, kNineThirtyUtc + 40 * 60'000, 400'000));
        QCOMPARE(console::sittingOnRecord(&timedOut, kZone).outcome,
                 std::string("Time ran out: Fail (40%)"));
        QCOMPARE(console::sittingOnRecord(&timedOut, kZone).end, std::string("10:10"));

        auto voided = journal;
        voided.push_back(journalEvent(EventKind::Voided, kNineThirtyUtc + 5 * 60'000, 0, false,
                                      "candidate taken ill"));
        QCOMPARE(console::sittingOnRecord(&voided, kZone).outcome,
                 std::string("Voided: candidate taken ill"));
        QCOMPARE(console::sittingOnRecord(&voided, kZone).end, std::string("09:35"));

        const std::vector<std::string> loggedInOnly{
            journalEvent(EventKind::Created, kNineThirtyUtc)};
        QCOMPARE(console::sittingOnRecord(&loggedInOnly, kZone).outcome,
                 std::string("Not started"));
        QCOMPARE(console::sittingOnRecord(nullptr, kZone).outcome, std::string("Not sat"));
    }

    // A sitting moved to a spare PC (twice here): the record names every PC it was sat at, and
    // its times and outcome span the whole sitting.
    void aMovedSittingNamesThePcsItMovedTo() {
        const std::vector<std::string> journal{
            journalEvent(EventKind::Started, kNineThirtyUtc),
            journalEvent(EventKind::SittingMoved, kNineThirtyUtc + 10 * 60'000, 0, false, "PC12"),
            journalEvent(EventKind::SittingMovedHere, kNineThirtyUtc + 11 * 60'000, 0, false,
                         "PC12"),
            journalEvent(EventKind::SittingMoved, kNineThirtyUtc + 20 * 60'000, 0, false, "PC14"),
            journalEvent(EventKind::SittingMovedHere, kNineThirtyUtc + 21 * 60'000, 0, false,
                         "PC14"),
            journalEvent(EventKind::Submitted, kNineThirtyUtc + 45 * 60'000)};
        const auto row = console::sittingOnRecord(&journal, kZone);
        QVERIFY(row.movedTo == (std::vector<std::string>{"PC12", "PC14"}));
        QCOMPARE(row.start, std::string("09:30"));
        QCOMPARE(row.end, std::string("10:15"));
        QCOMPARE(row.outcome, std::string("Submitted"));
        QCOMPARE(console::pcOnRecord("PC03", row.movedTo),
                 std::string("PC03, moved to PC12, moved to PC14"));
        QCOMPARE(console::pcOnRecord("PC03", {}), std::string("PC03"));
    }
};

QTEST_GUILESS_MAIN(SittingOnRecordTest)
#include "tst_sitting_on_record.moc"
