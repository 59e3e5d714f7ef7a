#include "vigil/sync/frame.h"

#include <limits>
#include <stdexcept>
#include <string>

namespace vigil::sync {

LinkResult<FrameHeader> parseFrameHeader(std::span<const std::uint8_t, kFrameHeaderBytes> header,
                                         std::size_t maxPayloadBytes) {
    if (header[0] != kFrameMagic[0] || header[1] != kFrameMagic[1]) {
        return LinkFailure{LinkError::NotAVigilFrame, {}};
    }
    if (header[2] != kFrameVersion) {
        return LinkFailure{LinkError::UnsupportedVersion,
                           "frame version " + std::to_string(header[2]) + ", this build speaks " +
                               std::to_string(kFrameVersion)};
    }
    const std::uint32_t length = (std::uint32_t(header[4]) << 24) |
                                 (std::uint32_t(header[5]) << 16) |
                                 (std::uint32_t(header[6]) << 8) | std::uint32_t(header[7]);
    if (length > maxPayloadBytes) {
        return LinkFailure{LinkError::FrameTooLarge, std::to_string(length) + " bytes, limit " +
                                                         std::to_string(maxPayloadBytes)};
    }
    return FrameHeader{header[3], length};
}

std::vector<std::uint8_t> encodeFrame(std::uint8_t type, std::span<const std::uint8_t> payload) {
    if (payload.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("a link frame's payload must be under 4 GiB");
    }
    const auto length = std::uint32_t(payload.size());
    std::vector<std::uint8_t> bytes;
    bytes.reserve(kFrameHeaderBytes + payload.size());
    bytes.insert(bytes.end(), kFrameMagic.begin(), kFrameMagic.end());
    bytes.push_back(kFrameVersion);
    bytes.push_back(type);
    for (int shift = 24; shift >= 0; shift -= 8) {
        bytes.push_back(std::uint8_t(length >> shift));
    }
    bytes.insert(bytes.end(), payload.begin(), payload.end());
    return bytes;
}

FrameDecoder::FrameDecoder(std::size_t maxPayloadBytes)
    : maxPayloadBytes_(maxPayloadBytes) {}

LinkResult<std::vector<Frame>> FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
    if (failed_) {
        return failure_;
    }
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    std::vector<Frame> frames;
    std::size_t offset = 0;
    while (buffer_.size() - offset >= kFrameHeaderBytes) {
        const std::span<const std::uint8_t, kFrameHeaderBytes> header(buffer_.data() + offset,
                                                                      kFrameHeaderBytes);
        auto parsed = parseFrameHeader(header, maxPayloadBytes_);
        if (!parsed) {
            failed_ = true;
            failure_ = parsed.error();
            buffer_.clear();
            return failure_;
        }
        const std::size_t whole = kFrameHeaderBytes + parsed.value().payloadBytes;
        if (buffer_.size() - offset < whole) {
            break;
        }
        const auto begin = buffer_.begin() + std::ptrdiff_t(offset + kFrameHeaderBytes);
        frames.push_back(
            {parsed.value().type,
             std::vector<std::uint8_t>(begin, begin + std::ptrdiff_t(whole - kFrameHeaderBytes))});
        offset += whole;
    }
    buffer_.erase(buffer_.begin(), buffer_.begin() + std::ptrdiff_t(offset));
    return frames;
}

std::size_t FrameDecoder::pendingBytes() const noexcept {
    return buffer_.size();
}

} // namespace vigil::sync
