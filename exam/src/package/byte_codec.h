#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam::detail {

// Little-endian writer for the canonical binary layouts of the package area.
class ByteWriter {
public:
    void u8(std::uint8_t value) { bytes_.push_back(value); }
    void u16(std::uint16_t value) { little(value, 2); }
    void u32(std::uint32_t value) { little(value, 4); }
    void u64(std::uint64_t value) { little(value, 8); }
    void i64(std::int64_t value) { u64(static_cast<std::uint64_t>(value)); }
    void boolean(bool value) { u8(value ? 1 : 0); }
    void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
    void raw(std::span<const std::uint8_t> data) {
        bytes_.insert(bytes_.end(), data.begin(), data.end());
    }
    void raw(std::string_view text) { bytes_.insert(bytes_.end(), text.begin(), text.end()); }
    // u32 length, then the bytes.
    void text(std::string_view value) {
        u32(static_cast<std::uint32_t>(value.size()));
        raw(value);
    }
    void blob(std::span<const std::uint8_t> value) {
        u32(static_cast<std::uint32_t>(value.size()));
        raw(value);
    }

    [[nodiscard]] std::size_t size() const noexcept { return bytes_.size(); }
    [[nodiscard]] std::vector<std::uint8_t>& bytes() noexcept { return bytes_; }
    [[nodiscard]] std::vector<std::uint8_t> take() { return std::move(bytes_); }

private:
    void little(std::uint64_t value, int count) {
        for (int i = 0; i < count; ++i) {
            bytes_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
        }
    }

    std::vector<std::uint8_t> bytes_;
};

// Reader over a byte span: every read is bounds-checked; the first failure is remembered and
// every later read fails too, so a decoder checks once at the end or at each decision point.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes)
        : bytes_(bytes) {}

    [[nodiscard]] bool failed() const noexcept { return !failure_.empty(); }
    [[nodiscard]] const std::string& failure() const noexcept { return failure_; }
    [[nodiscard]] std::size_t remaining() const noexcept { return bytes_.size() - position_; }
    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    [[nodiscard]] bool atEnd() const noexcept { return position_ == bytes_.size(); }

    void fail(std::string reason) {
        if (failure_.empty()) {
            failure_ = std::move(reason);
        }
    }

    std::uint8_t u8(std::string_view field) { return static_cast<std::uint8_t>(little(1, field)); }
    std::uint16_t u16(std::string_view field) {
        return static_cast<std::uint16_t>(little(2, field));
    }
    std::uint32_t u32(std::string_view field) {
        return static_cast<std::uint32_t>(little(4, field));
    }
    std::uint64_t u64(std::string_view field) { return little(8, field); }
    std::int64_t i64(std::string_view field) { return static_cast<std::int64_t>(u64(field)); }

    bool boolean(std::string_view field) {
        const auto value = u8(field);
        if (value > 1) {
            fail(std::string(field) + ": not 0 or 1");
        }
        return value == 1;
    }

    double f64(std::string_view field) {
        const double value = std::bit_cast<double>(u64(field));
        if (!std::isfinite(value)) {
            fail(std::string(field) + ": not a finite number");
            return 0.0;
        }
        return value;
    }

    std::span<const std::uint8_t> raw(std::size_t size, std::string_view field) {
        if (failed()) {
            return {};
        }
        if (size > remaining()) {
            fail(std::string(field) + ": ends early");
            return {};
        }
        const auto out = bytes_.subspan(position_, size);
        position_ += size;
        return out;
    }

    template <std::size_t N> std::array<std::uint8_t, N> array(std::string_view field) {
        std::array<std::uint8_t, N> out{};
        const auto bytes = raw(N, field);
        if (bytes.size() == N) {
            std::memcpy(out.data(), bytes.data(), N);
        }
        return out;
    }

    // u32 length (at most maxBytes), then UTF-8 text.
    std::string text(std::size_t maxBytes, std::string_view field) {
        const auto size = u32(field);
        if (size > maxBytes) {
            fail(std::string(field) + ": longer than " + std::to_string(maxBytes) + " bytes");
            return {};
        }
        const auto bytes = raw(size, field);
        std::string value(bytes.begin(), bytes.end());
        if (!failed() && !isValidUtf8(value)) {
            fail(std::string(field) + ": not valid UTF-8");
            return {};
        }
        return value;
    }

    std::vector<std::uint8_t> blob(std::size_t maxBytes, std::string_view field) {
        const auto size = u32(field);
        if (size > maxBytes) {
            fail(std::string(field) + ": larger than " + std::to_string(maxBytes) + " bytes");
            return {};
        }
        const auto bytes = raw(size, field);
        return {bytes.begin(), bytes.end()};
    }

    // A count that is read before a loop: bounded so a hostile count cannot exhaust memory.
    std::size_t count(std::size_t maxCount, std::string_view field) {
        const auto value = u32(field);
        if (value > maxCount) {
            fail(std::string(field) + ": more than " + std::to_string(maxCount));
            return 0;
        }
        return value;
    }

    static bool isValidUtf8(std::string_view text);

private:
    std::uint64_t little(int count, std::string_view field) {
        const auto bytes = raw(static_cast<std::size_t>(count), field);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            value |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
        }
        return value;
    }

    std::span<const std::uint8_t> bytes_;
    std::size_t position_ = 0;
    std::string failure_;
};

inline std::span<const std::uint8_t> asBytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

} // namespace vigil::exam::detail
