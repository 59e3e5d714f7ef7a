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

// The first event of a sitting of a paper whose best score is `maxScore` (0: a journal from
// before the header recorded it).
std::string created(std::int64_t wallMs, double maxScore) {
    exam::SittingEvent e;
    e.kind = EventKind::Created;
    e.wallMs = wallMs;
    exam::SittingHeader header;
    header.sittingId = "S-1";
    header.sessionId = "SESSION-1";
    header.order = {{"q01", {"A", "B"}}};
    header.maxScoreMillionths = std::llround(maxScore * 1'000'000.0);
    e.header = std::make_shared<const exam::SittingHeader>(header);
    return exam::canonicalEventJson(e);
}

// The outcome column, as QString: QCOMPARE prints both sides of a difference.
QString outcomeOf(const std::vector<std::string>& journal) {
    return QString::fromStdString(console::sittingOnRecord(&journal, kZone).outcome);
}

// Resulted as the kiosk writes it: the score in millionths, flagged when passed.
std::string resulted(std::int64_t wallMs, double score, bool passed) {
    return journalEvent(EventKind::Resulted, wallMs, std::llround(score * 1'000'000.0), passed);
}

} // namespace

class SittingOnRecordTest : public QObject {
    Q_OBJECT

private slots:
    void aSubmittedSittingHasItsTimesAndResult() {
        try {
            QCOMPARE(exam::parseEventJson(created(0, 40)).header->maxScoreMillionths,
                     std::int64_t{40'000'000});
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        const std::vector<std::string> journal{
            created(kNineThirtyUtc - 60'000, 40), journalEvent(EventKind::Started, kNineThirtyUtc),
            journalEvent(EventKind::AnswerChanged, kNineThirtyUtc + 60'000),
            journalEvent(EventKind::Submitted, kNineThirtyUtc + 41 * 60'000),
            resulted(kNineThirtyUtc + 41 * 60'000, 30, true)};
        const auto row = console::sittingOnRecord(&journal, kZone);
        QCOMPARE(row.start, std::string("09:30"));
        QCOMPARE(row.end, std::string("10:11"));
        QCOMPARE(outcomeOf(journal), QStringLiteral("Submitted: Pass 30/40 (75%)"));
        QCOMPARE(console::sittingOnRecord(&journal, "Asia/Tokyo").start, std::string("18:30"));
    }

    void eachWayASittingEndsIsNamed() {
        std::vector<std::string> journal{created(kNineThirtyUtc - 60'000, 40),
                                         journalEvent(EventKind::Started, kNineThirtyUtc)};
        QCOMPARE(outcomeOf(journal), QStringLiteral("In progress"));
        QVERIFY(console::sittingOnRecord(&journal, kZone).end.empty());

        auto timedOut = journal;
        timedOut.push_back(journalEvent(EventKind::TimedOut, kNineThirtyUtc + 40 * 60'000));
        timedOut.push_back(resulted(kNineThirtyUtc + 40 * 60'000, 16, false));
        QCOMPARE(outcomeOf(timedOut), QStringLiteral("Time ran out: Fail 16/40 (40%)"));
        QCOMPARE(console::sittingOnRecord(&timedOut, kZone).end, std::string("10:10"));

        auto voided = journal;
        voided.push_back(journalEvent(EventKind::Voided, kNineThirtyUtc + 5 * 60'000, 0, false,
                                      "candidate taken ill"));
        QCOMPARE(outcomeOf(voided), QStringLiteral("Voided: candidate taken ill"));
        QCOMPARE(console::sittingOnRecord(&voided, kZone).end, std::string("09:35"));

        const std::vector<std::string> loggedInOnly{
            journalEvent(EventKind::Created, kNineThirtyUtc)};
        QCOMPARE(outcomeOf(loggedInOnly), QStringLiteral("Not started"));
        QCOMPARE(console::sittingOnRecord(nullptr, kZone).outcome, std::string("Not sat"));
    }

    // Part marks as the result screen shows them; a journal whose header did not record the
    // paper's best score gives the score alone, never a percentage of nothing.
    void partMarksAndAJournalWithoutTheBestScore() {
        const std::vector<std::string> partMarks{
            created(kNineThirtyUtc, 40), journalEvent(EventKind::Started, kNineThirtyUtc),
            journalEvent(EventKind::Submitted, kNineThirtyUtc + 30 * 60'000),
            resulted(kNineThirtyUtc + 30 * 60'000, 22.5, false)};
        QCOMPARE(outcomeOf(partMarks), QStringLiteral("Submitted: Fail 22.5/40 (56%)"));
        const std::vector<std::string> older{
            created(kNineThirtyUtc, 0), journalEvent(EventKind::Started, kNineThirtyUtc),
            journalEvent(EventKind::Submitted, kNineThirtyUtc + 30 * 60'000),
            resulted(kNineThirtyUtc + 30 * 60'000, 30, true)};
        QCOMPARE(outcomeOf(older), QStringLiteral("Submitted: Pass, score 30"));
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
