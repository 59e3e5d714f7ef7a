// The sitting state machine: every (state, action) pair, legal or not, through the table and
// through a real Sitting on an encrypted store.

#include "engine_fixture.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/sitting_state.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
using S = SittingState;
using A = SittingAction;

Q_DECLARE_METATYPE(vigil::exam::SittingState)
Q_DECLARE_METATYPE(vigil::exam::SittingAction)

namespace {

constexpr std::array kStates{
    S::Locked,      S::InvigilatorVerified, S::CandidateConfirmed, S::InProgress, S::Paused,
    S::Interrupted, S::Submitted,           S::Resulted,           S::Voided,     S::Moved};
// MoveHere is not a call on a Sitting but an import on the PC the sitting arrives at
// (tst_moved_journal): it is checked against the table only.
constexpr std::array kActions{
    A::VerifyInvigilator, A::ConfirmCandidate, A::Start,   A::Pause,       A::Resume, A::Interrupt,
    A::AuthoriseResume,   A::Submit,           A::TimeOut, A::IssueResult, A::Void,   A::MoveAway};

// The specification, written out independently of the engine's table.
std::optional<S> expected(S from, A action) {
    if (action == A::Void) {
        return from == S::Resulted || from == S::Voided || from == S::Moved
                   ? std::nullopt
                   : std::optional(S::Voided);
    }
    const std::map<std::pair<S, A>, S> legal{
        {{S::Locked, A::VerifyInvigilator}, S::InvigilatorVerified},
        {{S::InvigilatorVerified, A::ConfirmCandidate}, S::CandidateConfirmed},
        {{S::CandidateConfirmed, A::Start}, S::InProgress},
        {{S::InProgress, A::Pause}, S::Paused},
        {{S::Paused, A::Resume}, S::InProgress},
        {{S::InProgress, A::Interrupt}, S::Interrupted},
        {{S::Paused, A::Interrupt}, S::Interrupted},
        {{S::Interrupted, A::AuthoriseResume}, S::InProgress},
        {{S::InProgress, A::Submit}, S::Submitted},
        {{S::InProgress, A::TimeOut}, S::Submitted},
        {{S::Submitted, A::IssueResult}, S::Resulted},
        {{S::InProgress, A::MoveAway}, S::Moved},
        {{S::Paused, A::MoveAway}, S::Moved},
        {{S::Interrupted, A::MoveAway}, S::Moved},
        {{S::Moved, A::MoveHere}, S::Interrupted},
        {{S::InProgress, A::MoveHere}, S::Interrupted},
        {{S::Paused, A::MoveHere}, S::Interrupted},
        {{S::Interrupted, A::MoveHere}, S::Interrupted},
    };
    const auto found = legal.find({from, action});
    return found == legal.end() ? std::nullopt : std::optional(found->second);
}

} // namespace

class SittingStateTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(3);
    ManualClock clock_;
    vigil::crypto::SigningKeyPair kioskKeys_ = vigil::crypto::generateSigningKeyPair();
    vigil::crypto::BoxKeyPair awardingBody_ = vigil::crypto::generateBoxKeyPair();
    int counter_ = 0;

    // A fresh sitting brought to `state` through the public API.
    std::unique_ptr<Sitting> sittingIn(S state) {
        const auto id = "s" + std::to_string(++counter_);
        auto sitting = std::make_unique<Sitting>(
            Sitting::create(*db_, assessment_, setupFor(id), clock_, kioskKeys_));
        auto reload = [&] {
            sitting.reset();
            sitting =
                std::make_unique<Sitting>(Sitting::load(*db_, assessment_, id, clock_, kioskKeys_));
        };
        switch (state) {
        case S::Locked:
            break;
        case S::InvigilatorVerified:
            sitting->verifyInvigilator("inv-1");
            break;
        case S::CandidateConfirmed:
            sitting->verifyInvigilator("inv-1");
            sitting->confirmCandidate("inv-1");
            break;
        case S::InProgress:
            startSitting(*sitting);
            break;
        case S::Paused:
            startSitting(*sitting);
            sitting->pause("fire alarm", "inv-1");
            break;
        case S::Interrupted:
            startSitting(*sitting);
            reload();
            break;
        case S::Submitted:
            startSitting(*sitting);
            sitting->submit(sitting->unansweredCount());
            break;
        case S::Resulted:
            startSitting(*sitting);
            sitting->submit(sitting->unansweredCount());
            (void)sitting->issueResult(awardingBody_.publicKey);
            break;
        case S::Voided:
            sitting->voidSitting("wrong assessment launched", "inv-1");
            break;
        case S::Moved:
            startSitting(*sitting);
            sitting->moveAway("PC-12", "console command 1");
            break;
        }
        if (sitting->state() != state) {
            throw std::logic_error("could not reach " + std::string(toString(state)));
        }
        return sitting;
    }

    // Performs `action` through the API; for Interrupt that is a reload, for TimeOut the clock
    // running past the limit and a tick.
    void perform(std::unique_ptr<Sitting>& sitting, A action) {
        switch (action) {
        case A::VerifyInvigilator:
            sitting->verifyInvigilator("inv-2");
            break;
        case A::ConfirmCandidate:
            sitting->confirmCandidate("inv-2");
            break;
        case A::Start:
            sitting->start();
            break;
        case A::Pause:
            sitting->pause("candidate unwell", "inv-2");
            break;
        case A::Resume:
            sitting->resume("inv-2");
            break;
        case A::Interrupt: {
            const auto id = sitting->id();
            sitting.reset();
            sitting =
                std::make_unique<Sitting>(Sitting::load(*db_, assessment_, id, clock_, kioskKeys_));
            break;
        }
        case A::AuthoriseResume:
            sitting->authoriseResume("inv-2");
            break;
        case A::Submit:
            sitting->submit(sitting->unansweredCount());
            break;
        case A::TimeOut:
            clock_.advance(std::chrono::seconds(assessment_.metadata.durationSeconds + 1));
            (void)sitting->tick();
            break;
        case A::IssueResult:
            (void)sitting->issueResult(awardingBody_.publicKey);
            break;
        case A::Void:
            sitting->voidSitting("malpractice", "inv-2");
            break;
        case A::MoveAway:
            sitting->moveAway("PC-12", "console command 2");
            break;
        case A::MoveHere:
            throw std::logic_error("MoveHere is an import, not a call on a Sitting");
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
    }

    void tableMatchesSpecification() {
        for (const auto from : kStates) {
            QVERIFY(nextState(from, A::MoveHere) == expected(from, A::MoveHere));
        }
        for (const auto from : kStates) {
            for (const auto action : kActions) {
                const auto want = expected(from, action);
                const auto got = nextState(from, action);
                QVERIFY2(
                    got == want,
                    (std::string(toString(from)) + " + " + std::string(toString(action))).c_str());
            }
        }
    }

    void finalStatesAreResultedAndVoided() {
        for (const auto state : kStates) {
            QCOMPARE(isFinal(state), state == S::Resulted || state == S::Voided);
            QCOMPARE(sittingStateFromString(toString(state)), std::optional(state));
        }
    }

    void everyPairThroughTheEngine_data() {
        QTest::addColumn<S>("from");
        QTest::addColumn<A>("action");
        for (const auto from : kStates) {
            for (const auto action : kActions) {
                const auto name =
                    std::string(toString(from)) + " + " + std::string(toString(action));
                QTest::newRow(name.c_str()) << from << action;
            }
        }
    }

    void everyPairThroughTheEngine() {
        QFETCH(S, from);
        QFETCH(A, action);
        auto sitting = sittingIn(from);
        const auto id = sitting->id();
        const auto eventsBefore = storedEventCount(*db_, id);
        const auto want = expected(from, action);

        std::optional<SittingErrorCode> error;
        try {
            perform(sitting, action);
        } catch (const SittingError& e) {
            error = e.code();
        }

        if (want) {
            QVERIFY(!error);
            QCOMPARE(nameOf(sitting->state()), nameOf(*want));
            QVERIFY(storedEventCount(*db_, id) > eventsBefore);
            // What is on disk replays to the same state.
            QCOMPARE(nameOf(Sitting::load(*db_, assessment_, id, clock_, kioskKeys_).state()),
                     nameOf(*want == S::InProgress || *want == S::Paused ? S::Interrupted : *want));
        } else {
            // Interrupt (a reload) and TimeOut (a tick) are not requests that can be refused:
            // outside their states they simply change nothing.
            if (action != A::Interrupt && action != A::TimeOut) {
                QCOMPARE(error, std::optional(SittingErrorCode::IllegalTransition));
            }
            QCOMPARE(nameOf(sitting->state()), nameOf(from));
            QCOMPARE(storedEventCount(*db_, id), eventsBefore);
        }
    }

    void illegalTransitionNamesTheStateAndWritesNothing() {
        auto sitting = sittingIn(S::Locked);
        try {
            sitting->start();
            QFAIL("start from Locked was accepted");
        } catch (const SittingError& e) {
            QCOMPARE(e.code(), SittingErrorCode::IllegalTransition);
            QVERIFY(std::string(e.what()).find("Locked") != std::string::npos);
        }
        QCOMPARE(storedEventCount(*db_, sitting->id()), 1);
    }

    void voidNeedsAReason() {
        auto sitting = sittingIn(S::Locked);
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting->voidSitting("", "inv-1"));
        QCOMPARE(nameOf(sitting->state()), nameOf(S::Locked));
    }

    void reloadOfPausedSittingIsInterruptedToo() {
        auto sitting = sittingIn(S::Paused);
        const auto id = sitting->id();
        sitting.reset();
        auto reloaded = Sitting::load(*db_, assessment_, id, clock_, kioskKeys_);
        QCOMPARE(nameOf(reloaded.state()), nameOf(S::Interrupted));
        QCOMPARE(nameOf(reloaded.events().back().kind), nameOf(EventKind::Interrupted));
        reloaded.authoriseResume("inv-3");
        QCOMPARE(nameOf(reloaded.state()), nameOf(S::InProgress));
        QCOMPARE(reloaded.events().back().actor, std::string("inv-3"));
    }

    void candidateActionsOnlyInProgress() {
        auto sitting = sittingIn(S::Paused);
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting->answer("Q1", {"A"}));
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting->setFlag("Q1", true));
        QVERIFY_THROWS_EXCEPTION(SittingError, sitting->goTo(1));
        QVERIFY(sitting->answerOf("Q1").empty());
    }
};

QTEST_GUILESS_MAIN(SittingStateTest)
#include "tst_sitting_state.moc"
