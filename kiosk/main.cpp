// vigil-kiosk: the composition root. Everything is assembled by KioskRuntime in start-up order
// (the start-up steps: store with its data folder and key, seat, trust, seat assignment and
// package, session; then screens and lockdown steps); this file sets the process up for it.
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/session_check.h"

#include <QGuiApplication>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <cstdlib>
#include <optional>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

int main(int argc, char* argv[]) {
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
    if (selfTest) {
        // The self-test runs anywhere, with or without a display.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qputenv("QT_QUICK_BACKEND", "software");
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("vigil-kiosk"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

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
    // A start-up problem (store, data folder, trust keys, seat assignment, package) does not end
    // the process: the kiosk shows Out of service and checks again by itself (kiosk/README.md).
    vigil::kiosk::KioskRuntime runtime(std::move(options));
    if (selfTest) {
        // The self-test is a check: Out of service is a failed check (exit 1).
        QCoreApplication::processEvents();
        std::printf("vigil-kiosk self-test: %s\n", qPrintable(runtime.statusLine()));
        return runtime.loaded() && !runtime.outOfService() ? 0 : 1;
    }
    if (!runtime.loaded()) {
        std::fprintf(stderr, "vigil-kiosk: the screens could not be loaded\n");
        return 1;
    }
    std::optional<vigil::kiosk::SessionCheck> check;
    if (sessionCheck) {
        check.emplace(runtime, *sessionCheck);
    }
    return QGuiApplication::exec();
}
