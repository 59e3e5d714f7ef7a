#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vigil::store::tools {

// The whole file (crypto::readFileBytes), or an empty string when it cannot be read.
[[nodiscard]] std::string readFileBytes(const std::filesystem::path& file);

// The database file and its WAL companions (-wal, -shm), those that exist.
[[nodiscard]] bool anyStoreFileContains(const std::filesystem::path& database,
                                        std::string_view needle);

} // namespace vigil::store::tools
