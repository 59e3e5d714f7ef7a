#pragma once

#include <filesystem>
#include <ostream>

namespace vigil::store::tools {

// `vigil-store check <db-file> --key-file <file>`: opens an existing store (never creating one)
// and prints its integrity report. Returns 0 when intact, 1 when damaged or not openable.
int runIntegrityCheck(const std::filesystem::path& database, const std::filesystem::path& keyFile,
                      std::ostream& out);

} // namespace vigil::store::tools
