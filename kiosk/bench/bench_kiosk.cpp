// The kiosk's costs on this machine, as a candidate and an invigilator meet them: cold start of
// the real vigil-kiosk binary to the Locked screen, the time from "next question" (and from
// choosing an answer) until the new frame is on screen over a 200-item sitting, and the memory
// of that sitting. Prints tables; asserts nothing (speed targets live in bench/README.md).
//
// Usage: bench_kiosk [--runs N] [--items N] [--diagram-every N] [--kiosk PATH] [--work DIR]
//   --work: where the seat's data directory is made (default: the current folder; use a folder
//   on the disk the kiosk will use, fsync costs differ between disks).
// Internal modes, spawned by the above: --first-frame <kiosk args>, --sitting <kiosk args>.

#include "bench_seat.h"
#include "cold_start.h"
#include "frame_timing.h"
#include "sitting_run.h"
#include "vigil/kiosk/kiosk_runtime.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <optional>
#include <string_view>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

using namespace vigil::kiosk;
using namespace vigil::kiosk::bench;

namespace {

// The process set-up of kiosk/main.cpp, so the in-process numbers are the app's. Without an
// explicit platform, the self-test's: offscreen with Qt Quick's software renderer.
void prepareKioskProcess() {
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    qputenv("QSG_RHI_DISABLE_DISK_CACHE", "1");
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qputenv("QT_QUICK_BACKEND", "software");
    }
}

std::optional<KioskOptions> kioskOptionsFrom(QStringList arguments) {
    arguments.removeAt(1); // the internal mode
    QString error;
    auto options = parseKioskOptions(arguments, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_kiosk: %s\n", qPrintable(error));
        return std::nullopt;
    }
    return options;
}

// Child: builds the kiosk as main() does and prints when the Locked screen's first frame is
// swapped, in ms since this process entered main().
int runFirstFrame(int argc, char* argv[], const Stopwatch& sinceEntry) {
    prepareKioskProcess();
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const auto options = kioskOptionsFrom(QGuiApplication::arguments());
    if (!options) {
        return 2;
    }
    KioskRuntime runtime(*options);
    const double builtMs = sinceEntry.ms();
    if (!runtime.loaded()) {
        std::fprintf(stderr, "bench_kiosk: %s\n", qPrintable(runtime.statusLine()));
        return 1;
    }
    FrameWatch frames(runtime.window());
    const Stopwatch waiting;
    if (frames.waitForFrame(frames.count(), waiting, 10'000) < 0) {
        std::fprintf(stderr, "bench_kiosk: no frame within 10 s\n");
        return 1;
    }
    std::printf("first-frame %.3f built %.3f %s\n", sinceEntry.ms(), builtMs,
                qPrintable(runtime.statusLine()));
    std::fflush(stdout);
    // Out of service (no session) is not the Locked screen: the seat did not open.
    const auto* session = runtime.session();
    return session && session->screen() == SessionController::Screen::Locked ? 0 : 1;
}

// Child: a whole sitting on the real runtime, timing every switch and answer to its frame.
int runSitting(int argc, char* argv[]) {
    const auto atEntry = MemoryUse::now();
    prepareKioskProcess();
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const auto options = kioskOptionsFrom(QGuiApplication::arguments());
    if (!options) {
        return 2;
    }
    const auto withQt = MemoryUse::now();
    SittingRun run(*options);
    return run.execute(
        {{"process start (no Qt yet)", atEntry}, {"QGuiApplication created", withQt}});
}

struct ParentOptions {
    int runs = 20;
    int items = 200;
    int diagramEvery = 5;
    QString kiosk = QStringLiteral(VIGIL_KIOSK_BINARY);
    QString work = QDir::currentPath();
};

std::optional<ParentOptions> parseParentOptions(const QStringList& arguments) {
    ParentOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        if (i + 1 >= arguments.size()) {
            std::fprintf(stderr, "bench_kiosk: %s needs a value\n", qPrintable(arg));
            return std::nullopt;
        }
        const QString value = arguments[++i];
        if (arg == QLatin1String("--runs")) {
            options.runs = std::max(1, value.toInt());
        } else if (arg == QLatin1String("--items")) {
            options.items = std::max(2, value.toInt());
        } else if (arg == QLatin1String("--diagram-every")) {
            options.diagramEvery = value.toInt();
        } else if (arg == QLatin1String("--kiosk")) {
            options.kiosk = value;
        } else if (arg == QLatin1String("--work")) {
            options.work = value;
        } else {
            std::fprintf(stderr,
                         "bench_kiosk: unknown option %s (known: --runs, --items, "
                         "--diagram-every, --kiosk, --work)\n",
                         qPrintable(arg));
            return std::nullopt;
        }
    }
    return options;
}

void printHeader(const ParentOptions& options, std::uintmax_t packageBytes) {
    std::printf("bench_kiosk: %d items, an SVG diagram every %d, package %.1f KiB, %d runs\n",
                options.items, options.diagramEvery, double(packageBytes) / 1024.0, options.runs);
    std::printf("  kiosk %s\n  data dirs under %s, %d cores, platform %s\n",
                qPrintable(options.kiosk), qPrintable(options.work), QThread::idealThreadCount(),
                qEnvironmentVariableIsSet("QT_QPA_PLATFORM")
                    ? qPrintable(qEnvironmentVariable("QT_QPA_PLATFORM"))
                    : "offscreen (software renderer)");
}

int runParent(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const auto options = parseParentOptions(QCoreApplication::arguments());
    if (!options) {
        return 2;
    }
    if (!QFileInfo(options->kiosk).isExecutable()) {
        std::fprintf(stderr, "bench_kiosk: %s is not an executable (build vigil-kiosk first)\n",
                     qPrintable(options->kiosk));
        return 2;
    }
    QTemporaryDir work(options->work + QStringLiteral("/vigil-kiosk-bench-XXXXXX"));
    if (!work.isValid()) {
        std::fprintf(stderr, "bench_kiosk: cannot make a folder in %s\n",
                     qPrintable(options->work));
        return 2;
    }
    const std::filesystem::path root = work.path().toStdString();
    BenchSeat coldSeat, sittingSeat;
    try {
        coldSeat =
            makeBenchSeat(root / "cold" / "vigil-kiosk", options->items, options->diagramEvery);
        sittingSeat =
            makeBenchSeat(root / "sitting" / "vigil-kiosk", options->items, options->diagramEvery);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_kiosk: the seat could not be made: %s\n", error.what());
        return 1;
    }
    printHeader(*options, coldSeat.packageBytes);
    const ColdStartTable cold =
        measureColdStart(options->kiosk, QCoreApplication::applicationFilePath(),
                         coldSeat.kioskArguments(), options->runs);
    cold.print();
    std::fflush(stdout);

    // The sitting runs in its own process so the memory figures are the kiosk's alone, not
    // this program's seat-building.
    QProcess sitting;
    sitting.setProcessChannelMode(QProcess::ForwardedChannels);
    sitting.start(QCoreApplication::applicationFilePath(),
                  QStringList{QStringLiteral("--sitting")} + sittingSeat.kioskArguments());
    if (!sitting.waitForFinished(30 * 60'000) || sitting.exitStatus() != QProcess::NormalExit ||
        sitting.exitCode() != 0) {
        std::fprintf(stderr, "bench_kiosk: the sitting run failed (exit %d)\n", sitting.exitCode());
        return 1;
    }
    return cold.failures == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char* argv[]) {
    const Stopwatch sinceEntry;
    if (argc > 1 && std::string_view(argv[1]) == "--first-frame") {
        return runFirstFrame(argc, argv, sinceEntry);
    }
    if (argc > 1 && std::string_view(argv[1]) == "--sitting") {
        return runSitting(argc, argv);
    }
    return runParent(argc, argv);
}
