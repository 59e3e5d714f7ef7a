#include "vigil/kiosk/sitting_order_rules.h"

#include <chrono>

namespace vigil::kiosk {

bool orderApplies(SittingOrder::Kind kind, exam::SittingState state) noexcept {
    using Kind = SittingOrder::Kind;
    using State = exam::SittingState;
    // A moved sitting is ended at this PC: nothing more is written to it here.
    const bool notYetSubmitted = state != State::Submitted && state != State::Resulted &&
                                 state != State::Voided && state != State::Moved;
    switch (kind) {
    case Kind::Pause:
        return state == State::InProgress;
    case Kind::Resume:
        return state == State::Paused;
    case Kind::AuthoriseResume:
        return state == State::Interrupted;
    case Kind::GrantExtraTime:
    case Kind::Void:
        return notYetSubmitted;
    case Kind::MoveAway:
        return state == State::InProgress || state == State::Paused || state == State::Interrupted;
    }
    return false;
}

void applyOrder(exam::Sitting& sitting, const SittingOrder& order) {
    using Kind = SittingOrder::Kind;
    const auto actor = order.actor();
    switch (order.kind) {
    case Kind::Pause:
        sitting.pause(order.reason, actor);
        return;
    case Kind::Resume:
        sitting.resume(actor);
        return;
    case Kind::AuthoriseResume:
        sitting.authoriseResume(actor);
        return;
    case Kind::GrantExtraTime:
        sitting.grantExtraTime(std::chrono::minutes(order.minutes), order.reason, actor);
        return;
    case Kind::Void:
        sitting.voidSitting(order.reason, actor);
        return;
    case Kind::MoveAway:
        sitting.moveAway(order.toSeat, actor);
        return;
    }
}

} // namespace vigil::kiosk
