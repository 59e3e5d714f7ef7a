// End-to-end (issue 16): what a screen reader gets from the real vigil-kiosk. The binary runs on
// a desktop of its own (pc_desktop.h: Xvfb, a session bus, at-spi2-core's accessibility bus),
// on a seat of the MOT sample whose assignment asks for a screen reader; atspi_probe.py (pyatspi,
// Orca's own library) reads the accessible tree and performs what a screen-reader user does (press
// a button, focus a field, type). On each screen a candidate reaches, the test asserts what is
// exposed, in reading order, and that nothing hidden is: no node of the tree is invisible, the
// banned calculator's keys and the closed problem box are absent. A second seat (calculator
// allowed, computer reader granted) shows the calculator keys exposed only while the panel is open
// and the reader's buttons named with their keys. A practice seat (the practice sample quiz) is
// walked too: sign-in, the quiz list, a question with a diagram and answers in rich text, the
// answers after submitting, each read in plain words. A PC without its seat assignment shows
// the Out of service screen: every line of it is read, in order.
#include "accessible_tree.h"
#include "pc_desktop.h"
#include "sample_seat.h"
#include "vigil/exam/presentation_order.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/reading_text.h"
#include "vigil/kiosk/seat_builder.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <map>
#include <optional>

using namespace vigil;
using namespace vigil::kiosk;

namespace {

// Lower case and digits only: typed on the kiosk's own on-screen keys through AT-SPI actions.
constexpr const char* kPin = "482916";
constexpr const char* kPassword = "brakefluid77";

using Node = testing::AccessibleNode;
using Tree = testing::AccessibleTree;
using testing::describe;
using testing::indexOf;

exam::Assessment motSample(bool calculatorAllowed) {
    auto imported = exam::importQtiPackage(VIGIL_MOT_SAMPLE_DIR);
    if (!imported.assessment) {
        qFatal("the MOT sample did not import");
    }
    imported.assessment->metadata.calculatorAllowed = calculatorAllowed;
    return *imported.assessment;
}

exam::Assessment practiceSample() {
    auto imported = exam::importQtiPackage(VIGIL_PRACTICE_SAMPLE_DIR);
    if (!imported.assessment) {
        qFatal("the practice sample did not import");
    }
    return *imported.assessment;
}

// No node of the tree carries markup: a screen reader would read out "<b>".
bool anyMarkup(const Tree& tree) {
    static const QRegularExpression tag(QStringLiteral("<[a-zA-Z/]"));
    return std::any_of(tree.begin(), tree.end(),
                       [](const Node& n) { return tag.match(n.name).hasMatch(); });
}

SeatBuildOptions seatOptions(bool computerReader) {
    auto options = testing::sampleSeatOptions();
    options.invigilators = {{"INV-0042", "Sam Carter", kPin, kPassword}};
    options.accessibility.screenReader = true;
    options.accessibility.computerReader = computerReader;
    return options;
}

} // namespace

class ScreenReaderTreeTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup() { stopKiosk(); }
    void everyScreenOfAPaperThatBansTheCalculator();
    void theCalculatorAndTheReaderWhereTheSeatHasThem();
    void practiceScreensReadTheirContentInPlainWords();
    void theOutOfServiceScreenReadsEveryLine();

private:
    // Runs the probe; its stdout, or a failed test with its stderr.
    std::optional<QByteArray> probe(const QStringList& arguments);
    Tree tree();
    // The tree once `ready` holds of it (the screen changes after an action, not at once).
    Tree waitForTree(const std::function<bool(const Tree&)>& ready, const QString& what);
    Tree waitForNode(const QString& name) {
        return waitForTree([&](const Tree& t) { return indexOf(t, name) >= 0; }, name);
    }
    bool act(const QStringList& arguments) { return probe(arguments).has_value(); }
    void startKiosk(const BuiltSeat& seat);
    void stopKiosk();
    // `scrolledOut`: names (patterns) of nodes a panel may have scrolled out of view: Qt
    // reports those as not visible, though the candidate reaches them by scrolling.
    void checkNothingHiddenIsExposed(const Tree& tree, const QString& screen,
                                     const QStringList& scrolledOut = {});
    void logIn();
    void questionScreenReadsInOrder(const Tree& tree, const exam::Assessment& assessment,
                                    const exam::ItemPresentation& shown, int number);

    QTemporaryDir work_;
    // The PC's desktop: its own X server, session bus and accessibility bus (pc_desktop.h).
    std::unique_ptr<testing::PcDesktop> desktop_;
    std::optional<BuiltSeat> seat_;
};

void ScreenReaderTreeTest::initTestCase() {
    const QString missing = testing::PcDesktop::missing();
    QVERIFY2(missing.isEmpty(), qPrintable("missing: " + missing));
    QVERIFY(QFileInfo(qEnvironmentVariable("VIGIL_KIOSK_BINARY")).isExecutable());
    QVERIFY(work_.isValid());
    desktop_ = std::make_unique<testing::PcDesktop>(QStringLiteral("the candidate's PC"));
    const QString failed = desktop_->start();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void ScreenReaderTreeTest::cleanupTestCase() {
    desktop_.reset(); // ends the kiosk, the buses and the X server
}

// The probe's stdout, or a failed test saying why. A walk of the tree is tried three times (a
// node the kiosk replaces meanwhile, the clock's text each second, can end it); an action once.
std::optional<QByteArray> ScreenReaderTreeTest::probe(const QStringList& arguments) {
    auto out = desktop_->probe(arguments);
    if (!out) {
        QTest::qFail(qPrintable(desktop_->lastError()), __FILE__, __LINE__);
    }
    return out;
}

Tree ScreenReaderTreeTest::tree() {
    const auto json = probe({QStringLiteral("tree")});
    return json ? testing::parseAccessibleTree(*json) : Tree();
}

Tree ScreenReaderTreeTest::waitForTree(const std::function<bool(const Tree&)>& ready,
                                       const QString& what) {
    Tree last;
    for (int attempt = 0; attempt < 40; ++attempt) {
        last = tree();
        if (QTest::currentTestFailed() || ready(last)) {
            return last;
        }
        QTest::qWait(250);
    }
    QTest::qFail(
        qPrintable(QStringLiteral("the tree never showed %1:\n%2").arg(what, describe(last))),
        __FILE__, __LINE__);
    return last;
}

void ScreenReaderTreeTest::startKiosk(const BuiltSeat& seat) {
    desktop_->startApp(qEnvironmentVariable("VIGIL_KIOSK_BINARY"), seat.kioskArguments());
    QVERIFY(desktop_->appRunning());
}

void ScreenReaderTreeTest::stopKiosk() {
    if (desktop_) {
        desktop_->killApp();
    }
}

// Every node a screen reader can reach is one the candidate can see: an item hidden by itself
// or with its parent is not in the tree at all (an invisible node would still be read by a
// screen reader's browse mode).
void ScreenReaderTreeTest::checkNothingHiddenIsExposed(const Tree& tree, const QString& screen,
                                                       const QStringList& scrolledOut) {
    for (const auto& node : tree) {
        if (std::any_of(scrolledOut.begin(), scrolledOut.end(),
                        [&](const QString& name) { return indexOf({node}, name) == 0; })) {
            continue;
        }
        QVERIFY2(node.has("visible"),
                 qPrintable(QStringLiteral("%1: %2 \"%3\" is exposed while hidden\n%4")
                                .arg(screen, node.role, node.name, describe(tree))));
    }
}

void ScreenReaderTreeTest::logIn() {
    const Tree login = waitForNode(QStringLiteral("Password"));
    checkNothingHiddenIsExposed(login, QStringLiteral("Login"));
    QVERIFY(indexOf(login, QStringLiteral("PIN")) < indexOf(login, QStringLiteral("Password")));
    QVERIFY(indexOf(login, QStringLiteral("Key 1")) >= 0);
    // The PIN field has the focus; the on-screen keys type into the field with the focus.
    for (const char c : std::string_view(kPin)) {
        QVERIFY(act({QStringLiteral("press"), QStringLiteral("Key %1").arg(QLatin1Char(c))}));
    }
    QVERIFY(
        act({QStringLiteral("focus-role"), QStringLiteral("password text"), QStringLiteral("1")}));
    for (const char c : std::string_view(kPassword)) {
        QVERIFY(act({QStringLiteral("press"), QStringLiteral("Key %1").arg(QLatin1Char(c))}));
    }
    // Both fields hold what was typed (the PIN's six digits, the password's twelve).
    const Tree typed = tree();
    QList<int> lengths;
    for (const auto& node : typed) {
        if (node.role == QLatin1String("password text")) {
            lengths << node.textLength;
        }
    }
    QCOMPARE(lengths, (QList<int>{6, 12}));
    // Each field says what it asks for (as its description: Qt 6.4 drops a password field's
    // name), never what was typed.
    QStringList fields;
    for (const auto& node : typed) {
        if (node.role == QLatin1String("password text")) {
            fields << node.name + node.description;
        }
    }
    QCOMPARE(fields, (QStringList{QStringLiteral("PIN"), QStringLiteral("Password")}));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Log in")}));
    // This machine may be a virtual one: the invigilator accepts the finding with a reason.
    const Tree next = waitForTree(
        [](const Tree& t) {
            return indexOf(t, QStringLiteral("Confirm the candidate")) >= 0 ||
                   indexOf(t, QStringLiteral("Machine check")) >= 0;
        },
        QStringLiteral("the machine check or the candidate's confirmation"));
    if (indexOf(next, QStringLiteral("Machine check")) >= 0) {
        checkNothingHiddenIsExposed(next, QStringLiteral("Machine check"));
        // Each finding not yet accepted has its reason field and Accept button; an accepted
        // one's are hidden, so the first field is always the next finding's.
        for (int guard = 0; guard < 5 && indexOf(tree(), QStringLiteral("Accept")) >= 0; ++guard) {
            const Tree check = tree();
            const auto accept = indexOf(check, QStringLiteral("Accept"));
            QVERIFY(accept > 0);
            QVERIFY(
                act({QStringLiteral("focus-role"), check[accept - 1].role, QStringLiteral("0")}));
            QVERIFY(act({QStringLiteral("type"), QStringLiteral("test room")}));
            QTest::qWait(1000);
            QVERIFY(act({QStringLiteral("press"), QStringLiteral("Accept")}));
            QTest::qWait(500);
        }
        QVERIFY(act({QStringLiteral("press"), QStringLiteral("Continue")}));
    }
    const Tree confirm = waitForNode(QStringLiteral("Confirm the candidate"));
    checkNothingHiddenIsExposed(confirm, QStringLiteral("Confirm"));
    QVERIFY(indexOf(confirm, QStringLiteral("Jordan Ellis")) >= 0);
    QVERIFY2(indexOf(confirm, QStringLiteral("Access arrangements: screen reader*")) >= 0,
             qPrintable(describe(confirm)));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Confirm candidate")}));
}

void ScreenReaderTreeTest::questionScreenReadsInOrder(const Tree& tree,
                                                      const exam::Assessment& assessment,
                                                      const exam::ItemPresentation& shown,
                                                      int number) {
    const auto* item = assessment.findItem(shown.itemId);
    QVERIFY(item);
    const QString heading =
        QStringLiteral("Question %1 of %2").arg(number).arg(assessment.items.size());
    const QString stem = readingText(QString::fromStdString(item->bodyHtml + item->promptHtml));
    const auto headingAt = indexOf(tree, heading + u'*');
    const auto stemAt = indexOf(tree, stem);
    QVERIFY2(headingAt >= 0, qPrintable(heading + u'\n' + describe(tree)));
    QVERIFY2(
        stemAt > headingAt,
        qPrintable(QStringLiteral("the question's stem \"%1\"\n%2").arg(stem, describe(tree))));
    qsizetype previous = stemAt;
    for (std::size_t i = 0; i < shown.choiceOrder.size(); ++i) {
        const auto choice =
            std::find_if(item->choices.begin(), item->choices.end(),
                         [&](const auto& c) { return c.identifier == shown.choiceOrder[i]; });
        QVERIFY(choice != item->choices.end());
        const QString said = QString(QChar(u'A' + int(i))) + QStringLiteral(". ") +
                             readingText(QString::fromStdString(choice->contentHtml));
        const auto at = indexOf(tree, said);
        QVERIFY2(at > previous, qPrintable(QStringLiteral("answer \"%1\" after the stem and the "
                                                          "answers before it\n%2")
                                               .arg(said, describe(tree))));
        QCOMPARE(tree[at].role, QStringLiteral("radio button"));
        previous = at;
    }
    QVERIFY(indexOf(tree, QStringLiteral("Time left: *")) >= 0);
    QVERIFY(indexOf(tree, QStringLiteral("Next")) > previous);
}

void ScreenReaderTreeTest::everyScreenOfAPaperThatBansTheCalculator() {
    const auto assessment = motSample(false);
    seat_ = buildSeat(assessment, (work_.path() + QStringLiteral("/banned")).toStdString(),
                      seatOptions(false));
    const auto order = exam::presentationOrder(assessment, seat_->assignment.sittingSeed, true);
    startKiosk(*seat_);

    const Tree locked = waitForNode(QStringLiteral("Invigilator login"));
    checkNothingHiddenIsExposed(locked, QStringLiteral("Locked"));
    for (const auto& text :
         {QStringLiteral("Northfield Motor Training Centre"), QStringLiteral("Seat PC07"),
          QStringLiteral("Waiting for the invigilator")}) {
        QVERIFY2(indexOf(locked, text) >= 0, qPrintable(text + u'\n' + describe(locked)));
    }
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Invigilator login")}));
    logIn();
    if (QTest::currentTestFailed()) {
        return;
    }

    const Tree instructions = waitForNode(QStringLiteral("Start the assessment"));
    checkNothingHiddenIsExposed(instructions, QStringLiteral("Instructions"));
    const auto title = indexOf(instructions, QString::fromStdString(assessment.metadata.title));
    const auto rules = indexOf(instructions, QStringLiteral("\u2022 You have *"));
    QVERIFY2(title >= 0 && rules > title, qPrintable(describe(instructions)));
    QVERIFY(instructions[rules].name.contains(QStringLiteral("No calculator may be used.")));
    QVERIFY(indexOf(instructions, QStringLiteral("Start the assessment")) > rules);
    QVERIFY(indexOf(instructions, QStringLiteral("Reader keys: *")) < 0);
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Start the assessment")}));

    Tree question = waitForNode(QStringLiteral("Question 1 of *"));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question"));
    questionScreenReadsInOrder(question, assessment, order[0], 1);
    // The banned calculator and the closed problem box are not there at all.
    for (const auto& absent :
         {QStringLiteral("Calculator"), QStringLiteral("divide"), QStringLiteral("equals"),
          QStringLiteral("Calculator display *"), QStringLiteral("Problem description"),
          QStringLiteral("Send to invigilator"), QStringLiteral("Read question (F2)")}) {
        QVERIFY2(indexOf(question, absent) < 0, qPrintable(absent + u'\n' + describe(question)));
    }
    // A flag is read with the question's heading and in the palette.
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Flag for review")}));
    question = waitForNode(QStringLiteral("Question 1 of 22, flagged for review"));
    QVERIFY(indexOf(question, QStringLiteral("Question 1, *flagged*")) >= 0);
    // The problem box is exposed while it is open, and only then.
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Report a problem with this question")}));
    question = waitForNode(QStringLiteral("Problem description"));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question, reporting"));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Cancel")}));
    question = waitForTree(
        [](const Tree& t) { return indexOf(t, QStringLiteral("Problem description")) < 0; },
        QStringLiteral("the problem box closed"));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question"));

    // The question with the table and one with a diagram, reached from the palette.
    for (const char* id : {"brk06", "tyr02"}) {
        const auto at =
            std::find_if(order.begin(), order.end(), [&](const auto& p) { return p.itemId == id; });
        QVERIFY(at != order.end());
        const int number = int(at - order.begin()) + 1;
        QVERIFY(act({QStringLiteral("press"), QStringLiteral("Question %1, *").arg(number)}));
        const Tree shown = waitForNode(QStringLiteral("Question %1 of 22*").arg(number));
        checkNothingHiddenIsExposed(shown, QStringLiteral("Question %1").arg(number));
        questionScreenReadsInOrder(shown, assessment, *at, number);
        const QString expected = std::string_view(id) == "brk06"
                                     ? QStringLiteral("Row 1: Axle: Front, Nearside: 300 kgf, "
                                                      "Offside: 180 kgf.")
                                     : QStringLiteral("Diagram: Tyre tread divided into an outer "
                                                      "zone A");
        QVERIFY2(std::any_of(shown.begin(), shown.end(),
                             [&](const Node& n) { return n.name.contains(expected); }),
                 qPrintable(expected + u'\n' + describe(shown)));
    }

    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Review")}));
    const Tree review = waitForNode(QStringLiteral("Review your answers"));
    checkNothingHiddenIsExposed(review, QStringLiteral("Review"));
    QVERIFY(indexOf(review, QStringLiteral("Time left: *")) >
            indexOf(review, QStringLiteral("Review your answers")));
    QVERIFY(indexOf(review, QStringLiteral("Unanswered: 22")) >= 0);
    QVERIFY(indexOf(review, QStringLiteral("Go to unanswered question 1")) >= 0);
    QVERIFY(indexOf(review, QStringLiteral("Go to flagged question 1")) >= 0);

    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Finish and submit")}));
    Tree submit = waitForNode(QStringLiteral("Submit your answers?"));
    checkNothingHiddenIsExposed(submit, QStringLiteral("Submit"));
    QVERIFY(indexOf(submit, QStringLiteral("Are you sure? *")) < 0);
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Submit")}));
    submit = waitForNode(QStringLiteral("Are you sure? *"));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Yes, submit now")}));

    const Tree result = waitForNode(QStringLiteral("Fail"));
    checkNothingHiddenIsExposed(result, QStringLiteral("Result"));
    QVERIFY2(indexOf(result, QStringLiteral("Score: 0 out of *")) >= 0,
             qPrintable(describe(result)));
    QVERIFY(indexOf(result, QStringLiteral("Done (invigilator)")) >
            indexOf(result, QStringLiteral("Fail")));
    stopKiosk();
}

void ScreenReaderTreeTest::theCalculatorAndTheReaderWhereTheSeatHasThem() {
    const auto assessment = motSample(true);
    seat_ = buildSeat(assessment, (work_.path() + QStringLiteral("/allowed")).toStdString(),
                      seatOptions(true));
    startKiosk(*seat_);
    waitForNode(QStringLiteral("Invigilator login"));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Invigilator login")}));
    logIn();
    if (QTest::currentTestFailed()) {
        return;
    }
    const Tree instructions = waitForNode(QStringLiteral("Start the assessment"));
    const auto rules = indexOf(instructions, QStringLiteral("\u2022 You have *"));
    QVERIFY(
        instructions[rules].name.contains(QStringLiteral("You may use the on-screen calculator.")));
    QVERIFY(indexOf(instructions, QStringLiteral("Reader keys: F2 read the question*")) > rules);
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Start the assessment")}));

    Tree question = waitForNode(QStringLiteral("Question 1 of *"));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question"));
    for (const auto& name :
         {QStringLiteral("Read question (F2)"), QStringLiteral("Next answer (F3)"),
          QStringLiteral("Repeat (F4)"), QStringLiteral("Stop (F6)"), QStringLiteral("Slower (F7)"),
          QStringLiteral("Faster (F8)"), QStringLiteral("Time left (F9)")}) {
        QVERIFY2(indexOf(question, name) >= 0, qPrintable(name + u'\n' + describe(question)));
    }
    // Closed: the button only; open: the display and every key, named.
    QVERIFY(indexOf(question, QStringLiteral("Calculator")) >= 0);
    QVERIFY(indexOf(question, QStringLiteral("divide")) < 0);
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Calculator")}));
    question = waitForNode(QStringLiteral("divide"));
    // The open calculator pushes the side panel's palette and legend down its scroll area.
    checkNothingHiddenIsExposed(question, QStringLiteral("Question, calculator open"),
                                {QStringLiteral("Question *, *"), QStringLiteral("Questions"),
                                 QStringLiteral("Filled: answered."),
                                 QStringLiteral("\u2691: flagged for review.")});
    for (const auto& key :
         {QStringLiteral("Calculator display 0"), QStringLiteral("7"), QStringLiteral("multiply"),
          QStringLiteral("equals"), QStringLiteral("clear")}) {
        QVERIFY2(indexOf(question, key) >= 0, qPrintable(key + u'\n' + describe(question)));
    }
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Hide calculator")}));
    question = waitForTree([](const Tree& t) { return indexOf(t, QStringLiteral("divide")) < 0; },
                           QStringLiteral("the calculator closed"));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question, calculator closed"));
    // F2 reads the question aloud (the words are tst_read_aloud's); its first use is noted in
    // the journal, which the strip tells the invigilator.
    QVERIFY(indexOf(question, QStringLiteral("Invigilator: 1 event at this seat to review.")) < 0);
    QVERIFY(act({QStringLiteral("key"), QStringLiteral("F2")}));
    question = waitForNode(QStringLiteral("Invigilator: 1 event at this seat to review."));
    checkNothingHiddenIsExposed(question, QStringLiteral("Question, after the reader's first use"));
    stopKiosk();
}

void ScreenReaderTreeTest::practiceScreensReadTheirContentInPlainWords() {
    const auto quiz = practiceSample();
    auto options = testing::sampleSeatOptions();
    options.practice = true;
    seat_ = buildSeat(quiz, (work_.path() + QStringLiteral("/practice")).toStdString(), options);
    startKiosk(*seat_);

    const QString banner =
        QStringLiteral("PRACTICE QUIZ: not an assessment. Nothing here counts towards a result.");
    const Tree signIn = waitForNode(QStringLiteral("Show my practice quizzes"));
    checkNothingHiddenIsExposed(signIn, QStringLiteral("Practice sign-in"));
    const auto bannerAt = indexOf(signIn, banner);
    QVERIFY2(bannerAt >= 0 && bannerAt < indexOf(signIn, QStringLiteral("Practice quizzes")),
             qPrintable(describe(signIn)));
    // Signing in with nothing typed: what is missing is said, as an alert.
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Show my practice quizzes")}));
    const QString missingName = QStringLiteral("Enter your name as it is on your registration.");
    const Tree refused = waitForNode(missingName);
    checkNothingHiddenIsExposed(refused, QStringLiteral("Practice sign-in, refused"));
    QCOMPARE(refused[indexOf(refused, missingName)].role, QStringLiteral("alert"));
    // The two fields, each named for what it asks (its label above it is a text of its own).
    const auto registration = indexOf(signIn, QStringLiteral("Registration number"));
    QVERIFY2(registration > 0, qPrintable(describe(signIn)));
    const QString field = signIn[registration].role;
    const auto nameField = std::find_if(signIn.begin(), signIn.end(), [&](const Node& n) {
        return n.role == field && n.name == QStringLiteral("Your name");
    });
    QVERIFY2(nameField != signIn.end() && nameField - signIn.begin() < registration,
             qPrintable(describe(signIn)));
    QVERIFY(act({QStringLiteral("focus-role"), field, QStringLiteral("0")}));
    QVERIFY(act({QStringLiteral("type"), QStringLiteral("jordan ellis")}));
    QVERIFY(act({QStringLiteral("focus-role"), field, QStringLiteral("1")}));
    QVERIFY(act({QStringLiteral("type"), QStringLiteral("ab123456")}));
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Show my practice quizzes")}));

    const QString start = QStringLiteral("Start ") + QString::fromStdString(quiz.metadata.title);
    const Tree list = waitForNode(start);
    checkNothingHiddenIsExposed(list, QStringLiteral("Practice quizzes"));
    QVERIFY(indexOf(list, banner) >= 0);
    const auto candidateAt = indexOf(list, QStringLiteral("jordan ellis (AB123456)"));
    QVERIFY2(candidateAt >= 0, qPrintable(describe(list)));
    // The quiz's title, then where the candidate stands with it, then its Start button.
    const auto titleAt = indexOf(list, QString::fromStdString(quiz.metadata.title), candidateAt);
    const auto statusAt = indexOf(list, QStringLiteral("Not attempted"));
    QVERIFY2(candidateAt < titleAt && titleAt < statusAt && statusAt < indexOf(list, start),
             qPrintable(describe(list)));
    QVERIFY(act({QStringLiteral("press"), start}));

    // What the candidate picks on each question of the sample, by the answer's letter: the
    // first right, the second wrong, both of the third's two (right), the fourth left.
    const std::map<std::string, QString> picks = {{"pbk01", QStringLiteral("B")},
                                                  {"pbk02", QStringLiteral("A")},
                                                  {"pbk03", QStringLiteral("AB")}};
    // Each question: the heading, the stem as sentences, each answer with its letter and its
    // words, in that order, as a radio button (one answer) or a check box (several), ticked
    // once picked; "Choose one answer." once, where the item's prompt says it.
    QCOMPARE(quiz.items.size(), std::size_t(4));
    for (std::size_t i = 0; i < quiz.items.size(); ++i) {
        const auto& item = quiz.items[i];
        const QString heading =
            QStringLiteral("Question %1 of %2").arg(i + 1).arg(quiz.items.size());
        Tree question = waitForNode(heading);
        // The buttons under the answers may be scrolled to on a question with a diagram.
        const QStringList belowTheAnswers = {QStringLiteral("Previous"), QStringLiteral("Next"),
                                             QStringLiteral("Submit and see the answers"),
                                             QStringLiteral("Leave without submitting"),
                                             QStringLiteral("Unanswered: *")};
        checkNothingHiddenIsExposed(question, heading, belowTheAnswers);
        QVERIFY2(!anyMarkup(question), qPrintable(describe(question)));
        QVERIFY(indexOf(question, banner) >= 0);
        const QString stem = readingText(QString::fromStdString(item.bodyHtml + item.promptHtml));
        const auto stemAt = indexOf(question, stem);
        QVERIFY2(stemAt > indexOf(question, heading),
                 qPrintable(stem + u'\n' + describe(question)));
        const bool single = item.cardinality == exam::Cardinality::Single;
        QStringList said;
        qsizetype previous = stemAt;
        for (std::size_t c = 0; c < item.choices.size(); ++c) {
            said << QString(QChar(u'A' + int(c))) + QStringLiteral(". ") +
                        readingText(QString::fromStdString(item.choices[c].contentHtml));
            const auto at = indexOf(question, said.back());
            QVERIFY2(at > previous, qPrintable(said.back() + u'\n' + describe(question)));
            QCOMPARE(question[at].role,
                     single ? QStringLiteral("radio button") : QStringLiteral("check box"));
            QVERIFY2(!question[at].has("checked"), qPrintable(describe(question)));
            previous = at;
        }
        QVERIFY(indexOf(question, QStringLiteral("Choose one answer.")) < 0);
        if (item.identifier == "pty01") {
            QVERIFY2(stem.contains(QStringLiteral("Diagram: Tyre tread divided into an outer")),
                     qPrintable(stem));
            QVERIFY(indexOf(question, QStringLiteral("B. 1.6 mm across zone B")) >= 0);
        }
        // The feedback waits for the answers screen: nothing of it is read before.
        QVERIFY2(std::none_of(question.begin(), question.end(),
                              [](const Node& n) {
                                  return n.name.contains(QStringLiteral("Dirt and colour")) ||
                                         n.name.contains(QStringLiteral("must reach 16%"));
                              }),
                 qPrintable(describe(question)));
        const QString letters =
            picks.count(item.identifier) ? picks.at(item.identifier) : QString();
        for (const QChar letter : letters) {
            const auto& answer = said[letter.unicode() - u'A'];
            // The first question's answer is ticked from the keyboard, as a reader user does:
            // the focus stays on it, so the reader says it is now checked.
            const bool byKeyboard = i == 0;
            if (byKeyboard) {
                QVERIFY(act({QStringLiteral("focus"), answer}));
                QVERIFY(act({QStringLiteral("key"), QStringLiteral("space")}));
            } else {
                QVERIFY(act({QStringLiteral("press"), answer}));
            }
            question = waitForTree(
                [&](const Tree& t) {
                    const auto at = indexOf(t, answer);
                    return at >= 0 && t[at].has("checked");
                },
                answer + QStringLiteral(" ticked"));
            if (byKeyboard) {
                QVERIFY2(question[indexOf(question, answer)].has("focused"),
                         qPrintable(describe(question)));
            }
        }
        for (const auto& answer : said) {
            QCOMPARE(question[indexOf(question, answer)].has("checked"),
                     letters.contains(answer.front()));
        }
        QVERIFY(act({QStringLiteral("press"), i + 1 < quiz.items.size()
                                                  ? QStringLiteral("Next")
                                                  : QStringLiteral("Submit and see the answers")}));
    }

    // The answers after submitting, in plain words: each question's heading says right or not
    // right, then its stem, the candidate's answer, the right one, and the item's feedback.
    const Tree feedback = waitForNode(QStringLiteral("Score: 3 out of 5 (60%)"));
    QVERIFY2(!anyMarkup(feedback), qPrintable(describe(feedback)));
    QVERIFY(indexOf(feedback, banner) >= 0);
    QVERIFY(
        indexOf(feedback, QStringLiteral("Needs more work: the pass mark is 75%. Read the answers "
                                         "below and try again.")) >= 0);
    const QList<QStringList> reviews = {
        {QStringLiteral("Question 1: right"), QStringLiteral("Your answer: B. 16%"),
         QStringLiteral("Right answer: B. 16%"),
         QStringLiteral("Right: the parking brake must reach 16% efficiency.")},
        {QStringLiteral("Question 2: not right"), QStringLiteral("Your answer: A. More than 10%"),
         QStringLiteral("Right answer: C. More than 30%"),
         QStringLiteral("10% is within what a sound axle shows: imbalance is a reason for "
                        "rejection only above 30%.")},
        {QStringLiteral("Question 3: right"),
         QStringLiteral("Your answer: A. The hose bulges when the brake pedal is pressed*B. The "
                        "hose is damaged by chafing against the suspension"),
         QStringLiteral("Right answer: A. The hose bulges when the brake pedal is pressed*B. The "
                        "hose is damaged by chafing against the suspension")},
        {QStringLiteral("Question 4: not right"),
         QStringLiteral("Your answer: You did not answer this question."),
         QStringLiteral("Right answer: B. 1.6 mm across zone B"),
         QStringLiteral("1.6 mm, across the central three quarters of the tread and around the "
                        "whole circumference.")}};
    // Everything above the second question's review is on screen; what follows it may be
    // scrolled out of view (the candidate scrolls to it).
    QStringList belowTheFold;
    for (qsizetype i = 1; i < reviews.size(); ++i) {
        belowTheFold << reviews[i]
                     << readingText(QString::fromStdString(quiz.items[std::size_t(i)].bodyHtml));
    }
    checkNothingHiddenIsExposed(feedback, QStringLiteral("Practice answers"), belowTheFold);
    qsizetype previous = indexOf(feedback, QStringLiteral("Back to my quizzes"));
    QVERIFY(previous >= 0);
    for (qsizetype i = 0; i < reviews.size(); ++i) {
        const auto& item = quiz.items[std::size_t(i)];
        QStringList lines = reviews[i];
        lines.insert(1, readingText(QString::fromStdString(item.bodyHtml)));
        for (const auto& line : lines) {
            const auto at = indexOf(feedback, line, previous + 1);
            QVERIFY2(at > previous, qPrintable(line + u'\n' + describe(feedback)));
            previous = at;
        }
    }
    // A right answer's "incorrect" feedback is not shown, so not read.
    QVERIFY(indexOf(feedback, QStringLiteral("A hose is rejected for what weakens it*")) < 0);
    QVERIFY(act({QStringLiteral("press"), QStringLiteral("Back to my quizzes")}));
    const Tree after = waitForNode(QStringLiteral("Needs more work"));
    checkNothingHiddenIsExposed(after, QStringLiteral("Practice quizzes, after a quiz"));
    QVERIFY(indexOf(after, start) > indexOf(after, QStringLiteral("Needs more work")));
    stopKiosk();
}

// A PC that cannot start: the technician (or a coordinator reading its fingerprint) hears every
// line the screen shows, in order, not only its clock (as it was until 2026-12-03).
void ScreenReaderTreeTest::theOutOfServiceScreenReadsEveryLine() {
    seat_ =
        buildSeat(motSample(false), (work_.path() + QStringLiteral("/unassigned")).toStdString(),
                  seatOptions(false));
    std::filesystem::remove(seat_->assignmentFile);
    startKiosk(*seat_);
    const Tree screen = waitForNode(QStringLiteral("There is no seat assignment for this PC."));
    checkNothingHiddenIsExposed(screen, QStringLiteral("Out of service"));
    qsizetype previous = -1;
    for (const auto& line :
         {QStringLiteral("Out of service"), QStringLiteral("Seat PC07"), QStringLiteral("Time *"),
          QStringLiteral("This PC cannot start an assessment. Please tell the invigilator."),
          QStringLiteral("There is no seat assignment for this PC."), QStringLiteral("File: *"),
          QStringLiteral("What to do: *"), QStringLiteral("Reason given: *"),
          QStringLiteral("This PC checks the files again *")}) {
        const auto at = indexOf(screen, line, previous + 1);
        QVERIFY2(at > previous, qPrintable(line + u'\n' + describe(screen)));
        previous = at;
    }
}

QTEST_GUILESS_MAIN(ScreenReaderTreeTest)
#include "tst_screen_reader_tree.moc"
