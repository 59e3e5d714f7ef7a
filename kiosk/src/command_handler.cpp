#include "vigil/kiosk/command_handler.h"

#include <QMetaObject>
#include <QThread>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace vigil::kiosk {

namespace {

// How long the link's thread waits for the screens' thread to take a command up. The screens'
// thread may be the one stopping the link (and waiting for this thread to end): a command it
// has not taken up by then is given up, never applied, and answered so.
constexpr auto kTakenUpWithin = std::chrono::seconds(10);

// One command handed from the link's thread to the screens' thread.
struct Handoff {
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    bool done = false;
    bool givenUp = false;
    sync::CommandResult result;
};

} // namespace

sync::CommandHandler
onThreadOf(QObject* context,
           std::function<sync::CommandResult(const sync::ConsoleCommand&)> apply) {
    return [context, apply = std::move(apply)](const sync::ConsoleCommand& command) {
        if (QThread::currentThread() == context->thread()) {
            return apply(command);
        }
        auto handoff = std::make_shared<Handoff>();
        handoff->result = {command.commandId, false, "the kiosk did not answer", false};
        QMetaObject::invokeMethod(
            context,
            [handoff, apply, command] {
                {
                    std::lock_guard lock(handoff->mutex);
                    if (handoff->givenUp) {
                        return;
                    }
                    handoff->started = true;
                }
                handoff->changed.notify_all();
                auto result = apply(command);
                {
                    std::lock_guard lock(handoff->mutex);
                    handoff->result = std::move(result);
                    handoff->done = true;
                }
                handoff->changed.notify_all();
            },
            Qt::QueuedConnection);
        std::unique_lock lock(handoff->mutex);
        if (!handoff->changed.wait_for(lock, kTakenUpWithin, [&] { return handoff->started; })) {
            handoff->givenUp = true;
            return sync::CommandResult{
                command.commandId, false,
                "the kiosk's screens did not take the command up within 10 s (busy or "
                "stopping); nothing was applied: send a new one",
                false};
        }
        handoff->changed.wait(lock, [&] { return handoff->done; });
        return handoff->result;
    };
}

} // namespace vigil::kiosk
