// A signed seat assignment (.vseat) as a forged signature would deliver it: the framing every
// file reaches (checked against a key that signed nothing here), then the body's parser, which
// readSeatAssignment calls only once the signature is proven. The seeds are real assignments.
#include "exam/src/package/seat_assignment_body.h"
#include "vigil/crypto/signing.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vigil::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto issuer = vigil::crypto::generateSigningKeyPair();
    const std::span<const std::uint8_t> file(data, size);
    auto framed = readSeatAssignment(file, issuer.publicKey);
    if (framed) {
        std::abort(); // nothing here was signed by this key
    }
    (void)describe(framed.error());

    // The body as it sits between the header and the signature of a well-framed file.
    const std::size_t framing =
        detail::kSeatAssignmentHeaderBytes + sizeof(vigil::crypto::Signature);
    const auto body =
        size >= framing ? file.subspan(detail::kSeatAssignmentHeaderBytes, size - framing) : file;
    auto decoded = detail::decodeSeatAssignmentBody(body);
    if (!decoded) {
        (void)describe(decoded.error());
        return 0;
    }
    // What signSeatAssignment accepts, the body parser produced: it must sign again.
    if (!signSeatAssignment(decoded.value(), issuer)) {
        std::abort();
    }
    return 0;
}
