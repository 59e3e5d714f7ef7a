// Under X11 another program's window (xclock, here a raw X window made by a second X client of
// the test) can be mapped over the kiosk's. The watcher raises the kiosk's window again and
// reports the foreign window once; the real vigil-kiosk does the same. Runs under Xvfb as
// tst_foreign_window_x11; offscreen it checks only that nothing is watched.
#include "vigil/lockdown/foreign_window_watcher.h"

#include <QGuiApplication>
#include <QProcess>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>
#include <cstdlib>
#include <xcb/xcb.h>

using namespace vigil::lockdown;

namespace {

// A second X client, as xclock would be: its own connection, one top-level window.
class ForeignClient {
public:
    ForeignClient(const QByteArray& instance, const QByteArray& className, bool map = true) {
        connection_ = xcb_connect(nullptr, nullptr);
        if (xcb_connection_has_error(connection_))
            return;
        xcb_screen_t* screen = xcb_setup_roots_iterator(xcb_get_setup(connection_)).data;
        root_ = screen->root;
        window_ = xcb_generate_id(connection_);
        const quint32 background = screen->white_pixel;
        xcb_create_window(connection_, XCB_COPY_FROM_PARENT, window_, root_, 40, 40, 300, 200, 0,
                          XCB_WINDOW_CLASS_INPUT_OUTPUT, screen->root_visual, XCB_CW_BACK_PIXEL,
                          &background);
        const QByteArray wmClass = instance + '\0' + className + '\0';
        xcb_change_property(connection_, XCB_PROP_MODE_REPLACE, window_, XCB_ATOM_WM_CLASS,
                            XCB_ATOM_STRING, 8, quint32(wmClass.size()), wmClass.constData());
        xcb_change_property(connection_, XCB_PROP_MODE_REPLACE, window_, XCB_ATOM_WM_NAME,
                            XCB_ATOM_STRING, 8, quint32(instance.size()), instance.constData());
        if (map)
            xcb_map_window(connection_, window_);
        sync();
    }
    ~ForeignClient() {
        if (connection_)
            xcb_disconnect(connection_);
    }
    ForeignClient(const ForeignClient&) = delete;
    ForeignClient& operator=(const ForeignClient&) = delete;

    [[nodiscard]] bool ok() const { return window_ != 0; }
    [[nodiscard]] xcb_window_t window() const { return window_; }
    void restack(quint32 mode) {
        xcb_configure_window(connection_, window_, XCB_CONFIG_WINDOW_STACK_MODE, &mode);
        sync();
    }
    void map() {
        xcb_map_window(connection_, window_);
        sync();
    }
    // The top-most viewable child of the root window.
    [[nodiscard]] xcb_window_t topMost() const {
        xcb_query_tree_reply_t* tree =
            xcb_query_tree_reply(connection_, xcb_query_tree(connection_, root_), nullptr);
        xcb_window_t top = 0;
        if (tree) {
            const xcb_window_t* children = xcb_query_tree_children(tree);
            for (int i = xcb_query_tree_children_length(tree) - 1; i >= 0 && top == 0; --i) {
                xcb_get_window_attributes_reply_t* attributes = xcb_get_window_attributes_reply(
                    connection_, xcb_get_window_attributes(connection_, children[i]), nullptr);
                if (attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE)
                    top = children[i];
                std::free(attributes);
            }
        }
        std::free(tree);
        return top;
    }

private:
    void sync() {
        std::free(
            xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr));
    }

    xcb_connection_t* connection_ = nullptr;
    xcb_window_t root_ = 0;
    xcb_window_t window_ = 0;
};

bool onX11() {
    return QGuiApplication::platformName() == QLatin1String("xcb");
}

} // namespace

class TestForeignWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<QWindow> kiosk_;

    void showKiosk() {
        kiosk_ = std::make_unique<QWindow>();
        // Under Xvfb without a window manager, fullscreen keeps the old size: set it.
        kiosk_->setGeometry(QGuiApplication::primaryScreen()->geometry());
        kiosk_->show();
        QVERIFY(QTest::qWaitForWindowExposed(kiosk_.get()));
    }

private slots:
    void cleanup() { kiosk_.reset(); }

    void nothingIsWatchedWithoutX11() {
        if (onX11())
            QSKIP("runs offscreen (tst_foreign_window)");
        QWindow window;
        ForeignWindowWatcher watcher(&window);
        QVERIFY(!watcher.start());
        QVERIFY(!watcher.isRunning());
    }

    void aForeignWindowOverTheKioskIsCoveredAgainAndNotedOnce() {
        if (!onX11())
            QSKIP("needs an X server (tst_foreign_window_x11)");
        showKiosk();
        ForeignWindowWatcher watcher(kiosk_.get());
        watcher.setPollInterval(std::chrono::milliseconds(100));
        QSignalSpy spy(&watcher, &ForeignWindowWatcher::findingRaised);
        QVERIFY(watcher.start());
        QTest::qWait(300);
        QCOMPARE(spy.size(), 0);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("foreign window.*XClock"));
        ForeignClient xclock("xclock", "XClock");
        QVERIFY(xclock.ok());
        QTRY_COMPARE(spy.size(), 1);
        const auto finding = spy.at(0).at(0).value<Finding>();
        QCOMPARE(finding.kind, FindingKind::ForeignWindow);
        QCOMPARE(finding.key, QStringLiteral("window:0x%1").arg(xclock.window(), 0, 16));
        QCOMPARE(finding.message,
                 QStringLiteral("Another program's window appeared over the assessment: "
                                "XClock (xclock)."));
        QTRY_COMPARE(xclock.topMost(), xcb_window_t(kiosk_->winId()));

        // Brought forward again: covered again, but the same window is noted only once.
        xclock.restack(XCB_STACK_MODE_ABOVE);
        QTRY_COMPARE(xclock.topMost(), xcb_window_t(kiosk_->winId()));
        QTest::qWait(300);
        QCOMPARE(spy.size(), 1);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("foreign window.*Chat"));
        ForeignClient chat("chat", "Chat");
        QTRY_COMPARE(spy.size(), 2);
        QVERIFY(spy.at(1).at(0).value<Finding>().message.contains("Chat (chat)"));
        QTRY_COMPARE(chat.topMost(), xcb_window_t(kiosk_->winId()));
    }

    void windowsBelowUnmappedOrOwnAreNotNoted() {
        if (!onX11())
            QSKIP("needs an X server (tst_foreign_window_x11)");
        showKiosk();
        ForeignWindowWatcher watcher(kiosk_.get());
        watcher.setPollInterval(std::chrono::milliseconds(100));
        QSignalSpy spy(&watcher, &ForeignWindowWatcher::findingRaised);
        QVERIFY(watcher.start());

        ForeignClient hidden("hidden", "Hidden", /*map=*/false);
        ForeignClient below("below", "Below", /*map=*/false);
        below.restack(XCB_STACK_MODE_BELOW);
        below.map();
        below.restack(XCB_STACK_MODE_BELOW);
        // The kiosk's own second window (a popup of its own) over the first.
        QWindow own;
        own.setGeometry(100, 100, 200, 100);
        own.show();
        QVERIFY(QTest::qWaitForWindowExposed(&own));
        QTest::qWait(500);
        QCOMPARE(spy.size(), 0);
    }

    void theRealKioskCoversAForeignWindowAndSaysSo() {
        if (!onX11())
            QSKIP("needs an X server (tst_foreign_window_x11)");
        const QString binary = qEnvironmentVariable("VIGIL_BUILD_DIR") + "/kiosk/vigil-kiosk";
        QVERIFY2(QFile::exists(binary), qPrintable(binary));
        QTemporaryDir data;
        QProcess kiosk;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("QT_QPA_PLATFORM", "xcb");
        kiosk.setProcessEnvironment(environment);
        kiosk.setProcessChannelMode(QProcess::MergedChannels);
        // An empty data folder: Out of service, which is a kiosk window like any other.
        kiosk.start(binary, {"--data-dir", data.path() + "/kiosk"});
        QVERIFY(kiosk.waitForStarted());
        QString output;
        const auto outputHas = [&](const QString& text) {
            output += QString::fromUtf8(kiosk.readAll());
            return output.contains(text);
        };
        // xclock is started once the kiosk's window is on the screen.
        ForeignClient xclock("xclock", "XClock", /*map=*/false);
        const bool shown = QTest::qWaitFor(
            [&] {
                outputHas(QString());
                return xclock.topMost() != 0;
            },
            60'000);
        xclock.map(); // made before the kiosk's window: brought over it, as a new one would be
        xclock.restack(XCB_STACK_MODE_ABOVE);
        const bool noted =
            shown && QTest::qWaitFor(
                         [&] {
                             return outputHas("Another program's window appeared over the "
                                              "assessment: XClock (xclock).");
                         },
                         20'000);
        const bool covered =
            noted && QTest::qWaitFor([&] { return xclock.topMost() != xclock.window(); }, 5'000);
        kiosk.kill();
        kiosk.waitForFinished();
        QVERIFY2(shown && noted && covered, qPrintable(output));
    }
};

QTEST_MAIN(TestForeignWindow)
#include "tst_foreign_window.moc"
