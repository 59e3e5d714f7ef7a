// vigil-console: the invigilator's and centre coordinator's app. This file only reads the
// command line and hands over: the commands live in app/, the service in src/service/.
#include "app/console_commands.h"
#include "console_controller.h"
#include "vigil/console/console_data_dir.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <optional>

Q_IMPORT_QML_PLUGIN(Vigil_ConsolePlugin)

namespace {

// A whole number within min..max, as typed on the command line.
std::optional<int> boundedNumber(const QString& text, int min, int max) {
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= min && value <= max ? std::optional<int>(value) : std::nullopt;
}

void usage() {
    std::fprintf(stderr,
                 "usage: vigil-console [--data-dir DIR] [--listen ADDRESS:PORT] [--self-test]\n"
                 "                     [--heartbeat-ms 200..5000] [--missed-heartbeats 2..60]\n"
                 "       vigil-console verify-record FILE --console-key FILE\n"
                 "       vigil-console init-demo DIR [--samples DIR]\n"
                 "       vigil-console write-bundle [--data-dir DIR] --user ID DRIVE\n"
                 "       vigil-console import-receipts [--data-dir DIR] --user ID FILE\n"
                 "       vigil-console fetch-packages [--data-dir DIR] --user ID\n");
}

} // namespace

int main(int argc, char* argv[]) {
    // Nothing of a session may land on disk: no compiled-QML cache, no pipeline cache.
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    qputenv("QSG_RHI_DISABLE_DISK_CACHE", "1");
    bool headless = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word(argv[i]);
        headless = headless || word == "--self-test" || word == "verify-record" ||
                   word == "init-demo" || word == "write-bundle" || word == "import-receipts" ||
                   word == "fetch-packages";
    }
    if (headless) {
        // The commands run anywhere, with or without a display (the record's PDF needs Gui).
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("vigil-console"));
    QStringList arguments = QGuiApplication::arguments().mid(1);

    if (!arguments.isEmpty() && arguments[0] == QLatin1String("verify-record")) {
        return vigil::console::app::verifyRecordCommand(arguments.mid(1));
    }
    if (!arguments.isEmpty() && arguments[0] == QLatin1String("init-demo")) {
        return vigil::console::app::initDemoCommand(arguments.mid(1));
    }
    if (!arguments.isEmpty() && arguments[0] == QLatin1String("write-bundle")) {
        return vigil::console::app::writeBundleCommand(arguments.mid(1));
    }
    if (!arguments.isEmpty() && arguments[0] == QLatin1String("import-receipts")) {
        return vigil::console::app::importReceiptsCommand(arguments.mid(1));
    }
    if (!arguments.isEmpty() && arguments[0] == QLatin1String("fetch-packages")) {
        return vigil::console::app::fetchPackagesCommand(arguments.mid(1));
    }
    std::filesystem::path dataDir = vigil::console::ConsoleDataDir::defaultRoot();
    QString listen = QStringLiteral("0.0.0.0:47100");
    vigil::console::HeartbeatSettings heartbeat;
    bool selfTest = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--data-dir") && i + 1 < arguments.size()) {
            dataDir = arguments[++i].toStdString();
        } else if (arguments[i] == QLatin1String("--listen") && i + 1 < arguments.size()) {
            listen = arguments[++i];
        } else if (arguments[i] == QLatin1String("--heartbeat-ms") && i + 1 < arguments.size()) {
            const auto ms = boundedNumber(arguments[++i], int(vigil::sync::kMinHeartbeatMs),
                                          int(vigil::sync::kMaxHeartbeatMs));
            if (!ms) {
                usage();
                return 2;
            }
            heartbeat.interval = std::chrono::milliseconds(*ms);
        } else if (arguments[i] == QLatin1String("--missed-heartbeats") &&
                   i + 1 < arguments.size()) {
            const auto missed = boundedNumber(arguments[++i], 2, 60);
            if (!missed) {
                usage();
                return 2;
            }
            heartbeat.missed = *missed;
        } else if (arguments[i] == QLatin1String("--self-test")) {
            selfTest = true;
        } else {
            usage();
            return 2;
        }
    }
    if (selfTest) {
        return vigil::console::app::selfTest(dataDir, listen);
    }
    // The screens: the controller over the service, the QML module showing it.
    vigil::console::LinkSettings link;
    link.heartbeat = heartbeat;
    if (!vigil::console::app::parseListen(listen, link.address, link.port)) {
        usage();
        return 2;
    }
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    const vigil::exam::SystemClock clock;
    vigil::console::ConsoleController controller(vigil::console::ConsoleDataDir(dataDir), clock,
                                                 link);
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty(QStringLiteral("consoleApp"), &controller);
    engine.load(QUrl(QStringLiteral("qrc:/Vigil/Console/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "vigil-console: the screens could not be loaded\n");
        return 1;
    }
    return QGuiApplication::exec();
}
