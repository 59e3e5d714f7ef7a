// vigil-syncd: the awarding body's receiver. The composition root: reads the configuration,
// opens the configured store, and serves (or registers a centre, creates the keys, or imports
// a USB bundle and writes its receipts file: docs/usb-bundle.md).
// Usage and exit codes: sync/receiver/README.md, "Running it".
#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"
#include "vigil/receiver/analysis/analysis.h"
#include "vigil/receiver/analysis/results_report.h"
#include "vigil/receiver/bundle_import.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/package_service.h"
#include "vigil/receiver/syncd_config.h"
#include "vigil/receiver/upload_service.h"
#include "vigil/store/database.h"

#include <algorithm>
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
    std::cerr
        << "usage: vigil-syncd init --config FILE\n"
           "       vigil-syncd register-centre --config FILE --centre ID --key HEX|FILE\n"
           "       vigil-syncd serve --config FILE\n"
           "       vigil-syncd import-bundle --config FILE [--receipts FILE] BUNDLE_DIR\n"
           "       vigil-syncd report --config FILE [--from DATE] [--to DATE] [--box-key FILE]\n"
           "       vigil-syncd analyse --config FILE [--box-key FILE]\n"
           "       vigil-syncd publish-package --config FILE --centre ID PACKAGE_FILE\n";
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

// The one argument that is neither an option nor an option's value, or empty.
std::string positional(int argc, char** argv) {
    std::string found;
    for (int i = 2; i < argc; ++i) {
        if (std::string_view(argv[i]).starts_with("--")) {
            ++i;
        } else if (!found.empty()) {
            return {};
        } else {
            found = argv[i];
        }
    }
    return found;
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

// A sealed package the awarding body made for one centre, put where that centre's console
// downloads it (package_service.h). Publishing the same file again changes nothing.
int publishPackage(const SyncdConfig& config, const std::string& centre,
                   const std::filesystem::path& file) {
    const auto bytes = exam::readPackageFile(file);
    if (!bytes) {
        std::cerr << "vigil-syncd: " << file.string() << ": " << exam::describe(bytes.error())
                  << "\n";
        return kFailure;
    }
    const auto store = openConfiguredStore(config);
    const auto published = PackageService(*store).publish(centre, bytes.value());
    if (!published) {
        std::cerr << "vigil-syncd: " << file.string()
                  << " not published: " << describe(published.error()) << "\n";
        return kFailure;
    }
    std::cout << "package " << published.value().packageId
              << (published.value().stored ? " published for centre "
                                           : " already published for centre ")
              << centre << "\n";
    return 0;
}

// Beside the bundle's folder by default, so it travels back on the same drive without
// becoming a file the bundle does not list.
std::filesystem::path defaultReceiptsFile(std::filesystem::path bundle) {
    if (!bundle.has_filename()) {
        bundle = bundle.parent_path(); // "dir/" names "dir"
    }
    bundle += ".receipts";
    return bundle;
}

int runImportBundle(const SyncdConfig& config, const std::filesystem::path& bundle,
                    std::filesystem::path receiptsFile) {
    const auto keys = crypto::loadSigningKeyPair(config.receiverKey);
    if (!keys) {
        std::cerr << "vigil-syncd: cannot read the receiver key " << config.receiverKey
                  << " (vigil-syncd init creates it)\n";
        return kFailure;
    }
    if (receiptsFile.empty()) {
        receiptsFile = defaultReceiptsFile(bundle);
    }
    const auto store = openConfiguredStore(config);
    // An item an upload would refuse for its size is refused in a bundle too.
    BundleLimits limits;
    limits.maxFileBytes = std::min<std::uint64_t>(limits.maxFileBytes, config.bodyLimit);
    const auto imported = importBundle(bundle, *store, keys.value(), limits);
    if (!imported) {
        std::cerr << "vigil-syncd: bundle " << bundle.string() << " refused ("
                  << code(imported.error().error) << "): " << describe(imported.error()) << "\n"
                  << (imported.error().error == BundleError::StoreUnavailable
                          ? "what was stored stays; import the bundle again\n"
                          : "nothing of it was stored\n");
        return kFailure;
    }
    const auto& outcome = imported.value();
    std::string reason;
    if (!crypto::writeFileAtomically(
            receiptsFile, signBundleReceipts(outcome.receipts, keys.value()), 0644, &reason)) {
        std::cerr << "vigil-syncd: the items are stored, but the receipts file cannot be written ("
                  << reason << "); import the bundle again with --receipts FILE\n";
        return kFailure;
    }
    std::cout << "vigil-syncd: bundle of centre " << outcome.receipts.centreId
              << " verified: " << outcome.newlyStored << " items stored, " << outcome.alreadyHeld
              << " already held\n";
    for (const auto& refused : outcome.receipts.refused) {
        std::cout << "refused item " << itemIdHex(refused.itemId) << " (" << refused.code
                  << "): " << refused.detail << "\n";
    }
    std::cout << "receipts for " << outcome.receipts.receipts.size() << " items written to "
              << receiptsFile.string() << std::endl;
    return outcome.receipts.refused.empty() ? 0 : kFailure;
}

// What report and analyse share: the settings, the catalogue and the records held, read with
// the box key where one is given. Nullopt (the message printed) when one cannot be used.
struct AwardingBodyView {
    analysis::AnalysisSettings settings;
    analysis::AssessmentCatalogue catalogue;
    analysis::HeldRecords records;
};

std::optional<AwardingBodyView> readView(const SyncdConfig& config, const std::string& boxKeyFile,
                                         int& exitCode) {
    AwardingBodyView view;
    for (const auto& setting : config.analysisSettings) {
        const auto applied = analysis::applySetting(view.settings, setting.name, setting.value);
        if (!applied) {
            std::cerr << "vigil-syncd: " << setting.where << applied.error() << "\n";
            exitCode = kUsageError;
            return std::nullopt;
        }
    }
    if (!config.assessments.empty()) {
        auto catalogue = analysis::AssessmentCatalogue::fromFile(config.assessments);
        if (!catalogue) {
            std::cerr << "vigil-syncd: " << catalogue.error() << "\n";
            exitCode = kUsageError;
            return std::nullopt;
        }
        view.catalogue = std::move(catalogue).value();
    }
    std::optional<crypto::BoxKeyPair> boxKey;
    if (!boxKeyFile.empty()) {
        auto loaded = crypto::loadBoxKeyPair(boxKeyFile);
        if (!loaded) {
            std::cerr << "vigil-syncd: cannot read the box key " << boxKeyFile << " ("
                      << crypto::describe(loaded.error()) << ")\n";
            exitCode = kFailure;
            return std::nullopt;
        }
        boxKey = std::move(loaded).value();
    }
    view.records =
        analysis::readHeldRecords(*openConfiguredStore(config), boxKey ? &*boxKey : nullptr);
    return view;
}

// What could not be opened, said on stderr so the CSV on stdout stays a table.
void sayWhatStaysSealed(const analysis::HeldRecords& records) {
    std::size_t sealed = 0;
    std::size_t unopened = 0;
    for (const auto& result : records.results) {
        sealed += result.standing == analysis::ResultStanding::Sealed;
        unopened += result.standing == analysis::ResultStanding::Unopened;
    }
    if (sealed > 0) {
        std::cerr << "vigil-syncd: " << sealed
                  << " result records could not be opened: they are sealed to the awarding "
                     "body; give its box key with --box-key\n";
    }
    if (unopened > 0) {
        std::cerr << "vigil-syncd: " << unopened
                  << " result records could not be opened with this box key\n";
    }
    for (const auto& item : records.unreadable) {
        std::cerr << "vigil-syncd: item " << itemIdHex(item.itemId) << " (" << kindName(item.kind)
                  << ", centre " << item.centreId << ") cannot be read: " << item.reason << "\n";
    }
}

std::optional<QDate> dateOption(int argc, char** argv, std::string_view name, bool& bad) {
    const auto text = option(argc, argv, name);
    if (text.empty()) {
        return std::nullopt;
    }
    const auto date = QDate::fromString(QString::fromStdString(text), Qt::ISODate);
    bad = bad || !date.isValid();
    return date;
}

int report(const SyncdConfig& config, int argc, char** argv) {
    bool badDate = false;
    analysis::ReportOptions options{dateOption(argc, argv, "--from", badDate),
                                    dateOption(argc, argv, "--to", badDate)};
    if (badDate) {
        std::cerr << "vigil-syncd: --from and --to take a date, YYYY-MM-DD\n";
        return kUsageError;
    }
    int exitCode = 0;
    const auto view = readView(config, option(argc, argv, "--box-key"), exitCode);
    if (!view) {
        return exitCode;
    }
    const auto made =
        analysis::resultsReport(view->records, view->catalogue, view->settings, options);
    std::cout << made.csv << std::flush;
    sayWhatStaysSealed(view->records);
    std::cerr << "vigil-syncd: " << made.rows << " results reported\n";
    return 0;
}

int analyse(const SyncdConfig& config, int argc, char** argv) {
    int exitCode = 0;
    const auto view = readView(config, option(argc, argv, "--box-key"), exitCode);
    if (!view) {
        return exitCode;
    }
    const auto flags = analysis::analyse(view->records, view->settings, view->catalogue);
    std::cout << analysis::flagsCsv(flags) << std::flush;
    sayWhatStaysSealed(view->records);
    if (!view->records.results.empty() && view->records.readResults().empty()) {
        std::cerr << "vigil-syncd: only what is in clear was analysed (invigilation records, "
                     "journal heads): every result is sealed\n";
    }
    std::cerr << "vigil-syncd: " << flags.size() << " flags\n";
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
        std::cerr << "vigil-syncd: " << config.error().describe() << "\n";
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
        if (command == "import-bundle") {
            const auto bundle = positional(argc, argv);
            if (bundle.empty()) {
                return usage();
            }
            return runImportBundle(config.value(), bundle, option(argc, argv, "--receipts"));
        }
        if (command == "publish-package") {
            const auto centre = option(argc, argv, "--centre");
            const auto file = positional(argc, argv);
            if (centre.empty() || file.empty()) {
                return usage();
            }
            return publishPackage(config.value(), centre, file);
        }
        if (command == "report") {
            return report(config.value(), argc, argv);
        }
        if (command == "analyse") {
            return analyse(config.value(), argc, argv);
        }
    } catch (const StoreUnavailableError& error) {
        std::cerr << "vigil-syncd: " << error.what() << "\n";
        return kFailure;
    }
    return usage();
}
