// The invigilation record file `vigil-console verify-record FILE` reads (verifyRecord): any
// bytes after the first as the file, checked under a console key derived from a fixed seed
// that seed_writer.cpp signs the seeds with. The first byte's lowest bit makes the fuzzer hold
// that key too (a stolen key): the file's incident entries are chained and signed again over
// their payloads, the content's chain count and head and the console's signature and digest
// written again, so the checks after the signatures and the reading of the content are
// reached. A refusal must say why; what verifies must sign again (signRecord) into a file that
// verifies to the same record.
#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/hash_chain.h"
#include "vigil/crypto/signing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

using namespace vigil;
using namespace vigil::console;

namespace {

constexpr std::uint8_t kConsoleSeedFill = 0x43; // seed_writer.cpp signs with the same seed

const crypto::SigningKeyPair& consoleKeys() {
    static const crypto::SigningKeyPair keys = [] {
        std::array<std::uint8_t, 32> seed{};
        seed.fill(kConsoleSeedFill);
        return std::move(crypto::signingKeyPairFromSeed(seed).value());
    }();
    return keys;
}

QString hex(std::span<const std::uint8_t> bytes) {
    return QString::fromStdString(crypto::toHex(bytes));
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::span<const std::uint8_t> bytesOf(const QByteArray& bytes) {
    return {reinterpret_cast<const std::uint8_t*>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

// What the console signs (invigilation_record.h): u32 length (little-endian) ||
// kRecordContext || canonical JSON of the content.
std::vector<std::uint8_t> contentSignedBytes(const QJsonObject& content) {
    std::vector<std::uint8_t> bytes;
    const auto length = static_cast<std::uint32_t>(kRecordContext.size());
    for (int shift = 0; shift < 32; shift += 8) {
        bytes.push_back(static_cast<std::uint8_t>(length >> shift));
    }
    bytes.insert(bytes.end(), kRecordContext.begin(), kRecordContext.end());
    const auto canonical = compact(content);
    bytes.insert(bytes.end(), canonical.begin(), canonical.end());
    return bytes;
}

// The file signed again by the fuzzer holding the console's key, or nothing when the bytes are
// not a JSON object.
std::optional<QByteArray> forged(std::span<const std::uint8_t> bytes) {
    const auto document = QJsonDocument::fromJson(QByteArray(
        reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())));
    if (!document.isObject()) {
        return std::nullopt;
    }
    auto file = document.object();
    crypto::HashChainWriter chain(consoleKeys(), std::nullopt);
    std::optional<crypto::ChainEntry> last;
    qint64 count = 0;
    auto incidents = file.value("incidents").toArray();
    for (qsizetype i = 0; i < incidents.size(); ++i) {
        auto entry = incidents.at(i).toObject();
        if (!entry.value("payload").isObject()) {
            continue; // left as it is: a malformed entry
        }
        const auto payload = compact(entry.value("payload").toObject());
        last = chain.append(bytesOf(payload), entry.value("timeMs").toInteger());
        ++count;
        entry.insert("sequence", static_cast<qint64>(last->sequence));
        entry.insert("signer", hex(last->signerKeyId));
        entry.insert("previousHash", hex(last->previousHash));
        entry.insert("signature", hex(last->signature));
        incidents.replace(i, entry);
    }
    file.insert("incidents", incidents);
    auto content = file.value("content").toObject();
    const crypto::Digest head = last ? crypto::entryHash(*last) : crypto::Digest{};
    content.insert("incidentChain", QJsonObject{{"count", count}, {"head", hex(head)}});
    file.insert("content", content);
    const auto signedBytes = contentSignedBytes(content);
    file.insert("consoleKeyId", hex(crypto::keyIdOf(consoleKeys().publicKey)));
    file.insert("signature", hex(crypto::sign(consoleKeys(), signedBytes)));
    file.insert("digest", hex(crypto::blake2b(signedBytes)));
    return QJsonDocument(file).toJson(QJsonDocument::Compact);
}

bool sameIncidents(const std::vector<crypto::ChainEntry>& a,
                   const std::vector<crypto::ChainEntry>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].payload != b[i].payload || crypto::entryHash(a[i]) != crypto::entryHash(b[i])) {
            return false;
        }
    }
    return true;
}

bool sameRecord(const RecordData& a, const RecordData& b) {
    return a.session == b.session && a.invigilators == b.invigilators &&
           a.seatingPlan == b.seatingPlan && a.candidates == b.candidates &&
           sameIncidents(a.incidents, b.incidents);
}

void check(std::span<const std::uint8_t> bytes) {
    const auto verified = verifyRecord(bytes, consoleKeys().publicKey);
    if (!verified) {
        if (describe(verified.error().error).empty()) {
            std::abort(); // refused without saying why
        }
        return;
    }
    const auto& record = verified.value();
    if (record.digest == crypto::Digest{}) {
        std::abort(); // verified without a digest to print
    }
    const auto again = signRecord(record.data, consoleKeys());
    if (!again) {
        std::abort(); // a record that verifies but cannot be signed again
    }
    const auto reread = verifyRecord(again.value().bytes, consoleKeys().publicKey);
    if (!reread || !sameRecord(reread.value().data, record.data) ||
        reread.value().digest != again.value().digest) {
        std::abort(); // the record signed again does not verify to itself
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const bool holdsTheKey = (data[0] & 1) != 0;
    const std::span<const std::uint8_t> file(data + 1, size - 1);
    check(file);
    if (holdsTheKey) {
        if (const auto signedAgain = forged(file)) {
            check(bytesOf(*signedAgain));
        }
    }
    return 0;
}
