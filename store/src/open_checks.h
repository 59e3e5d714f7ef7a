#pragma once

#include "vigil/store/database.h"

#include <filesystem>

namespace vigil::store {

// What the file system says before SQLite touches anything: the folder exists, the location can
// be written, and an existing file is not plain SQLite. Throws StoreError naming the file.
// Returns whether the file already exists (and so must be opened, never created).
[[nodiscard]] bool checkLocationBeforeOpen(const std::filesystem::path& file, OpenMode mode);

// True when the file starts with SQLite's plaintext header "SQLite format 3\0". SQLCipher
// encrypts page 1 from its first byte, so an encrypted store never does.
[[nodiscard]] bool hasPlaintextSqliteHeader(const std::filesystem::path& file);

} // namespace vigil::store
