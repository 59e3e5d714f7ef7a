#include "commands.h"
#include "key_loading.h"
#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/random.h"
#include "vigil/exam/invigilator_unlock.h"

#include <algorithm>
#include <chrono>
#include <ostream>

namespace vigil::pack {

namespace {

int parseHours(const std::string& value) {
    constexpr int kMaxHours = 7 * 24;
    std::size_t used = 0;
    int hours = 0;
    try {
        hours = std::stoi(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || hours < 1 || hours > kMaxHours) {
        throw UsageError("--valid-hours takes a whole number from 1 to " +
                         std::to_string(kMaxHours) + ", got \"" + value + "\"");
    }
    return hours;
}

} // namespace

int runUnlock(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(
        words, {"--signing-key", "--centre", "--invigilator", "--seat", "--valid-hours", "-o"}, {});
    args.expectPositionals(0);
    exam::InvigilatorUnlock unlock;
    unlock.centreId = args.required("--centre");
    unlock.invigilatorId = args.required("--invigilator");
    unlock.seatLabel = args.optional("--seat").value_or("");
    const int validHours = parseHours(args.optional("--valid-hours").value_or("24"));
    const auto outputPath = args.required("-o");
    const auto issuer = loadSigningSecret(args.required("--signing-key"));

    const auto random = crypto::randomBytes(unlock.id.size());
    std::copy(random.begin(), random.end(), unlock.id.begin());
    unlock.issuedAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    unlock.validUntilMs = unlock.issuedAtMs + std::int64_t{validHours} * 3600 * 1000;
    auto bytes = exam::signInvigilatorUnlock(unlock, issuer);
    if (!bytes) {
        err << "vigil-pack unlock: " << exam::describe(bytes.error()) << "\n";
        return kExitFailed;
    }
    if (std::string reason;
        !crypto::writeFileAtomically(outputPath, bytes.value(), 0644, &reason)) {
        err << "vigil-pack unlock: cannot write " << outputPath << ": " << reason << "\n";
        return kExitFailed;
    }
    out << "unlock " << crypto::toHex(unlock.id) << ": invigilator " << unlock.invigilatorId
        << " at centre " << unlock.centreId
        << (unlock.seatLabel.empty() ? std::string(", every seat") : ", seat " + unlock.seatLabel)
        << ", valid for " << validHours << " hours, applied at most once per kiosk\n"
        << "  copy it into the kiosk's <data-dir>/unlock/ folder; it is read at the next login\n"
        << "  attempt\n"
        << "  unlock: " << outputPath << "\n";
    return kExitOk;
}

} // namespace vigil::pack
