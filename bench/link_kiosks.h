#pragma once

// The simulated kiosks of bench/link and bench/console_live: one bench/link_kiosk process per
// seat (PC01, PC02, ...), found beside the benchmark, each with its own key and store and the
// kiosk's real link agent. What each prints is read as it comes: the fingerprint its Locked
// screen would show, and "done" after its status phase.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QProcess>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace vigil::bench {

// "PC01" for index 0.
inline std::string kioskSeat(int index) {
    char seat[16];
    std::snprintf(seat, sizeof seat, "PC%02d", index + 1);
    return seat;
}

// Runs this thread's event loop until `done` or the deadline; false at the deadline. The loop
// sleeps between events, as an app's exec() does, and `done` is asked every 10 ms. (It used
// processEvents(flags, 50), which never sleeps: the measured console's GUI thread spun at a
// whole core, polling, until 2026-12-03.)
template <typename Done> bool runUntil(Done done, std::chrono::milliseconds limit) {
    if (done()) {
        return true;
    }
    const QDeadlineTimer deadline(limit.count());
    QEventLoop loop;
    QTimer ask;
    QObject::connect(&ask, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired()) {
            loop.quit();
        }
    });
    ask.start(10);
    loop.exec();
    return done();
}

class LinkKiosks {
public:
    // Starts `kiosks` processes, each in work/<seat>, linking to the console at 127.0.0.1:port
    // whose key is consoleKeyHex, with a journal of `events` events and a status phase of
    // `seconds` (staggered by index over each second).
    LinkKiosks(int kiosks, const std::filesystem::path& work, std::uint16_t port,
               const std::string& consoleKeyHex, int events, int seconds)
        : helper_(QCoreApplication::applicationDirPath() + QStringLiteral("/link_kiosk")) {
        for (int i = 0; i < kiosks; ++i) {
            auto process = std::make_unique<QProcess>();
            process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            QProcess* p = process.get();
            QObject::connect(p, &QProcess::readyReadStandardOutput, p, [this, p] {
                while (p->canReadLine()) {
                    const auto words = QString::fromUtf8(p->readLine()).trimmed().split(u' ');
                    if (words.size() == 3 && words[0] == QLatin1String("fingerprint")) {
                        fingerprints_[words[1].toStdString()] = words[2].toStdString();
                    } else if (words.size() == 2 && words[0] == QLatin1String("done")) {
                        ++done_;
                    }
                }
            });
            const auto seat = kioskSeat(i);
            process->start(helper_,
                           {QString::fromStdString((work / seat).string()),
                            QString::fromStdString(seat), QString::number(port),
                            QString::fromStdString(consoleKeyHex), QString::number(events),
                            QString::number(seconds), QString::number(i), QString::number(kiosks)});
            processes_.push_back(std::move(process));
        }
    }
    ~LinkKiosks() { stop(); }
    LinkKiosks(const LinkKiosks&) = delete;
    LinkKiosks& operator=(const LinkKiosks&) = delete;

    [[nodiscard]] const QString& helper() const { return helper_; }
    // Seat -> fingerprint, of the kiosks that have printed theirs.
    [[nodiscard]] const std::map<std::string, std::string>& fingerprints() const {
        return fingerprints_;
    }
    // How many finished their status phase.
    [[nodiscard]] int done() const { return done_; }
    void startStatusPhase() {
        for (auto& process : processes_) {
            process->write("status\n");
        }
    }
    // End of input: each kiosk stops its link and exits (killed after 10 s).
    void stop() {
        for (auto& process : processes_) {
            process->closeWriteChannel();
        }
        for (auto& process : processes_) {
            if (!process->waitForFinished(10'000)) {
                process->kill();
                process->waitForFinished();
            }
        }
        processes_.clear();
    }

private:
    QString helper_;
    std::vector<std::unique_ptr<QProcess>> processes_;
    std::map<std::string, std::string> fingerprints_;
    int done_ = 0;
};

// The same kiosks run by a process of their own, "the room", which relays what they print:
// `program --kiosk-room <LinkKiosks' arguments>` (runKioskRoom). A console under test should not
// carry sixty child processes: each QProcess puts its pipes and its process descriptor into the
// console's GUI event loop, which then polls some 180 descriptors on every turn. Measured
// 2026-12-03, that polling was 70 % of the console_live GUI thread's CPU samples (perf), time
// no centre's console spends: its kiosks are other PCs.
class KioskRoom {
public:
    KioskRoom(const QString& program, int kiosks, const std::filesystem::path& work,
              std::uint16_t port, const std::string& consoleKeyHex, int events, int seconds)
        : helper_(QCoreApplication::applicationDirPath() + QStringLiteral("/link_kiosk")) {
        room_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&room_, &QProcess::readyReadStandardOutput, &room_, [this] {
            while (room_.canReadLine()) {
                const auto words = QString::fromUtf8(room_.readLine()).trimmed().split(u' ');
                if (words.size() == 3 && words[0] == QLatin1String("fingerprint")) {
                    fingerprints_[words[1].toStdString()] = words[2].toStdString();
                } else if (words.size() == 2 && words[0] == QLatin1String("done")) {
                    done_ = words[1].toInt();
                }
            }
        });
        room_.start(program, {QStringLiteral("--kiosk-room"), QString::number(kiosks),
                              QString::fromStdString(work.string()), QString::number(port),
                              QString::fromStdString(consoleKeyHex), QString::number(events),
                              QString::number(seconds)});
    }
    ~KioskRoom() { stop(); }
    KioskRoom(const KioskRoom&) = delete;
    KioskRoom& operator=(const KioskRoom&) = delete;

    [[nodiscard]] const QString& helper() const { return helper_; }
    [[nodiscard]] const std::map<std::string, std::string>& fingerprints() const {
        return fingerprints_;
    }
    [[nodiscard]] int done() const { return done_; }
    void startStatusPhase() { room_.write("status\n"); }
    void stop() {
        if (room_.state() == QProcess::NotRunning) {
            return;
        }
        room_.closeWriteChannel();
        if (!room_.waitForFinished(30'000)) {
            room_.kill();
            room_.waitForFinished();
        }
    }

private:
    QString helper_;
    QProcess room_;
    std::map<std::string, std::string> fingerprints_;
    int done_ = 0;
};

// `program --kiosk-room kiosks work port consoleKeyHex events seconds`, with a QCoreApplication
// made: runs LinkKiosks and prints "fingerprint SEAT FP" once for each kiosk and "done N" as N
// kiosks have finished their status phase; "status" on stdin starts it, the end of stdin ends
// the kiosks and the room.
inline int runKioskRoom(const QStringList& arguments) {
    if (arguments.size() != 8) {
        std::fprintf(stderr, "--kiosk-room: kiosks work port consoleKeyHex events seconds\n");
        return 2;
    }
    LinkKiosks kiosks(arguments[2].toInt(), arguments[3].toStdString(),
                      static_cast<std::uint16_t>(arguments[4].toUInt()), arguments[5].toStdString(),
                      arguments[6].toInt(), arguments[7].toInt());
    std::set<std::string> fingerprintsSaid; // by seat
    int doneSaid = 0;
    QTimer relay;
    QObject::connect(&relay, &QTimer::timeout, [&] {
        for (const auto& [seat, fingerprint] : kiosks.fingerprints()) {
            if (fingerprintsSaid.insert(seat).second) {
                std::printf("fingerprint %s %s\n", seat.c_str(), fingerprint.c_str());
            }
        }
        if (kiosks.done() != doneSaid) {
            doneSaid = kiosks.done();
            std::printf("done %d\n", doneSaid);
        }
        std::fflush(stdout);
    });
    relay.start(50);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    std::string line;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char c = 0;
        if (::read(STDIN_FILENO, &c, 1) <= 0) {
            input.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        if (c != '\n') {
            line += c;
            return;
        }
        if (line == "status") {
            kiosks.startStatusPhase();
        }
        line.clear();
    });
    QCoreApplication::exec();
    kiosks.stop();
    return 0;
}

} // namespace vigil::bench
