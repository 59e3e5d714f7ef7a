#include "vigil/kiosk/startup_failure.h"

#include <QCoreApplication>
#include <QDateTime>
#include <array>

namespace vigil::kiosk {

namespace {

// One row per failure. In titles and actions: {file} the file named, {folder} the data folder,
// {keep} the sentence asking to keep the store, {1}... the result's facts.
struct Row {
    StartupFailure failure;
    const char* kind;
    const char* title;
    const char* action;
};

#define ROW(failure, kind, title, action)                                                          \
    Row {                                                                                          \
        StartupFailure::failure, kind, QT_TRANSLATE_NOOP("Startup", title),                        \
            QT_TRANSLATE_NOOP("Startup", action)                                                   \
    }

constexpr const char* kAskForAssignment =
    "Ask the centre coordinator to issue this seat's assignment and copy it to {file}.";
constexpr const char* kCopyPackage = "Copy this sitting's assessment package (.vigil) from the "
                                     "awarding body's delivery to {file} again.";
constexpr const char* kReinstallTrust =
    "Install the centre's trust keys again with the Vigil installer (folder {folder}/trust).";

constexpr std::array kTable{
    ROW(FolderUnusable, "data-dir", "The kiosk's data folder cannot be used.",
        "Ask the centre's IT support to put the folder right with the Vigil installer: it must "
        "exist, be writable by the kiosk user but not by every user, and its disk must have free "
        "space."),
    ROW(KeyMissing, "store-key", "The store key of this kiosk is missing.",
        "Restore store.key from the centre's backup of this PC into {folder}. {keep}"),
    ROW(KeyReadableByOthers, "store-key", "The store key can be read by other users.",
        "Ask the centre's IT support to make store.key readable by the kiosk user only (chmod "
        "600)."),
    ROW(KeyDamaged, "store-key", "The store key of this kiosk is damaged.",
        "Restore store.key from the centre's backup of this PC. {keep}"),
    ROW(KeyCannotBeCreated, "store-key", "The kiosk cannot create its store key.",
        "Ask the centre's IT support to make {folder} writable by the kiosk user and to free "
        "disk space."),
    ROW(StoreMissing, "store", "The kiosk's store is missing: its key is still here.",
        "The store holds the record of every sitting at this PC: it was deleted or moved away. "
        "Call the centre's IT support to put kiosk.db back into {folder} (from where it was "
        "moved, or the centre's backup of this PC) and report it to the centre coordinator. The "
        "kiosk never starts a new store over a lost one."),
    ROW(StoreAndKeyMissing, "store", "The kiosk's store and its key are missing.",
        "This PC has run as a kiosk before (it holds its signing key), so its store of sittings "
        "was deleted or moved away. Call the centre's IT support to put kiosk.db and store.key "
        "back into {folder} (from the centre's backup of this PC) and report it to the centre "
        "coordinator."),
    ROW(StoreLogMissing, "store",
        "Part of the kiosk's store is missing: the latest answers may be lost.",
        "kiosk.db-wal, which holds the latest writes to the store, was deleted or moved away. "
        "Call the centre's IT support to put it back into {folder} and report it to the centre "
        "coordinator. {keep}"),
    ROW(WrongStoreKey, "store", "The store key does not open this kiosk's store.",
        "Put back the store.key that belongs to this kiosk.db (from the centre's backup of this "
        "PC). {keep}"),
    ROW(StoreDiskFull, "store", "The disk of this PC is full.",
        "Ask the centre's IT support to free space on the disk that holds {folder}. {keep}"),
    ROW(StoreReadOnly, "store", "The kiosk's store cannot be written.",
        "Ask the centre's IT support to make {folder} and the files in it writable by the kiosk "
        "user. {keep}"),
    ROW(StoreNewerSchema, "store", "The store was written by a newer version of Vigil.",
        "Install the newer version of Vigil on this PC. {keep}"),
    ROW(StoreBusy, "store", "The kiosk's store is in use by another program.",
        "Close the other program (or a second kiosk) using {file}."),
    ROW(StoreDamaged, "store", "The kiosk's store is damaged.",
        "Call the centre's IT support: copy the whole folder {folder} for recovery (vigil-store "
        "check). {keep}"),
    ROW(StoreBehindConsole, "store",
        "This PC's store is behind the console's record of its sittings.",
        "The console holds events of a sitting that this PC's store does not: the store was "
        "restored from an older copy or deleted. Move the candidate to a spare PC; the "
        "invigilator decides on the console. Report it to the centre coordinator. {keep}"),
    ROW(SeatNotConfigured, "seat", "This PC has no seat configured.",
        "Ask the centre's IT support to write seat.conf (centre, room and seat of this PC), as "
        "the installer does."),
    ROW(ConsoleAddressInvalid, "seat", "The console's address in seat.conf cannot be read.",
        "Ask the centre's IT support to write the console line of {file} as host:port (for "
        "example console = 192.168.10.2:7443), or to remove it for a seat without a console."),
    ROW(TrustKeyMissing, "trust", "A trust key of this PC is missing.", kReinstallTrust),
    ROW(TrustKeyDamaged, "trust", "A trust key of this PC is damaged.", kReinstallTrust),
    ROW(KioskKeyUnusable, "trust", "This kiosk's signing key cannot be used.",
        "Ask the centre's IT support: the file must belong to the kiosk user (mode 0600) and the "
        "folder must be writable."),
    ROW(AssignmentMissing, "assignment", "There is no seat assignment for this PC.",
        kAskForAssignment),
    ROW(AssignmentUnreadable, "assignment", "The seat assignment cannot be read.",
        kAskForAssignment),
    ROW(AssignmentAltered, "assignment", "The seat assignment is damaged or was altered.",
        kAskForAssignment),
    ROW(AssignmentOtherIssuer, "assignment",
        "The seat assignment was issued by another centre's key.", kAskForAssignment),
    ROW(AssignmentOtherCentre, "assignment",
        "The seat assignment is for centre {1}; this PC is at centre {2}.", kAskForAssignment),
    ROW(AssignmentOtherSeat, "assignment",
        "The seat assignment is for {1} ({2}); this is {3} "
        "({4}).",
        kAskForAssignment),
    ROW(AssignmentExpired, "assignment", "The seat assignment expired at {1}.",
        "Check this PC's clock; if it is right, ask the centre coordinator to issue a new "
        "assignment and copy it to {file}."),
    ROW(AssignmentNotYetValid, "assignment", "The seat assignment is not valid before {1}.",
        "Check this PC's clock and the issuing PC's clock; the kiosk checks again by itself."),
    ROW(AssignmentOtherKiosk, "assignment",
        "The seat assignment is for another PC (key {1}); this PC's key is {2}.",
        "Ask the centre coordinator to issue this seat's assignment for this PC's key "
        "({folder}/kiosk-signing.pub) and copy it to {file}."),
    ROW(AwaitingLaunch, "launch", "Waiting for the invigilator to launch this seat's assessment.",
        "The invigilator launches it from the console. For a centre without a console, issue the "
        "assignment with vigil-pack assign --centre-key, which seals the assessment to this PC, "
        "and copy it to {file}."),
    ROW(SittingMovedAway, "moved",
        "This sitting has moved to {1}: the candidate continues there. This PC changes nothing "
        "more in it.",
        "Nothing at this PC. The invigilator can deliver another assignment to it from the "
        "console."),
    ROW(PackageMissing, "package", "The assessment package is missing.", kCopyPackage),
    ROW(PackageUnreadable, "package", "The assessment package cannot be read.", kCopyPackage),
    ROW(PackageNotNamed, "package",
        "The assessment package is not the one this seat's assignment names.",
        "Copy the package named in the assignment ({1}) to {file}, or ask the centre "
        "coordinator for the matching assignment."),
    ROW(PackageOtherCentre, "package",
        "The assessment package is for another centre (not sealed to centre {1}).",
        "Ask the awarding body for this centre's package and copy it to {file}."),
    ROW(PackageOtherSigner, "package",
        "The assessment package is not signed by the awarding "
        "body.",
        kCopyPackage),
    ROW(PackageNotAPackage, "package", "The file is not an assessment package.", kCopyPackage),
    ROW(PackageNewerVersion, "package",
        "The assessment package needs a newer version of Vigil on this PC.", kCopyPackage),
    ROW(PackageDamaged, "package", "The assessment package is damaged or was altered.",
        kCopyPackage),
    ROW(PackageWrongKind, "package",
        "This package is a practice quiz, not an invigilated assessment.",
        "A practice quiz can never be sat as an assessment. Copy the assessment package the "
        "seat assignment names to {file}, or set this PC up for practice (mode = practice in "
        "seat.conf)."),
    ROW(Unexpected, "startup", "This PC cannot start its assessment.",
        "Call the centre's IT support with the reason below."),
};

#undef ROW

constexpr const char* kKeepTheStore = QT_TRANSLATE_NOOP(
    "Startup", "Do not delete or replace kiosk.db: it holds the candidates' answers and is kept "
               "as it is for recovery.");

// One row per failure, in the enum's order: a failure without its row does not compile.
constexpr bool tableFollowsTheEnum() {
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (kTable[i].failure != static_cast<StartupFailure>(i)) {
            return false;
        }
    }
    return kTable.back().failure == StartupFailure::Unexpected;
}
static_assert(tableFollowsTheEnum(), "the Out of service table must have one row per failure");

const Row& rowOf(StartupFailure failure) {
    return kTable[static_cast<std::size_t>(failure)];
}

QString fill(const char* text, const StartupResult& result, const std::filesystem::path& dataDir) {
    QString out = QCoreApplication::translate("Startup", text);
    for (int i = 0; i < result.facts.size(); ++i) {
        out.replace(QStringLiteral("{%1}").arg(i + 1), result.facts[i]);
    }
    out.replace(QLatin1String("{file}"), QString::fromStdString(result.file.string()));
    out.replace(QLatin1String("{folder}"), QString::fromStdString(dataDir.string()));
    out.replace(QLatin1String("{keep}"), QCoreApplication::translate("Startup", kKeepTheStore));
    return out;
}

} // namespace

StartupError::StartupError(StartupResult result)
    : std::runtime_error(result.detail.toStdString())
    , result_(std::move(result)) {}

StartupProblem describe(const StartupResult& result, const std::filesystem::path& dataDir) {
    const Row& row = rowOf(result.failure);
    return {QString::fromLatin1(row.kind), fill(row.title, result, dataDir),
            QString::fromStdString(result.file.string()), fill(row.action, result, dataDir),
            result.detail};
}

QString startupTimeText(std::int64_t wallMs) {
    return QDateTime::fromMSecsSinceEpoch(wallMs).toLocalTime().toString(
        QStringLiteral("d MMM yyyy HH:mm"));
}

} // namespace vigil::kiosk
