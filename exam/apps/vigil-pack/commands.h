#pragma once

#include "arguments.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace vigil::pack {

// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1; // refused: bad package, bad key, QTI problems, I/O
inline constexpr int kExitUsage = 2;

// Each command reads its arguments (after the command word), writes what a person reads to
// out and errors to err, and returns an exit code. UsageError escapes to main.
int runKeygen(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runBuild(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runCheck(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runVerify(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runInfo(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runUnlock(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);
int runAssign(const std::vector<std::string>& words, std::istream& in, std::ostream& out,
              std::ostream& err);

} // namespace vigil::pack
