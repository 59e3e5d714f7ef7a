#include "vigil/receiver/syncd_config.h"

#include "vigil/crypto/file_read.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/key_file.h"
#include "vigil/store/store_error.h"

#include <charconv>
#include <sstream>

namespace vigil::receiver {

namespace {

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

SyncdConfigError fromFileRead(crypto::FileReadError error) noexcept {
    switch (error) {
    case crypto::FileReadError::NotFound:
        return SyncdConfigError::NotFound;
    case crypto::FileReadError::NotARegularFile:
        return SyncdConfigError::NotARegularFile;
    case crypto::FileReadError::TooLarge:
        return SyncdConfigError::TooLarge;
    case crypto::FileReadError::TooSmall:
    case crypto::FileReadError::ReadableByOthers:
    case crypto::FileReadError::Io:
        break;
    }
    return SyncdConfigError::Unreadable;
}

template <class Number> bool parseNumber(std::string_view text, Number& out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

} // namespace

ServerOptions SyncdConfig::serverOptions() const {
    ServerOptions options;
    options.address = address;
    options.port = port;
    options.threads = threads;
    options.limits.bodyBytes = bodyLimit;
    options.hostNames = hostNames;
    return options;
}

std::string SyncdConfigFailure::describe() const {
    std::string where = file.string();
    if (line > 0) {
        where += ":" + std::to_string(line);
    }
    return where + ": " + detail;
}

SyncdConfigResult<SyncdConfig> parseSyncdConfig(std::string_view text,
                                                const std::filesystem::path& file) {
    SyncdConfig config;
    const auto folder = file.parent_path();
    auto path = [&](std::string_view value) {
        const std::filesystem::path given(value);
        return given.is_absolute() ? given : folder / given;
    };
    int lineNumber = 0;
    auto malformed = [&](std::string detail) {
        return SyncdConfigFailure{SyncdConfigError::Malformed, file, lineNumber, std::move(detail)};
    };
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        ++lineNumber;
        auto content = std::string_view(line).substr(0, std::string_view(line).find('#'));
        if (trimmed(content).empty()) {
            continue;
        }
        const auto equals = content.find('=');
        if (equals == std::string_view::npos) {
            return malformed("expected name = value");
        }
        const auto name = trimmed(content.substr(0, equals));
        const auto value = trimmed(content.substr(equals + 1));
        if (name == "listen") {
            const auto colon = value.rfind(':');
            if (colon == std::string_view::npos ||
                !parseNumber(value.substr(colon + 1), config.port)) {
                return malformed("listen must be address:port");
            }
            config.address = std::string(value.substr(0, colon));
        } else if (name == "receiver-key") {
            config.receiverKey = path(value);
        } else if (name == "store") {
            if (value == "embedded") {
                config.backend = SyncdConfig::Backend::Embedded;
            } else if (value == "postgres") {
                config.backend = SyncdConfig::Backend::Postgres;
            } else {
                return malformed("store must be embedded or postgres");
            }
        } else if (name == "store-path") {
            config.storePath = path(value);
        } else if (name == "store-key") {
            config.storeKey = path(value);
        } else if (name == "postgres") {
            config.postgres = std::string(value);
        } else if (name == "threads") {
            if (!parseNumber(value, config.threads) || config.threads < 1 || config.threads > 256) {
                return malformed("threads must be 1 to 256");
            }
        } else if (name == "body-limit") {
            if (!parseNumber(value, config.bodyLimit) || config.bodyLimit == 0) {
                return malformed("body-limit must be a number of bytes");
            }
        } else if (name == "host-name") {
            config.hostNames.clear();
            for (std::string_view rest = value; !rest.empty();) {
                const auto comma = rest.find(',');
                const auto host = trimmed(rest.substr(0, comma));
                const bool valid =
                    !host.empty() && host.size() <= 253 &&
                    host.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                           "0123456789-.:") == std::string_view::npos;
                if (!valid) {
                    return malformed(
                        "host-name must be host names or IP addresses, comma-separated");
                }
                config.hostNames.emplace_back(host);
                rest =
                    comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
        } else if (name == "assessments") {
            config.assessments = path(value);
        } else if (name.starts_with("analysis.") && name.size() > 9) {
            config.analysisSettings.push_back(
                {std::string(name.substr(9)), std::string(value),
                 file.filename().string() + ":" + std::to_string(lineNumber) + ": "});
        } else {
            return malformed("unknown setting " + std::string(name));
        }
    }
    lineNumber = 0; // what is missing is the file's, not a line's
    if (config.receiverKey.empty()) {
        return malformed("receiver-key is required");
    }
    if (config.backend == SyncdConfig::Backend::Embedded &&
        (config.storePath.empty() || config.storeKey.empty())) {
        return malformed("store = embedded needs store-path and store-key");
    }
    if (config.backend == SyncdConfig::Backend::Postgres && config.postgres.empty()) {
        return malformed("store = postgres needs postgres (a connection string)");
    }
    return config;
}

SyncdConfigResult<SyncdConfig> readSyncdConfig(const std::filesystem::path& file) {
    const auto bytes = crypto::readFileBytes(file, kMaxSyncdConfigBytes);
    if (!bytes) {
        const auto& failed = bytes.error();
        return SyncdConfigFailure{fromFileRead(failed.error), file, 0, failed.detail};
    }
    const auto& text = bytes.value();
    return parseSyncdConfig(
        std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), file);
}

std::unique_ptr<ReceiverStore> openConfiguredStore(const SyncdConfig& config) {
    if (config.backend == SyncdConfig::Backend::Postgres) {
        // One connection per server thread: each request's store calls run on one thread.
        return PostgresReceiverStore::connect(config.postgres, config.threads);
    }
    try {
        return EmbeddedReceiverStore::open(config.storePath,
                                           store::loadHexKeyFile(config.storeKey));
    } catch (const store::StoreError& error) {
        throw StoreUnavailableError(error.what());
    }
}

} // namespace vigil::receiver
