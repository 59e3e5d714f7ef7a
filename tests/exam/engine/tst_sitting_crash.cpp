// kill -9 at random points: a child process runs a scripted sitting against a store file and
// is SIGKILLed 200 times; each new child reopens the store, has the resume authorised and
// continues the script from where the journal says it got to. Nothing written may be lost,
// nothing may be written twice, and the final answers are the script's. Every reopen verifies
// the hash chain and the kiosk-signed head: whichever append a kill interrupted, the journal
// the store holds is signed at its last event and loads.

#include "engine_fixture.h"

#include <QTest>
#include <csignal>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

constexpr int kKills = 200;
constexpr int kSteps = 600;
const std::string kSittingId = "crash-1";

struct Step {
    enum Kind { Answer, Flag, Navigate } kind;
    std::string itemId;
    std::vector<std::string> choices;
    bool flagged = false;
    int position = 0;
};

std::vector<Step> script(const Assessment& assessment) {
    std::vector<Step> steps;
    const auto items = static_cast<int>(assessment.items.size());
    for (int i = 0; i < kSteps; ++i) {
        const auto& item = assessment.items[static_cast<std::size_t>((i * 5) % items)];
        switch (i % 3) {
        case 0:
            steps.push_back({Step::Answer,
                             item.identifier,
                             {std::string(1, static_cast<char>('A' + (i * 7) % 4))}});
            break;
        case 1:
            steps.push_back({Step::Flag, item.identifier, {}, (i / 3) % 2 == 0});
            break;
        default:
            steps.push_back({Step::Navigate, {}, {}, false, i % items});
            break;
        }
    }
    return steps;
}

bool isScriptEvent(EventKind kind) {
    return kind == EventKind::AnswerChanged || kind == EventKind::FlagChanged ||
           kind == EventKind::Navigated;
}

int stepsDone(const std::vector<SittingEvent>& events) {
    return static_cast<int>(std::count_if(events.begin(), events.end(),
                                          [](const auto& e) { return isScriptEvent(e.kind); }));
}

// What the answers, flags and position must be after the first `done` steps.
SittingSnapshot expectedAfter(const std::vector<Step>& steps, int done) {
    SittingSnapshot expected;
    for (int i = 0; i < done; ++i) {
        const auto& step = steps[static_cast<std::size_t>(i)];
        switch (step.kind) {
        case Step::Answer:
            expected.answers[step.itemId] = step.choices;
            break;
        case Step::Flag:
            if (step.flagged) {
                expected.flagged.insert(step.itemId);
            } else {
                expected.flagged.erase(step.itemId);
            }
            break;
        case Step::Navigate:
            expected.position = step.position;
            break;
        }
    }
    return expected;
}

// Opens or creates the sitting, gets it running (the invigilator authorising a resume after a
// crash) and plays the rest of the script.
void runScript(const QTemporaryDir& dir, const Assessment& assessment,
               const std::vector<Step>& steps) {
    auto db = openStore(dir);
    SystemClock clock;
    auto sitting = SittingJournal(db, kSittingId).exists()
                       ? Sitting::load(db, assessment, kSittingId, clock, kioskKeys())
                       : Sitting::create(db, assessment, setupFor(kSittingId), clock, kioskKeys());
    switch (sitting.state()) {
    case SittingState::Locked:
        sitting.verifyInvigilator("inv-1");
        [[fallthrough]];
    case SittingState::InvigilatorVerified:
        sitting.confirmCandidate("inv-1");
        [[fallthrough]];
    case SittingState::CandidateConfirmed:
        sitting.start();
        break;
    case SittingState::Interrupted:
        sitting.authoriseResume("inv-1");
        break;
    default:
        break;
    }
    for (int i = stepsDone(sitting.events()); i < kSteps; ++i) {
        const auto& step = steps[static_cast<std::size_t>(i)];
        switch (step.kind) {
        case Step::Answer:
            sitting.answer(step.itemId, step.choices);
            break;
        case Step::Flag:
            sitting.setFlag(step.itemId, step.flagged);
            break;
        case Step::Navigate:
            sitting.goTo(step.position);
            break;
        }
        if (i % 10 == 0) {
            sitting.checkpoint();
        }
    }
}

QString crashDirTemplate() {
    // The same disk as the build, not a tmpfs: fsync must mean what it means on a kiosk.
    const auto build = qEnvironmentVariable("VIGIL_BUILD_DIR");
    return (build.isEmpty() ? QDir::tempPath() : build) + "/crash-test-XXXXXX";
}

} // namespace

class SittingCrashTest : public QObject {
    Q_OBJECT

private slots:
    void killedSittingLosesNothing() {
        QTemporaryDir dir(crashDirTemplate());
        QVERIFY(dir.isValid());
        auto assessment = smallAssessment(7);
        assessment.metadata.durationSeconds = 24 * 3600; // the timer is not under test here
        const auto steps = script(assessment);
        (void)storeKey(); // made before forking, shared by every child

        std::mt19937 random(20260101);
        std::uniform_int_distribution<int> delayMicroseconds(0, 60'000);
        int killedMidScript = 0;
        int lastDone = 0;
        for (int round = 0; round < kKills; ++round) {
            const pid_t child = fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                int code = 0;
                try {
                    runScript(dir, assessment, steps);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "child failed: %s\n", e.what());
                    code = 3;
                }
                _exit(code);
            }
            usleep(static_cast<useconds_t>(delayMicroseconds(random)));
            kill(child, SIGKILL);
            int status = 0;
            QCOMPARE(waitpid(child, &status, 0), child);
            QVERIFY2(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0),
                     "the scripted child failed on its own");

            // The journal on disk replays, and holds exactly a prefix of the script.
            auto db = openStore(dir);
            SittingJournal journal(db, kSittingId);
            if (!journal.exists()) {
                continue; // killed before the Created event committed
            }
            const auto events = journal.load();
            const auto snapshot = replay(events);
            const int done = stepsDone(events);
            QVERIFY(done >= lastDone);
            const auto expected = expectedAfter(steps, done);
            QCOMPARE(snapshot.answers, expected.answers);
            QCOMPARE(snapshot.flagged, expected.flagged);
            QCOMPARE(snapshot.position, expected.position);
            if (WIFSIGNALED(status) && done > lastDone && done < kSteps) {
                ++killedMidScript;
            }
            lastDone = done;
        }
        qInfo("%d kills landed in the middle of the script", killedMidScript);
        QVERIFY(killedMidScript >= 10);

        // The last run is not killed: it finishes the script and submits.
        runScript(dir, assessment, steps);
        auto db = openStore(dir);
        SystemClock clock;
        auto sitting = Sitting::load(db, assessment, kSittingId, clock, kioskKeys());
        sitting.authoriseResume("inv-1");
        sitting.submit(sitting.unansweredCount());
        const auto expected = expectedAfter(steps, kSteps);
        QCOMPARE(sitting.snapshot().answers, expected.answers);
        QCOMPARE(sitting.snapshot().flagged, expected.flagged);
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Submitted));
        QCOMPARE(stepsDone(sitting.events()), kSteps);
        QVERIFY(replay(SittingJournal(db, kSittingId).load()) == sitting.snapshot());
    }
};

QTEST_GUILESS_MAIN(SittingCrashTest)
#include "tst_sitting_crash.moc"
