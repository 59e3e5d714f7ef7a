#include "vigil/kiosk/session_check.h"

#include "vigil/lockdown/input_lockdown.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QSaveFile>
#include <QScreen>
#include <cstdio>

namespace vigil::kiosk {

namespace {

constexpr auto kSessionCheckOption = "--session-check";
// Long enough for a slow PC (software rendering) to map its first frame; short enough for a
// technician waiting at the screen.
constexpr int kSessionCheckTimeoutMs = 20000;

// What the kiosk looks like once it runs: the facts a technician checks after installing the
// session on a centre PC.
struct SessionFacts {
    QString platform;
    vigil::lockdown::KeyboardLock keyboardLock = vigil::lockdown::KeyboardLock::None;
    bool fullscreen = false;
    QSize windowSize;
    QSize screenSize;
    bool lockedScreenShown = false;
    QString setupError;
    QString statusLine;

    [[nodiscard]] bool lockedDown() const {
        return platform != QLatin1String("offscreen") &&
               keyboardLock != vigil::lockdown::KeyboardLock::None && fullscreen &&
               lockedScreenShown;
    }
};

// Who holds the keyboard, asked the way InputLockdown asks at engage(): under Wayland the
// compositor is the only possible lock; elsewhere the window's grab must hold (grabbing a
// keyboard the window already holds changes nothing).
vigil::lockdown::KeyboardLock keyboardLockOf(QQuickWindow& window) {
    using vigil::lockdown::KeyboardLock;
    if (QGuiApplication::platformName().startsWith(QLatin1String("wayland"))) {
        return KeyboardLock::Compositor;
    }
    return window.setKeyboardGrabEnabled(true) ? KeyboardLock::Application : KeyboardLock::None;
}

SessionFacts observe(KioskRuntime& runtime, bool frameShown) {
    using Screen = SessionController::Screen;
    SessionFacts facts;
    QQuickWindow& window = *runtime.window();
    facts.platform = QGuiApplication::platformName();
    facts.keyboardLock = keyboardLockOf(window);
    facts.windowSize = window.size();
    facts.screenSize = window.screen() ? window.screen()->size() : QSize();
    facts.fullscreen = window.visibility() == QWindow::FullScreen && window.isExposed() &&
                       facts.windowSize == facts.screenSize;
    const auto* session = runtime.session(); // null while Out of service
    facts.lockedScreenShown = frameShown && session && session->screen() == Screen::Locked;
    facts.setupError = session ? session->setupError() : runtime.startupStatus().title();
    facts.statusLine = runtime.statusLine();
    return facts;
}

QString sizeText(QSize size) {
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

bool writeReport(const QString& file, const SessionFacts& facts, bool timedOut) {
    const auto yesNo = [](bool value) {
        return QLatin1String(value ? "yes" : "no");
    };
    QString text = QStringLiteral("vigil-kiosk session check\n");
    text += QStringLiteral("platform=%1\n").arg(facts.platform);
    text += QStringLiteral("keyboard-lock=%1\n").arg(vigil::lockdown::label(facts.keyboardLock));
    text += QStringLiteral("fullscreen=%1\n").arg(yesNo(facts.fullscreen));
    text += QStringLiteral("window-size=%1\n").arg(sizeText(facts.windowSize));
    text += QStringLiteral("screen-size=%1\n").arg(sizeText(facts.screenSize));
    text += QStringLiteral("locked-screen-shown=%1\n").arg(yesNo(facts.lockedScreenShown));
    text += QStringLiteral("status=%1\n").arg(facts.statusLine);
    if (timedOut) {
        text += QStringLiteral("note=gave up after %1 s waiting for a fullscreen Locked screen\n")
                    .arg(kSessionCheckTimeoutMs / 1000);
    }
    text += QStringLiteral("result=%1\n").arg(QLatin1String(facts.lockedDown() ? "pass" : "fail"));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text) || out.write(text.toUtf8()) < 0 ||
        !out.commit()) {
        std::fprintf(stderr, "vigil-kiosk: cannot write the session check to %s: %s\n",
                     qPrintable(file), qPrintable(out.errorString()));
        return false;
    }
    std::fputs(qPrintable(text), stderr);
    return true;
}

} // namespace

std::optional<QString> takeSessionCheckOption(QStringList& arguments, QString* error) {
    std::optional<QString> reportFile;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] != QLatin1String(kSessionCheckOption)) {
            continue;
        }
        if (i + 1 >= arguments.size() || arguments[i + 1].startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("%1 needs a report file").arg(kSessionCheckOption);
            return std::nullopt;
        }
        reportFile = arguments[i + 1];
        arguments.remove(i, 2);
        --i;
    }
    return reportFile;
}

SessionCheck::SessionCheck(KioskRuntime& runtime, QString reportFile)
    : runtime_(runtime)
    , reportFile_(std::move(reportFile)) {
    // With Qt Quick's threaded render loop frameSwapped comes from the render thread: the
    // timer as context queues it to this one.
    QObject::connect(runtime_.window(), &QQuickWindow::frameSwapped, &timer_,
                     [this] { frameShown_ = true; });
    QObject::connect(&timer_, &QTimer::timeout, &timer_, [this] { poll(); });
    clock_.start();
    timer_.start(100);
}

void SessionCheck::poll() {
    const SessionFacts facts = observe(runtime_, frameShown_);
    const bool timedOut = clock_.elapsed() > kSessionCheckTimeoutMs;
    if (!facts.lockedDown() && !timedOut) {
        return;
    }
    timer_.stop();
    const bool written = writeReport(reportFile_, facts, !facts.lockedDown());
    QCoreApplication::exit(written && facts.lockedDown() ? 0 : 1);
}

} // namespace vigil::kiosk
