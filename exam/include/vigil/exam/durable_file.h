#pragma once

#include "vigil/crypto/secure_buffer.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace vigil::exam {

// Whole-file I/O for the files Vigil hands between machines and keeps beside its store
// (packages, seat assignments, the kiosk's store key): bounded reads, crash-safe writes.

// Reads a whole regular file of at most maxBytes. On failure returns the reason.
[[nodiscard]] std::variant<std::vector<std::uint8_t>, std::string>
readWholeFile(const std::filesystem::path& path, std::size_t maxBytes);

// Reads a regular file of exactly `size` bytes (a key) straight into self-wiping memory, so no
// copy of it is left in ordinary heap memory. On failure returns the reason.
[[nodiscard]] std::variant<crypto::SecureBuffer, std::string>
readSecretFile(const std::filesystem::path& path, std::size_t size);

// Writes to a temporary file beside `path` (created with `mode`), fsyncs it, renames it over
// `path` and fsyncs the folder: a crash leaves either the old file or the new one. Returns an
// empty string on success, else the reason.
[[nodiscard]] std::string writeFileAtomically(const std::filesystem::path& path,
                                              std::span<const std::uint8_t> bytes, unsigned mode);

} // namespace vigil::exam
