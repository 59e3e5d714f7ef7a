#include "commands.h"
#include "key_loading.h"
#include "secret_input.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/seat_assignment.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ostream>

namespace vigil::pack {

namespace {

constexpr std::size_t kMinPinDigits = 4;
constexpr std::size_t kMaxPinDigits = 12;
constexpr std::size_t kMinPasswordLength = 8;

int parseInt(const std::string& value, const std::string& option, int low, int high) {
    std::size_t used = 0;
    int parsed = 0;
    try {
        parsed = std::stoi(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || parsed < low || parsed > high) {
        throw UsageError(option + " takes a whole number from " + std::to_string(low) + " to " +
                         std::to_string(high) + ", got \"" + value + "\"");
    }
    return parsed;
}

// "<id>:<name>" or "<id>:<name>:qualified".
exam::InvigilatorEntry parseInvigilator(const std::string& value) {
    const auto first = value.find(':');
    if (first == std::string::npos || first == 0) {
        throw UsageError("--invigilator takes <id>:<name>[:qualified], got \"" + value + "\"");
    }
    exam::InvigilatorEntry entry;
    entry.invigilatorId = value.substr(0, first);
    entry.name = value.substr(first + 1);
    const std::string qualifiedSuffix = ":qualified";
    if (entry.name.ends_with(qualifiedSuffix)) {
        entry.name.erase(entry.name.size() - qualifiedSuffix.size());
        entry.holdsIndustryQualification = true;
    }
    if (entry.name.empty()) {
        throw UsageError("--invigilator " + value + " has no name");
    }
    return entry;
}

std::optional<std::string> secretFor(const std::string& kind, const std::string& id,
                                     std::istream& in, std::ostream& err) {
    const auto variable = secretVariableName(kind, id);
    if (const char* value = std::getenv(variable.c_str()); value != nullptr) {
        return std::string(value);
    }
    return readSecretLine(in, err, (kind == "PIN" ? "PIN for " : "password for ") + id);
}

// Empty when acceptable, else why not.
std::string checkPin(const std::string& pin) {
    if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return "a PIN is " + std::to_string(kMinPinDigits) + " to " +
               std::to_string(kMaxPinDigits) + " digits";
    }
    return {};
}

std::string checkPassword(const std::string& password) {
    if (password.size() < kMinPasswordLength) {
        return "a password has at least " + std::to_string(kMinPasswordLength) + " characters";
    }
    return {};
}

struct Secrets {
    std::string pin;
    std::string password;
    Secrets() = default;
    Secrets(const Secrets&) = delete;
    Secrets& operator=(const Secrets&) = delete;
    Secrets(Secrets&&) = default;
    ~Secrets() {
        wipeString(pin);
        wipeString(password);
    }
};

// Reads and checks one invigilator's PIN and password. Empty string on success, else the
// reason. Every roster entry is read and checked before any (slow) hashing starts.
std::string readSecrets(const exam::InvigilatorEntry& entry, Secrets& secrets, std::istream& in,
                        std::ostream& err) {
    for (const auto& [kind, check, target] :
         {std::tuple{std::string("PIN"), &checkPin, &secrets.pin},
          std::tuple{std::string("PASSWORD"), &checkPassword, &secrets.password}}) {
        auto secret = secretFor(kind, entry.invigilatorId, in, err);
        if (!secret) {
            return "no " + (kind == "PIN" ? std::string("PIN") : std::string("password")) +
                   " for invigilator " + entry.invigilatorId + ": set " +
                   secretVariableName(kind, entry.invigilatorId) + " or give it on stdin";
        }
        target->assign(*secret);
        wipeString(*secret);
        if (auto problem = check(*target); !problem.empty()) {
            return "invigilator " + entry.invigilatorId + ": " + problem;
        }
    }
    return {};
}

// One Argon2id hash over the invigilator's id, PIN and password: nothing in the assignment can
// be checked against the PIN alone.
std::string hashSecrets(exam::InvigilatorEntry& entry, const Secrets& secrets) {
    auto hash = exam::hashInvigilatorCredential(entry.invigilatorId, secrets.pin, secrets.password);
    if (!hash) {
        return "cannot hash the credentials of invigilator " + entry.invigilatorId + ": " +
               std::string(crypto::describe(hash.error()));
    }
    entry.credentialHash = std::move(hash).value();
    return {};
}

// The package's content key, unsealed with the centre's box key and sealed to the one kiosk
// the seat is for. Empty string on success, else the reason.
std::string sealContentKeyFor(exam::SeatAssignment& a, std::span<const std::uint8_t> package,
                              const crypto::SigningPublicKey& awardingBody,
                              const crypto::BoxKeyPair& centreKeys) {
    auto contentKey = exam::unsealContentKey(package, awardingBody, a.centreId, centreKeys);
    if (!contentKey) {
        return exam::describe(contentKey.error());
    }
    auto sealed = exam::sealContentKeyToKiosk(contentKey.value(), a.kioskKey);
    if (!sealed) {
        return exam::describe(sealed.error());
    }
    a.sealedContentKey = std::move(sealed).value();
    return {};
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

int runAssign(const std::vector<std::string>& words, std::istream& in, std::ostream& out,
              std::ostream& err) {
    const Arguments args(
        words, {"--signing-key",  "--package",     "--ab-key",     "--session",    "--centre",
                "--centre-name",  "--room",        "--seat",       "--date",       "--candidate",
                "--registration", "--photo",       "--text-scale", "--overlay",    "--extra-time",
                "--invigilator",  "--valid-hours", "--kiosk-key",  "--centre-key", "-o"},
        {"--screen-reader", "--computer-reader", "--practice"});
    args.expectPositionals(0);
    // --practice: a practice quiz for the seat's practice set (kiosk/README.md, "Practice
    // quizzes"): no candidate, no invigilator, and the package must be a practice quiz.
    const bool practice = args.flag("--practice");
    if (practice) {
        for (const char* option : {"--candidate", "--registration", "--invigilator", "--photo"}) {
            if (!args.all(option).empty()) {
                throw UsageError(std::string("assign --practice names no candidate and no "
                                             "invigilator: leave out ") +
                                 option);
            }
        }
    }
    exam::SeatAssignment a;
    a.sessionId =
        practice ? args.optional("--session").value_or("practice") : args.required("--session");
    a.centreId = args.required("--centre");
    a.centreName = args.required("--centre-name");
    a.room = args.required("--room");
    a.seatLabel = args.required("--seat");
    a.sessionDate = args.required("--date");
    if (!practice) {
        a.candidateName = args.required("--candidate");
        a.registrationNumber = args.required("--registration");
    }
    a.accessibility.screenReader = args.flag("--screen-reader");
    a.accessibility.computerReader = args.flag("--computer-reader");
    a.accessibility.textScale =
        parseInt(args.optional("--text-scale").value_or("0"), "--text-scale", 0, 2);
    a.accessibility.extraTimePercent =
        parseInt(args.optional("--extra-time").value_or("0"), "--extra-time", 0, 100);
    if (auto overlay = args.optional("--overlay"); overlay && *overlay != "none") {
        a.accessibility.overlayColour = *overlay;
    }
    const auto validHours =
        parseInt(args.optional("--valid-hours").value_or("12"), "--valid-hours", 1, 72);
    const auto outputPath = args.required("-o");
    const auto invigilators = args.all("--invigilator");
    if (invigilators.empty() && !practice) {
        throw UsageError("assign needs at least one --invigilator <id>:<name>[:qualified]");
    }
    for (const auto& value : invigilators) {
        a.invigilators.push_back(parseInvigilator(value));
    }
    const auto issuer = loadSigningSecret(args.required("--signing-key"));
    const auto awardingBody = loadSigningPublic(args.required("--ab-key"));
    a.kioskKey = loadSigningPublic(args.required("--kiosk-key"));
    const auto centreKeyPath = args.optional("--centre-key");

    const auto packagePath = args.required("--package");
    auto package = exam::readPackageFile(packagePath);
    if (!package) {
        err << "vigil-pack assign: " << exam::describe(package.error()) << "\n";
        return kExitFailed;
    }
    auto info = exam::readPackageInfo(package.value(), awardingBody);
    if (!info) {
        err << "vigil-pack assign: " << packagePath << ": " << exam::describe(info.error()) << "\n";
        return kExitFailed;
    }
    const auto& recipients = info.value().recipients;
    if (std::none_of(recipients.begin(), recipients.end(),
                     [&](const exam::RecipientInfo& r) { return r.centreId == a.centreId; })) {
        err << "vigil-pack assign: " << packagePath << " is not sealed to centre " << a.centreId
            << "\n";
        return kExitFailed;
    }
    // A practice quiz is never a candidate's assessment, nor an assessment practice.
    if (auto kind = exam::requirePackageKind(info.value().metadata,
                                             practice ? exam::PackageKind::Practice
                                                      : exam::PackageKind::Assessment);
        !kind) {
        err << "vigil-pack assign: " << packagePath << ": " << exam::describe(kind.error())
            << (practice ? "" : " (assign it with --practice)") << "\n";
        return kExitFailed;
    }
    a.assessmentId = info.value().metadata.id;
    a.assessmentVersion = info.value().metadata.version;
    a.packageDigest = info.value().packageDigest;
    if (centreKeyPath) {
        if (auto problem =
                sealContentKeyFor(a, package.value(), awardingBody, loadBoxSecret(*centreKeyPath));
            !problem.empty()) {
            err << "vigil-pack assign: " << packagePath << ": " << problem << "\n";
            return kExitFailed;
        }
    }

    if (const auto photoPath = args.optional("--photo")) {
        auto photo = exam::readSeatAssignmentFile(*photoPath); // same size-bounded whole read
        if (!photo) {
            err << "vigil-pack assign: cannot read photo: " << photo.error().detail << "\n";
            return kExitFailed;
        }
        a.photo = std::move(photo).value();
    }
    std::vector<Secrets> secrets(a.invigilators.size());
    for (std::size_t i = 0; i < a.invigilators.size(); ++i) {
        if (auto problem = readSecrets(a.invigilators[i], secrets[i], in, err); !problem.empty()) {
            err << "vigil-pack assign: " << problem << "\n";
            return kExitFailed;
        }
    }
    for (std::size_t i = 0; i < a.invigilators.size(); ++i) {
        if (auto problem = hashSecrets(a.invigilators[i], secrets[i]); !problem.empty()) {
            err << "vigil-pack assign: " << problem << "\n";
            return kExitFailed;
        }
    }
    a.issuedAtMs = nowMs();
    a.validUntilMs = a.issuedAtMs + std::int64_t{validHours} * 60 * 60 * 1000;
    a.sittingSeed = crypto::randomUint64();

    auto signedBytes = exam::signSeatAssignment(a, issuer);
    if (!signedBytes) {
        err << "vigil-pack assign: " << exam::describe(signedBytes.error()) << "\n";
        return kExitFailed;
    }
    if (auto written = exam::writeSeatAssignmentFile(outputPath, signedBytes.value()); !written) {
        err << "vigil-pack assign: " << exam::describe(written.error()) << "\n";
        return kExitFailed;
    }
    out << "seat " << a.seatLabel << " (" << a.room << ", centre " << a.centreId << "): "
        << (practice ? std::string("practice quiz")
                     : a.candidateName + " (" + a.registrationNumber + ") sits")
        << " " << a.assessmentId << " version " << a.assessmentVersion << "\n"
        << "  invigilators: " << a.invigilators.size() << ", valid for " << validHours << " hours\n"
        << "  for the PC whose key id is " << crypto::toHex(crypto::keyIdOf(a.kioskKey)) << "; "
        << (a.sealedContentKey.empty()
                ? "no content key: the seat waits until the console launches it"
                : "content key sealed to that PC")
        << "\n"
        << "  assignment: " << outputPath << "\n";
    return kExitOk;
}

} // namespace vigil::pack
