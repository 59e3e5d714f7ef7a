#pragma once

#include "vigil/checked.h"
#include "vigil/receiver/https_server.h"
#include "vigil/receiver/receiver_store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver {

// vigil-syncd's configuration file: one `name = value` per line, `#` starts a comment,
// relative paths are read from the file's folder (README.md, "Running it").
//   listen        = 127.0.0.1:8443        address:port (port 0: any free one, printed)
//   receiver-key  = receiver.key          the receiver's Ed25519 key file (init creates it)
//   store         = embedded | postgres
//   store-path    = syncd.db              embedded: the SQLCipher file
//   store-key     = store.key             embedded: its key, 64 hex digits (init creates it)
//   postgres      = host=… dbname=…       postgres: a libpq connection string
//   threads       = 8                     request threads; postgres: also its connections
//   body-limit    = 4194304               bytes
//   host-name     = syncd.example.org     the names centres reach it by, comma-separated: its
//                                         certificate's subject alternative names
//   assessments   = assessments.csv       report and analyse: each assessment's qualification
//   analysis.NAME = value                 analyse's thresholds (analysis_settings.h), checked
//                                         by the commands that use them
struct SyncdConfig {
    // One `analysis.NAME = value` line, kept as written with where it was.
    struct NamedSetting {
        std::string name; // without "analysis."
        std::string value;
        std::string where; // "syncd.conf:7: "
    };

    enum class Backend { Embedded, Postgres };

    std::string address = "127.0.0.1";
    std::uint16_t port = 8443;
    std::filesystem::path receiverKey;
    Backend backend = Backend::Embedded;
    std::filesystem::path storePath;
    std::filesystem::path storeKey;
    std::string postgres;
    // Each request's store call holds its thread until the commit is flushed: with 2 threads one
    // instance had 2 durable commits under way at most and took in 136 records/s on PostgreSQL,
    // with 8 286/s, with 16 521/s (bench/README.md, "ingest"). 8 keeps an instance's
    // connections (one per thread) well inside PostgreSQL's default max_connections (100) for
    // up to a dozen instances.
    int threads = 8;
    std::size_t bodyLimit = ServerLimits{}.bodyBytes;
    std::vector<std::string> hostNames = ServerOptions{}.hostNames;
    std::filesystem::path assessments; // empty: none
    std::vector<NamedSetting> analysisSettings;

    [[nodiscard]] ServerOptions serverOptions() const;
};

// Why a configuration file cannot be used. The file cannot be read (crypto/file_read.h's
// failures, the way every Vigil file is read), or a line breaks it.
enum class SyncdConfigError {
    NotFound,        // no such file
    NotARegularFile, // a folder, a device, ...
    TooLarge,        // over kMaxSyncdConfigBytes: not a configuration file
    Unreadable,      // no permission, or a disk error
    Malformed,       // a line that is not `name = value`, an unknown setting, a bad value, or a
                     // setting the chosen store needs is missing
};

struct SyncdConfigFailure {
    SyncdConfigError error = SyncdConfigError::Malformed;
    std::filesystem::path file;
    int line = 0; // Malformed: the line (1-based) that breaks it; 0: the file as a whole
    std::string detail;

    // "/etc/vigil/syncd.conf:3: store must be embedded or postgres",
    // "/etc/vigil/syncd.conf: cannot open: No such file or directory", ...
    [[nodiscard]] std::string describe() const;
};

template <class T> using SyncdConfigResult = Checked<T, SyncdConfigFailure>;

inline constexpr std::size_t kMaxSyncdConfigBytes = 64 * 1024;

// The configuration, or the line that breaks it (Malformed).
[[nodiscard]] SyncdConfigResult<SyncdConfig> parseSyncdConfig(std::string_view text,
                                                              const std::filesystem::path& file);
// The file read with crypto::readFileBytes (a regular file, at most kMaxSyncdConfigBytes),
// then parsed.
[[nodiscard]] SyncdConfigResult<SyncdConfig> readSyncdConfig(const std::filesystem::path& file);

// Opens the configured back-end; throws StoreUnavailableError naming what failed.
[[nodiscard]] std::unique_ptr<ReceiverStore> openConfiguredStore(const SyncdConfig& config);

} // namespace vigil::receiver
