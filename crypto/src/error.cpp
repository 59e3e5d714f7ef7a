#include "vigil/crypto/error.h"

namespace vigil::crypto {

std::string_view describe(Error error) noexcept {
    switch (error) {
    case Error::SodiumInitFailed:
        return "the cryptography library could not start";
    case Error::OutOfMemory:
        return "not enough protected memory for a secret";
    case Error::InvalidArgument:
        return "a key or buffer has the wrong size";
    case Error::Truncated:
        return "the data is shorter than its format says: it was cut off";
    case Error::UnknownFormat:
        return "the data is damaged, or in a format or version this build does not know";
    case Error::AuthenticationFailed:
        return "the data could not be decrypted: wrong key, or the bytes were altered";
    case Error::BadSignature:
        return "the signature does not match: the data was altered or signed by another key";
    case Error::KeyMismatch:
        return "the data is for a different key, or a different kind of key, than the one expected";
    case Error::FileNotFound:
        return "the key file does not exist";
    case Error::FilePermissions:
        return "the secret key file can be read by other users (it must be mode 0600)";
    case Error::Io:
        return "the file could not be read or written";
    }
    return "unknown error";
}

} // namespace vigil::crypto
