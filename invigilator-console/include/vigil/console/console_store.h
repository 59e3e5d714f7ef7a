#pragma once

#include "vigil/console/console_error.h"
#include "vigil/crypto/secure_buffer.h"
#include "vigil/store/database.h"

#include <filesystem>
#include <span>
#include <vector>

namespace vigil::console {

// The console's one encrypted store (SQLCipher, store/): the centre, its users, sessions,
// packages, the administration log, and the LAN link's tables. Opening it is where a wrong key
// or an unusable file shows up, as a typed refusal.
class ConsoleStore {
public:
    // The core's table groups in the order every console store was built with: the centre, the
    // users, the login throttle, the administration log, packages, sessions, then the LAN
    // link's enrolment and journal replica. The seating and record areas append theirs after
    // these (versions coreMigrations().size() + 1 and up); the console app opens the store with
    // the whole list.
    [[nodiscard]] static std::vector<store::Migration> coreMigrations();

    // Creates the file when none exists (first run), else opens it. WrongStoreKey when the file
    // exists and this key does not open it: the file is never replaced.
    [[nodiscard]] static ConsoleResult<ConsoleStore>
    open(const std::filesystem::path& file, const crypto::SecureBuffer& key,
         std::span<const store::Migration> migrations);
    [[nodiscard]] static ConsoleResult<ConsoleStore> open(const std::filesystem::path& file,
                                                          const crypto::SecureBuffer& key);

    [[nodiscard]] store::Database& db() noexcept { return db_; }
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return db_.path(); }

private:
    explicit ConsoleStore(store::Database db)
        : db_(std::move(db)) {}

    store::Database db_;
};

} // namespace vigil::console
