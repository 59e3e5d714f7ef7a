#pragma once

#include <fstream>
#include <string>

namespace vigil::bench {

// This process's resident set size now, in KiB (-1 when /proc cannot tell).
inline long rssKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

} // namespace vigil::bench
