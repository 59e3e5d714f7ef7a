// vigil-syncd's receiving side: any bytes as an HTTP request read by the server's parser under
// its limits, then the upload envelope decoded from the headers and verified against a centre
// key; and the same bytes as a receipt, a batch's body and a batch's answer. What verifies
// must be the body it names; what decodes must encode and decode to itself.
#include "vigil/receiver/package_request.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/upload_batch.h"
#include "vigil/receiver/upload_request.h"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility> // before Asio: GCC 12 + C++20 (toolchain-notes)

using namespace vigil;
using namespace vigil::receiver;
namespace http = boost::beast::http;

namespace {

// The seeds (seed_writer.cpp) sign with the key from this seed, so they get past verifyUpload.
const crypto::SigningKeyPair& centreKeys() {
    static const auto keys = [] {
        const std::array<std::uint8_t, 32> seed{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                                                7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
        return std::move(crypto::signingKeyPairFromSeed(seed).value());
    }();
    return keys;
}

std::string_view view(boost::beast::string_view text) {
    return {text.data(), text.size()};
}

void fuzzRequest(const std::uint8_t* data, std::size_t size) {
    http::request_parser<http::vector_body<std::uint8_t>> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t offset = 0;
    while (offset < size && !parser.is_done()) {
        const auto used = parser.put(boost::asio::buffer(data + offset, size - offset), ec);
        if (ec == http::error::need_more) {
            ec = {};
            break;
        }
        if (ec || used == 0) {
            return;
        }
        offset += used;
    }
    if (!parser.is_done()) {
        return;
    }
    const auto& request = parser.get();
    auto header = [&](const char* name) {
        return view(request[name]);
    };
    const UploadHeaders headers{header("Vigil-Centre"), header("Vigil-Kind"),
                                header("Vigil-Timestamp"), header("Vigil-Nonce"),
                                header("Vigil-Signature")};
    // The same bytes as a centre's request for its packages (package_request.h).
    if (const auto asked =
            decodePackageRequest(view(request.method_string()), view(request.target()), headers)) {
        (void)verifyPackageRequest(asked.value(), centreKeys().publicKey,
                                   asked.value().timestampMs);
    }
    const auto decoded =
        decodeUpload(view(request.method_string()), view(request.target()), headers);
    if (!decoded) {
        return;
    }
    const auto& upload = decoded.value();
    const auto verified =
        verifyUpload(upload, request.body(), centreKeys().publicKey, upload.timestampMs);
    if (verified && itemIdOf(request.body()) != upload.itemId) {
        std::abort(); // accepted a body that is not the item named
    }
}

void fuzzReceipt(const std::uint8_t* data, std::size_t size) {
    const auto receipt = decodeReceipt({reinterpret_cast<const char*>(data), size});
    if (!receipt) {
        return;
    }
    const auto again = decodeReceipt(encodeReceipt(receipt.value()));
    if (!again || !(again.value() == receipt.value())) {
        std::abort(); // a receipt that does not survive its own encoding
    }
}

// The same bytes as a batch's body and as a batch's answer: a body that decodes is the one
// encoding of its items; an answer that decodes survives its own encoding.
void fuzzBatch(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> body(data, size);
    if (const auto items = decodeBatch(body)) {
        const auto again = encodeBatch(items.value());
        if (!std::equal(again.begin(), again.end(), body.begin(), body.end())) {
            std::abort(); // two encodings of one batch: a digest could name either
        }
    }
    const auto answers = decodeBatchAnswer({reinterpret_cast<const char*>(data), size});
    if (answers) {
        const auto again = decodeBatchAnswer(encodeBatchAnswer(answers.value()));
        if (!again || again.value().size() != answers.value().size()) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzRequest(data, size);
    fuzzReceipt(data, size);
    fuzzBatch(data, size);
    return 0;
}
