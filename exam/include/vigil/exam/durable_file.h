#pragma once

#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/secure_buffer.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace vigil::exam {

// Whole-file reads for the files Vigil hands between machines and keeps beside its store
// (packages, seat assignments, the kiosk's store key), bounded. They are written by the one
// durable writer, crypto::writeFileAtomically (vigil/crypto/durable_file.h).

// Reads a whole regular file of at most maxBytes. On failure returns the reason.
[[nodiscard]] std::variant<std::vector<std::uint8_t>, std::string>
readWholeFile(const std::filesystem::path& path, std::size_t maxBytes);

// Reads a regular file of exactly `size` bytes (a key) straight into self-wiping memory, so no
// copy of it is left in ordinary heap memory. On failure returns the reason.
[[nodiscard]] std::variant<crypto::SecureBuffer, std::string>
readSecretFile(const std::filesystem::path& path, std::size_t size);

} // namespace vigil::exam
