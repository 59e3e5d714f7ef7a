// kill -9 in the middle of a question, restart, resume.
//
// How it is driven: the parent (this test) makes a real sample seat, then runs processes on it:
//   1. a kiosk, assembled by the same KioskRuntime that vigil-kiosk's main() runs, driven
//      through its screens with QTest mouse clicks (in-process: nothing test-only is compiled
//      into vigil-kiosk); it answers, flags, moves on, then reports its state and waits;
//      the parent kills it with SIGKILL;
//   2. the real vigil-kiosk binary started on the same data directory, left running, and
//      killed with SIGKILL again;
//   3. the real vigil-kiosk --self-test on the same data directory, whose one-line status
//      must say the Locked screen shows a sitting in progress;
//   4. a kiosk as in 1, which logs the invigilator in by clicking and reports what the
//      candidate sees: the same question, answers, order and time left.
// Then the data directory is searched for the PIN, the password and item text, and the store
// must hold no sitting beyond the resumed one and any voided ones. A second run does the same
// after the invigilator has twice chosen "Wrong candidate" (issue 14).
#include "sample_seat.h"
#include "sitting_script.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QGuiApplication>
#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <csignal>
#include <cstdio>
#include <iostream>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;

namespace {

// ---- the child: a kiosk driven through its screens

int runChild(const QStringList& args) {
    const QString phase = args.at(1);
    KioskOptions options;
    options.dataDir = args.at(2).toStdString();
    options.package = args.at(3).toStdString();
    options.assignment = args.at(4).toStdString();
    options.seat = {"C0451", "Workshop 2", "PC07"};
    KioskRuntime runtime(options);
    auto* window = showKioskWindow(runtime);
    auto& session = *runtime.session();
    if (phase == QLatin1String("--first-run-after-wrong-candidate")) {
        // Issue 14: the wrong candidate at the seat first (twice), each sitting voided.
        for (int i = 0; i < 2; ++i) {
            clickItem(window, QStringLiteral("invigilatorLoginButton"));
            logInSampleInvigilator(window);
            clickItem(window, QStringLiteral("wrongCandidateButton"));
            waitForItem(window, QStringLiteral("lockedScreen"));
        }
    }
    if (phase.startsWith(QLatin1String("--first-run"))) {
        return sitUntilSwitchedOff(window, session, 60'000);
    }
    return resumeAndReport(window, session); // --resume
}

} // namespace

// The sittings the store holds for the seat, read with the kiosk's own key after the run.
std::size_t sittingsInStore(const SampleSeat& seat) {
    DataDir dir(seat.dataDir);
    const auto migrations = kioskMigrations();
    auto db = vigil::store::Database::open(dir.storeFile(), dir.loadOrCreateStoreKey(), migrations,
                                           vigil::store::OpenMode::MustExist);
    return vigil::exam::SittingJournal::list(db).size();
}

class TestCrashResume : public QObject {
    Q_OBJECT

    // The run described at the top, its first kiosk started with `firstPhase`; afterwards the
    // store holds `sittings` sittings (voided ones and the one resumed, never a new one).
    void crashAndResume(const QString& firstPhase, std::size_t sittings) {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const auto seat =
            makeSampleSeat(std::filesystem::path(temp.path().toStdString()) / "kiosk");
        const QStringList seatArgs{QString::fromStdString(seat.dataDir.string()),
                                   QString::fromStdString(seat.packageFile.string()),
                                   QString::fromStdString(seat.assignmentFile.string())};
        const QString self = QCoreApplication::applicationFilePath();

        // 1. first run, killed mid-question
        QProcess first;
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(self, QStringList{firstPhase} + seatArgs);
        QVERIFY(first.waitForStarted());
        QByteArray out;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         first.waitForReadyRead(100);
                         out += first.readAllStandardOutput();
                         return out.contains("STATE ") && out.endsWith('\n');
                     },
                     90'000),
                 out.constData());
        const QString before = stateLine(out);
        QVERIFY2(before.contains(QStringLiteral("heading=\"Question 4 of 5\" flagged=1")),
                 qPrintable(before));
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished());
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);

        // 2. the real binary starts on the crashed store, and is killed again
        const QString binary = qEnvironmentVariable("VIGIL_KIOSK_BINARY");
        QVERIFY(!binary.isEmpty());
        const QStringList binaryArgs{QStringLiteral("--data-dir"),   seatArgs[0],
                                     QStringLiteral("--package"),    seatArgs[1],
                                     QStringLiteral("--assignment"), seatArgs[2]};
        QProcess real;
        real.setProcessChannelMode(QProcess::ForwardedChannels);
        real.start(binary, binaryArgs);
        QVERIFY(real.waitForStarted());
        QTest::qWait(4000);
        QCOMPARE(real.state(), QProcess::Running);
        ::kill(pid_t(real.processId()), SIGKILL);
        QVERIFY(real.waitForFinished());

        // 3. the real binary's self-test shows the Locked screen with a sitting in progress
        QProcess selfTest;
        selfTest.start(binary, QStringList{QStringLiteral("--self-test")} + binaryArgs);
        QVERIFY(selfTest.waitForFinished(60'000));
        const QByteArray status = selfTest.readAllStandardOutput();
        QCOMPARE(selfTest.exitCode(), 0);
        QVERIFY2(
            status.contains("screen=Locked sitting-in-progress=yes qml=loaded setup-error=\"\""),
            status.constData());

        // 4. the invigilator resumes; the candidate sees what they left
        QProcess resumed;
        resumed.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        resumed.start(self, QStringList{QStringLiteral("--resume")} + seatArgs);
        QVERIFY(resumed.waitForFinished(90'000));
        QCOMPARE(resumed.exitCode(), 0);
        const QString after = stateLine(resumed.readAllStandardOutput());
        QVERIFY2(!after.isEmpty(), "the resumed kiosk reported nothing");
        QVERIFY2(after.contains(QStringLiteral("shown=\"Question 4 of 5\"")), qPrintable(after));
        qInfo("before: %s\nafter:  %s", qPrintable(before), qPrintable(after));
        QCOMPARE(withoutSeconds(after), withoutSeconds(before));
        // Time used between the last checkpoint and the kill is given back, never taken.
        QVERIFY2(secondsOf(after) >= secondsOf(before) && secondsOf(after) <= secondsOf(before) + 6,
                 qPrintable(before + QStringLiteral(" / ") + after));

        // Credentials and content never reach the data directory.
        QVERIFY(!anyFileContains(seat.dataDir, kSamplePin));
        QVERIFY(!anyFileContains(seat.dataDir, kSamplePassword));
        QVERIFY(!anyFileContains(seat.dataDir, kSampleItemMarker));
        QCOMPARE(sittingsInStore(seat), sittings);
    }

private slots:
    void killedMidQuestionResumesWithSameQuestionAnswersAndTime() {
        crashAndResume(QStringLiteral("--first-run"), 1);
    }

    // Issue 14: after "Wrong candidate" (voided sittings beside it) the interrupted sitting is
    // still the seat's: the Locked screen says so and the login resumes it.
    void afterAWrongCandidateTheInterruptedSittingIsStillResumed() {
        crashAndResume(QStringLiteral("--first-run-after-wrong-candidate"), 3);
    }
};

int main(int argc, char* argv[]) {
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 5 && args.at(1).startsWith(QLatin1String("--")) &&
        args.at(1) != QLatin1String("--self-test")) {
        return runChild(args);
    }
    TestCrashResume test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crash_resume.moc"
