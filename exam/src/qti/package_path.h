#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::exam::qti {

// A package path is '/'-separated and relative to the package root, with no empty, "." or
// ".." segments: "items/q07.xml". Nothing outside the root can be named by one.

// Normalises `path`; nullopt when it is absolute or climbs above the root.
std::optional<std::string> normalizePackagePath(std::string_view path);

// The package path an href in `referencingFile` names (relative to that file's folder,
// percent-encoding decoded); nullopt for URLs with a scheme, absolute paths, fragments,
// queries and paths that leave the package.
std::optional<std::string> resolveHref(std::string_view referencingFile, std::string_view href);

} // namespace vigil::exam::qti
