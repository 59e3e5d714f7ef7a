#include "user_rules.h"

#include <algorithm>

namespace vigil::console::rules {
namespace {

bool isIdCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

bool isBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

std::optional<ConsoleFailure> checkUserId(std::string_view userId) {
    if (userId.empty() || userId.size() > kMaxUserIdBytes ||
        !std::all_of(userId.begin(), userId.end(), isIdCharacter)) {
        return refusal(ConsoleError::InvalidUser,
                       "a user id is 1 to 32 letters, digits, '-', '_' or '.', e.g. INV-0042");
    }
    return std::nullopt;
}

std::optional<ConsoleFailure> checkName(std::string_view name) {
    if (isBlank(name) || name.size() > kMaxNameBytes) {
        return refusal(ConsoleError::InvalidUser, "a name is 1 to 200 characters");
    }
    return std::nullopt;
}

std::optional<ConsoleFailure> checkCredentials(std::string_view pin, std::string_view password) {
    if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return refusal(ConsoleError::WeakPin);
    }
    if (password.size() < kMinPasswordBytes || password == pin) {
        return refusal(ConsoleError::WeakPassword);
    }
    return std::nullopt;
}

std::optional<ConsoleFailure> checkReason(std::string_view reason) {
    if (isBlank(reason) || reason.size() > kMaxTextBytes) {
        return refusal(ConsoleError::ReasonRequired);
    }
    return std::nullopt;
}

} // namespace vigil::console::rules
