#pragma once

#include "vigil/crypto/hash.h"
#include "vigil/store/database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::kiosk {

// Content keys the console released to this kiosk at launch, one per seat assignment, kept in
// the kiosk's encrypted store so that a crash with the console unreachable still resumes. They
// are kept as they arrived, sealed to this kiosk's own key (exam/kiosk_content_key.h): the
// store key alone opens nothing. Forgotten when the sitting ends, and when another assignment
// replaces the one they were launched for.
class LaunchKeys {
public:
    // The table, for the kiosk's store migrations (kioskMigrations).
    [[nodiscard]] static std::string_view schemaSql();

    explicit LaunchKeys(store::Database& db);

    void remember(const crypto::Digest& assignmentDigest, const std::vector<std::uint8_t>& sealed,
                  const std::string& commandId, std::int64_t nowMs);
    [[nodiscard]] std::optional<std::vector<std::uint8_t>>
    sealedFor(const crypto::Digest& assignmentDigest);
    void forget(const crypto::Digest& assignmentDigest);
    // Every key but the one for this assignment (a new assignment was delivered).
    void forgetAllBut(const crypto::Digest& assignmentDigest);
    [[nodiscard]] std::size_t count();

private:
    store::Database& db_;
};

} // namespace vigil::kiosk
