#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/receiver/item.h"
#include "vigil/receiver/receiver_error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::receiver {

inline constexpr std::string_view kReceiptContext = "vigil/upload-receipt/v1";

// The awarding body's word that it holds an item: what lets the centre clear it from its
// outbox. Signed by the receiver's own Ed25519 key; the same item always gets the receipt of
// its first arrival (received-at included), however often it is sent.
struct Receipt {
    std::string centreId;
    ItemId itemId{};
    std::int64_t receivedAtMs = 0;
    crypto::Signature signature{};

    friend bool operator==(const Receipt&, const Receipt&) = default;
};

// The context tag, centre, item id (hex) and received-at (decimal), each followed by a zero
// byte.
[[nodiscard]] std::vector<std::uint8_t> signedBytes(const Receipt& receipt);
[[nodiscard]] Receipt signReceipt(const crypto::SigningKeyPair& receiverKeys, std::string centreId,
                                  const ItemId& itemId, std::int64_t receivedAtMs);
[[nodiscard]] bool verifyReceipt(const crypto::SigningPublicKey& receiverKey,
                                 const Receipt& receipt) noexcept;

// The response body of an upload: compact JSON
// {"centre":…,"item":"<hex>","receivedAt":<ms>,"signature":"<hex>"}.
[[nodiscard]] std::string encodeReceipt(const Receipt& receipt);
// Strict: every field present and of its form (MalformedRequest naming the field otherwise).
// Does not verify the signature.
[[nodiscard]] ReceiverResult<Receipt> decodeReceipt(std::string_view json);

} // namespace vigil::receiver
