// vigil-kiosk: the composition root. Everything is assembled by KioskRuntime in start-up order
// (data directory and store key, store, trust and seat, session, screens, lockdown steps);
// this file sets the process up for it.
#include "vigil/kiosk/kiosk_runtime.h"

#include <QGuiApplication>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>
#include <cstdlib>

Q_IMPORT_QML_PLUGIN(Vigil_KioskPlugin)

int main(int argc, char* argv[]) {
    // Nothing about the content may land on disk: no compiled-QML cache, no pipeline cache.
    qputenv("QML_DISABLE_DISK_CACHE", "1");
    qputenv("QSG_RHI_DISABLE_DISK_CACHE", "1");
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
    auto options = vigil::kiosk::parseKioskOptions(QGuiApplication::arguments(), &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "vigil-kiosk: %s\n", qPrintable(error));
        return 2;
    }
    vigil::kiosk::KioskRuntime runtime(std::move(options));
    if (!runtime.session()) {
        std::fprintf(stderr, "vigil-kiosk: %s\n", qPrintable(runtime.statusLine()));
        return 1;
    }
    if (selfTest) {
        QCoreApplication::processEvents();
        std::printf("vigil-kiosk self-test: %s\n", qPrintable(runtime.statusLine()));
        return runtime.loaded() ? 0 : 1;
    }
    if (!runtime.loaded()) {
        std::fprintf(stderr, "vigil-kiosk: the screens could not be loaded\n");
        return 1;
    }
    return QGuiApplication::exec();
}
