#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/signed_in.h"

#include <optional>
#include <string_view>

namespace vigil::console::roles {

// CoordinatorOnly naming who asked and for what, or nothing for the coordinator.
[[nodiscard]] inline std::optional<ConsoleFailure> requireCoordinator(const SignedIn& who,
                                                                      std::string_view what) {
    if (who.isCoordinator()) {
        return std::nullopt;
    }
    return refusal(ConsoleError::CoordinatorOnly,
                   who.name() + " is signed in as an invigilator and cannot " + std::string(what));
}

} // namespace vigil::console::roles
