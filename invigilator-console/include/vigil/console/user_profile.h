#pragma once

#include "vigil/console/signed_in.h"

#include <cstdint>
#include <string>

namespace vigil::console {

// A user of the console as anyone may see them: never the credential hash, PIN or password.
struct UserProfile {
    std::string userId; // also the PIN reference printed in records, e.g. "INV-0042"
    std::string name;
    Role role = Role::Invigilator;
    // What the coordinator recorded after "holds an industry qualification in …"; empty: none.
    std::string industryQualification;
    bool assessor = false; // invigilates only with the coordinator's recorded authorisation
    bool locked = false;   // locked out after too many wrong attempts
    std::int64_t createdAtMs = 0;
    std::string createdBy;

    [[nodiscard]] bool holdsIndustryQualification() const noexcept {
        return !industryQualification.empty();
    }
};

} // namespace vigil::console
