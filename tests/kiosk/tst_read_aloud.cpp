// The computer reader (issue 16): a seat whose assignment grants it reads the question on
// screen aloud through the in-process flite engine. What is said is read through the speech
// seam (SpeechOutput): a recording output in the engine's place. The flite engine itself must
// load here (no sound device: its text is asserted, never its sound).
#include "session_harness.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/speech_output.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using Screen = SessionController::Screen;

namespace {

// What the read-aloud handed to its voice, in order.
struct SpeechLog {
    QStringList said;
    int stops = 0;
    double rate = 0.0;
};

class RecordingOutput final : public SpeechOutput {
public:
    explicit RecordingOutput(std::shared_ptr<SpeechLog> log)
        : log_(std::move(log)) {}
    QString engineName() const override { return QStringLiteral("recording"); }
    bool available() const override { return true; }
    QString problem() const override { return {}; }
    void say(const QString& text) override { log_->said << text; }
    void stop() override { ++log_->stops; }
    void setRate(double rate) override { log_->rate = rate; }

private:
    std::shared_ptr<SpeechLog> log_;
};

// An engine that did not load.
class SilentOutput final : public SpeechOutput {
public:
    QString engineName() const override { return {}; }
    bool available() const override { return false; }
    QString problem() const override { return QStringLiteral("no sound engine here"); }
    void say(const QString&) override {}
    void stop() override {}
    void setRate(double) override {}
};

SeatBuildOptions seatWithComputerReader() {
    auto options = sampleSeatOptions();
    options.accessibility.computerReader = true;
    return options;
}

int readerUsedNotes(const SessionController& s) {
    int notes = 0;
    for (const auto& event : s.sitting()->events()) {
        notes +=
            event.kind == exam::EventKind::IncidentNoted &&
                    QString::fromStdString(event.text).startsWith(QStringLiteral("reader used"))
                ? 1
                : 0;
    }
    return notes;
}

} // namespace

class TestReadAloud : public QObject {
    Q_OBJECT

private slots:
    void theFliteEngineLoadsInProcess() {
        const auto output = makeInProcessSpeechOutput();
        QVERIFY2(output->available(), qPrintable(output->problem()));
        QCOMPARE(output->engineName(), QStringLiteral("flite"));
        QVERIFY(output->problem().isEmpty());
        // No sound device in the test suite: the engine takes the text all the same.
        output->setRate(0.25);
        output->say(QStringLiteral("Question 1 of 5"));
        output->stop();
    }

    void aSeatWithTheArrangementGetsTheFliteReader() {
        SessionHarness h(makeSampleAssessment({}), seatWithComputerReader());
        auto* reader = h.session().reader();
        QVERIFY(reader->wanted());
        QVERIFY(reader->enabled());
        QCOMPARE(reader->engineName(), QStringLiteral("flite"));
    }

    void aSeatWithoutTheArrangementHasNoReader() {
        SessionHarness h;
        auto log = std::make_shared<SpeechLog>();
        h.session().reader()->setOutput(std::make_unique<RecordingOutput>(log));
        h.startSitting();
        QVERIFY(!h.session().reader()->enabled());
        h.session().reader()->readQuestion();
        h.session().reader()->readChoice(-1);
        QVERIFY(log->said.isEmpty());
        QCOMPARE(readerUsedNotes(h.session()), 0);
    }

    void readsTheQuestionThenEachAnswerOnRequest() {
        SessionHarness h(makeSampleAssessment({}), seatWithComputerReader());
        auto& s = h.session();
        auto log = std::make_shared<SpeechLog>();
        s.reader()->setOutput(std::make_unique<RecordingOutput>(log));
        QVERIFY(s.reader()->enabled());
        h.startSitting();
        QCOMPARE(s.screen(), Screen::Question);

        s.reader()->readQuestion();
        QCOMPARE(log->said.size(), 1);
        // The items are shuffled: whichever is first, its stem is read between heading and hint.
        const QString marker = QString::fromLatin1(kSampleItemMarker);
        const QString stem = s.questionReadingText();
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^Question body \\d %1\nWhich is right\\?$").arg(marker))
                     .match(stem)
                     .hasMatch(),
                 qPrintable(stem));
        QCOMPARE(log->said.last(), QStringLiteral("Question 1 of 5\n%1\n%2\nA. Option A\nB. Option "
                                                  "B\nC. Option C\nD. Option D")
                                       .arg(stem, s.choiceHint()));

        s.reader()->readChoice(-1);
        s.reader()->readChoice(-1);
        s.reader()->readChoice(3);  // the answer with focus
        s.reader()->readChoice(-1); // after the last: A again
        QCOMPARE(log->said.mid(1),
                 (QStringList{QStringLiteral("A. Option A"), QStringLiteral("B. Option B"),
                              QStringLiteral("D. Option D"), QStringLiteral("A. Option A")}));

        s.reader()->repeat();
        QCOMPARE(log->said.last(), QStringLiteral("A. Option A"));
        s.reader()->readTimeLeft();
        QCOMPARE(log->said.last(), QStringLiteral("Time left: 30 minutes"));

        s.reader()->faster();
        QCOMPARE(log->rate, 0.25);
        QCOMPARE(log->said.last(), QStringLiteral("Reading speed: faster"));
        s.reader()->slower();
        s.reader()->slower();
        s.reader()->slower();
        s.reader()->slower(); // already the slowest
        QCOMPARE(log->rate, -0.5);
        QCOMPARE(s.reader()->rateText(), QStringLiteral("Reading speed: slowest"));
        // Repeat says the last thing the candidate asked for, not the speed.
        s.reader()->repeat();
        QCOMPARE(log->said.last(), QStringLiteral("Time left: 30 minutes"));
        s.reader()->stop();
        QCOMPARE(log->stops, 1);

        // Another question starts again from A; the one with a diagram in its stem (the
        // sample's item 2) has it read by its alternative (it has none: said so).
        const auto& order = s.sitting()->presentationOrder();
        const auto withDiagram =
            int(std::find_if(order.begin(), order.end(),
                             [](const auto& p) { return p.itemId == "item-2"; }) -
                order.begin());
        QVERIFY(withDiagram != s.position());
        s.goTo(withDiagram);
        waitForQuestion(s);
        s.reader()->readChoice(-1);
        QCOMPARE(log->said.last(), QStringLiteral("A. Option A"));
        s.reader()->readQuestion();
        QVERIFY2(
            log->said.last().startsWith(QStringLiteral("Question %1 of 5\n").arg(withDiagram + 1)),
            qPrintable(log->said.last()));
        QVERIFY(log->said.last().contains(QStringLiteral("Diagram with no description.")));
        QVERIFY(log->said.last().contains(QStringLiteral("Choose up to 2 answers.")));
        QVERIFY(!log->said.last().contains(u'<'));
    }

    void itsFirstUseInASittingIsNotedInTheJournalOnce() {
        SessionHarness h(makeSampleAssessment({}), seatWithComputerReader());
        auto& s = h.session();
        auto log = std::make_shared<SpeechLog>();
        s.reader()->setOutput(std::make_unique<RecordingOutput>(log));
        h.startSitting();
        QCOMPARE(readerUsedNotes(s), 0);
        s.reader()->readQuestion();
        QCOMPARE(readerUsedNotes(s), 1);
        s.reader()->readChoice(-1);
        s.next();
        waitForQuestion(s);
        s.reader()->readQuestion();
        QCOMPARE(readerUsedNotes(s), 1);
        const auto rows = s.incidents();
        QCOMPARE(rows.size(), 1);
        QVERIFY2(rows.first()
                     .toMap()
                     .value(QStringLiteral("text"))
                     .toString()
                     .contains(QStringLiteral("reader used: computer reader (read-aloud), first "
                                              "used at question 1")),
                 qPrintable(rows.first().toMap().value(QStringLiteral("text")).toString()));
        // Never the question's words in the journal's note.
        QVERIFY(!rows.first()
                     .toMap()
                     .value(QStringLiteral("text"))
                     .toString()
                     .contains(QString::fromLatin1(kSampleItemMarker)));
    }

    // The invigilator confirming the candidate reads the arrangements, and is told when this PC
    // cannot give the computer reader the assignment grants.
    void theConfirmationNamesTheArrangementsAndAReaderThisPcCannotGive() {
        auto options = seatWithComputerReader();
        options.accessibility.screenReader = true;
        options.accessibility.extraTimePercent = 25;
        SessionHarness h(makeSampleAssessment({}), options);
        auto& s = h.session();
        QCOMPARE(s.accessArrangementsText(),
                 QStringLiteral("Access arrangements: screen reader, computer reader (read-aloud, "
                                "keys F2 to F9), 25% extra time"));
        s.reader()->setOutput(std::make_unique<SilentOutput>());
        QVERIFY(!s.reader()->enabled());
        QCOMPARE(s.accessArrangementsText(),
                 QStringLiteral("Access arrangements: screen reader, computer reader (read-aloud) "
                                "NOT AVAILABLE on this PC: no sound engine here, 25% extra time"));
        SessionHarness plain;
        QCOMPARE(plain.session().accessArrangementsText(),
                 QStringLiteral("Access arrangements: none"));
    }

    void readsNothingOffTheQuestionScreen() {
        SessionHarness h(makeSampleAssessment({}), seatWithComputerReader());
        auto& s = h.session();
        auto log = std::make_shared<SpeechLog>();
        s.reader()->setOutput(std::make_unique<RecordingOutput>(log));
        s.reader()->readQuestion(); // Locked: nothing to read
        h.startSitting();
        s.openReview();
        QCOMPARE(s.screen(), Screen::Review);
        s.reader()->readQuestion();
        s.reader()->readChoice(-1);
        QVERIFY(log->said.isEmpty());
        s.reader()->readTimeLeft();
        QCOMPARE(log->said, QStringList{QStringLiteral("Time left: 30 minutes")});
    }
};

QTEST_MAIN(TestReadAloud)
#include "tst_read_aloud.moc"
