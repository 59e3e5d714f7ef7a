#pragma once

// The simulated kiosks of bench/link and bench/console_live: one bench/link_kiosk process per
// seat (PC01, PC02, ...), found beside the benchmark, each with its own key and store and the
// kiosk's real link agent. What each prints is read as it comes: the fingerprint its Locked
// screen would show, and "done" after its status phase.
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QString>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vigil::bench {

// "PC01" for index 0.
inline std::string kioskSeat(int index) {
    char seat[16];
    std::snprintf(seat, sizeof seat, "PC%02d", index + 1);
    return seat;
}

// Runs this thread's event loop until `done` or the deadline; false at the deadline.
template <typename Done> bool runUntil(Done done, std::chrono::milliseconds limit) {
    const QDeadlineTimer deadline(limit.count());
    while (!done()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
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

} // namespace vigil::bench
