#include "vigil/console/console_store.h"

#include "user_table.h"
#include "vigil/console/admin_log.h"
#include "vigil/console/centre.h"
#include "vigil/console/package_library.h"
#include "vigil/console/session_registry.h"
#include "vigil/store/store_error.h"
#include "vigil/store/throttle_table.h"
#include "vigil/sync/enrolment.h"
#include "vigil/sync/journal_replica.h"

namespace vigil::console {

std::vector<store::Migration> ConsoleStore::coreMigrations() {
    // Append only: a version, once shipped, always means the same SQL.
    return {{1, Centre::schemaSql()},
            {2, user_rows::schemaSql()},
            store::throttleMigration(3),
            {4, AdminLog::schemaSql()},
            {5, PackageLibrary::schemaSql()},
            {6, SessionRegistry::schemaSql()},
            {7, sync::EnrolmentRegistry::schemaSql()},
            {8, sync::JournalReplica::schemaSql()}};
}

ConsoleResult<ConsoleStore> ConsoleStore::open(const std::filesystem::path& file,
                                               const crypto::SecureBuffer& key,
                                               std::span<const store::Migration> migrations) {
    try {
        return ConsoleStore(store::Database::open(file, key, migrations));
    } catch (const store::StoreError& error) {
        if (error.code() == store::StoreErrorCode::WrongKey) {
            return refusal(ConsoleError::WrongStoreKey, file.string());
        }
        return refusal(ConsoleError::StoreUnavailable, error.what());
    }
}

ConsoleResult<ConsoleStore> ConsoleStore::open(const std::filesystem::path& file,
                                               const crypto::SecureBuffer& key) {
    const auto migrations = coreMigrations();
    return open(file, key, migrations);
}

} // namespace vigil::console
