#pragma once

#include "vigil/sync/link_error.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vigil::sync {

// A frame on the LAN link (docs/link-protocol.md): an 8-byte header, then the payload.
//   bytes 0-1  magic "VL"
//   byte  2    frame format version (kFrameVersion)
//   byte  3    message type (the message layer's; the frame layer does not interpret it)
//   bytes 4-7  payload length, unsigned big-endian
// Every reader has a limit on the payload it accepts and checks it from the header alone,
// before reading (or allocating for) the payload.
inline constexpr std::array<std::uint8_t, 2> kFrameMagic{'V', 'L'};
inline constexpr std::uint8_t kFrameVersion = 1;
inline constexpr std::size_t kFrameHeaderBytes = 8;
inline constexpr std::size_t kDefaultMaxFramePayload = 4 * 1024 * 1024;

struct FrameHeader {
    std::uint8_t type = 0;
    std::uint32_t payloadBytes = 0;
};

struct Frame {
    std::uint8_t type = 0;
    std::vector<std::uint8_t> payload;
    bool operator==(const Frame&) const = default;
};

// NotAVigilFrame, UnsupportedVersion (the detail names the version) or FrameTooLarge.
[[nodiscard]] LinkResult<FrameHeader>
parseFrameHeader(std::span<const std::uint8_t, kFrameHeaderBytes> header,
                 std::size_t maxPayloadBytes);

// Header and payload in one buffer. A payload over 4 GiB - 1 is a programming error
// (std::length_error); the receiver's own limit is usually far lower.
[[nodiscard]] std::vector<std::uint8_t> encodeFrame(std::uint8_t type,
                                                    std::span<const std::uint8_t> payload);

// Cuts a byte stream into frames, whatever the pieces it arrives in. After the first error it
// stays failed: a stream that broke the format once cannot be trusted to resynchronise.
class FrameDecoder {
public:
    explicit FrameDecoder(std::size_t maxPayloadBytes = kDefaultMaxFramePayload);

    // The frames completed by these bytes, in order (possibly none).
    [[nodiscard]] LinkResult<std::vector<Frame>> feed(std::span<const std::uint8_t> bytes);
    // Bytes of a frame begun but not finished.
    [[nodiscard]] std::size_t pendingBytes() const noexcept;

private:
    std::size_t maxPayloadBytes_;
    std::vector<std::uint8_t> buffer_;
    bool failed_ = false;
    LinkFailure failure_;
};

} // namespace vigil::sync
