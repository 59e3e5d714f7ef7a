// A package's content once decrypted (only the awarding body's signature and a content key
// sealed to the centre lead there): the input is the serialised assessment, compressed here as
// the builder does, so mutations reach the assessment decoder rather than zlib's checks, and
// decoded by the reader's own code. The seeds are real assessments.
#include "exam/src/package/package_format.h"
#include "vigil/crypto/hash.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vigil::exam;

namespace {

// The sealed plaintext for `compressed`: BLAKE2b-256 of the (here empty) META section first.
std::vector<std::uint8_t> plainContent(std::span<const std::uint8_t> compressed) {
    const auto digest = vigil::crypto::blake2b({});
    std::vector<std::uint8_t> plain(digest.begin(), digest.end());
    plain.insert(plain.end(), compressed.begin(), compressed.end());
    return plain;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray compressed =
        qCompress(reinterpret_cast<const uchar*>(data), static_cast<qsizetype>(size));
    auto decoded = detail::decodeContent(
        {}, plainContent({reinterpret_cast<const std::uint8_t*>(compressed.constData()),
                          static_cast<std::size_t>(compressed.size())}));
    if (decoded) {
        std::abort(); // the metadata inside can never equal an empty META section
    }
    (void)describe(decoded.error());
    return 0;
}
