#include "vigil/kiosk/seat_builder.h"

#include "vigil/crypto/key_files.h"
#include "vigil/crypto/password_hash.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/practice_set.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/store/database.h"

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace vigil::kiosk {

namespace {

namespace fs = std::filesystem;

template <class T> T check(crypto::Result<T> result, const std::string& what) {
    if (!result) {
        throw std::runtime_error(what + ": " + std::string(crypto::describe(result.error())));
    }
    return std::move(result).value();
}

template <class T, class Failure>
T check(exam::Checked<T, Failure> result, const std::string& what) {
    if (!result) {
        throw std::runtime_error(what + ": " + exam::describe(result.error()));
    }
    return std::move(result).value();
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string hashOncePerProcess(const SeatInvigilator& person) {
    static std::mutex mutex;
    static std::map<std::tuple<std::string, std::string, std::string>, std::string> hashes;
    const std::lock_guard lock(mutex);
    const auto key = std::tuple{person.id, person.pin, person.password};
    auto found = hashes.find(key);
    if (found == hashes.end()) {
        found = hashes
                    .emplace(key, check(exam::hashInvigilatorCredential(person.id, person.pin,
                                                                        person.password),
                                        "invigilator hash"))
                    .first;
    }
    return found->second;
}

struct TrustKeys {
    crypto::SigningKeyPair awardingSigning;
    crypto::BoxKeyPair centreBox;
    crypto::SigningKeyPair issuer;
};

// What the installer writes: the public keys the kiosk trusts. The centre's box key pair is
// made here too but stays with the builder, as it stays with the console.
TrustKeys writeTrust(const fs::path& dataDir, const std::vector<std::uint8_t>& issuerSeed) {
    const auto trust = TrustMaterial::trustDir(dataDir);
    fs::create_directories(trust);
    TrustKeys keys{crypto::generateSigningKeyPair(), crypto::generateBoxKeyPair(),
                   issuerSeed.empty()
                       ? crypto::generateSigningKeyPair()
                       : check(crypto::signingKeyPairFromSeed(issuerSeed), "issuer seed")};
    const auto awardingBox = crypto::generateBoxKeyPair();
    check(crypto::saveSigningPublicKey(trust / "awarding-body-signing.pub",
                                       keys.awardingSigning.publicKey),
          "awarding body signing key");
    check(crypto::saveBoxPublicKey(trust / "awarding-body-box.pub", awardingBox.publicKey),
          "awarding body box key");
    check(crypto::saveSigningPublicKey(trust / "issuer-signing.pub", keys.issuer.publicKey),
          "issuer key");
    return keys;
}

exam::SeatAssignment assignmentFor(const exam::Assessment& assessment,
                                   const crypto::Digest& packageDigest,
                                   const SeatBuildOptions& options) {
    exam::SeatAssignment a;
    a.sessionId = options.sessionId;
    a.centreId = options.centreId;
    a.centreName = options.centreName;
    a.room = options.room;
    a.seatLabel = options.seatLabel;
    a.sessionDate = options.sessionDate;
    a.candidateName = options.candidateName;
    a.registrationNumber = options.registrationNumber;
    a.photo = options.photo;
    a.assessmentId = assessment.metadata.id;
    a.assessmentVersion = assessment.metadata.version;
    a.packageDigest = packageDigest;
    a.accessibility = options.accessibility;
    for (const auto& person : options.invigilators) {
        exam::InvigilatorEntry entry;
        entry.invigilatorId = person.id;
        entry.name = person.name;
        entry.credentialHash = hashOncePerProcess(person);
        a.invigilators.push_back(std::move(entry));
    }
    a.issuedAtMs = options.issuedAtMs != 0 ? options.issuedAtMs : nowMs() - 60'000;
    a.validUntilMs = a.issuedAtMs + options.validForMs;
    a.sittingSeed = options.sittingSeed;
    return a;
}

} // namespace

KioskOptions BuiltSeat::kioskOptions() const {
    KioskOptions options;
    options.dataDir = dataDir;
    options.package = packageFile;
    options.assignment = assignmentFile;
    options.seat = {assignment.centreId, assignment.room, assignment.seatLabel};
    return options;
}

QStringList BuiltSeat::kioskArguments() const {
    return {QStringLiteral("--data-dir"),   QString::fromStdString(dataDir.string()),
            QStringLiteral("--package"),    QString::fromStdString(packageFile.string()),
            QStringLiteral("--assignment"), QString::fromStdString(assignmentFile.string())};
}

BuiltSeat buildSeat(const exam::Assessment& assessment, const fs::path& dataDir,
                    const SeatBuildOptions& options) {
    BuiltSeat seat;
    seat.dataDir = dataDir;
    seat.assessment = assessment;
    fs::create_directories(dataDir);
    fs::permissions(dataDir, fs::perms::owner_all, fs::perm_options::replace);
    // A practice quiz is delivered into the data folder itself, where the practice set is read.
    const auto delivery = options.practice
                              ? dataDir / kPracticeFolder
                              : dataDir.parent_path() / (dataDir.filename().string() + "-delivery");
    fs::create_directories(delivery);
    const auto keys = writeTrust(dataDir, options.issuerSeed);
    seat.issuer = {keys.issuer.publicKey,
                   crypto::SecureBuffer::copyOf(keys.issuer.secretKey.span())};
    seat.centreBox = {keys.centreBox.publicKey,
                      crypto::SecureBuffer::copyOf(keys.centreBox.secretKey.span())};
    // The kiosk's first run, before any assignment can name it: its store key and store, then
    // its identity (TrustMaterial::load), in the kiosk's own order.
    {
        const DataDir dir(dataDir);
        const auto storeKey = dir.openStoreKey();
        const auto migrations = kioskMigrations();
        (void)store::Database::open(dir.storeFile(), storeKey.key, migrations,
                                    store::OpenMode::CreateIfMissing);
        if (!options.kioskSeed.empty() && !fs::exists(dataDir / "kiosk-signing.key")) {
            (void)check(crypto::saveSigningKeyPair(
                            dataDir / "kiosk-signing.key",
                            check(crypto::signingKeyPairFromSeed(options.kioskSeed), "kiosk seed")),
                        "kiosk key");
        }
    }
    const auto kiosk = TrustMaterial::load(dataDir);
    seat.kioskKey = kiosk.kioskKeys.publicKey;

    const auto package = check(exam::buildPackage(assessment, keys.awardingSigning,
                                                  {{options.centreId, keys.centreBox.publicKey}}),
                               "buildPackage");
    seat.packageFile = delivery / (options.practice ? "quiz.vigil" : "assessment.vigil");
    check(exam::writePackageFile(seat.packageFile, package), "writePackageFile");
    seat.packageBytes = fs::file_size(seat.packageFile);

    seat.assignment = assignmentFor(assessment, exam::packageDigest(package), options);
    seat.assignment.kioskKey = seat.kioskKey;
    if (options.practice) {
        seat.assignment.candidateName.clear();
        seat.assignment.registrationNumber.clear();
        seat.assignment.photo.clear();
        seat.assignment.invigilators.clear();
    }
    if (options.sealContentKey) {
        const auto contentKey =
            check(exam::unsealContentKey(package, keys.awardingSigning.publicKey, options.centreId,
                                         keys.centreBox),
                  "unsealContentKey");
        seat.assignment.sealedContentKey =
            check(exam::sealContentKeyToKiosk(contentKey, seat.kioskKey), "sealContentKeyToKiosk");
    }
    const auto signedAssignment =
        check(exam::signSeatAssignment(seat.assignment, keys.issuer), "signSeatAssignment");
    seat.assignmentFile = delivery / (options.practice ? "quiz.vseat" : "assignment.vseat");
    check(exam::writeSeatAssignmentFile(seat.assignmentFile, signedAssignment),
          "writeSeatAssignmentFile");

    std::ofstream conf(dataDir / "seat.conf");
    conf << "centre=" << options.centreId << "\nroom=" << options.room
         << "\nseat=" << options.seatLabel << "\n";
    if (!options.console.empty()) {
        conf << "console=" << options.console << "\n";
    }
    if (options.practice) {
        conf << "mode = practice\n";
    }
    if (!conf.flush()) {
        throw std::runtime_error("seat.conf: cannot write " + (dataDir / "seat.conf").string());
    }
    return seat;
}

} // namespace vigil::kiosk
