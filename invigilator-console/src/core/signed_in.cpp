#include "vigil/console/signed_in.h"

namespace vigil::console {

std::string_view roleName(Role role) noexcept {
    return role == Role::Coordinator ? "coordinator" : "invigilator";
}

} // namespace vigil::console
