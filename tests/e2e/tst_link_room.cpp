// A room on the LAN link: a headless console (the ConsoleHub in this process, on 127.0.0.1, its
// store in a temporary folder) and three kiosks, each its own process.
//
// How it is driven: the parent (this test) builds three seats whose seat.conf names the console
// (the third through a TCP proxy in this process that can cut and delay its traffic). It reads
// each PC's fingerprint from the real vigil-kiosk --self-test, as a technician would, then runs
// each kiosk as a child process assembled by the same KioskRuntime vigil-kiosk's main() runs
// (nothing test-only is compiled into vigil-kiosk), driven through its screens with QTest clicks
// and told what to do next on its stdin. The coordinator types each fingerprint into
// hub.enrol(); three candidates sit to the end while one kiosk is killed with SIGKILL and
// restarted, the console is stopped and started again, and the proxy drops and delays the
// third kiosk's connection. Afterwards the console's replica of every sitting equals the
// kiosk's journal byte for byte, every sequence once and in order.
//
// The room with the vigil-kiosk binary at every seat, driven from outside through the AT-SPI bus
// (a desktop per PC), is tst_room_of_kiosk_binaries: enrolment by the fingerprint on screen,
// launch, the console stopped and started again, a kiosk killed and resumed, a move to a spare
// PC, the record, PC02's link cut and held by the same proxy (link_proxy.h), and a store put
// back behind the console's replica. This test keeps KioskRuntime children, driven through the
// screens' objects rather than the accessibility bus, as the quicker of the two.
#include "link_proxy.h"
#include "sample_seat.h"
#include "screen_driver.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/console_link.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/sync/console_hub.h"
#include "vigil/testing/eventually.h"

#include <QGuiApplication>
#include <QProcess>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
namespace fs = std::filesystem;

namespace {

// ---- the child: one kiosk, driven through its screens, one command per stdin line

void reply(const QString& line) {
    std::printf("OK %s\n", qPrintable(line));
    std::fflush(stdout);
}

// The next line on stdin, while the kiosk's event loop keeps running.
QString nextCommand() {
    std::string line;
    while (true) {
        pollfd in{STDIN_FILENO, POLLIN, 0};
        if (::poll(&in, 1, 0) > 0) {
            char c = 0;
            const auto got = ::read(STDIN_FILENO, &c, 1);
            if (got <= 0) {
                return QStringLiteral("quit"); // the parent went away
            }
            if (c == '\n') {
                return QString::fromStdString(line);
            }
            line += c;
            continue;
        }
        QTest::qWait(20);
    }
}

QString shownText(QQuickWindow* window, const QString& name) {
    auto* item = findVisibleItem(window->contentItem(), name);
    return item ? item->property("text").toString() : QString();
}

int runChild(const QStringList& args) {
    QString error;
    auto options = parseKioskOptions({QStringLiteral("vigil-kiosk"), QStringLiteral("--data-dir"),
                                      args.at(2), QStringLiteral("--package"), args.at(3),
                                      QStringLiteral("--assignment"), args.at(4)},
                                     &error);
    if (!error.isEmpty()) {
        childDies(error);
    }
    KioskRuntime runtime(options);
    if (!runtime.loaded() || !runtime.session()) {
        childDies(QStringLiteral("kiosk did not start: ") + runtime.statusLine());
    }
    auto* window = runtime.window();
    window->resize(1280, 1000);
    if (!QTest::qWaitForWindowExposed(window)) {
        childDies(QStringLiteral("window not exposed"));
    }
    auto& session = *runtime.session();
    const auto& link = runtime.link();
    while (true) {
        const QString command = nextCommand();
        if (command == QLatin1String("quit")) {
            reply(QStringLiteral("quitting"));
            return 0;
        }
        if (command.startsWith(QLatin1String("wait-standing "))) {
            const QString wanted = command.section(u' ', 1);
            if (!QTest::qWaitFor([&] { return link.standing() == wanted; }, 30'000)) {
                childDies(QStringLiteral("standing stays %1, not %2").arg(link.standing(), wanted));
            }
            if (runtime.outOfService()) {
                reply(runtime.statusLine());
                continue;
            }
            waitForItem(window, QStringLiteral("lockedScreen"));
            QTest::qWait(100); // the Locked screen's bindings follow
            reply(QStringLiteral("fingerprint=\"%1\" console=\"%2\" standing=\"%3\"")
                      .arg(shownText(window, QStringLiteral("linkFingerprint")),
                           shownText(window, QStringLiteral("linkConsole")),
                           shownText(window, QStringLiteral("linkStanding"))));
        } else if (command == QLatin1String("begin")) {
            // A new sitting (login, confirm, start) or an interrupted one (login resumes it).
            clickItem(window, QStringLiteral("invigilatorLoginButton"));
            waitForItem(window, QStringLiteral("loginScreen"));
            typeInto(window, QStringLiteral("pinField"), QString::fromLatin1(kSamplePin));
            typeInto(window, QStringLiteral("passwordField"), QString::fromLatin1(kSamplePassword));
            clickItem(window, QStringLiteral("loginButton"));
            if (!QTest::qWaitFor(
                    [&] {
                        return findVisibleItem(window->contentItem(), "confirmCandidateButton") ||
                               findVisibleItem(window->contentItem(), "questionScreen");
                    },
                    15'000)) {
                childDies(QStringLiteral("after login: neither confirmation nor a question"));
            }
            if (findVisibleItem(window->contentItem(), QStringLiteral("confirmCandidateButton"))) {
                clickItem(window, QStringLiteral("confirmCandidateButton"));
                clickItem(window, QStringLiteral("startButton"));
            }
            waitForItem(window, QStringLiteral("questionScreen"));
            reply(QStringLiteral("sitting=%1 %2")
                      .arg(QString::fromStdString(session.sitting()->id()),
                           session.questionHeading()));
        } else if (command == QLatin1String("answer")) {
            // The candidate answers the question shown and moves on.
            waitForItem(window, QStringLiteral("questionScreen"));
            const int position = session.position();
            clickItem(window, QStringLiteral("choice_1"));
            if (session.canGoForward()) {
                clickItem(window, QStringLiteral("nextButton"));
                if (!QTest::qWaitFor([&] { return session.position() == position + 1; }, 5000)) {
                    childDies(QStringLiteral("Next did not move on"));
                }
            }
            reply(session.questionHeading());
        } else if (command == QLatin1String("submit")) {
            clickItem(window, QStringLiteral("submitButton"));
            waitForItem(window, QStringLiteral("submitScreen"));
            session.confirmSubmit();
            session.confirmSubmit();
            if (!QTest::qWaitFor(
                    [&] { return session.screen() == SessionController::Screen::Result; },
                    10'000)) {
                childDies(QStringLiteral("no result after submitting"));
            }
            reply(QStringLiteral("submitted"));
        } else {
            childDies(QStringLiteral("unknown command ") + command);
        }
    }
}

// ---- the parent

using vigil::testing::eventually;

struct Kiosk {
    SampleSeat seat;
    std::string label;
    QString fingerprint;
    std::unique_ptr<QProcess> process;
    std::string sittingId;
    QByteArray output;
};

} // namespace

class TestLinkRoom : public QObject {
    Q_OBJECT

    QTemporaryDir temp_;
    crypto::SigningKeyPair consoleKeys_ = crypto::generateSigningKeyPair();
    crypto::SecureBuffer consoleStoreKey_ = crypto::SecureBuffer::random(32);
    std::optional<store::Database> consoleDb_;
    std::unique_ptr<sync::ConsoleHub> hub_;
    quint16 hubPort_ = 0;
    std::unique_ptr<LinkProxy> proxy_;
    std::vector<Kiosk> kiosks_;

    void startHub(quint16 port) {
        const store::Migration migrations[] = {{1, sync::EnrolmentRegistry::schemaSql()},
                                               {2, sync::JournalReplica::schemaSql()}};
        consoleDb_.emplace(store::Database::open(temp_.filePath("console.db").toStdString(),
                                                 consoleStoreKey_, migrations));
        sync::ConsoleHubOptions options;
        options.centreId = "C0451";
        options.consoleName = "Workshop 2 console";
        hub_ = std::make_unique<sync::ConsoleHub>(*consoleDb_, consoleKeys_, options);
        const auto bound = hub_->listen("127.0.0.1", port);
        QVERIFY2(bound.ok(), bound.ok() ? "" : sync::describe(bound.error()).c_str());
        hubPort_ = bound.value();
    }

    void stopHub() {
        hub_->stop();
        hub_.reset();
        consoleDb_.reset();
    }

    void startKiosk(Kiosk& kiosk) {
        kiosk.process = std::make_unique<QProcess>();
        kiosk.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        kiosk.output.clear();
        kiosk.process->start(QCoreApplication::applicationFilePath(),
                             {QStringLiteral("--kiosk"),
                              QString::fromStdString(kiosk.seat.dataDir.string()),
                              QString::fromStdString(kiosk.seat.packageFile.string()),
                              QString::fromStdString(kiosk.seat.assignmentFile.string())});
        QVERIFY(kiosk.process->waitForStarted());
    }

    // Sends one command and returns the child's "OK ..." reply.
    QString tell(Kiosk& kiosk, const QString& command, int limitMs = 60'000) {
        kiosk.process->write((command + u'\n').toUtf8());
        QString answer;
        const bool replied = eventually(
            [&] {
                kiosk.output += kiosk.process->readAllStandardOutput();
                const auto end = kiosk.output.indexOf('\n');
                if (end < 0) {
                    return false;
                }
                answer = QString::fromUtf8(kiosk.output.left(end));
                kiosk.output.remove(0, end + 1);
                return true;
            },
            limitMs);
        if (!replied || !answer.startsWith(QLatin1String("OK "))) {
            qWarning("%s: no reply to %s (%s)", kiosk.label.c_str(), qPrintable(command),
                     qPrintable(answer));
            return {};
        }
        return answer.mid(3);
    }

    void kill9(Kiosk& kiosk) {
        ::kill(pid_t(kiosk.process->processId()), SIGKILL);
        kiosk.process->waitForFinished();
    }

    // Each sitting's events as the kiosk's store holds them (the bytes its chain hashes).
    std::vector<std::string> kioskJournal(const Kiosk& kiosk) {
        DataDir dir(kiosk.seat.dataDir);
        auto db = store::Database::open(dir.storeFile(), dir.openStoreKey().key, {},
                                        store::OpenMode::MustExist);
        std::vector<std::string> events;
        auto query = db.prepare("SELECT sequence, event FROM sitting_events WHERE sitting_id = ? "
                                "ORDER BY sequence");
        query.bind(1, kiosk.sittingId);
        while (query.step()) {
            if (query.int64(0) != std::int64_t(events.size())) {
                return {}; // a gap: cannot happen to the kiosk's own journal
            }
            events.push_back(query.text(1));
        }
        return events;
    }

    // What the console's room shows for the kiosk's seat now (the status its screens pushed).
    std::optional<sync::KioskStatus> seatStatus(const Kiosk& kiosk) {
        for (const auto& seat : hub_->room()) {
            if (seat.seat == kiosk.label && seat.connected) {
                return seat.status;
            }
        }
        return std::nullopt;
    }

    bool replicaEqualsJournal(const Kiosk& kiosk) {
        const auto journal = kioskJournal(kiosk);
        return !journal.empty() && hub_->journal(kiosk.sittingId) == journal;
    }

    QString selfTestLink(const Kiosk& kiosk) {
        QProcess selfTest;
        selfTest.start(QString::fromLocal8Bit(qgetenv("VIGIL_KIOSK_BINARY")),
                       {QStringLiteral("--self-test"), QStringLiteral("--data-dir"),
                        QString::fromStdString(kiosk.seat.dataDir.string()),
                        QStringLiteral("--package"),
                        QString::fromStdString(kiosk.seat.packageFile.string()),
                        QStringLiteral("--assignment"),
                        QString::fromStdString(kiosk.seat.assignmentFile.string())});
        // The event loop runs meanwhile: the proxy in this process carries PC03's link.
        if (!eventually([&] { return selfTest.state() == QProcess::NotRunning; }, 60'000)) {
            return QStringLiteral("(the self-test did not finish)");
        }
        const QByteArray output = selfTest.readAllStandardOutput();
        for (const auto& line : output.split('\n')) {
            if (line.startsWith("vigil-kiosk link: ") && selfTest.exitCode() == 0) {
                return QString::fromUtf8(line.mid(18));
            }
        }
        return QString::fromUtf8(output + selfTest.readAllStandardError().right(2000));
    }

private slots:
    void initTestCase() {
        QVERIFY(temp_.isValid());
        QVERIFY(!qEnvironmentVariableIsEmpty("VIGIL_KIOSK_BINARY"));
        startHub(0);
        proxy_ = std::make_unique<LinkProxy>(hubPort_);
        const auto seed = consoleKeys_.secretKey.span().first(32);
        for (const char* label : {"PC01", "PC02", "PC03"}) {
            Kiosk kiosk;
            kiosk.label = label;
            auto options = sampleSeatOptions();
            options.seatLabel = label;
            options.registrationNumber = std::string("AB12345") + label[3];
            options.issuerSeed.assign(seed.begin(), seed.end());
            const quint16 port = kiosk.label == "PC03" ? proxy_->port() : hubPort_;
            options.console = "127.0.0.1:" + std::to_string(port);
            kiosk.seat = buildSeat(makeSampleAssessment({}),
                                   fs::path(temp_.path().toStdString()) / label, options);
            kiosks_.push_back(std::move(kiosk));
        }
    }

    void cleanupTestCase() {
        for (auto& kiosk : kiosks_) {
            if (kiosk.process && kiosk.process->state() != QProcess::NotRunning) {
                kill9(kiosk);
            }
        }
        if (hub_) {
            stopHub();
        }
    }

    void aRoomSitsToTheEndAndTheConsoleHoldsEveryEventOnce() {
        // The technician reads each PC's fingerprint from the real binary's self-test.
        for (auto& kiosk : kiosks_) {
            const QString line = selfTestLink(kiosk);
            QVERIFY2(line.contains(QStringLiteral("fingerprint=")), qPrintable(line));
            kiosk.fingerprint = line.section(QStringLiteral("fingerprint="), 1).section(u' ', 0, 0);
            QCOMPARE(kiosk.fingerprint.size(), 14);
            // The console answered the self-test's link: not enrolled yet.
            QVERIFY2(line.contains(QStringLiteral("standing=awaiting-enrolment")),
                     qPrintable(line));
            // A copy of the store as it is before any sitting, put back at the end.
            for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
                const auto from = kiosk.seat.dataDir / file;
                if (fs::exists(from)) {
                    fs::copy_file(from,
                                  temp_.path().toStdString() + "/" + kiosk.label + "-" + file);
                }
            }
            startKiosk(kiosk);
        }
        // Each Locked screen shows its fingerprint and that it waits; the coordinator types it.
        for (auto& kiosk : kiosks_) {
            const QString shown = tell(kiosk, QStringLiteral("wait-standing awaiting-enrolment"));
            QVERIFY2(shown.contains(
                         QStringLiteral("fingerprint=\"This PC: %1\"").arg(kiosk.fingerprint)),
                     qPrintable(shown));
            QVERIFY2(shown.contains(QStringLiteral("Waiting for the centre coordinator to enrol "
                                                   "this PC (%1)")
                                        .arg(kiosk.fingerprint)),
                     qPrintable(shown));
            const auto enrolled =
                hub_->enrol(kiosk.label, kiosk.fingerprint.toStdString(), "CC-0007");
            QVERIFY2(enrolled.ok(), kiosk.label.c_str());
        }
        for (auto& kiosk : kiosks_) {
            const QString shown = tell(kiosk, QStringLiteral("wait-standing enrolled"));
            QVERIFY2(shown.contains(QStringLiteral("standing=\"Enrolled to Workshop 2 console\"")),
                     qPrintable(shown));
            const QString begun = tell(kiosk, QStringLiteral("begin"));
            QVERIFY2(begun.contains(QStringLiteral("Question 1 of 5")), qPrintable(begun));
            kiosk.sittingId = begun.section(u'=', 1).section(u' ', 0, 0).toStdString();
            QVERIFY(!tell(kiosk, QStringLiteral("answer")).isEmpty());
            // The console sees the seat's screen: question 2 of 5 of this sitting, time left.
            QVERIFY2(eventually([&] {
                         const auto status = seatStatus(kiosk);
                         return status && status->screen == "Question" &&
                                status->sittingId == kiosk.sittingId && status->position == 2 &&
                                status->questionCount == 5 && status->secondsLeft > 0;
                     }),
                     kiosk.label.c_str());
        }
        auto& killed = kiosks_[0];
        auto& besideRestart = kiosks_[1];
        auto& proxied = kiosks_[2];

        // kill -9 a kiosk mid-sitting and start it again: the invigilator resumes it.
        QVERIFY(!tell(killed, QStringLiteral("answer")).isEmpty());
        kill9(killed);
        startKiosk(killed);
        QVERIFY(!tell(killed, QStringLiteral("wait-standing enrolled")).isEmpty());
        QVERIFY2(tell(killed, QStringLiteral("begin")).contains(QStringLiteral("Question 3 of 5")),
                 "the resumed sitting is not at question 3");

        // The console stops mid-sitting; answers go on and arrive after it is back.
        const quint16 port = hubPort_;
        stopHub();
        QVERIFY(!tell(besideRestart, QStringLiteral("answer")).isEmpty());
        QVERIFY(!tell(killed, QStringLiteral("answer")).isEmpty());
        QTest::qWait(1500);
        startHub(port);
        QCOMPARE(hubPort_, port);

        // The proxy cuts the third kiosk's connection and refuses it for a while, then holds
        // its traffic for a while; answers go on meanwhile.
        const int before = proxy_->connections();
        QVERIFY(eventually([&] { return proxy_->connections() > 0; }));
        proxy_->dropAll(true);
        QVERIFY(!tell(proxied, QStringLiteral("answer")).isEmpty());
        QTest::qWait(2000);
        proxy_->dropAll(false);
        QVERIFY(eventually([&] { return proxy_->connections() > before; }));
        proxy_->delay(true);
        QVERIFY(!tell(proxied, QStringLiteral("answer")).isEmpty());
        QTest::qWait(3000);
        proxy_->delay(false);

        // Everyone finishes.
        for (auto& kiosk : kiosks_) {
            for (int i = 0; i < 5; ++i) {
                QVERIFY(!tell(kiosk, QStringLiteral("answer")).isEmpty());
            }
            QCOMPARE(tell(kiosk, QStringLiteral("submit")), QStringLiteral("submitted"));
        }
        // The console's replica of each sitting is the kiosk's journal, byte for byte.
        for (auto& kiosk : kiosks_) {
            QVERIFY2(eventually([&] { return replicaEqualsJournal(kiosk); }, 60'000),
                     kiosk.label.c_str());
            const auto journal = kioskJournal(kiosk);
            QVERIFY(journal.size() > 10);
            QVERIFY2(journal.back().find("\"Resulted\"") != std::string::npos,
                     journal.back().c_str());
        }
        for (auto& kiosk : kiosks_) {
            QVERIFY2(eventually([&] {
                         const auto status = seatStatus(kiosk);
                         return status && status->screen == "Result";
                     }),
                     kiosk.label.c_str());
        }
        const auto sittings = hub_->sittings();
        QCOMPARE(sittings.size(), std::size_t(3));
        for (const auto& notice : hub_->notices()) {
            QVERIFY2(notice.text.find("refused") == std::string::npos, notice.text.c_str());
        }
        for (auto& kiosk : kiosks_) {
            QCOMPARE(tell(kiosk, QStringLiteral("quit")), QStringLiteral("quitting"));
            QVERIFY(kiosk.process->waitForFinished(30'000));
            QCOMPARE(kiosk.process->exitCode(), 0);
        }
    }

    // The console is the witness: PC01's store put back as it was before the sitting is behind
    // the console's replica, and the kiosk goes Out of service saying so.
    void aRestoredStoreGoesOutOfService() {
        auto& kiosk = kiosks_[0];
        QVERIFY(!kiosk.sittingId.empty());
        for (const char* file : {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm"}) {
            const auto copy = fs::path(temp_.path().toStdString()) / (kiosk.label + "-" + file);
            fs::remove(kiosk.seat.dataDir / file);
            if (fs::exists(copy)) {
                fs::copy_file(copy, kiosk.seat.dataDir / file);
            }
        }
        startKiosk(kiosk);
        const QString shown = tell(kiosk, QStringLiteral("wait-standing store-behind"));
        QVERIFY2(shown.contains(QStringLiteral("screen=OutOfService problem=store")),
                 qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral(
                     "shown=\"This PC's store is behind the console's record of its sittings.\"")),
                 qPrintable(shown));
        QVERIFY2(shown.contains(QString::fromStdString(kiosk.sittingId)), qPrintable(shown));
        QCOMPARE(tell(kiosk, QStringLiteral("quit")), QStringLiteral("quitting"));
        QVERIFY(kiosk.process->waitForFinished(30'000));
    }
};

int main(int argc, char* argv[]) {
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    if (argc == 5 && std::string_view(argv[1]) == "--kiosk") {
        return runChild(QCoreApplication::arguments());
    }
    TestLinkRoom test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_link_room.moc"
