#pragma once

#include "vigil/crypto/signing.h"

#include <optional>
#include <string>
#include <vector>

// OpenSSL's side of the link, kept apart from Asio: a TLS 1.3-only context holding a
// self-signed certificate made from an endpoint's Ed25519 key, and reading the key a peer
// proved. Only sync/'s sources include this.
typedef struct ssl_ctx_st SSL_CTX;
typedef struct x509_st X509;

namespace vigil::sync::detail {

// TLS 1.3 only; the certificate (CN = commonName) and private key come from identity, so the
// key a peer pins is the endpoint's Ed25519 key itself. hostNames (DNS names or IP addresses)
// become the certificate's subject alternative names, which a client checks the host it
// connected to against (the receiver's; the LAN link names none). Throws std::runtime_error
// when OpenSSL refuses (out of memory, a broken key, a host name that is not one): nothing a
// peer can cause.
void configureTlsContext(SSL_CTX* context, const crypto::SigningKeyPair& identity,
                         const std::string& commonName,
                         const std::vector<std::string>& hostNames = {});

// The Ed25519 public key of a certificate whose self-signature verifies; nullopt for any
// other key type or a bad signature. Validity dates are not looked at (see link.h).
[[nodiscard]] std::optional<crypto::SigningPublicKey> selfSignedEd25519Key(X509* certificate);

} // namespace vigil::sync::detail
