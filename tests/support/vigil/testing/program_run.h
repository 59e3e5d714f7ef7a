#pragma once

// Runs one of Vigil's programs (or a system tool) to its end, as a person at a terminal would,
// and keeps what it printed: the command-line tests assert on exit codes and messages.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace vigil::testing {

struct ProgramRun {
    int exitCode = -1; // -1: it crashed, or did not finish in time (then it was killed)
    QString out;       // standard output, with standard error in it too when merged
    QString err;
};

struct ProgramOptions {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    bool mergeChannels = true;
    int timeoutMs = 120'000;
};

inline ProgramRun runProgram(const QString& program, const QStringList& arguments,
                             const ProgramOptions& options = {}) {
    QProcess process;
    if (options.mergeChannels) {
        process.setProcessChannelMode(QProcess::MergedChannels);
    }
    process.setProcessEnvironment(options.environment);
    process.start(program, arguments);
    const bool finished = process.waitForFinished(options.timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    const int exitCode =
        finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return {exitCode, QString::fromUtf8(process.readAllStandardOutput()),
            options.mergeChannels ? QString() : QString::fromUtf8(process.readAllStandardError())};
}

} // namespace vigil::testing
