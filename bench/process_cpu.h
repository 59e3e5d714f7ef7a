#pragma once

// CPU time of processes on this machine, read from /proc (Linux): how the benchmarks split a
// run's work between the receiver, its database and the simulated clients, on a machine other
// builds share (wall time alone would blame the code for their load).
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace vigil::bench {

struct ProcStat {
    long parent = 0;
    double cpuSeconds = 0; // user + system
};

// One process's /proc/<pid>/stat; nullopt-like (parent -1) when it is gone.
inline ProcStat procStat(long pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto afterName = text.rfind(')'); // the command name may hold spaces
    if (afterName == std::string::npos) {
        return {-1, 0};
    }
    std::istringstream fields(text.substr(afterName + 2));
    std::vector<std::string> field;
    for (std::string word; fields >> word && field.size() < 13;) {
        field.push_back(word); // state, ppid, ..., utime (12th), stime (13th) from here
    }
    if (field.size() < 13) {
        return {-1, 0};
    }
    const double tick = double(::sysconf(_SC_CLK_TCK));
    return {std::stol(field[1]), (std::stod(field[11]) + std::stod(field[12])) / tick};
}

// CPU seconds of each of these processes and of their direct children (a PostgreSQL server's
// backends are the postmaster's children), by pid.
inline std::map<long, double> cpuOfTrees(const std::vector<long>& roots) {
    std::map<long, double> seconds;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        long pid = 0;
        const auto name = entry.path().filename().string();
        if (std::from_chars(name.data(), name.data() + name.size(), pid).ec != std::errc{}) {
            continue;
        }
        const auto stat = procStat(pid);
        for (const long root : roots) {
            if (pid == root || stat.parent == root) {
                seconds[pid] = stat.cpuSeconds;
            }
        }
    }
    return seconds;
}

// CPU seconds spent between two snapshots (a process started in between counts from zero).
inline double cpuBetween(const std::map<long, double>& before,
                         const std::map<long, double>& after) {
    double total = 0;
    for (const auto& [pid, seconds] : after) {
        const auto earlier = before.find(pid);
        total += seconds - (earlier == before.end() ? 0.0 : earlier->second);
    }
    return total;
}

// The whole machine's busy and total jiffies (/proc/stat's first line): a run's share of the
// cores others used.
struct MachineCpu {
    double busy = 0;
    double total = 0;
};

inline MachineCpu machineCpu() {
    std::ifstream file("/proc/stat");
    std::string cpu;
    file >> cpu;
    MachineCpu sample;
    for (int i = 0; i < 8; ++i) { // user nice system idle iowait irq softirq steal
        double value = 0;
        file >> value;
        sample.total += value;
        if (i != 3 && i != 4) {
            sample.busy += value;
        }
    }
    return sample;
}

inline double loadAverage() {
    std::ifstream file("/proc/loadavg");
    double load = 0;
    file >> load;
    return load;
}

} // namespace vigil::bench
