#include "secret_input.h"

#include <cctype>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace vigil::pack {

std::string secretVariableName(const std::string& kind, const std::string& invigilatorId) {
    std::string name = "VIGIL_" + kind + "_";
    for (const char c : invigilatorId) {
        const auto u = static_cast<unsigned char>(c);
        name += std::isalnum(u) != 0 ? static_cast<char>(std::toupper(u)) : '_';
    }
    return name;
}

std::optional<std::string> readSecretLine(std::istream& in, std::ostream& err,
                                          const std::string& prompt) {
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        err << prompt << ": " << std::flush;
        if (::tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(in, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        err << "\n";
    }
    if (!got) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

void wipeString(std::string& secret) noexcept {
    auto* bytes = reinterpret_cast<volatile char*>(secret.data());
    for (std::size_t i = 0; i < secret.size(); ++i) {
        bytes[i] = 0;
    }
    secret.clear();
}

} // namespace vigil::pack
