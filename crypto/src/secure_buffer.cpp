#include "vigil/crypto/secure_buffer.h"

#include "sodium_required.h"

#include <algorithm>
#include <new>
#include <sodium.h>
#include <utility>

namespace vigil::crypto {

SecureBuffer::SecureBuffer(std::size_t size) {
    if (size == 0) {
        return;
    }
    if (!ensureSodium()) { // sodium_malloc needs the page size sodium_init records
        throw std::bad_alloc();
    }
    data_ = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (data_ == nullptr) {
        throw std::bad_alloc();
    }
    size_ = size;
    sodium_memzero(data_, size_); // sodium_malloc fills with 0xdb; secrets start from zero
}

SecureBuffer SecureBuffer::copyOf(std::span<const std::uint8_t> bytes) {
    SecureBuffer buffer(bytes.size());
    if (!bytes.empty()) {
        std::copy(bytes.begin(), bytes.end(), buffer.data_);
    }
    return buffer;
}

SecureBuffer SecureBuffer::copyOf(std::string_view text) {
    return copyOf(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

SecureBuffer SecureBuffer::random(std::size_t size) {
    SecureBuffer buffer(size);
    if (size != 0) {
        randombytes_buf(buffer.data_, size);
    }
    return buffer;
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr))
    , size_(std::exchange(other.size_, 0)) {}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        // sodium_free wipes before releasing, so the secret being replaced does not linger.
        sodium_free(data_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

SecureBuffer::~SecureBuffer() {
    sodium_free(data_); // zeroes the region, checks the canary, unlocks and unmaps
}

std::string_view SecureBuffer::view() const noexcept {
    if (data_ == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(data_), size_};
}

bool SecureBuffer::equals(std::span<const std::uint8_t> other) const noexcept {
    return constantTimeEqual(span(), other);
}

void SecureBuffer::wipe() noexcept {
    if (data_ != nullptr) {
        sodium_memzero(data_, size_);
    }
}

bool constantTimeEqual(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
    // Lengths are not secret; only the contents are compared in constant time.
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace vigil::crypto
