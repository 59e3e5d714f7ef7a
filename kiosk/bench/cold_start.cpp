#include "cold_start.h"

#include <QProcess>
#include <cstdio>

namespace vigil::kiosk::bench {

namespace {

struct Launch {
    bool ok = false;
    double lineMs = -1; // when the first line of stdout arrived
    double exitMs = -1;
    QString line;
};

Launch launch(const QString& program, const QStringList& arguments, const char* expected) {
    Launch result;
    QProcess process;
    const Stopwatch clock;
    process.start(program, arguments);
    if (!process.waitForStarted(10'000)) {
        std::fprintf(stderr, "bench_kiosk: %s did not start: %s\n", qPrintable(program),
                     qPrintable(process.errorString()));
        return result;
    }
    while (!process.canReadLine() && process.state() == QProcess::Running) {
        process.waitForReadyRead(30'000);
    }
    if (process.canReadLine()) {
        result.lineMs = clock.ms();
        result.line = QString::fromUtf8(process.readLine()).trimmed();
    }
    process.waitForFinished(30'000);
    result.exitMs = clock.ms();
    result.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0 &&
                result.line.contains(QLatin1String(expected)) &&
                result.line.contains(QLatin1String("screen=Locked"));
    if (!result.ok) {
        std::fprintf(stderr, "bench_kiosk: %s %s: exit %d, said \"%s\" %s\n", qPrintable(program),
                     qPrintable(arguments.join(u' ')), process.exitCode(), qPrintable(result.line),
                     process.readAllStandardError().constData());
    }
    return result;
}

} // namespace

ColdStartTable measureColdStart(const QString& kiosk, const QString& bench,
                                const QStringList& kioskArguments, int runs) {
    ColdStartTable table;
    const QStringList selfTest = kioskArguments + QStringList{QStringLiteral("--self-test")};
    const QStringList firstFrame = QStringList{QStringLiteral("--first-frame")} + kioskArguments;
    const auto first = launch(kiosk, selfTest, "self-test:");
    table.firstRunMs = first.lineMs;
    table.failures += first.ok ? 0 : 1;
    for (int run = 0; run < runs; ++run) {
        const auto plain = launch(kiosk, selfTest, "self-test:");
        if (plain.ok) {
            table.selfTestLine.add(plain.lineMs);
            table.selfTestExit.add(plain.exitMs);
        } else {
            ++table.failures;
        }
        const auto framed = launch(bench, firstFrame, "first-frame");
        if (framed.ok) {
            table.firstFrame.add(framed.lineMs);
            table.firstFrameInside.add(framed.line.section(u' ', 1, 1).toDouble());
        } else {
            ++table.failures;
        }
    }
    return table;
}

void ColdStartTable::print() const {
    std::printf("\nCold start to the Locked screen (wall time from spawn, ms)\n");
    std::printf("  first start on a fresh data dir (store.key, kiosk.db, kiosk key made): "
                "%.1f ms\n",
                firstRunMs);
    printHeaderRow("then, on the same data dir");
    printRow("vigil-kiosk --self-test: status line printed", selfTestLine);
    printRow("vigil-kiosk --self-test: process exited", selfTestExit);
    printRow("KioskRuntime as main.cpp builds it: 1st frame", firstFrame);
    printRow("  same, measured inside from main()", firstFrameInside);
    if (failures > 0) {
        std::printf("  FAILED starts: %d (see stderr)\n", failures);
    }
}

} // namespace vigil::kiosk::bench
