#include "vigil/kiosk/invigilator_login.h"

#include "vigil/crypto/file_read.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/invigilator_unlock.h"

#include <algorithm>

namespace vigil::kiosk {

namespace {

crypto::ThrottlePolicy neverLocking(crypto::ThrottlePolicy policy) {
    policy.lockAfter = 0;
    return policy;
}

// The unlock in `file`, or why it cannot be one (unreadable, larger than any unlock).
exam::UnlockResult<exam::InvigilatorUnlock> openUnlockFile(const std::filesystem::path& file,
                                                           const InvigilatorLogin::Settings& seat,
                                                           std::int64_t nowMs) {
    auto bytes = crypto::readFileBytes(file, exam::kMaxUnlockBytes);
    if (!bytes) {
        return exam::UnlockFailure{exam::UnlockError::InvalidInput, bytes.error().describe()};
    }
    return exam::openInvigilatorUnlock(bytes.value(), *seat.unlockIssuer, seat.centreId,
                                       seat.seatLabel, nowMs);
}

} // namespace

InvigilatorLogin::InvigilatorLogin(store::Database& db, const exam::Clock& clock, Settings settings)
    : db_(db)
    , clock_(clock)
    , settings_(std::move(settings))
    , table_(db)
    , seatThrottle_(table_, neverLocking(settings_.policy))
    , accountThrottle_(table_, settings_.policy)
    , log_(db) {}

std::string_view InvigilatorLogin::createUsedUnlocksTableSql() noexcept {
    return "CREATE TABLE used_unlocks ("
           " id TEXT PRIMARY KEY NOT NULL,"
           " invigilator TEXT NOT NULL,"
           " applied_ms INTEGER NOT NULL"
           ") WITHOUT ROWID";
}

void InvigilatorLogin::log(const std::string& kind, const std::string& actor,
                           const std::string& detail) {
    log_.append({nowMs(), settings_.seatLabel, kind, actor, detail});
}

std::optional<InvigilatorLogin::Invigilator>
InvigilatorLogin::verifyCredentials(std::string_view pin, std::string_view password) const {
    // Every entry, always, even after a match: the time taken is the roster's (one Argon2id
    // verify per invigilator at the cost each hash names), never which entry matched or
    // whether any did.
    std::optional<Invigilator> match;
    for (const auto& entry : settings_.roster) {
        if (exam::verifyInvigilatorCredential(entry, pin, password) && !match) {
            match = Invigilator{entry.invigilatorId, entry.name};
        }
    }
    return match;
}

int InvigilatorLogin::applyPendingUnlocks() {
    if (!settings_.unlockIssuer || settings_.unlockDir.empty()) {
        return 0;
    }
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(settings_.unlockDir, ec)) {
        if (entry.is_regular_file(ec)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    int applied = 0;
    for (const auto& file : files) {
        const auto name = file.filename().string();
        auto opened = openUnlockFile(file, settings_, nowMs());
        std::string refusal;
        if (!opened) {
            refusal = exam::describe(opened.error());
        } else {
            const auto& unlock = opened.value();
            const auto id = crypto::toHex(unlock.id);
            bool used = false;
            db_.transaction([&] {
                auto find = db_.prepare("SELECT 1 FROM used_unlocks WHERE id = ?1");
                find.bind(1, id);
                used = find.step();
                if (used) {
                    return;
                }
                db_.prepare("INSERT INTO used_unlocks (id, invigilator, applied_ms)"
                            " VALUES (?1, ?2, ?3)")
                    .bind(1, id)
                    .bind(2, unlock.invigilatorId)
                    .bind(3, nowMs())
                    .run();
                accountThrottle_.unlock(invigilatorSubject(unlock.invigilatorId));
            });
            if (used) {
                refusal = exam::describe(exam::UnlockFailure{exam::UnlockError::AlreadyUsed, id});
            } else {
                ++applied;
                log("unlock-applied", unlock.invigilatorId,
                    "unlock " + id + " from " + name +
                        (unlock.seatLabel.empty() ? " for every seat of the centre"
                                                  : " for seat " + unlock.seatLabel));
            }
        }
        if (!refusal.empty()) {
            log("unlock-refused", "unknown", name + ": " + refusal);
        }
        std::filesystem::remove(file, ec); // applied or refused, it is never read again
    }
    return applied;
}

void InvigilatorLogin::followWallClockSetBack() {
    const std::int64_t now = nowMs();
    if (!lastSeatFailure_ || now >= lastSeatFailure_->wallMs) {
        return;
    }
    auto record = table_.load(seatSubject());
    if (!record || record->lastFailureMs != lastSeatFailure_->wallMs) {
        return; // not the failure this process saw
    }
    const auto since = clock_.monotonicNow() - lastSeatFailure_->monotonic;
    record->lastFailureMs = now - since.count();
    table_.save(seatSubject(), *record);
    lastSeatFailure_->wallMs = record->lastFailureMs;
}

InvigilatorLogin::Attempt InvigilatorLogin::attempt(std::string_view pin, std::string_view password,
                                                    const std::string& purpose) {
    applyPendingUnlocks();
    followWallClockSetBack();
    const std::string seat = seatSubject();
    const auto waiting = seatThrottle_.check(seat, nowMs());
    if (!waiting.allowed) {
        log("login-throttled", "unknown", purpose);
        return {Outcome::SeatWaiting, {}, {}, waiting.retryAfter};
    }
    const auto who = verifyCredentials(pin, password);
    if (!who) {
        // Nobody to blame but the seat: a failed attempt matches no entry, right PIN or not.
        seatThrottle_.recordFailure(seat, nowMs());
        lastSeatFailure_ = FailureTime{nowMs(), clock_.monotonicNow()};
        log("login-failed", "unknown", purpose);
        const auto after = seatThrottle_.check(seat, nowMs());
        return {Outcome::WrongCredentials, {}, {}, after.retryAfter};
    }
    const std::string account = invigilatorSubject(who->id);
    if (accountThrottle_.check(account, nowMs()).locked) {
        log("login-throttled", who->id, purpose + ": account locked");
        return {Outcome::AccountLocked, who->id, {}, std::chrono::milliseconds(0)};
    }
    seatThrottle_.recordSuccess(seat);
    accountThrottle_.recordSuccess(account);
    log("login-succeeded", who->id, purpose);
    return {Outcome::Accepted, who->id, who->name, std::chrono::milliseconds(0)};
}

} // namespace vigil::kiosk
