#pragma once

#include <QByteArray>
#include <cstdint>
#include <vector>

namespace vigil::exam::detail {

// Zeroes plaintext that held assessment content before its memory is released. Volatile
// stores so the compiler cannot drop them as dead.
inline void wipeBytes(void* data, std::size_t size) noexcept {
    auto* bytes = static_cast<volatile std::uint8_t*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = 0;
    }
}

inline void wipe(QByteArray& bytes) noexcept {
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        bytes.clear(); // shared: not ours to overwrite
        return;
    }
    wipeBytes(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

inline void wipe(std::vector<std::uint8_t>& bytes) noexcept {
    wipeBytes(bytes.data(), bytes.size());
    bytes.clear();
}

} // namespace vigil::exam::detail
