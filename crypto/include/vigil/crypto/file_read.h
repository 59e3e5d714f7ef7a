#pragma once

#include "vigil/checked.h"
#include "vigil/crypto/secure_buffer.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vigil::crypto {

// The one way Vigil reads a whole file (packages, seat assignments, unlocks, configuration)
// and a secret file (keys): bounded, a regular file only, the failure typed and naming the
// file. Written by the one durable writer, writeFileAtomically (durable_file.h).

enum class FileReadError {
    NotFound,         // no such file, or a folder on its path is missing
    NotARegularFile,  // a folder, a device, a socket, ...
    TooLarge,         // more bytes than the reader takes
    TooSmall,         // a secret shorter than its size
    ReadableByOthers, // a secret file group or others may read: treated as disclosed
    Io,               // cannot open or read it (permissions, a disk error)
};

struct FileReadFailure {
    FileReadError error = FileReadError::Io;
    std::filesystem::path file;
    std::string detail; // the system's error, or the sizes

    // "cannot open /a/b: No such file or directory", "/a/b is larger than 1024 bytes", ...
    [[nodiscard]] std::string describe() const;
};

template <class T> using FileReadResult = Checked<T, FileReadFailure>;

// The whole regular file, at most maxBytes.
[[nodiscard]] FileReadResult<std::vector<std::uint8_t>>
readFileBytes(const std::filesystem::path& path, std::size_t maxBytes);

// How big a secret file is, and who may read it.
struct SecretFileRule {
    std::size_t minBytes = 0;
    std::size_t maxBytes = 0;
    // Refused, before a byte is read, when group or others have any access to it.
    bool ownerOnly = true;

    [[nodiscard]] static SecretFileRule exactly(std::size_t bytes, bool ownerOnly = true) {
        return {bytes, bytes, ownerOnly};
    }
    [[nodiscard]] static SecretFileRule atMost(std::size_t bytes, bool ownerOnly = true) {
        return {0, bytes, ownerOnly};
    }
};

// The whole regular file read straight into self-wiping memory, so no copy of it is left in
// ordinary heap memory.
[[nodiscard]] FileReadResult<SecureBuffer> readSecretFile(const std::filesystem::path& path,
                                                          SecretFileRule rule);

} // namespace vigil::crypto
