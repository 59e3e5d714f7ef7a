// vigil-store: operators' checks of Vigil's encrypted store.
#include "integrity_command.h"
#include "self_check.h"

#include <iostream>
#include <string_view>

namespace {

constexpr std::string_view kUsage = "usage: vigil-store self-check\n"
                                    "       vigil-store check <db-file> --key-file <file>\n"
                                    "  self-check  prove encryption, reopen, integrity and "
                                    "wrong-key refusal in a temporary folder\n"
                                    "  check       report the integrity of an existing store; the "
                                    "key file holds 64 hex characters\n";

} // namespace

int main(int argc, char** argv) {
    const std::string_view command = argc > 1 ? argv[1] : "";
    if (command == "self-check" && argc == 2) {
        return vigil::store::tools::runSelfCheck(std::cout);
    }
    if (command == "check" && argc == 5 && std::string_view(argv[3]) == "--key-file") {
        return vigil::store::tools::runIntegrityCheck(argv[2], argv[4], std::cout);
    }
    if (command == "--help" || command == "-h") {
        std::cout << kUsage;
        return 0;
    }
    std::cerr << kUsage;
    return 2;
}
