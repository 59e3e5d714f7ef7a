#pragma once

#include "vigil/crypto/signing.h"

#include <optional>
#include <string>
#include <string_view>

namespace vigil::sync {

// What a person compares at enrolment: a kiosk shows its own on the Locked screen, the centre
// coordinator types it on the console. Three groups of four Crockford base32 characters
// ("K7QF-9M2X-CD4R"): the first 60 bits of BLAKE2b-256 over a context tag and the Ed25519
// public key. It only confirms a key the console has already received in full over the
// connection: the link pins the whole key, never the short form.
[[nodiscard]] std::string shortFingerprint(const crypto::SigningPublicKey& publicKey);

// What a person typed, in the canonical form ("K7QF-9M2X-CD4R"): case, spaces and dashes do
// not matter, and O/I/L read as 0/1/1 as Crockford's alphabet intends. nullopt when it is not
// twelve such characters.
[[nodiscard]] std::optional<std::string> normaliseFingerprint(std::string_view typed);

// Whether the typed text is this key's fingerprint.
[[nodiscard]] bool fingerprintMatches(const crypto::SigningPublicKey& publicKey,
                                      std::string_view typed);

} // namespace vigil::sync
