#include "vigil/console/user_login.h"

#include "user_rules.h"
#include "user_table.h"
#include "vigil/console/admin_log.h"
#include "vigil/crypto/password_hash.h"
#include "vigil/exam/seat_assignment.h"

namespace vigil::console {
namespace {

crypto::ThrottlePolicy neverLocking(crypto::ThrottlePolicy policy) {
    policy.lockAfter = 0;
    return policy;
}

std::string waitText(std::chrono::milliseconds wait) {
    const auto seconds = (wait.count() + 999) / 1000;
    return "try again in " + std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

} // namespace

UserLogin::UserLogin(ConsoleStore& store, const exam::Clock& clock, crypto::ThrottlePolicy policy)
    : db_(store.db())
    , clock_(clock)
    , table_(store.db())
    , invigilators_(table_, policy)
    , coordinators_(table_, neverLocking(policy)) {}

std::string UserLogin::throttleSubject(std::string_view userId) {
    return "console-user:" + std::string(userId);
}

ConsoleResult<SignedIn> UserLogin::login(const std::string& userId, std::string_view pin,
                                         std::string_view password) {
    if (rules::checkUserId(userId)) {
        return refusal(ConsoleError::WrongCredentials); // no such id can exist: nothing to log
    }
    AdminLog log(db_);
    const auto now = clock_.wallNowMs();
    const auto row = user_rows::find(db_, userId);
    if (!row) {
        log.append({now, "console", "sign-in-refused", userId, "unknown user"});
        return refusal(ConsoleError::WrongCredentials);
    }
    auto& throttle = row->profile.role == Role::Coordinator ? coordinators_ : invigilators_;
    const auto subject = throttleSubject(userId);
    const auto before = throttle.check(subject, now);
    if (before.locked) {
        log.append({now, "console", "sign-in-refused", userId, "account locked"});
        return refusal(ConsoleError::AccountLocked, row->profile.name);
    }
    if (!before.allowed) {
        return refusal(ConsoleError::LoginWaiting, waitText(before.retryAfter));
    }

    const exam::InvigilatorEntry entry{userId, row->profile.name, row->credentialHash, false};
    if (!exam::verifyInvigilatorCredential(entry, pin, password)) {
        bool locked = false;
        db_.transaction([&] {
            throttle.recordFailure(subject, now);
            locked = throttle.check(subject, now).locked;
            log.append({now, "console", locked ? "account-locked" : "sign-in-refused", userId,
                        locked ? "too many wrong attempts" : "wrong PIN or password"});
        });
        if (locked) {
            return refusal(ConsoleError::AccountLocked, row->profile.name);
        }
        return refusal(ConsoleError::WrongCredentials);
    }

    throttle.recordSuccess(subject);
    if (crypto::passwordNeedsRehash(row->credentialHash)) {
        // Stored under older Argon2id costs: today's, now that PIN and password are at hand.
        if (auto fresh = exam::hashInvigilatorCredential(userId, pin, password)) {
            user_rows::replaceCredentialHash(db_, userId, fresh.value());
        }
    }
    log.append({now, userId, "signed-in", userId, std::string(roleName(row->profile.role))});
    return SignedIn(userId, row->profile.role, row->profile.name);
}

} // namespace vigil::console
