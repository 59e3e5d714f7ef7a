#include "../log.h"
#include "vigil/lockdown/foreign_window_watcher.h"

#include <QGuiApplication>
#include <QWindow>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <xcb/xcb.h>

namespace vigil::lockdown {
namespace {

// xcb replies are malloc'ed.
template <class T> using Reply = std::unique_ptr<T, decltype(&std::free)>;
template <class T> Reply<T> reply(T* raw) {
    return Reply<T>(raw, &std::free);
}

QList<xcb_window_t> childrenBottomToTop(xcb_connection_t* connection, xcb_window_t window,
                                        xcb_window_t* root = nullptr,
                                        xcb_window_t* parent = nullptr) {
    auto tree =
        reply(xcb_query_tree_reply(connection, xcb_query_tree(connection, window), nullptr));
    if (!tree)
        return {};
    if (root)
        *root = tree->root;
    if (parent)
        *parent = tree->parent;
    const xcb_window_t* children = xcb_query_tree_children(tree.get());
    return QList<xcb_window_t>(children, children + xcb_query_tree_children_length(tree.get()));
}

// The child of the root window that holds `window` (itself without a window manager, its
// frame with one).
xcb_window_t topLevelOf(xcb_connection_t* connection, xcb_window_t window, xcb_window_t* root) {
    xcb_window_t current = window;
    for (int depth = 0; depth < 16; ++depth) {
        xcb_window_t parent = XCB_WINDOW_NONE;
        childrenBottomToTop(connection, current, root, &parent);
        if (parent == XCB_WINDOW_NONE || parent == *root)
            return current;
        current = parent;
    }
    return current;
}

bool isDrawnOnScreen(xcb_connection_t* connection, xcb_window_t window) {
    auto attributes = reply(xcb_get_window_attributes_reply(
        connection, xcb_get_window_attributes(connection, window), nullptr));
    return attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE &&
           attributes->_class != XCB_WINDOW_CLASS_INPUT_ONLY;
}

QByteArray stringProperty(xcb_connection_t* connection, xcb_window_t window, xcb_atom_t atom) {
    auto property = reply(xcb_get_property_reply(
        connection,
        xcb_get_property(connection, 0, window, atom, XCB_GET_PROPERTY_TYPE_ANY, 0, 256), nullptr));
    if (!property || property->format != 8)
        return {};
    return QByteArray(static_cast<const char*>(xcb_get_property_value(property.get())),
                      xcb_get_property_value_length(property.get()));
}

// "XClock (xclock)": the class of WM_CLASS and WM_NAME, of the window or of the client window
// a window manager's frame holds.
QString describeWindow(xcb_connection_t* connection, xcb_window_t window) {
    QList<xcb_window_t> candidates{window};
    candidates += childrenBottomToTop(connection, window);
    for (xcb_window_t candidate : std::as_const(candidates)) {
        const QList<QByteArray> wmClass =
            stringProperty(connection, candidate, XCB_ATOM_WM_CLASS).split('\0');
        const QString name =
            QString::fromUtf8(stringProperty(connection, candidate, XCB_ATOM_WM_NAME));
        const QString className = QString::fromUtf8(wmClass.value(1, wmClass.value(0)));
        if (className.isEmpty() && name.isEmpty())
            continue;
        if (name.isEmpty() || name == className)
            return className.isEmpty() ? name : className;
        return className.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(className, name);
    }
    return QStringLiteral("an unnamed window");
}

} // namespace

ForeignWindowWatcher::ForeignWindowWatcher(QWindow* window, QObject* parent)
    : QObject(parent)
    , window_(window) {
    timer_.setInterval(kDefaultPollInterval);
    connect(&timer_, &QTimer::timeout, this, &ForeignWindowWatcher::poll);
}

ForeignWindowWatcher::~ForeignWindowWatcher() = default;

void ForeignWindowWatcher::setPollInterval(std::chrono::milliseconds interval) {
    timer_.setInterval(interval);
}

bool ForeignWindowWatcher::start() {
    // The offscreen platform may hold an X connection too: only the xcb platform's windows are
    // X windows.
    if (QGuiApplication::platformName() != QLatin1String("xcb") || !qGuiApp ||
        !qGuiApp->nativeInterface<QNativeInterface::QX11Application>())
        return false;
    timer_.start();
    poll();
    return true;
}

void ForeignWindowWatcher::stop() {
    timer_.stop();
}

void ForeignWindowWatcher::poll() {
    auto* x11 = qGuiApp ? qGuiApp->nativeInterface<QNativeInterface::QX11Application>() : nullptr;
    if (!x11 || !window_ || !window_->isVisible())
        return;
    xcb_connection_t* connection = x11->connection();
    const auto ours = xcb_window_t(window_->winId());
    // Every window this client creates has an id inside its own resource range.
    const quint32 idMask = xcb_get_setup(connection)->resource_id_mask;
    const auto isOurs = [&](xcb_window_t window) {
        if ((window & ~idMask) == (ours & ~idMask))
            return true;
        // A window manager's frame around one of our windows.
        const auto children = childrenBottomToTop(connection, window);
        return std::any_of(children.begin(), children.end(), [&](xcb_window_t child) {
            return (child & ~idMask) == (ours & ~idMask);
        });
    };

    xcb_window_t root = XCB_WINDOW_NONE;
    const xcb_window_t ourTopLevel = topLevelOf(connection, ours, &root);
    const QList<xcb_window_t> stacking = childrenBottomToTop(connection, root);
    const qsizetype ourPlace = stacking.indexOf(ourTopLevel);
    if (ourPlace < 0)
        return;
    QList<xcb_window_t> above;
    for (qsizetype i = ourPlace + 1; i < stacking.size(); ++i) {
        const xcb_window_t window = stacking[i];
        if (isDrawnOnScreen(connection, window) && !isOurs(window))
            above.append(window);
    }
    if (above.isEmpty())
        return;

    // Back on top at once, then tell the invigilator what was shown over the assessment.
    const quint32 stackAbove = XCB_STACK_MODE_ABOVE;
    xcb_configure_window(connection, ourTopLevel, XCB_CONFIG_WINDOW_STACK_MODE, &stackAbove);
    xcb_flush(connection);
    window_->raise();
    window_->requestActivate();
    for (xcb_window_t window : std::as_const(above)) {
        if (reported_.contains(window))
            continue;
        reported_.insert(window);
        const QString what = describeWindow(connection, window);
        const QString id = QStringLiteral("0x%1").arg(window, 0, 16);
        qCWarning(lcLockdown).noquote()
            << "a foreign window was over the kiosk's; raised the kiosk:" << what << id;
        emit findingRaised(
            Finding{FindingKind::ForeignWindow, QStringLiteral("window:") + id,
                    QStringLiteral("%1, X window %2").arg(what, id),
                    QStringLiteral("Another program's window appeared over the assessment: %1.")
                        .arg(what)});
    }
}

} // namespace vigil::lockdown
