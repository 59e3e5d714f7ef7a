// The LAN link's receiving side: a byte stream cut into frames by FrameDecoder (fed in pieces
// whose sizes the input's first byte chooses, as TCP may deliver them), each frame decoded as a
// message; a message that decodes must encode to a frame that decodes to the same message.
#include "vigil/sync/frame.h"
#include "vigil/sync/messages.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vigil::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::size_t piece = std::size_t{data[0]} + 1;
    const std::span<const std::uint8_t> stream(data + 1, size - 1);
    FrameDecoder decoder(64 * 1024);
    for (std::size_t at = 0; at < stream.size(); at += piece) {
        auto frames = decoder.feed(stream.subspan(at, std::min(piece, stream.size() - at)));
        if (!frames) {
            return 0;
        }
        for (const auto& frame : frames.value()) {
            auto message = decodeMessage(frame);
            if (!message) {
                continue;
            }
            auto again = decodeMessage(encodeMessage(message.value()));
            if (!again || !(again.value() == message.value())) {
                std::abort(); // what the link sends back would not read as what it read
            }
        }
    }
    return 0;
}
