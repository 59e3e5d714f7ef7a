#pragma once

#include "vigil/crypto/secure_buffer.h"

struct sqlite3;

namespace vigil::store {

// Gives SQLCipher the 256-bit key in its raw form x'<64 hex>', so no passphrase derivation
// runs. The hex text lives only in a SecureBuffer, wiped when this returns.
void applyRawKey(sqlite3* db, const crypto::SecureBuffer& key);

} // namespace vigil::store
