#pragma once

#include "vigil/crypto/error.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace vigil::crypto {

// The one way Vigil writes a whole file it must not lose or half-write (keys, packages, seat
// assignments). A new file is created beside `path` under a random name (O_EXCL and
// O_NOFOLLOW, so no existing file or planted link is followed) with its final `mode` (never
// chmod'ed afterwards), written, fsynced, renamed over `path`, and the folder is fsynced: after
// a crash or power cut a reader sees the old file or the whole new one, and a returned success
// survives. Error::Io when any step fails, the folder's fsync included; `reason`, when given,
// then names the step, the file and the system's error.
[[nodiscard]] Status writeFileAtomically(const std::filesystem::path& path,
                                         std::span<const std::uint8_t> bytes, unsigned mode,
                                         std::string* reason = nullptr);

} // namespace vigil::crypto
