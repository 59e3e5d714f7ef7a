#pragma once

#include "vigil/sync/console_hub.h"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// What the console heard back from kiosks, by command id: the callback handed to
// ConsoleHub::sendCommand / sendSignedCommand collects each answer on the hub's network thread,
// and the test reads them on its own (the link, kiosk and console command tests).
namespace vigil::testing {

class CommandAnswers {
public:
    sync::ConsoleHub::CommandCallback collect() {
        return [this](const sync::CommandResult& result) {
            std::lock_guard lock(mutex_);
            results_.push_back(result);
        };
    }
    // The `nth` answer (0: the first) to the command `commandId`, once it came.
    std::optional<sync::CommandResult> of(const std::string& commandId, std::size_t nth = 0) const {
        std::lock_guard lock(mutex_);
        for (const auto& result : results_) {
            if (result.commandId == commandId && nth-- == 0) {
                return result;
            }
        }
        return std::nullopt;
    }

private:
    mutable std::mutex mutex_;
    std::vector<sync::CommandResult> results_;
};

} // namespace vigil::testing
