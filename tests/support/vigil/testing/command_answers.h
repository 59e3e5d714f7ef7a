#pragma once

#include "vigil/sync/console_hub.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// What the console heard back from kiosks, by command id: the callback handed to
// ConsoleHub::sendCommand / sendSignedCommand collects each answer on the hub's network thread,
// and the test reads them on its own (the link, kiosk and console command tests). The answers
// are shared with the callbacks, so a hub that outlives this object (a test that stops early)
// still has somewhere to put a late answer or a deadline's notice.
namespace vigil::testing {

class CommandAnswers {
public:
    sync::ConsoleHub::CommandCallback collect() {
        return [heard = heard_](const sync::CommandResult& result) {
            std::lock_guard lock(heard->mutex);
            heard->results.push_back(result);
        };
    }
    // The `nth` answer (0: the first) to the command `commandId`, once it came.
    std::optional<sync::CommandResult> of(const std::string& commandId, std::size_t nth = 0) const {
        std::lock_guard lock(heard_->mutex);
        for (const auto& result : heard_->results) {
            if (result.commandId == commandId && nth-- == 0) {
                return result;
            }
        }
        return std::nullopt;
    }

private:
    struct Heard {
        std::mutex mutex;
        std::vector<sync::CommandResult> results;
    };
    std::shared_ptr<Heard> heard_ = std::make_shared<Heard>();
};

} // namespace vigil::testing
