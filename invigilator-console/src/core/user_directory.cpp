#include "vigil/console/user_directory.h"

#include "role_checks.h"
#include "user_rules.h"
#include "user_table.h"
#include "vigil/console/user_login.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/store/throttle_table.h"

namespace vigil::console {

UserDirectory::UserDirectory(ConsoleStore& store, const exam::Clock& clock)
    : db_(store.db())
    , clock_(clock) {}

void UserDirectory::refused(const SignedIn& by, std::string_view subject,
                            const ConsoleFailure& failure) {
    AdminLog(db_).append(
        {clock_.wallNowMs(), by.userId(), "refused", std::string(subject), describe(failure)});
}

bool UserDirectory::isLocked(const std::string& userId) {
    const auto record = store::ThrottleTable(db_).load(UserLogin::throttleSubject(userId));
    return record && record->locked;
}

ConsoleResult<UserProfile> UserDirectory::addInvigilator(const SignedIn& by,
                                                         const NewInvigilator& user) {
    if (auto refusedRole = roles::requireCoordinator(by, "add users")) {
        refused(by, user.userId, *refusedRole);
        return *refusedRole;
    }
    for (auto bad : {rules::checkUserId(user.userId), rules::checkName(user.name),
                     rules::checkCredentials(user.pin, user.password)}) {
        if (bad) {
            return *bad;
        }
    }
    if (user.industryQualification.size() > rules::kMaxTextBytes) {
        return refusal(ConsoleError::InvalidUser, "the qualification text is over 500 characters");
    }
    if (user_rows::find(db_, user.userId)) {
        return refusal(ConsoleError::UserExists, user.userId);
    }
    auto credential = exam::hashInvigilatorCredential(user.userId, user.pin, user.password);
    if (!credential) {
        return refusal(ConsoleError::StoreUnavailable,
                       std::string(crypto::describe(credential.error())));
    }
    const auto now = clock_.wallNowMs();
    UserProfile profile{
        user.userId, user.name, Role::Invigilator, user.industryQualification, user.assessor,
        false,       now,       by.userId()};
    db_.transaction([&] {
        user_rows::insert(db_, {profile, credential.value()});
        std::string note = user.name;
        if (profile.holdsIndustryQualification()) {
            note += "; holds an industry qualification in " + user.industryQualification;
        }
        if (user.assessor) {
            note += "; assessor";
        }
        AdminLog(db_).append({now, by.userId(), "user-added", user.userId, note});
    });
    return profile;
}

ConsoleStatus UserDirectory::resetCredentials(const SignedIn& by, const std::string& userId,
                                              std::string_view newPin, std::string_view newPassword,
                                              std::string_view reason) {
    if (auto refusedRole = roles::requireCoordinator(by, "reset passwords")) {
        refused(by, userId, *refusedRole);
        return *refusedRole;
    }
    if (!user_rows::find(db_, userId)) {
        return refusal(ConsoleError::UnknownUser, userId);
    }
    for (auto bad : {rules::checkCredentials(newPin, newPassword), rules::checkReason(reason)}) {
        if (bad) {
            return *bad;
        }
    }
    auto credential = exam::hashInvigilatorCredential(userId, newPin, newPassword);
    if (!credential) {
        return refusal(ConsoleError::StoreUnavailable,
                       std::string(crypto::describe(credential.error())));
    }
    const bool wasLocked = isLocked(userId);
    db_.transaction([&] {
        user_rows::replaceCredentialHash(db_, userId, credential.value());
        store::ThrottleTable(db_).erase(UserLogin::throttleSubject(userId));
        AdminLog(db_).append({clock_.wallNowMs(), by.userId(), "credentials-reset", userId,
                              std::string(reason) + (wasLocked ? "; account unlocked" : "")});
    });
    return Done{};
}

ConsoleStatus UserDirectory::unlock(const SignedIn& by, const std::string& userId,
                                    std::string_view reason) {
    if (auto refusedRole = roles::requireCoordinator(by, "unlock accounts")) {
        refused(by, userId, *refusedRole);
        return *refusedRole;
    }
    if (!user_rows::find(db_, userId)) {
        return refusal(ConsoleError::UnknownUser, userId);
    }
    if (auto bad = rules::checkReason(reason)) {
        return *bad;
    }
    if (!isLocked(userId)) {
        return refusal(ConsoleError::NotLocked, userId);
    }
    db_.transaction([&] {
        store::ThrottleTable(db_).erase(UserLogin::throttleSubject(userId));
        AdminLog(db_).append(
            {clock_.wallNowMs(), by.userId(), "account-unlocked", userId, std::string(reason)});
    });
    return Done{};
}

ConsoleResult<std::vector<UserProfile>> UserDirectory::users(const SignedIn& by) {
    if (auto refusedRole = roles::requireCoordinator(by, "list the centre's users")) {
        return *refusedRole;
    }
    auto profiles = user_rows::all(db_);
    for (auto& profile : profiles) {
        profile.locked = isLocked(profile.userId);
    }
    return profiles;
}

ConsoleResult<UserProfile> UserDirectory::profile(const SignedIn& by, const std::string& userId) {
    if (by.userId() != userId) {
        if (auto refusedRole = roles::requireCoordinator(by, "read another user's profile")) {
            return *refusedRole;
        }
    }
    auto row = user_rows::find(db_, userId);
    if (!row) {
        return refusal(ConsoleError::UnknownUser, userId);
    }
    row->profile.locked = isLocked(userId);
    return row->profile;
}

ConsoleResult<std::vector<AdminLogEntry>> UserDirectory::history(const SignedIn& by,
                                                                 std::string_view subject) {
    if (auto refusedRole = roles::requireCoordinator(by, "read the administration log")) {
        return *refusedRole;
    }
    return AdminLog(db_).entries(subject);
}

} // namespace vigil::console
