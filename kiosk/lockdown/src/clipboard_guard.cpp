#include "vigil/lockdown/clipboard_guard.h"

#include "log.h"

#include <QGuiApplication>
#include <QMimeData>

namespace vigil::lockdown {

ClipboardGuard::ClipboardGuard(QObject* parent)
    : QObject(parent) {}

ClipboardGuard::~ClipboardGuard() {
    if (active_) {
        disconnect(connection_);
        active_ = false;
    }
}

void ClipboardGuard::clearAll() {
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->clear(QClipboard::Clipboard);
    if (clipboard->supportsSelection())
        clipboard->clear(QClipboard::Selection);
}

void ClipboardGuard::start() {
    if (active_)
        return;
    active_ = true;
    clearing_ = true;
    clearAll();
    clearing_ = false;
    connection_ = connect(QGuiApplication::clipboard(), &QClipboard::changed, this,
                          &ClipboardGuard::onChanged);
}

void ClipboardGuard::stop() {
    if (!active_)
        return;
    disconnect(connection_);
    active_ = false;
    clearing_ = true;
    clearAll(); // nothing copied during the sitting outlives it
    clearing_ = false;
}

void ClipboardGuard::onChanged(QClipboard::Mode mode) {
    if (clearing_ || mode == QClipboard::FindBuffer)
        return;
    QClipboard* clipboard = QGuiApplication::clipboard();
    const QMimeData* data = clipboard->mimeData(mode);
    if (!data || data->formats().isEmpty())
        return;
    clearing_ = true;
    clipboard->clear(mode);
    clearing_ = false;
    qCWarning(lcLockdown) << "cleared content put on the clipboard during the sitting";
    emit contentRemoved(mode);
}

} // namespace vigil::lockdown
