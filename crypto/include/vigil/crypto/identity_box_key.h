#pragma once

#include "vigil/crypto/error.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"

namespace vigil::crypto {

// The X25519 key for sealed boxes that belongs to an Ed25519 identity: libsodium's
// crypto_sign_ed25519_pk_to_curve25519 / sk_to_curve25519 (the birational map of the curve;
// the secret half is the clamped first half of SHA-512 of the seed, as Ed25519 itself uses).
// Why one identity and not a second key: a kiosk is enrolled by the fingerprint of its one
// Ed25519 key, and that key is what the console and a seat assignment name. A content key sealed
// to the X25519 key derived from it is sealed to exactly the PC that was enrolled, with no second
// key to distribute, pin or mix up. Ed25519 signatures and X25519 boxes share no message formats
// (each Vigil signature carries its own context tag), so the two uses cannot be confused.
//
// InvalidArgument for a public key that is not a point of the curve (or of small order), or a
// secret key that is not 64 bytes.
[[nodiscard]] Result<BoxPublicKey> boxPublicKeyOf(const SigningPublicKey& identity);
[[nodiscard]] Result<BoxKeyPair> boxKeyPairOf(const SigningKeyPair& identity);

} // namespace vigil::crypto
