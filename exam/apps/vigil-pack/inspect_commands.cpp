#include "commands.h"
#include "key_loading.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"

#include <ostream>

namespace vigil::pack {

namespace {

const char* yesNo(bool value) {
    return value ? "yes" : "no";
}

void printInfo(const exam::PackageInfo& info, std::ostream& out) {
    const auto& m = info.metadata;
    out << "assessment:         " << m.id << "\n"
        << "title:              " << m.title << "\n"
        << "kind:               " << exam::kindName(m.kind) << "\n"
        << "qualification:      " << m.qualificationCode << "\n"
        << "version:            " << m.version << "\n"
        << "duration:           " << m.durationSeconds / 60 << " min";
    if (m.durationSeconds % 60 != 0) {
        out << " " << m.durationSeconds % 60 << " s";
    }
    out << "\n"
        << "items:              " << m.itemCount << "\n"
        << "pass mark:          " << m.passMarkPercent << "%\n"
        << "instant result:     " << yesNo(m.instantResult) << "\n"
        << "calculator:         " << yesNo(m.calculatorAllowed) << "\n"
        << "reference material: " << yesNo(m.referenceMaterialAllowed);
    if (m.referenceMaterialAllowed && !m.referenceMaterialNote.empty()) {
        out << " (" << m.referenceMaterialNote << ")";
    }
    out << "\n"
        << "apprenticeship:     " << yesNo(m.apprenticeshipStandard) << "\n"
        << "sealed to:         ";
    for (const auto& recipient : info.recipients) {
        out << " " << recipient.centreId << " (key " << crypto::toHex(recipient.boxKeyId) << ")";
    }
    out << "\n"
        << "signed by key:      " << crypto::toHex(info.signerKeyId) << "\n"
        << "format version:     " << info.formatVersion << "\n"
        << "encrypted content:  " << info.contentBytes << " bytes\n"
        << "BLAKE2b-256:        " << crypto::toHex(info.packageDigest) << "\n";
}

struct Loaded {
    std::vector<std::uint8_t> bytes;
    crypto::SigningPublicKey awardingBody{};
};

std::optional<Loaded> load(const Arguments& args, const char* command, std::ostream& err) {
    args.expectPositionals(1);
    const auto path = args.positional(0, "<package>");
    Loaded loaded;
    loaded.awardingBody = loadSigningPublic(args.required("--ab-key"));
    auto bytes = exam::readPackageFile(path);
    if (!bytes) {
        err << "vigil-pack " << command << ": " << exam::describe(bytes.error()) << "\n";
        return std::nullopt;
    }
    loaded.bytes = std::move(bytes).value();
    return loaded;
}

} // namespace

int runInfo(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(words, {"--ab-key"}, {});
    const auto loaded = load(args, "info", err);
    if (!loaded) {
        return kExitFailed;
    }
    auto info = exam::readPackageInfo(loaded->bytes, loaded->awardingBody);
    if (!info) {
        err << "vigil-pack info: " << exam::describe(info.error()) << "\n";
        return kExitFailed;
    }
    printInfo(info.value(), out);
    return kExitOk;
}

// The signature, and with a centre's key also that the content opens and matches its metadata.
int runVerify(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(words, {"--ab-key", "--centre", "--centre-key"}, {});
    const auto loaded = load(args, "verify", err);
    if (!loaded) {
        return kExitFailed;
    }
    auto info = exam::readPackageInfo(loaded->bytes, loaded->awardingBody);
    if (!info) {
        err << "vigil-pack verify: " << exam::describe(info.error()) << "\n";
        return kExitFailed;
    }
    const auto centre = args.optional("--centre");
    const auto centreKey = args.optional("--centre-key");
    if (centre.has_value() != centreKey.has_value()) {
        throw UsageError("--centre and --centre-key go together");
    }
    out << "signature: valid (awarding body key " << crypto::toHex(info.value().signerKeyId)
        << ")\n"
        << "assessment: " << info.value().metadata.id << " version "
        << info.value().metadata.version << "\n";
    if (centre) {
        auto opened = exam::openPackage(loaded->bytes, loaded->awardingBody, *centre,
                                        loadBoxSecret(*centreKey));
        if (!opened) {
            err << "vigil-pack verify: " << exam::describe(opened.error()) << "\n";
            return kExitFailed;
        }
        out << "content: opens for centre " << *centre << ", " << opened.value().items.size()
            << " items, matches its metadata\n";
    }
    out << "BLAKE2b-256: " << crypto::toHex(info.value().packageDigest) << "\n";
    return kExitOk;
}

} // namespace vigil::pack
