#include "tls_identity.h"

#include "vigil/crypto/random.h"

#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <memory>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace vigil::sync::detail {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
    void operator()(X509* certificate) const { X509_free(certificate); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Certificate = std::unique_ptr<X509, X509Free>;

void require(bool ok, const char* what) {
    if (!ok) {
        throw std::runtime_error(std::string("TLS set-up failed: ") + what);
    }
}

Pkey privateKeyOf(const crypto::SigningKeyPair& identity) {
    // libsodium's secret key is seed || public key; OpenSSL takes the 32-byte seed.
    require(identity.secretKey.size() == 64, "an Ed25519 secret key is 64 bytes");
    Pkey key(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, identity.secretKey.data(), 32));
    require(key != nullptr, "Ed25519 private key");
    return key;
}

// subjectAltName: DNS:name or IP:address for each host name. Each name is checked to be one
// (letters, digits, '-', '.', ':' for IPv6) so none can add a field of its own to the list.
void addHostNames(X509* certificate, const std::vector<std::string>& hostNames) {
    if (hostNames.empty()) {
        return;
    }
    std::string names;
    for (const auto& host : hostNames) {
        require(!host.empty() && host.size() <= 253, "host name");
        for (const char c : host) {
            require(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':',
                    "host name");
        }
        std::array<unsigned char, 16> address{};
        const bool ip = inet_pton(AF_INET, host.c_str(), address.data()) == 1 ||
                        inet_pton(AF_INET6, host.c_str(), address.data()) == 1;
        names += (names.empty() ? "" : ",") + std::string(ip ? "IP:" : "DNS:") + host;
    }
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, names.c_str());
    require(extension != nullptr, "subject alternative names");
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    require(added, "subject alternative names");
}

Certificate selfSignedCertificate(EVP_PKEY* key, const std::string& commonName,
                                  const std::vector<std::string>& hostNames) {
    Certificate certificate(X509_new());
    require(certificate != nullptr, "certificate");
    require(X509_set_version(certificate.get(), 2) == 1, "certificate version");
    auto serial = crypto::randomBytes(16);
    serial[0] &= 0x7f; // a positive serial number
    BIGNUM* number = BN_bin2bn(serial.data(), int(serial.size()), nullptr);
    require(number != nullptr, "serial number");
    const bool serialSet = BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate.get()));
    BN_free(number);
    require(serialSet, "serial number");
    // Dates are required by the format but never checked by Vigil (trust is the pinned key).
    require(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -24 * 3600) != nullptr,
            "validity");
    require(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 100L * 365 * 24 * 3600) !=
                nullptr,
            "validity");
    X509_NAME* name = X509_get_subject_name(certificate.get());
    require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(commonName.c_str()),
                                       -1, -1, 0) == 1,
            "common name");
    require(X509_set_issuer_name(certificate.get(), name) == 1, "issuer");
    require(X509_set_pubkey(certificate.get(), key) == 1, "public key");
    addHostNames(certificate.get(), hostNames);
    require(X509_sign(certificate.get(), key, nullptr) > 0, "self-signature"); // Ed25519: no digest
    return certificate;
}

} // namespace

void configureTlsContext(SSL_CTX* context, const crypto::SigningKeyPair& identity,
                         const std::string& commonName, const std::vector<std::string>& hostNames) {
    require(SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION) == 1, "TLS 1.3 only");
    require(SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) == 1, "TLS 1.3 only");
    SSL_CTX_set_options(context, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET);
    // No resumption: every connection proves its key afresh.
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    const Pkey key = privateKeyOf(identity);
    const Certificate certificate = selfSignedCertificate(key.get(), commonName, hostNames);
    require(SSL_CTX_use_certificate(context, certificate.get()) == 1, "use certificate");
    require(SSL_CTX_use_PrivateKey(context, key.get()) == 1, "use private key");
    require(SSL_CTX_check_private_key(context) == 1, "key matches certificate");
}

std::optional<crypto::SigningPublicKey> selfSignedEd25519Key(X509* certificate) {
    if (certificate == nullptr) {
        return std::nullopt;
    }
    EVP_PKEY* key = X509_get0_pubkey(certificate);
    if (key == nullptr || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
        return std::nullopt;
    }
    if (X509_verify(certificate, key) != 1) {
        return std::nullopt;
    }
    crypto::SigningPublicKey publicKey{};
    std::size_t length = publicKey.size();
    if (EVP_PKEY_get_raw_public_key(key, publicKey.data(), &length) != 1 ||
        length != publicKey.size()) {
        return std::nullopt;
    }
    return publicKey;
}

} // namespace vigil::sync::detail
