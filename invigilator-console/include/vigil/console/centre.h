#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/clock.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace vigil::console {

// The one person set up with the centre; PIN and password are hashed at once and never kept.
struct CoordinatorAccount {
    std::string userId;
    std::string name;
    std::string pin;
    std::string password;
};

// What the first run asks for.
struct CentreSetup {
    std::string centreId;                   // the awarding body's centre number, e.g. "C0451"
    std::string centreName;                 // e.g. "Northfield Motor Training"
    std::string timeZone = "Europe/London"; // IANA id: session times and the day limit use it
    // The awarding body's public keys as crypto/key_files.h writes them (vigil-pack keygen).
    std::filesystem::path awardingBodySigningKeyFile; // checks assessment packages
    std::filesystem::path awardingBodyBoxKeyFile;     // results and records are sealed to it
    CoordinatorAccount coordinator;
};

// The centre this console belongs to: its identity, the awarding body's public keys and the
// centre's own key pairs, all kept in the console's encrypted store (README.md says why there
// and not in key files): the Ed25519 key the console signs seat assignments and unlocks with,
// and the X25519 key that opens the content keys of packages sealed to the centre.
class Centre {
public:
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    // First run: refuses a store that already holds a centre, bad details and unreadable key
    // files; generates the centre's keys and creates the coordinator, in one transaction.
    [[nodiscard]] static ConsoleResult<Centre> create(ConsoleStore& store, const CentreSetup& setup,
                                                      const exam::Clock& clock);
    // Every later run. NoCentre when the first run has not happened.
    [[nodiscard]] static ConsoleResult<Centre> load(ConsoleStore& store);

    [[nodiscard]] const std::string& id() const noexcept { return id_; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::string& timeZone() const noexcept { return timeZone_; }
    [[nodiscard]] const crypto::SigningPublicKey& awardingBodySigningKey() const noexcept {
        return awardingBodySigning_;
    }
    [[nodiscard]] const crypto::BoxPublicKey& awardingBodyBoxKey() const noexcept {
        return awardingBodyBox_;
    }
    [[nodiscard]] const crypto::SigningKeyPair& signingKeys() const noexcept { return signing_; }
    [[nodiscard]] const crypto::BoxKeyPair& boxKeys() const noexcept { return box_; }

private:
    Centre() = default;

    std::string id_;
    std::string name_;
    std::string timeZone_;
    crypto::SigningPublicKey awardingBodySigning_{};
    crypto::BoxPublicKey awardingBodyBox_{};
    crypto::SigningKeyPair signing_;
    crypto::BoxKeyPair box_;
};

} // namespace vigil::console
