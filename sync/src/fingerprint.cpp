#include "vigil/sync/fingerprint.h"

#include "vigil/crypto/hash.h"

#include <cctype>
#include <string_view>
#include <vector>

namespace vigil::sync {
namespace {

constexpr std::string_view kContext = "vigil/fingerprint/v1";
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCharacters = 12; // 60 bits
constexpr std::size_t kGroup = 4;

std::string grouped(std::string_view characters) {
    std::string text;
    for (std::size_t i = 0; i < characters.size(); ++i) {
        if (i > 0 && i % kGroup == 0) {
            text += '-';
        }
        text += characters[i];
    }
    return text;
}

} // namespace

std::string shortFingerprint(const crypto::SigningPublicKey& publicKey) {
    std::vector<std::uint8_t> message(kContext.begin(), kContext.end());
    message.insert(message.end(), publicKey.begin(), publicKey.end());
    const auto digest = crypto::blake2b(message);
    std::string characters;
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        bits = (bits << 8) | digest[i];
    }
    for (std::size_t i = 0; i < kCharacters; ++i) {
        characters += kCrockford[(bits >> (64 - 5 * (i + 1))) & 0x1f];
    }
    return grouped(characters);
}

std::optional<std::string> normaliseFingerprint(std::string_view typed) {
    std::string characters;
    for (const char raw : typed) {
        if (raw == '-' || raw == ' ') {
            continue;
        }
        char c = char(std::toupper(static_cast<unsigned char>(raw)));
        if (c == 'O') {
            c = '0';
        } else if (c == 'I' || c == 'L') {
            c = '1';
        }
        if (kCrockford.find(c) == std::string_view::npos) {
            return std::nullopt;
        }
        characters += c;
    }
    if (characters.size() != kCharacters) {
        return std::nullopt;
    }
    return grouped(characters);
}

bool fingerprintMatches(const crypto::SigningPublicKey& publicKey, std::string_view typed) {
    const auto normalised = normaliseFingerprint(typed);
    return normalised && *normalised == shortFingerprint(publicKey);
}

} // namespace vigil::sync
