#include "vigil/kiosk/command_handler.h"

#include <QMetaObject>
#include <QThread>

namespace vigil::kiosk {

sync::CommandHandler
onThreadOf(QObject* context,
           std::function<sync::CommandResult(const sync::ConsoleCommand&)> apply) {
    return [context, apply = std::move(apply)](const sync::ConsoleCommand& command) {
        if (QThread::currentThread() == context->thread()) {
            return apply(command);
        }
        sync::CommandResult result{command.commandId, false, "the kiosk did not answer", false};
        QMetaObject::invokeMethod(
            context, [&] { result = apply(command); }, Qt::BlockingQueuedConnection);
        return result;
    };
}

} // namespace vigil::kiosk
