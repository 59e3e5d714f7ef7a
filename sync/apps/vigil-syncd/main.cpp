// vigil-syncd: the awarding body's receiver. The composition root: reads the configuration,
// opens the configured store, and serves (or registers a centre, or creates the keys).
// Usage and exit codes: sync/receiver/README.md, "Running it".
#include "vigil/crypto/key_files.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/syncd_config.h"
#include "vigil/receiver/upload_service.h"
#include "vigil/store/database.h"

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <unistd.h>

using namespace vigil;
using namespace vigil::receiver;

namespace {

constexpr int kUsageError = 2;
constexpr int kFailure = 1;

int usage() {
    std::cerr << "usage: vigil-syncd init --config FILE\n"
                 "       vigil-syncd register-centre --config FILE --centre ID --key HEX|FILE\n"
                 "       vigil-syncd serve --config FILE\n";
    return kUsageError;
}

// The value after --name, or empty.
std::string option(int argc, char** argv, std::string_view name) {
    for (int i = 2; i + 1 < argc; ++i) {
        if (argv[i] == name) {
            return argv[i + 1];
        }
    }
    return {};
}

// Writes a new store key as 64 hex digits, readable by its owner only.
bool writeStoreKey(const std::filesystem::path& file) {
    const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    const auto hex = crypto::toHex(key.span()) + "\n";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        return false;
    }
    const bool written = ::write(fd, hex.data(), hex.size()) == ssize_t(hex.size());
    return ::close(fd) == 0 && written;
}

int init(const SyncdConfig& config) {
    if (!std::filesystem::exists(config.receiverKey)) {
        if (!crypto::saveSigningKeyPair(config.receiverKey, crypto::generateSigningKeyPair())) {
            std::cerr << "vigil-syncd: cannot write " << config.receiverKey << "\n";
            return kFailure;
        }
    }
    if (config.backend == SyncdConfig::Backend::Embedded &&
        !std::filesystem::exists(config.storeKey) && !writeStoreKey(config.storeKey)) {
        std::cerr << "vigil-syncd: cannot write " << config.storeKey << "\n";
        return kFailure;
    }
    const auto keys = crypto::loadSigningKeyPair(config.receiverKey);
    if (!keys) {
        std::cerr << "vigil-syncd: cannot read " << config.receiverKey << "\n";
        return kFailure;
    }
    (void)openConfiguredStore(config); // creates the tables
    std::cout << "receiver key " << crypto::toHex(keys.value().publicKey) << "\n";
    return 0;
}

int registerCentre(const SyncdConfig& config, const std::string& centre, const std::string& key) {
    CentreRecord record{centre, {}};
    if (!crypto::fromHex(key, record.signingKey)) {
        const auto loaded = crypto::loadSigningPublicKey(key);
        if (!loaded) {
            std::cerr << "vigil-syncd: --key is neither 64 hex digits nor a public key file\n";
            return kUsageError;
        }
        record.signingKey = loaded.value();
    }
    openConfiguredStore(config)->registerCentre(record);
    std::cout << "registered centre " << centre << "\n";
    return 0;
}

int serve(const SyncdConfig& config) {
    const auto keys = crypto::loadSigningKeyPair(config.receiverKey);
    if (!keys) {
        std::cerr << "vigil-syncd: cannot read the receiver key " << config.receiverKey
                  << " (vigil-syncd init creates it)\n";
        return kFailure;
    }
    // SIGINT and SIGTERM are taken by sigwait below, in this thread only.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    const auto store = openConfiguredStore(config);
    UploadService service(*store, keys.value());
    HttpsServer server(service, keys.value(), config.serverOptions());
    const auto port = server.start();
    if (!port) {
        std::cerr << "vigil-syncd: " << port.error() << "\n";
        return kFailure;
    }
    std::cout << "vigil-syncd: listening on " << config.address << ":" << port.value()
              << " receiver key " << crypto::toHex(keys.value().publicKey) << std::endl;
    int received = 0;
    sigwait(&stopSignals, &received);
    server.stop();
    std::cout << "vigil-syncd: stopped" << std::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        return usage();
    }
    const std::string command = argv[1];
    const auto configFile = option(argc, argv, "--config");
    if (configFile.empty()) {
        return usage();
    }
    const auto config = readSyncdConfig(configFile);
    if (!config) {
        std::cerr << "vigil-syncd: " << config.error() << "\n";
        return kUsageError;
    }
    try {
        if (command == "init") {
            return init(config.value());
        }
        if (command == "register-centre") {
            const auto centre = option(argc, argv, "--centre");
            const auto key = option(argc, argv, "--key");
            if (centre.empty() || key.empty()) {
                return usage();
            }
            return registerCentre(config.value(), centre, key);
        }
        if (command == "serve") {
            return serve(config.value());
        }
    } catch (const StoreUnavailableError& error) {
        std::cerr << "vigil-syncd: " << error.what() << "\n";
        return kFailure;
    }
    return usage();
}
