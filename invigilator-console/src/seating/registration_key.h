#pragma once
// The key the seating tables store a candidate under, shared by the roster and the access
// arrangements.
#include "vigil/console/candidate.h"

#include <string>
#include <string_view>

namespace vigil::console::detail {

// Lookups accept a number as typed ("reg-40213 "); unusable input finds nobody.
inline std::string registrationKey(std::string_view registrationNumber) {
    auto normalised = normaliseRegistrationNumber(registrationNumber);
    return normalised ? std::move(normalised).value() : std::string();
}

} // namespace vigil::console::detail
