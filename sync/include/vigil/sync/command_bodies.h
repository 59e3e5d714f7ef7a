#pragma once

#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/package.h"

#include <cstdint>
#include <span>
#include <string>

// The bodies of the console's commands, as docs/link-protocol.md gives them: compact JSON
// objects, the bytes a command's signature covers.
namespace vigil::sync {

[[nodiscard]] std::string deliverAssignmentBody(std::span<const std::uint8_t> signedAssignment);
[[nodiscard]] std::string launchBody(std::span<const std::uint8_t> sealedContentKey);
[[nodiscard]] std::string reasonBody(const std::string& reason); // pause, void
[[nodiscard]] std::string extraTimeBody(int minutes, const std::string& reason);
[[nodiscard]] std::string authoriseResumeBody(const std::string& invigilatorId);

// At launch the console opens the package's content key with the centre's box key (which only
// the console holds) and seals it to the one kiosk enrolled at the seat: the launch body for it.
[[nodiscard]] exam::PackageResult<std::string>
launchBodyFor(std::span<const std::uint8_t> package, const crypto::SigningPublicKey& awardingBody,
              const std::string& centreId, const crypto::BoxKeyPair& centreKeys,
              const crypto::SigningPublicKey& kioskKey);

} // namespace vigil::sync
