// vigil-kiosk: the composition root. Everything is assembled by KioskRuntime in start-up order
// (the start-up steps: store with its data folder and key, seat, trust, seat assignment and
// package, session; then screens and lockdown steps); this file sets the process up for it.
#include "app/item_preview.h"
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/session_check.h"
#include "vigil/lockdown/compositor_check.h"
#include "vigil/lockdown/foreign_window_watcher.h"
#include "vigil/lockdown/machine_setup.h"
#include "vigil/lockdown/process_hardening.h"

#include <QGuiApplication>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <cstdlib>
#include <optional>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

int main(int argc, char* argv[]) {
    // Before anything is decrypted: no core file of this process, no reading of its memory.
    if (const QString failed = vigil::lockdown::forbidCoreDumps(); !failed.isEmpty()) {
        std::fprintf(stderr, "vigil-kiosk: core dumps stay possible: %s\n", qPrintable(failed));
    }
    // Nothing about the content may land on disk: no compiled-QML cache, no pipeline cache.
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    qputenv("QSG_RHI_DISABLE_DISK_CACHE", "1");
    // Decided before QGuiApplication exists, so on every seat: the seat assignment that may ask
    // for a screen reader is only opened later.
    vigil::kiosk::AccessibilitySettings::enableAccessibilityBridge();
    bool selfTest = false;
    for (int i = 1; i < argc; ++i) {
        selfTest = selfTest || std::string_view(argv[i]) == "--self-test";
    }
    const bool preview = vigil::kiosk::isPreviewCommand(argc, argv);
    if (selfTest || preview) {
        // The self-test and the item preview run anywhere, with or without a display.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qputenv("QT_QUICK_BACKEND", "software");
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("vigil-kiosk"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    if (preview) {
        return vigil::kiosk::runPreview(QGuiApplication::arguments());
    }

    QString error;
    QStringList arguments = QGuiApplication::arguments();
    const auto sessionCheck = vigil::kiosk::takeSessionCheckOption(arguments, &error);
    if (error.isEmpty() && sessionCheck && selfTest) {
        error = QStringLiteral("--session-check checks the real display: not with --self-test");
    }
    auto options = error.isEmpty() ? vigil::kiosk::parseKioskOptions(arguments, &error)
                                   : vigil::kiosk::KioskOptions{};
    if (!error.isEmpty()) {
        std::fprintf(stderr, "vigil-kiosk: %s\n", qPrintable(error));
        return 2;
    }
    // Before any check runs: the centre's denied programs (a file root does not own is refused)
    // and, under Wayland, whether the compositor is the session's own cage. What is wrong is
    // shown to the invigilator as a machine-check finding.
    auto machineSetup = vigil::lockdown::loadCentreDenyList(qEnvironmentVariable(
        vigil::lockdown::kCentreDenyListVariable, vigil::lockdown::kCentreDenyListPath));
    if (auto compositor = vigil::lockdown::checkThisWaylandCompositor()) {
        machineSetup.findings.append(std::move(*compositor));
    }
    vigil::lockdown::installMachineSetup(std::move(machineSetup));
    // A start-up problem (store, data folder, trust keys, seat assignment, package) does not end
    // the process: the kiosk shows Out of service and checks again by itself (kiosk/README.md).
    vigil::kiosk::KioskRuntime runtime(std::move(options));
    if (selfTest) {
        // The self-test is a check: Out of service is a failed check (exit 1).
        QCoreApplication::processEvents();
        std::printf("vigil-kiosk process: %s\n", qPrintable(vigil::lockdown::coreDumpState()));
        std::printf(
            "vigil-kiosk machine-setup: %s\n",
            qPrintable(vigil::lockdown::describe(vigil::lockdown::installedMachineSetup())));
        std::printf("vigil-kiosk self-test: %s\n", qPrintable(runtime.statusLine()));
        runtime.link().waitForAnswer(3000); // the console's answer, when it is reachable
        std::printf("vigil-kiosk link: %s\n", qPrintable(runtime.link().statusLine()));
        return runtime.loaded() && !runtime.outOfService() ? 0 : 1;
    }
    if (!runtime.loaded()) {
        std::fprintf(stderr, "vigil-kiosk: the screens could not be loaded\n");
        return 1;
    }
    // Under X11 another program's window could be drawn over the kiosk's: raise the kiosk again
    // and note it as the sitting monitor's findings are noted.
    vigil::lockdown::ForeignWindowWatcher windowWatcher(runtime.window());
    QObject::connect(&windowWatcher, &vigil::lockdown::ForeignWindowWatcher::findingRaised, &app,
                     [&runtime](const vigil::lockdown::Finding& finding) {
                         if (auto* session = runtime.session()) {
                             session->recordMonitorFinding(finding.key, finding.message);
                         } else {
                             qWarning("vigil-kiosk: %s: %s", qPrintable(finding.key),
                                      qPrintable(finding.message));
                         }
                     });
    windowWatcher.start();
    std::optional<vigil::kiosk::SessionCheck> check;
    if (sessionCheck) {
        check.emplace(runtime, *sessionCheck);
    }
    return QGuiApplication::exec();
}
