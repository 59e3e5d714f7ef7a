#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/checked.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// The one frame of every file Vigil signs for another machine to read (packages, seat
// assignments, invigilator unlocks; next, the console's formats). minisign's SigStruct is the
// model: a fixed, tagged layout whose key id is checked before anything is verified.
//
//   magic | u16 format version | u16 flags (0) | 8-byte signer key id | u32 or u64 body length
//   | body | Ed25519 signature over every byte before it
//
// Integers are little-endian. The signed bytes start with the magic, so the magic is the
// signature's context tag: no two formats' magics are equal or a prefix of one another (nor of
// the other signed tags, "vigil/journal-head/v1" and "vigil/result-record/v2"), so a signature
// over one format can never be taken for another. The unlock predates this frame: its magic
// "vigil/unlock/v1" names its one version (no version or flags field) and its body runs to the
// signature (no length field).
//
// A reader refuses, in this order: another magic, a header cut short, a version this build does
// not read (naming it) or flags it does not know, a signer key id that is not the trusted key's
// (before verifying anything), a body beyond the format's limit, a file shorter or longer than
// its header says, and a bad signature. Only then does the format's own parser see the body.
struct SignedFileFormat {
    std::string_view magic;
    // The versions this build reads (at least one), oldest first; it writes the last one.
    std::span<const std::uint16_t> versions;
    // false: no version and flags fields; the magic names the format's one version.
    bool versionField = true;
    // Width of the body length field: 4 or 8; 0 when the body runs to the signature.
    std::size_t lengthBytes = 4;
    std::size_t maxBodyBytes = 0;
};

enum class SignedFileError {
    WrongMagic,         // another kind of file (or an empty one)
    UnsupportedVersion, // a version (or header flags) this build does not read
    Truncated,          // shorter than its header says: an incomplete copy
    Malformed,          // a body beyond the format's limit, or bytes after the signature
    SignedByAnotherKey, // the key id names another signer than the trusted key
    BadSignature,       // the bytes are not what the trusted key signed
};

struct SignedFileFailure {
    SignedFileError error;
    std::string detail;        // which field and what was found; may be empty
    std::uint16_t version = 0; // the version read, for UnsupportedVersion
};

[[nodiscard]] std::string_view describe(SignedFileError error) noexcept;
[[nodiscard]] std::string describe(const SignedFileFailure& failure);

template <class T> using SignedFileResult = Checked<T, SignedFileFailure>;

// A file whose frame is read; after readSignedFile, also its signer and signature.
struct SignedFile {
    std::uint16_t version = 0; // as read (the format's one version when it has no field)
    crypto::KeyId signerKeyId{};
    std::size_t headerBytes = 0;               // the body's offset in the file
    std::span<const std::uint8_t> body;        // what the format's own parser reads
    std::span<const std::uint8_t> signedBytes; // header + body
    crypto::Signature signature{};
};

// Every check above against the trusted key; the spans point into `bytes`.
[[nodiscard]] SignedFileResult<SignedFile> readSignedFile(std::span<const std::uint8_t> bytes,
                                                          const SignedFileFormat& format,
                                                          const crypto::SigningPublicKey& trusted);

// The frame only (magic, version, lengths), no signer or signature check: for tools that show
// where a file's parts are, and for fuzzing the parsers behind the signature.
[[nodiscard]] SignedFileResult<SignedFile> readSignedFileFrame(std::span<const std::uint8_t> bytes,
                                                               const SignedFileFormat& format);

// The frame around `body` at the format's current version, signed by `signer`. The caller keeps
// the body within format.maxBodyBytes (and within 4 GiB for a 4-byte length).
[[nodiscard]] std::vector<std::uint8_t> writeSignedFile(const SignedFileFormat& format,
                                                        std::span<const std::uint8_t> body,
                                                        const crypto::SigningKeyPair& signer);

} // namespace vigil::exam
