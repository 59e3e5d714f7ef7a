#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace vigil::crypto {

// Memory for secrets: sodium_malloc'd (guard pages, mlock'd where the OS allows), wiped and
// freed on destruction. Move-only so a secret is never silently copied.
class SecureBuffer {
public:
    SecureBuffer() noexcept = default;
    explicit SecureBuffer(std::size_t size); // throws std::bad_alloc
    static SecureBuffer copyOf(std::span<const std::uint8_t> bytes);
    static SecureBuffer copyOf(std::string_view text);
    static SecureBuffer random(std::size_t size);

    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;
    ~SecureBuffer();

    [[nodiscard]] std::uint8_t* data() noexcept { return data_; }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return data_; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] std::span<std::uint8_t> span() noexcept { return {data_, size_}; }
    [[nodiscard]] std::span<const std::uint8_t> span() const noexcept { return {data_, size_}; }
    [[nodiscard]] std::string_view view() const noexcept;

    // Constant-time comparison (sodium_memcmp); buffers of different sizes are unequal.
    [[nodiscard]] bool equals(std::span<const std::uint8_t> other) const noexcept;

    void wipe() noexcept; // zero the contents, keep the allocation

private:
    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

// Constant-time equality of two byte ranges of the same length (false when lengths differ).
[[nodiscard]] bool constantTimeEqual(std::span<const std::uint8_t> a,
                                     std::span<const std::uint8_t> b) noexcept;

} // namespace vigil::crypto
