#pragma once

#include "vigil/console/console_error.h"

#include <optional>
#include <string_view>

// What a user id, name, PIN and password must be, for the first-run coordinator and for every
// invigilator the coordinator adds or resets.
namespace vigil::console::rules {

inline constexpr std::size_t kMaxUserIdBytes = 32;
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMinPinDigits = 4;
inline constexpr std::size_t kMaxPinDigits = 12;
inline constexpr std::size_t kMinPasswordBytes = 8;
inline constexpr std::size_t kMaxTextBytes = 500;

// Each returns the refusal, or nothing when the value is usable.
[[nodiscard]] std::optional<ConsoleFailure> checkUserId(std::string_view userId);
[[nodiscard]] std::optional<ConsoleFailure> checkName(std::string_view name);
[[nodiscard]] std::optional<ConsoleFailure> checkCredentials(std::string_view pin,
                                                             std::string_view password);
[[nodiscard]] std::optional<ConsoleFailure> checkReason(std::string_view reason);

} // namespace vigil::console::rules
