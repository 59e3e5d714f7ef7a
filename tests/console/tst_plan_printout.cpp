// The seating plan on paper: the console writes a session's plan as a one-page PDF for anyone
// who may open the session; pdftotext reads every seat's label, candidate, registration number
// and assessment back, and the session's heading. Another invigilator gets nothing written; a
// room too wide for the page is still printed whole.
#include "live_fixture.h"
#include "record_reading.h"
#include "vigil/console/plan_printout.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;
using namespace vigil::console::reading;

namespace {

int pages(const QString& pdf) {
    QProcess pdfinfo;
    pdfinfo.start(QStringLiteral("pdfinfo"), {pdf});
    if (!pdfinfo.waitForFinished(60'000)) {
        return -1;
    }
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                           .match(QString::fromUtf8(pdfinfo.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class PlanPrintoutTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            QFAIL("pdftotext (poppler-utils) is needed: scripts/setup.sh test installs it");
        }
    }

    void theSessionsInvigilatorPrintsEverySeatOfThePlan() {
        LiveConsole console(dir_.filePath("plan").toStdString(), clock_);
        const auto sam = console.signIn("INV-0042");
        const auto path = dir_.filePath(QStringLiteral("plan.pdf"));
        QVERIFY(console.service().writeSeatingPlanPdf(sam, console.sessionId(), path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
        QCOMPARE(pages(path), 1);
        const auto text = normalised(pdfText(path));
        QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
        const auto expect = [&](const QString& wanted) {
            QVERIFY2(text.contains(wanted), qPrintable(wanted + " not in: " + text));
        };
        expect(QStringLiteral("Seating plan: Northfield Motor Training, Workshop 2, 2026-11-23 "
                              "09:30 (") +
               QString::fromStdString(console.sessionId()) + QStringLiteral(")"));
        expect(QStringLiteral("Front of the room"));
        for (const auto& [seat, name, registration] :
             {std::tuple{"PC01", "Jordan Ellis", "AB123456"},
              std::tuple{"PC02", "Sam Patel", "REG-40213"},
              std::tuple{"PC03", "Jo Jones", "REG-40214"}}) {
            expect(QString::fromLatin1(seat) + QStringLiteral(" ") + QString::fromLatin1(name) +
                   QStringLiteral(" ") + QString::fromLatin1(registration));
        }

        // Another invigilator's session: refused, nothing written.
        const auto priya = console.signIn("INV-0043");
        const auto theirs = dir_.filePath(QStringLiteral("priya.pdf"));
        const auto refused =
            console.service().writeSeatingPlanPdf(priya, console.sessionId(), theirs);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, ConsoleError::NotYourSession);
        QVERIFY(!QFile::exists(theirs));
        // A folder that does not exist: said so.
        const auto nowhere = console.service().writeSeatingPlanPdf(
            sam, console.sessionId(), dir_.filePath(QStringLiteral("missing/plan.pdf")));
        QCOMPARE(nowhere.error().error, ConsoleError::ExportFailed);
    }

    void aRoomTooWideForThePageIsPrintedWhole() {
        SessionFacts facts;
        facts.centreName = "Northfield Motor Training";
        facts.sessionId = "S-0009";
        facts.room = "Main hall";
        facts.date = "2026-11-24";
        facts.startTime = "13:00";
        std::vector<std::vector<SeatCell>> plan(3);
        for (int row = 0; row < 3; ++row) {
            for (int column = 0; column < 14; ++column) {
                const auto n = std::to_string(row * 14 + column + 1);
                plan[static_cast<std::size_t>(row)].push_back(
                    {"PC" + n, "Cand " + n, "R" + n, "LV3"});
            }
        }
        plan[1][3] = {}; // no PC stands here
        const auto path = dir_.filePath(QStringLiteral("hall.pdf"));
        QVERIFY(writeSeatingPlanPdf(facts, plan, path).ok());
        QCOMPARE(pages(path), 1);
        const auto text = normalised(pdfText(path));
        for (const auto& row : plan) {
            for (const auto& seat : row) {
                if (!seat.pc.empty()) {
                    QVERIFY2(
                        text.contains(QString::fromStdString(seat.pc + " " + seat.candidateName)),
                        seat.pc.c_str());
                }
            }
        }
        QVERIFY(!text.contains(QStringLiteral("PC18 ")));
    }
};

QTEST_MAIN(PlanPrintoutTest)
#include "tst_plan_printout.moc"
