#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/session.h"

#include <optional>
#include <span>

namespace vigil::console {

// The rule for ending a session: every seat must be submitted, voided or explained (with a
// reason). Nothing, or SeatsUnresolved naming each seat that is not (InvalidSession when a
// seat is given twice).
[[nodiscard]] std::optional<ConsoleFailure> checkSeatsResolved(std::span<const SeatAtClose> seats);

} // namespace vigil::console
