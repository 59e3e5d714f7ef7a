#pragma once

// One `vigil-syncd serve` process (the real binary), started on a configuration file and
// stopped with SIGTERM when the object goes: the receiver tests that run the binary and the
// ingest benchmark (bench/ingest.cpp) share it.
#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace vigil::testing {

class SyncdProcess {
public:
    // Starts `binary serve --config config` and waits (up to 20 s) for the port it prints;
    // throws std::runtime_error with what it wrote to standard error when it does not start.
    SyncdProcess(const QString& binary, const QString& config) {
        process_.setProcessChannelMode(QProcess::SeparateChannels);
        process_.start(binary, {"serve", "--config", config});
        const QRegularExpression listening("listening on [0-9.]+:([0-9]+)");
        QByteArray output;
        while (process_.waitForReadyRead(20'000)) {
            output += process_.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                port_ = static_cast<std::uint16_t>(match.captured(1).toUInt());
                return;
            }
        }
        throw std::runtime_error("vigil-syncd did not start: " +
                                 process_.readAllStandardError().toStdString());
    }
    ~SyncdProcess() {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            process_.waitForFinished(10'000);
        }
    }
    SyncdProcess(const SyncdProcess&) = delete;
    SyncdProcess& operator=(const SyncdProcess&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] qint64 processId() const { return process_.processId(); }
    void kill() {
        process_.kill();
        process_.waitForFinished(10'000);
    }
    // SIGTERM, as an administrator stops it; its exit code (0: stopped cleanly).
    int stop() {
        process_.terminate();
        process_.waitForFinished(10'000);
        return process_.exitCode();
    }

private:
    QProcess process_;
    std::uint16_t port_ = 0;
};

} // namespace vigil::testing
