#include "file_bytes.h"

#include "vigil/crypto/file_read.h"

namespace vigil::store::tools {

namespace {

// The self-check's own scratch store: a few pages, far below this.
constexpr std::size_t kMaxScratchStoreBytes = std::size_t(256) << 20;

} // namespace

std::string readFileBytes(const std::filesystem::path& file) {
    const auto bytes = crypto::readFileBytes(file, kMaxScratchStoreBytes);
    return bytes ? std::string(bytes.value().begin(), bytes.value().end()) : std::string();
}

bool anyStoreFileContains(const std::filesystem::path& database, std::string_view needle) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
        if (readFileBytes(database.string() + suffix).find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace vigil::store::tools
