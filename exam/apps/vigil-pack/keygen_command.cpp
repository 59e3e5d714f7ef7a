#include "commands.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/key_files.h"

#include <filesystem>
#include <ostream>

namespace vigil::pack {

namespace {

// Refuses to replace a key: overwriting an awarding body or centre key loses it for good.
bool refuseExisting(const std::filesystem::path& path, std::ostream& err) {
    std::error_code ignored;
    if (std::filesystem::exists(path, ignored)) {
        err << "vigil-pack keygen: " << path.string() << " already exists; not overwriting it\n";
        return true;
    }
    return false;
}

} // namespace

int runKeygen(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(words, {"--signing", "--box"}, {});
    args.expectPositionals(0);
    const auto signing = args.optional("--signing");
    const auto box = args.optional("--box");
    if (signing.has_value() == box.has_value()) {
        throw UsageError(
            "keygen needs exactly one of --signing <out-prefix> or --box <out-prefix>");
    }
    const std::string prefix = signing ? *signing : *box;
    const std::filesystem::path secretPath = prefix + ".sk";
    const std::filesystem::path publicPath = prefix + ".pub";
    if (refuseExisting(secretPath, err) || refuseExisting(publicPath, err)) {
        return kExitFailed;
    }
    crypto::Status saved = crypto::Done{};
    crypto::KeyId keyId{};
    if (signing) {
        const auto keys = crypto::generateSigningKeyPair();
        keyId = crypto::keyIdOf(keys.publicKey);
        saved = crypto::saveSigningKeyPair(secretPath, keys);
        if (saved) {
            saved = crypto::saveSigningPublicKey(publicPath, keys.publicKey);
        }
    } else {
        const auto keys = crypto::generateBoxKeyPair();
        keyId = crypto::keyIdOf(keys.publicKey);
        saved = crypto::saveBoxKeyPair(secretPath, keys);
        if (saved) {
            saved = crypto::saveBoxPublicKey(publicPath, keys.publicKey);
        }
    }
    if (!saved) {
        err << "vigil-pack keygen: cannot write the key files: " << crypto::describe(saved.error())
            << "\n";
        return kExitFailed;
    }
    out << (signing ? "Ed25519 signing" : "X25519 box") << " key " << crypto::toHex(keyId) << "\n"
        << "  secret: " << secretPath.string() << " (owner only; keep it offline)\n"
        << "  public: " << publicPath.string() << "\n";
    return kExitOk;
}

} // namespace vigil::pack
