#pragma once

#include <string>
#include <string_view>

namespace vigil::console {

enum class Role {
    Coordinator, // the centre coordinator: every session, users, kiosks, records
    Invigilator, // their own sessions only
};

[[nodiscard]] std::string_view roleName(Role role) noexcept; // "coordinator", "invigilator"

// Who is at the console: what UserLogin::login returns and every operation takes. Only a login
// makes one (the constructor is private), so no caller can claim a role it did not sign in
// with; nothing writes it anywhere, so there is no "remember me": closing the console signs
// everyone out.
class SignedIn {
public:
    [[nodiscard]] const std::string& userId() const noexcept { return userId_; }
    [[nodiscard]] Role role() const noexcept { return role_; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] bool isCoordinator() const noexcept { return role_ == Role::Coordinator; }

private:
    friend class UserLogin;
    SignedIn(std::string userId, Role role, std::string name)
        : userId_(std::move(userId))
        , role_(role)
        , name_(std::move(name)) {}

    std::string userId_;
    Role role_;
    std::string name_;
};

} // namespace vigil::console
