// vigil-console's commands through the real binary: init-demo lays out a demo centre and prints
// whom to sign in as, --self-test reports it, verify-record says OK with the digest of a record
// the console exported, and names the first broken entry of a damaged copy.
#include "vigil/console/console_service.h"
#include "vigil/crypto/hash.h"
#include "vigil/testing/program_run.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;

namespace {

vigil::testing::ProgramRun run(const QStringList& arguments) {
    return vigil::testing::runProgram(qEnvironmentVariable("VIGIL_CONSOLE_BINARY"), arguments);
}

} // namespace

class ConsoleCliTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString demo_;
    QString recordFile_;
    std::string digest_;
    std::uint64_t secondEntry_ = 0;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY(QFile::exists(qEnvironmentVariable("VIGIL_CONSOLE_BINARY")));
        demo_ = dir_.filePath(QStringLiteral("demo"));
    }

    void initDemoMakesACentreWithItsPeopleAndTheSampleAssessments() {
        const auto first = run({"init-demo", demo_});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains("centre coordinator: user COORD-1, PIN 246810, password "
                                    "Workshop-Keys-51"),
                 qPrintable(first.out));
        QVERIFY(first.out.contains("invigilator:        user INV-0042, PIN 482916, password "
                                   "Brake-Fluid-77"));
        QVERIFY(first.out.contains("assessment MOT-BLT-2026A"));
        QVERIFY(first.out.contains("assessment EHV-L2-SW-2026A"));
        QVERIFY(QFile::exists(demo_ + "/keys/console-signing.pub"));

        const auto again = run({"init-demo", demo_});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("the demo centre already exists"));
        QVERIFY(again.out.contains("user COORD-1, PIN 246810"));
    }

    void theSelfTestReportsTheCentreItsUsersKiosksAndPort() {
        const auto checked =
            run({"--self-test", "--data-dir", demo_ + "/data", "--listen", "127.0.0.1:0"});
        QCOMPARE(checked.exitCode, 0);
        QVERIFY2(checked.out.contains("vigil-console centre: C0451 Northfield Motor Training "
                                      "Centre (Europe/London)"),
                 qPrintable(checked.out));
        QVERIFY(checked.out.contains("vigil-console users: 2\n"));
        QVERIFY(checked.out.contains("vigil-console enrolled kiosks: 0\n"));
        QVERIFY(checked.out.contains("vigil-console link: listening on 127.0.0.1:"));
        QVERIFY(!checked.out.contains("listening on 127.0.0.1:0\n"));
        QVERIFY(checked.out.contains("vigil-console self-test: OK"));
    }

    void theSelfTestFailsBeforeTheFirstRunAndOnABadListenAddress() {
        const auto empty = run({"--self-test", "--data-dir", dir_.filePath("empty")});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.out.contains("self-test: FAILED"), qPrintable(empty.out));
        QCOMPARE(
            run({"--self-test", "--data-dir", demo_ + "/data", "--listen", "nowhere"}).exitCode, 2);
    }

    // The heartbeat setting on the command line: within 0.2..5 s and 2..60 missed, or usage.
    void theHeartbeatSettingIsCheckedOnTheCommandLine() {
        const auto kept =
            run({"--self-test", "--data-dir", demo_ + "/data", "--listen", "127.0.0.1:0",
                 "--heartbeat-ms", "2000", "--missed-heartbeats", "3"});
        QCOMPARE(kept.exitCode, 0);
        for (const QStringList& bad :
             {QStringList{"--heartbeat-ms", "50"}, QStringList{"--heartbeat-ms", "one"},
              QStringList{"--missed-heartbeats", "1"}, QStringList{"--missed-heartbeats"}}) {
            const auto refused =
                run(QStringList{"--self-test", "--data-dir", demo_ + "/data"} + bad);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.out.contains("[--heartbeat-ms 200..5000] [--missed-heartbeats 2..60]"),
                     qPrintable(refused.out));
        }
    }

    void aRecordTheConsoleExportedVerifies() {
        const exam::SystemClock clock;
        auto service =
            std::move(ConsoleService::open(ConsoleDataDir((demo_ + "/data").toStdString()), clock))
                .value();
        const auto coordinator =
            std::move(service->signIn("COORD-1", "246810", "Workshop-Keys-51")).value();
        const auto packages = service->packages().packages(coordinator);
        QCOMPARE(packages.size(), std::size_t(2));
        const auto session = service->planner().create(
            coordinator,
            {"Workshop 2", "2026-12-02", "09:30", {{"INV-0042", {}}}, {packages[0].digest}});
        QVERIFY(session.ok());
        {
            auto desk = std::move(service->openSession(coordinator, session.value().id)).value();
            QVERIFY(desk.candidates().add(session.value().id, {"Jordan Ellis", "AB123456", {}}));
            for (const char* text : {"Fire alarm rang at 10:05", "Room evacuated for 12 minutes"}) {
                auto entry = desk.incidents().record({IncidentKind::FireAlarmOrEvacuation,
                                                      IncidentScope::WholeRoom,
                                                      {},
                                                      clock.wallNowMs(),
                                                      "INV-0042",
                                                      text,
                                                      {},
                                                      {}},
                                                     clock.wallNowMs());
                QVERIFY(entry.ok());
                secondEntry_ = entry.value().sequence;
            }
        }
        const auto exported =
            service->exportRecord(coordinator, session.value().id, dir_.filePath("out"));
        QVERIFY2(exported.ok(), exported.ok() ? "" : describe(exported.error()).c_str());
        recordFile_ = exported.value().recordFile;
        digest_ = crypto::toHex(exported.value().digest);

        const auto verified = run(
            {"verify-record", recordFile_, "--console-key", demo_ + "/keys/console-signing.pub"});
        QCOMPARE(verified.exitCode, 0);
        QVERIFY2(verified.out.startsWith(QString::fromStdString("OK " + digest_ + "\n")),
                 qPrintable(verified.out));
        QVERIFY(verified.out.contains("1 candidates, 2 incident entries"));
    }

    void aDamagedRecordNamesItsFirstBrokenEntry() {
        QFile original(recordFile_);
        QVERIFY(original.open(QIODevice::ReadOnly));
        auto bytes = original.readAll();
        QVERIFY(bytes.contains("evacuated for 12"));
        bytes.replace("evacuated for 12", "evacuated for 02");
        const auto damaged = dir_.filePath("damaged.vigil-record");
        QFile copy(damaged);
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(bytes);
        copy.close();

        const auto refused =
            run({"verify-record", damaged, "--console-key", demo_ + "/keys/console-signing.pub"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.out.startsWith("BROKEN: "), qPrintable(refused.out));
        QVERIFY(refused.out.contains(QStringLiteral("first broken entry: %1").arg(secondEntry_)));
    }

    void verifyRecordWantsTheConsolesKey() {
        const auto refused = run({"verify-record", recordFile_});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.out.contains("usage: vigil-console verify-record FILE --console-key FILE"));
    }
};

QTEST_MAIN(ConsoleCliTest)
#include "tst_console_cli.moc"
