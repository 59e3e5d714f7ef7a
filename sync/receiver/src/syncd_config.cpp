#include "vigil/receiver/syncd_config.h"

#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/key_file.h"
#include "vigil/store/store_error.h"

#include <charconv>
#include <fstream>
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

Checked<SyncdConfig, std::string> parseSyncdConfig(std::string_view text,
                                                   const std::filesystem::path& file) {
    SyncdConfig config;
    const auto folder = file.parent_path();
    auto path = [&](std::string_view value) {
        const std::filesystem::path given(value);
        return given.is_absolute() ? given : folder / given;
    };
    int lineNumber = 0;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        ++lineNumber;
        auto content = std::string_view(line).substr(0, std::string_view(line).find('#'));
        if (trimmed(content).empty()) {
            continue;
        }
        const auto where = file.filename().string() + ":" + std::to_string(lineNumber) + ": ";
        const auto equals = content.find('=');
        if (equals == std::string_view::npos) {
            return where + "expected name = value";
        }
        const auto name = trimmed(content.substr(0, equals));
        const auto value = trimmed(content.substr(equals + 1));
        if (name == "listen") {
            const auto colon = value.rfind(':');
            if (colon == std::string_view::npos ||
                !parseNumber(value.substr(colon + 1), config.port)) {
                return where + "listen must be address:port";
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
                return where + "store must be embedded or postgres";
            }
        } else if (name == "store-path") {
            config.storePath = path(value);
        } else if (name == "store-key") {
            config.storeKey = path(value);
        } else if (name == "postgres") {
            config.postgres = std::string(value);
        } else if (name == "threads") {
            if (!parseNumber(value, config.threads) || config.threads < 1 || config.threads > 256) {
                return where + "threads must be 1 to 256";
            }
        } else if (name == "body-limit") {
            if (!parseNumber(value, config.bodyLimit) || config.bodyLimit == 0) {
                return where + "body-limit must be a number of bytes";
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
                    return where + "host-name must be host names or IP addresses, comma-separated";
                }
                config.hostNames.emplace_back(host);
                rest =
                    comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
        } else if (name == "assessments") {
            config.assessments = path(value);
        } else if (name.starts_with("analysis.") && name.size() > 9) {
            config.analysisSettings.push_back(
                {std::string(name.substr(9)), std::string(value), where});
        } else {
            return where + "unknown setting " + std::string(name);
        }
    }
    const auto name = file.filename().string() + ": ";
    if (config.receiverKey.empty()) {
        return name + "receiver-key is required";
    }
    if (config.backend == SyncdConfig::Backend::Embedded &&
        (config.storePath.empty() || config.storeKey.empty())) {
        return name + "store = embedded needs store-path and store-key";
    }
    if (config.backend == SyncdConfig::Backend::Postgres && config.postgres.empty()) {
        return name + "store = postgres needs postgres (a connection string)";
    }
    return config;
}

Checked<SyncdConfig, std::string> readSyncdConfig(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        return "cannot read " + file.string();
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseSyncdConfig(text.str(), file);
}

std::unique_ptr<ReceiverStore> openConfiguredStore(const SyncdConfig& config) {
    if (config.backend == SyncdConfig::Backend::Postgres) {
        return PostgresReceiverStore::connect(config.postgres);
    }
    try {
        return EmbeddedReceiverStore::open(config.storePath,
                                           store::loadHexKeyFile(config.storeKey));
    } catch (const store::StoreError& error) {
        throw StoreUnavailableError(error.what());
    }
}

} // namespace vigil::receiver
