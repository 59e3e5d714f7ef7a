#pragma once

#include "vigil/checked.h"

#include <string>
#include <string_view>

namespace vigil::console {

// Every refusal the console's core can give: a wrong store key, a wrong PIN, an invigilator
// asking for what only the centre coordinator may do, a session that cannot close yet. Callers
// branch on the enum; the console shows describe(failure) to the person at the keyboard.
enum class ConsoleError {
    // The store and the centre
    WrongStoreKey,             // the store exists but this key does not open it
    StoreUnavailable,          // missing folder, read-only, full disk, damaged or newer store
    CentreExists,              // first-run set-up on a store that already holds a centre
    NoCentre,                  // the store holds no centre yet: run the first-run set-up
    InvalidCentre,             // a centre id, name or time zone the console cannot use
    AwardingBodyKeyUnreadable, // the awarding body's key file is missing, damaged or another kind
    // Signing in
    WrongCredentials, // unknown user, wrong PIN or wrong password: never says which
    LoginWaiting,     // too many wrong attempts: wait before the next one
    AccountLocked,    // locked after too many wrong attempts: the coordinator unlocks it
    // Roles
    CoordinatorOnly, // an invigilator asked for what only the centre coordinator may do
    NotYourSession,  // an invigilator asked for a session they do not invigilate
    // Users
    InvalidUser,    // a user id or name the console cannot use
    UserExists,     // that user id is taken
    UnknownUser,    // no user with that id
    WeakPin,        // a PIN that is not 4 to 12 digits
    WeakPassword,   // a password shorter than 8 characters, or the PIN again
    ReasonRequired, // an unlock or reset must say why
    NotLocked,      // unlock: the account is not locked
    // Packages
    PackageRefused,         // the file is not a package the awarding body signed
    PackageNotForCentre,    // signed, but not sealed to this centre (or to another key of it)
    PackageAlreadyImported, // the same file is already in the console
    PracticePackage,        // signed as a practice quiz: never delivered in an invigilated session
    UnknownPackage,         // no imported package with that digest
    // Sessions
    InvalidSession,     // a room, date or start time the console cannot use
    NoInvigilator,      // a session needs at least one invigilator
    NoAssessment,       // a session needs at least one assessment
    InvigilatorRefused, // the centre's invigilator rules refuse this person for an assessment
    UnknownSession,     // no session with that id
    WrongSessionState,  // e.g. starting a closed session
    SeatsUnresolved,    // closing while a seat is neither submitted, voided nor explained
    // The console app's service layer
    DataFolderUnusable,  // the data folder or its store key cannot be used (detail: file, why)
    LinkUnavailable,     // the LAN link cannot listen or announce (detail: the socket's reason)
    EnrolmentRefused,    // the link refused to enrol or unenrol a kiosk (detail: why)
    ExportFailed,        // the record could not be made or written (detail: why)
    NoKioskAtSeat,       // delivery: no PC is enrolled at the seat (detail: the seat)
    NoReceiver,          // the outbox has no awarding-body receiver set up to send to
    InvalidReceiver,     // a receiver host, port or key the console cannot use
    BundleFailed,        // the outbox's USB bundle was not written and verified (detail: why)
    ReceiptsRefused,     // a receipts file that clears nothing (detail: which receipt, why)
    PackagesUnavailable, // the awarding body's package list could not be read (detail: why)
};

struct ConsoleFailure {
    ConsoleError error = ConsoleError::StoreUnavailable;
    std::string detail; // which user, session, seat or rule; may be empty
};

// "that PIN and password do not match this user", ...: the sentence shown to a person.
[[nodiscard]] std::string_view describe(ConsoleError error) noexcept;
// describe(error) followed by ": detail" when there is one.
[[nodiscard]] std::string describe(const ConsoleFailure& failure);

template <class T> using ConsoleResult = Checked<T, ConsoleFailure>;

// For calls that return nothing on success.
struct Done {};
using ConsoleStatus = ConsoleResult<Done>;

[[nodiscard]] inline ConsoleFailure refusal(ConsoleError error, std::string detail = {}) {
    return {error, std::move(detail)};
}

} // namespace vigil::console
