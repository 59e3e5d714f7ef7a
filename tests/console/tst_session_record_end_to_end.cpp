// A whole session, from the live room to the invigilation record the coordinator exports,
// through the real console (ConsoleService on a real data folder, its hub on loopback, TLS 1.3)
// and three kiosks that are real link endpoints (each its own key and encrypted store, a real
// sitting journal pushed event by event, live_fixture.h):
//   - three candidates sit; incidents are raised at the console (the whole room's fire alarm, a
//     candidate asking for a word's pronunciation) and at the kiosks (focus lost at PC01, the
//     reader used at PC02), and a candidate pauses at the seat;
//   - PC03's link is killed mid-sitting; what the candidate does meanwhile (an answer, a
//     problem report) stays in its journal; when the link comes back it all arrives once;
//   - PC03's sitting is then moved to the spare PC04 (on the plan's free place): PC03 gives it
//     up, PC04 takes the journal on, and after the invigilator's login there the candidate
//     finishes with the answers given at PC03;
//   - every candidate submits, the invigilator closes the session, the coordinator exports.
// What is checked is what the external quality assurer reads: pdftotext of the PDF names every
// candidate with registration number and outcome, and every incident of both sides (the move's
// included); the CSV's candidate rows match the sittings (the moved candidate's PC column names
// both PCs) and its incident rows the console's log, entry for entry. (The move with the
// kiosk's own screens is tst_console_live_kiosks'.)
#include "live_fixture.h"
#include "record_reading.h"
#include "vigil/console/record_export.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
using namespace vigil::console::reading;

namespace {

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

std::string readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

// The descriptions of the session's incident log, as the console holds it.
std::vector<std::string> logged(ConsoleService& service, const SignedIn& by,
                                const std::string& sessionId) {
    auto desk = valueOf(service.openSession(by, sessionId));
    std::vector<std::string> descriptions;
    for (const auto& entry : desk.incidents().entries()) {
        descriptions.push_back(entry.incident.description);
    }
    return descriptions;
}

bool holds(const std::vector<std::string>& descriptions, const std::string& wanted) {
    return std::find(descriptions.begin(), descriptions.end(), wanted) != descriptions.end();
}

} // namespace

class SessionRecordEndToEndTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            QFAIL("pdftotext (poppler-utils) is needed: scripts/setup.sh test installs it");
        }
    }

    void aSessionSatEndToEndIsOnTheRecordTheCoordinatorExports() {
        LiveConsole console(dir_.filePath("room").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        auto pc02 = console.enrolledKiosk("PC02");
        auto pc03 = console.enrolledKiosk("PC03");
        auto pc04 = console.enrolledKiosk("PC04"); // the spare, on the plan's free place
        {
            auto desk =
                valueOf(console.service().openSession(console.coordinator(), console.sessionId()));
            QVERIFY(desk.seating().addPc(console.sessionId(), "PC04", {1, 0}).ok());
        }
        const auto sam = console.signIn("INV-0042");
        auto live = valueOf(console.service().openLive(sam, console.sessionId()));
        const auto assessment = smallAssessment(LiveConsole::kAssessment, false);
        pc01->sit(console.sessionId(), "AB123456", assessment);
        pc02->sit(console.sessionId(), "REG-40213", assessment);
        pc03->sit(console.sessionId(), "REG-40214", assessment);
        for (const char* seat : {"PC01", "PC02", "PC03"}) {
            QVERIFY2(eventually([&] { return seatOf(*live, seat).state == SeatState::InProgress; }),
                     seat);
        }

        // The console's incidents: the whole room, and one candidate.
        {
            auto desk = valueOf(console.service().openSession(sam, console.sessionId()));
            QVERIFY(desk.incidents()
                        .record({IncidentKind::FireAlarmOrEvacuation,
                                 IncidentScope::WholeRoom,
                                 {},
                                 clock_.wallNowMs(),
                                 "INV-0042",
                                 "Fire alarm test at 10:05, room left for 4 minutes",
                                 {},
                                 {}},
                                clock_.wallNowMs())
                        .ok());
            QVERIFY(desk.incidents()
                        .record({IncidentKind::ExplanationOrPronunciationAsked,
                                 IncidentScope::OneCandidate,
                                 {{"PC02", "Sam Patel", "REG-40213"}},
                                 clock_.wallNowMs(),
                                 "INV-0042",
                                 "Asked how to pronounce 'calliper'; read aloud, not explained",
                                 {},
                                 {}},
                                clock_.wallNowMs())
                        .ok());
        }
        // The kiosks': each arrives by itself as its journal event reaches the console.
        pc01->answer("q01", "A");
        pc01->noteIncident("lockdown: focus lost to another window for 3 s");
        pc02->noteIncident("reader used: question 1 read aloud");
        pc02->answer("q01", "B");

        // PC03's link is killed; the candidate goes on; nothing reaches the console meanwhile.
        pc03->stop();
        QVERIFY(eventually([&] { return seatOf(*live, "PC03").state == SeatState::NotConnected; }));
        pc03->answer("q01", "A");
        pc03->noteIncident("problem reported: the diagram of question 2 is cut off");
        QTest::qWait(300);
        QVERIFY(!holds(logged(console.service(), sam, console.sessionId()),
                       "problem reported: the diagram of question 2 is cut off"));
        // Back: the link resends everything after the console's last acknowledgement.
        pc03->start();
        QVERIFY(eventually([&] {
            return holds(logged(console.service(), sam, console.sessionId()),
                         "problem reported: the diagram of question 2 is cut off");
        }));

        // PC03's sitting moves to the spare PC04, with what the candidate gave at PC03.
        pc04->standBy(assessment);
        const auto moving = live->moveSitting("PC03", "PC04", false);
        QVERIFY2(moving.ok(), moving ? "" : qPrintable(q(describe(moving.error()))));
        QVERIFY(eventually([&] { return live->moves().at("PC03").finished; }));
        QCOMPARE(live->moves().at("PC03").stage, std::string("moved"));
        QVERIFY(pc03->sitting()->state() == exam::SittingState::Moved);
        QVERIFY(pc04->sitting() != nullptr);
        QVERIFY(pc04->sitting()->state() == exam::SittingState::Interrupted);
        QVERIFY(pc04->sitting()->snapshot().answers.at("q01") == std::vector<std::string>{"A"});
        pc04->resumeAtSeat("INV-0042");
        pc04->answer("q02", "B");

        for (auto* kiosk : {pc01.get(), pc02.get(), pc04.get()}) {
            kiosk->submit();
        }
        for (const char* seat : {"PC01", "PC02", "PC04"}) {
            QVERIFY2(eventually([&] {
                         return seatOf(*live, seat).progress == SittingProgress::Submitted;
                     }),
                     seat);
        }
        const auto kioskIncidents = {
            std::string("lockdown: focus lost to another window for 3 s"),
            std::string("reader used: question 1 read aloud"),
            std::string("problem reported: the diagram of question 2 is cut off")};
        QVERIFY(eventually([&] {
            const auto descriptions = logged(console.service(), sam, console.sessionId());
            return std::all_of(kioskIncidents.begin(), kioskIncidents.end(),
                               [&](const auto& text) { return holds(descriptions, text); });
        }));
        const auto closed = valueOf(live->closeSession({}));
        QCOMPARE(closed.state, SessionState::Closed);

        // The coordinator exports the record.
        const auto folder = dir_.filePath(QStringLiteral("export"));
        const auto exported =
            console.service().exportRecord(console.coordinator(), console.sessionId(), folder);
        QVERIFY2(exported.ok(), exported ? "" : qPrintable(q(describe(exported.error()))));

        // The PDF, as pdftotext reads it.
        const PdfReading pdf(exported.value().pdf);
        QVERIFY2(!pdf.empty(), "pdftotext read nothing");
        const auto expect = [&](const std::string& value) {
            QVERIFY2(pdf.lacks(value).isEmpty(), qPrintable(pdf.lacks(value)));
        };
        const std::map<std::string, std::pair<std::string, std::string>> seated{
            {"AB123456", {"Jordan Ellis", "PC01"}},
            {"REG-40213", {"Sam Patel", "PC02"}},
            {"REG-40214", {"Jo Jones", "PC03, moved to PC04"}}};
        for (const auto& [registration, who] : seated) {
            expect(who.first);
            expect(registration);
        }
        const auto descriptions = logged(console.service(), sam, console.sessionId());
        QVERIFY(descriptions.size() >= 5);
        for (const auto& description : descriptions) {
            expect(description);
        }
        expect(std::string(labelOf(IncidentKind::FireAlarmOrEvacuation)));
        expect(std::string(labelOf(IncidentKind::KioskFocusLoss)));
        expect(std::string(labelOf(IncidentKind::ReaderUsed)));
        expect(std::string(labelOf(IncidentKind::KioskProblemReport)));
        expect("From the console: move of the sitting from PC03 to PC04: moved");
        expect(crypto::toHex(exported.value().digest));

        // The CSV: one candidate row per sitting, as the room saw it.
        const auto candidates =
            parseCsv(readFile(exported.value().csvBase + QStringLiteral("-candidates.csv")));
        QCOMPARE(candidates.size(), seated.size() + 1);
        QCOMPARE(candidates[0][0], std::string("Name"));
        QCOMPARE(candidates[0][6], std::string("Outcome"));
        for (std::size_t row = 1; row < candidates.size(); ++row) {
            const auto& cells = candidates[row];
            const auto found = seated.find(cells.at(1));
            QVERIFY2(found != seated.end(), cells.at(1).c_str());
            QCOMPARE(cells.at(0), found->second.first);
            QCOMPARE(cells.at(2), assessment.metadata.title); // as the package names it
            QCOMPARE(cells.at(3), found->second.second);
            QCOMPARE(cells.at(6), std::string("Submitted"));
            QVERIFY2(!cells.at(4).empty() && !cells.at(5).empty(), "start and end are filled in");
            expect(cells.at(6)); // the PDF shows the same outcome and PC
            expect(cells.at(3));
        }
        // ... and one incident row per entry of the console's log, in order.
        const auto incidents =
            parseCsv(readFile(exported.value().csvBase + QStringLiteral("-incidents.csv")));
        QCOMPARE(incidents.size(), descriptions.size() + 1);
        for (std::size_t row = 1; row < incidents.size(); ++row) {
            QVERIFY2(incidents[row].at(6).find(descriptions[row - 1]) != std::string::npos,
                     incidents[row].at(6).c_str());
        }
    }
};

QTEST_MAIN(SessionRecordEndToEndTest)
#include "tst_session_record_end_to_end.moc"
