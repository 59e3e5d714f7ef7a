#include "vigil/sync/link_error.h"

namespace vigil::sync {

std::string_view describe(LinkError error) noexcept {
    switch (error) {
    case LinkError::NotAVigilFrame:
        return "the peer sent something that is not a Vigil link frame";
    case LinkError::UnsupportedVersion:
        return "the peer speaks a link version this build does not (update Vigil on both sides)";
    case LinkError::FrameTooLarge:
        return "the peer sent a message over the size limit";
    case LinkError::UnknownMessage:
        return "the peer sent a kind of message this build does not know";
    case LinkError::MalformedMessage:
        return "the peer sent a message that breaks its format";
    case LinkError::ListenFailed:
        return "cannot listen on that address and port";
    case LinkError::ConnectFailed:
        return "cannot reach the other side at that address";
    case LinkError::HandshakeFailed:
        return "the secure connection could not be set up (TLS 1.3 is required)";
    case LinkError::PeerKeyMismatch:
        return "the other side presented a different key than the one enrolled";
    case LinkError::PeerCertificateRefused:
        return "the other side presented no usable key (an Ed25519 key is required)";
    case LinkError::Timeout:
        return "the other side did not answer in time";
    case LinkError::SendQueueFull:
        return "the other side is not reading: too many messages waiting for it";
    case LinkError::ClosedByPeer:
        return "the other side closed the connection";
    case LinkError::Closed:
        return "the connection was closed";
    case LinkError::Io:
        return "the network connection failed";
    }
    return "unknown link error";
}

std::string describe(const LinkFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

} // namespace vigil::sync
