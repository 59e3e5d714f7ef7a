#pragma once

#include "vigil/crypto/secure_buffer.h"

#include <filesystem>

namespace vigil::store {

// Reads a store key written as 64 hexadecimal characters (trailing white space allowed), as
// operators keep it for `vigil-store check`. Throws StoreError: Io when the file cannot be read,
// Misuse when it does not hold exactly one 256-bit key in hex.
[[nodiscard]] crypto::SecureBuffer loadHexKeyFile(const std::filesystem::path& file);

} // namespace vigil::store
