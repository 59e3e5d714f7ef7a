#pragma once

#include "vigil/console/admin_log.h"
#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/signed_in.h"
#include "vigil/console/user_profile.h"
#include "vigil/exam/clock.h"

#include <string>
#include <string_view>
#include <vector>

namespace vigil::console {

struct NewInvigilator {
    std::string userId; // the PIN reference records print, e.g. "INV-0042"
    std::string name;
    std::string pin;      // 4 to 12 digits; hashed at once with the password, never kept
    std::string password; // at least 8 characters
    std::string industryQualification; // "holds an industry qualification in …"; empty: none
    bool assessor = false;
};

// The centre's users as the coordinator manages them. Every call takes who is signed in and
// refuses an invigilator (CoordinatorOnly), except reading one's own profile. Every change is
// recorded in the administration log with who, when and why.
class UserDirectory {
public:
    UserDirectory(ConsoleStore& store, const exam::Clock& clock);

    [[nodiscard]] ConsoleResult<UserProfile> addInvigilator(const SignedIn& by,
                                                            const NewInvigilator& user);
    // Sets a new PIN and password (the one hash covers both, so both are given: the coordinator
    // hands them to the invigilator); lifts a lock-out too, recorded as such.
    [[nodiscard]] ConsoleStatus resetCredentials(const SignedIn& by, const std::string& userId,
                                                 std::string_view newPin,
                                                 std::string_view newPassword,
                                                 std::string_view reason);
    // Lifts a lock-out after too many wrong attempts; the reason is recorded.
    [[nodiscard]] ConsoleStatus unlock(const SignedIn& by, const std::string& userId,
                                       std::string_view reason);

    [[nodiscard]] ConsoleResult<std::vector<UserProfile>> users(const SignedIn& by);
    // The coordinator reads anyone's profile; an invigilator only their own.
    [[nodiscard]] ConsoleResult<UserProfile> profile(const SignedIn& by, const std::string& userId);
    // The administration log, oldest first; only the coordinator reads it.
    [[nodiscard]] ConsoleResult<std::vector<AdminLogEntry>> history(const SignedIn& by,
                                                                    std::string_view subject = {});

private:
    [[nodiscard]] bool isLocked(const std::string& userId);
    void refused(const SignedIn& by, std::string_view subject, const ConsoleFailure& failure);

    store::Database& db_;
    const exam::Clock& clock_;
};

} // namespace vigil::console
