#pragma once

#include "vigil/crypto/login_throttle.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/store/throttle_table.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::kiosk {

// Who may log in at this seat, and how often anyone may try: the roster of the seat assignment,
// the seat's back-off and the invigilators' account locks (both in the store, so a restart
// resets nothing), and the centre's signed unlocks. Plain C++: SessionController turns its
// results into screens and sentences.
//
// Credentials. Each roster entry holds one Argon2id hash over (invigilator id, PIN, password)
// (exam::invigilatorCredential); the login form asks for PIN and password only, so every entry
// is tried, always all of them: one verify per invigilator whatever was typed, and a right PIN
// with a wrong password costs and looks exactly like any other wrong attempt.
//
// Throttling. Hence a failed attempt names nobody: it counts against the seat ("seat:<label>")
// alone, with capped exponential back-off and never a lock, so a candidate typing wrong PINs
// can delay but never strand their own sitting. An invigilator's account
// ("invigilator:<id>") is refused while it is locked: the kiosk itself never locks one (nothing
// at the seat is attributable to an invigilator), but an older build did after 10 failures with
// a right PIN, and the console will for its own id-based logins. The centre lifts a lock with a
// signed unlock (exam/invigilator_unlock.h) dropped in the data folder's unlock/.
class InvigilatorLogin {
public:
    struct Settings {
        std::string centreId;
        std::string seatLabel;
        std::vector<exam::InvigilatorEntry> roster;
        // The seat's back-off (its lockAfter is ignored: the seat never locks).
        crypto::ThrottlePolicy policy;
        // The centre key that signs unlocks (trust/issuer-signing.pub); none: none are read.
        std::optional<crypto::SigningPublicKey> unlockIssuer;
        std::filesystem::path unlockDir; // <data-dir>/unlock
    };

    enum class Outcome {
        Accepted,
        WrongCredentials,
        SeatWaiting,   // the seat's back-off: retryAfter says how long
        AccountLocked, // the right credentials of a locked invigilator account
    };

    struct Attempt {
        Outcome outcome = Outcome::WrongCredentials;
        std::string invigilatorId; // Accepted or AccountLocked
        std::string name;          // Accepted
        std::chrono::milliseconds retryAfter{0};
    };

    struct Invigilator {
        std::string id;
        std::string name;
    };

    InvigilatorLogin(store::Database& db, const exam::Clock& clock, Settings settings);

    // One login attempt for `purpose` (logged): applies pending unlocks, the seat's back-off,
    // the credentials, the account lock. Throws store::StoreError when the store fails.
    [[nodiscard]] Attempt attempt(std::string_view pin, std::string_view password,
                                  const std::string& purpose);

    // The roster entry these credentials belong to; none when they match no entry. Verifies
    // every entry whatever the outcome.
    [[nodiscard]] std::optional<Invigilator> verifyCredentials(std::string_view pin,
                                                               std::string_view password) const;

    // Reads <unlockDir>/*: applies each valid unlock not used before, logs each file's outcome
    // ("unlock-applied", "unlock-refused") and removes it. Returns how many were applied.
    int applyPendingUnlocks();

    [[nodiscard]] std::string seatSubject() const { return "seat:" + settings_.seatLabel; }
    [[nodiscard]] static std::string invigilatorSubject(const std::string& id) {
        return "invigilator:" + id;
    }
    // The store table of unlock ids a kiosk has applied (kioskMigrations adds it).
    [[nodiscard]] static std::string_view createUsedUnlocksTableSql() noexcept;

private:
    // A wall clock set back since this process recorded the seat's last failure: the record is
    // moved back by the same amount, so the wait counts from the failure as the monotonic
    // clock measured it (after a restart LoginThrottle counts it from when it sees the jump).
    void followWallClockSetBack();
    void log(const std::string& kind, const std::string& actor, const std::string& detail);
    [[nodiscard]] std::int64_t nowMs() const { return clock_.wallNowMs(); }

    store::Database& db_;
    const exam::Clock& clock_;
    Settings settings_;
    store::ThrottleTable table_;
    crypto::LoginThrottle seatThrottle_;
    crypto::LoginThrottle accountThrottle_;
    KioskLog log_;
    struct FailureTime {
        std::int64_t wallMs;
        std::chrono::milliseconds monotonic;
    };
    std::optional<FailureTime> lastSeatFailure_; // recorded by this process
};

} // namespace vigil::kiosk
