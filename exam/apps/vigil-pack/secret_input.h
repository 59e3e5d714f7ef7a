#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace vigil::pack {

// Name of the environment variable holding one invigilator's secret: VIGIL_PIN_<ID> or
// VIGIL_PASSWORD_<ID>, the id upper-cased with every other character than A-Z 0-9 as '_'.
std::string secretVariableName(const std::string& kind, const std::string& invigilatorId);

// One line from `in`; with echo off and a prompt on `err` when stdin is a terminal. Empty
// optional at end of input. Secrets never come from the command line, where `ps` shows them.
std::optional<std::string> readSecretLine(std::istream& in, std::ostream& err,
                                          const std::string& prompt);

// Overwrites a secret held in a std::string before it is released.
void wipeString(std::string& secret) noexcept;

} // namespace vigil::pack
