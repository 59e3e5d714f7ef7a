// Argon2id cost of a login: times verifyPassword (what the kiosk and console run when an
// invigilator signs in) for Vigil's parameters and, for comparison, libsodium's INTERACTIVE
// and MODERATE presets. Usage: argon2 [verify calls per row, default 15]
#include "vigil/crypto/password_hash.h"
#include "vigil/crypto/sodium.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sodium.h>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

struct Row {
    const char* name;
    unsigned long long opsLimit;
    std::size_t memLimit;
};

double percentile(std::vector<double> samples, double fraction) {
    std::sort(samples.begin(), samples.end());
    const auto index =
        static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[index];
}

long peakResidentMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // kilobytes on Linux
}

} // namespace

int main(int argc, char** argv) {
    if (!vigil::crypto::ensureSodium()) {
        std::fprintf(stderr, "libsodium could not be initialised\n");
        return 1;
    }
    const int calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    const vigil::crypto::PasswordHashParameters vigilParameters =
        vigil::crypto::passwordHashParameters();
    const std::array rows{
        Row{"INTERACTIVE", crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE},
        Row{"vigil", vigilParameters.opsLimit, vigilParameters.memLimit},
        Row{"MODERATE", crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE},
    };
    const std::string secret = "4821:correct horse battery staple";

    std::printf("Argon2id verify, %d calls per row (libsodium %s)\n", calls,
                sodium_version_string());
    std::printf("%-12s %4s %8s %11s %11s %11s %14s\n", "parameters", "ops", "mem MiB", "median ms",
                "p95 ms", "max ms", "peak RSS MiB");
    for (const Row& row : rows) {
        std::array<char, crypto_pwhash_STRBYTES> stored{};
        if (crypto_pwhash_str(stored.data(), secret.data(), secret.size(), row.opsLimit,
                              row.memLimit) != 0) {
            std::fprintf(stderr, "%s: out of memory\n", row.name);
            return 1;
        }
        std::vector<double> milliseconds;
        for (int call = 0; call < calls; ++call) {
            const auto start = std::chrono::steady_clock::now();
            const bool verified = vigil::crypto::verifyPassword(stored.data(), secret);
            const auto stop = std::chrono::steady_clock::now();
            if (!verified) {
                std::fprintf(stderr, "%s: verification failed\n", row.name);
                return 1;
            }
            milliseconds.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        }
        std::printf("%-12s %4llu %8zu %11.1f %11.1f %11.1f %14ld\n", row.name, row.opsLimit,
                    row.memLimit >> 20, percentile(milliseconds, 0.5),
                    percentile(milliseconds, 0.95),
                    *std::max_element(milliseconds.begin(), milliseconds.end()), peakResidentMiB());
    }
    return 0;
}
