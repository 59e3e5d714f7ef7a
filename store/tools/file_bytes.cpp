#include "file_bytes.h"

#include <fstream>
#include <iterator>

namespace vigil::store::tools {

std::string readFileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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
