#pragma once

#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/signed_in.h"
#include "vigil/crypto/login_throttle.h"
#include "vigil/exam/clock.h"
#include "vigil/store/throttle_table.h"

#include <string>
#include <string_view>

namespace vigil::console {

// Signing in at the console: user id, PIN and password, checked against the user's one
// Argon2id hash, under crypto/'s throttle kept in the store (a restart never resets a count).
//
// Policy: the first failures are free, then each one doubles the wait (ThrottlePolicy); the
// failure that reaches policy.lockAfter locks an invigilator's account until the coordinator
// unlocks it (UserDirectory::unlock, recorded). The coordinator's own account backs off but
// never locks: nobody above them could unlock it, and anyone at the console could otherwise
// lock the centre out of its own console.
class UserLogin {
public:
    UserLogin(ConsoleStore& store, const exam::Clock& clock, crypto::ThrottlePolicy policy = {});

    // The only way to get a SignedIn. Unknown user, wrong PIN and wrong password are the same
    // refusal (WrongCredentials); LoginWaiting says how long to wait; AccountLocked who can help.
    [[nodiscard]] ConsoleResult<SignedIn> login(const std::string& userId, std::string_view pin,
                                                std::string_view password);

    // The throttle's subject for a user: "console-user:<id>".
    [[nodiscard]] static std::string throttleSubject(std::string_view userId);

private:
    store::Database& db_;
    const exam::Clock& clock_;
    store::ThrottleTable table_;
    crypto::LoginThrottle invigilators_;
    crypto::LoginThrottle coordinators_;
};

} // namespace vigil::console
