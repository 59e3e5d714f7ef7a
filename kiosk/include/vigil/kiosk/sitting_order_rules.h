#pragma once

#include "vigil/exam/sitting.h"
#include "vigil/kiosk/sitting_order.h"

namespace vigil::kiosk {

// Which console order applies to a sitting in which state, and applying it through the
// sitting's own operations: plain rules, without a window (SessionController shows the
// screens that follow).

// Pause a running sitting, resume a paused one, authorise the resume of an interrupted one,
// grant extra time to any sitting not yet submitted, void any not yet submitted.
[[nodiscard]] bool orderApplies(SittingOrder::Kind kind, exam::SittingState state) noexcept;

// Writes the order's events, each naming the command as its actor. The caller has checked
// orderApplies; throws what the sitting's operations throw.
void applyOrder(exam::Sitting& sitting, const SittingOrder& order);

} // namespace vigil::kiosk
