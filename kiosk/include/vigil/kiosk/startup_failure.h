#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <filesystem>
#include <stdexcept>

namespace vigil::kiosk {

// The start-up steps, in the order they run: a failure names the step it stopped at.
enum class StartupStage { DataDir, Store, Seat, Trust, Assignment, Package, Session };

// Every reason a kiosk cannot start a sitting. Each has one row in the Out of service table
// (startup_failure.cpp): the words a person reads come from there and nowhere else.
enum class StartupFailure {
    // the data folder and the store key (DataDirFailure)
    FolderUnusable,
    KeyMissing,
    KeyReadableByOthers,
    KeyDamaged,
    KeyCannotBeCreated,
    StoreMissing,
    StoreAndKeyMissing,
    StoreLogMissing,
    // the store (store::StoreErrorCode)
    WrongStoreKey,
    StoreDiskFull,
    StoreReadOnly,
    StoreNewerSchema,
    StoreBusy,
    StoreDamaged,
    // the console's replica holds more of a sitting than the store (restored or deleted); found
    // by the link after start-up, shown the same way
    StoreBehindConsole,
    // seat.conf
    SeatNotConfigured,
    ConsoleAddressInvalid,
    // trust/ and the kiosk's own signing key
    TrustKeyMissing,
    TrustKeyDamaged,
    KioskKeyUnusable,
    // the seat assignment (.vseat)
    AssignmentMissing,
    AssignmentUnreadable,
    AssignmentAltered,
    AssignmentOtherIssuer,
    AssignmentOtherCentre, // facts: the assignment's centre, this PC's centre
    AssignmentOtherSeat,   // facts: its seat, its room, this seat, this room
    AssignmentExpired,     // facts: when it expired
    AssignmentNotYetValid, // facts: when it becomes valid
    AssignmentOtherKiosk,  // facts: the key id it names, this PC's key id
    AwaitingLaunch,        // no content key for this PC yet: the invigilator launches the seat
    SittingMovedAway,      // facts: the spare PC the seat's sitting moved to (its key went too)
    // the assessment package (.vigil)
    PackageMissing,
    PackageUnreadable,
    PackageNotNamed,    // facts: the assessment the assignment names
    PackageOtherCentre, // facts: this PC's centre
    PackageOtherSigner,
    PackageNotAPackage,
    PackageNewerVersion,
    PackageDamaged,
    PackageWrongKind, // a practice quiz where an assessment is delivered, or the reverse
    // anything a step threw that has no row of its own (always the last)
    Unexpected,
};

// What a start-up step reports when it fails: where, which file, why.
struct StartupResult {
    StartupStage stage = StartupStage::DataDir;
    StartupFailure failure = StartupFailure::Unexpected;
    std::filesystem::path file; // the file or folder to put right
    QString detail;             // the failing layer's own words, for the technician
    QStringList facts;          // what the row's title fills in, in its order
};

// Thrown by the start-up steps (data folder, store, seat, trust, assignment, package).
class StartupError : public std::runtime_error {
public:
    explicit StartupError(StartupResult result);
    [[nodiscard]] const StartupResult& result() const noexcept { return result_; }

private:
    StartupResult result_;
};

// Why this PC cannot start a sitting, in words for the invigilator or technician: what is
// wrong, which file, what to do. Empty `title`: nothing is wrong.
struct StartupProblem {
    QString kind;   // "data-dir", "store-key", "store", "trust", "seat", "assignment", "launch",
                    // "moved" (the seat's sitting moved to a spare PC), "package"
    QString title;  // one sentence: "The seat assignment is for PC08; this PC is PC07."
    QString file;   // the file or folder to put right
    QString action; // what to do about it
    QString detail; // the technical reason, as the failing layer gave it
};

// The Out of service table: the row of result.failure, filled in with the file, the data
// folder and result.facts.
[[nodiscard]] StartupProblem describe(const StartupResult& result,
                                      const std::filesystem::path& dataDir);

// "1 Dec 2026 14:05" in local time: how dates appear in the table's facts.
[[nodiscard]] QString startupTimeText(std::int64_t wallMs);

} // namespace vigil::kiosk
