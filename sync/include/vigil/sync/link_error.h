#pragma once

#include "vigil/exam/checked.h"

#include <string>
#include <string_view>

namespace vigil::sync {

// Every way the LAN link can fail that a caller must expect: bad bytes from a peer, a peer
// that is not who it must be, a slow or vanished peer. The console shows describe() to the
// centre coordinator, with the detail (which peer, which limit).
enum class LinkError {
    NotAVigilFrame,         // the stream does not start a frame with Vigil's magic bytes
    UnsupportedVersion,     // a frame version this build does not speak
    FrameTooLarge,          // a frame whose declared payload is over the reader's limit
    UnknownMessage,         // a message type this build does not know
    MalformedMessage,       // a message whose payload breaks its schema (docs/link-protocol.md)
    ListenFailed,           // the address or port cannot be bound
    ConnectFailed,          // nothing answers at the address, or the connection was refused
    HandshakeFailed,        // TLS 1.3 could not be agreed (an older TLS, not TLS at all, ...)
    PeerKeyMismatch,        // the peer proved a key other than the pinned one
    PeerCertificateRefused, // no certificate, a chain, a key other than Ed25519, a bad
                            // self-signature
    Timeout,                // a deadline passed: handshake, a frame read, a write
    SendQueueFull,          // the peer reads too slowly: more frames queued than the limit
    ClosedByPeer,           // the peer closed the connection
    Closed,                 // this side closed it
    Io,                     // any other socket error
};

struct LinkFailure {
    LinkError error = LinkError::Io;
    std::string detail; // which peer, which limit; may be empty
};

// "the peer presented a different key than the one enrolled", ...: the sentence shown to a
// person.
[[nodiscard]] std::string_view describe(LinkError error) noexcept;
// describe(error) followed by ": detail" when there is one.
[[nodiscard]] std::string describe(const LinkFailure& failure);

template <class T> using LinkResult = exam::Checked<T, LinkFailure>;

} // namespace vigil::sync
