#include "vigil/crypto/hash_chain.h"

#include <QTest>
#include <sodium.h>
#include <string_view>
#include <vector>

using namespace vigil::crypto;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

void putLittleEndian(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
    }
}

constexpr std::int64_t kStart = 1'700'000'000'000;

const char* const kEvents[] = {
    "session opened: room B, invigilator 17",
    "candidate 20451 seated at PC 7",
    "assessment 601/8928/9 launched at PC 7",
    "incident: fire alarm, room evacuated",
    "session closed",
};

struct Fixture {
    SigningKeyPair keys = generateSigningKeyPair();
    std::vector<ChainEntry> chain;

    Fixture() {
        HashChainWriter writer(keys, std::nullopt);
        std::int64_t time = kStart;
        for (const char* event : kEvents) {
            chain.push_back(writer.append(bytesOf(event), time));
            time += 60'000;
        }
    }
};

} // namespace

class TestHashChain : public QObject {
    Q_OBJECT

    static void expectBreak(const std::vector<ChainEntry>& chain, const SigningPublicKey& signer,
                            std::size_t index, ChainBreak kind, const char* context) {
        const ChainVerdict verdict = verifyChain(chain, signer);
        QVERIFY2(!verdict.intact, context);
        QVERIFY2(verdict.firstBrokenSequence.has_value(), context);
        QCOMPARE(*verdict.firstBrokenSequence, std::uint64_t{index});
        QCOMPARE(verdict.kind, kind);
        QVERIFY2(verdict.reason.find("entry " + std::to_string(index)) != std::string::npos,
                 verdict.reason.c_str());
    }

private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void signedBytesFollowTheDocumentedLayout() {
        ChainEntry entry;
        entry.sequence = 0x0102030405060708ULL;
        entry.timeMs = -2; // two's complement, little-endian
        entry.payload = bytesOf("seat 7");
        for (std::size_t i = 0; i < entry.previousHash.size(); ++i) {
            entry.previousHash[i] = static_cast<std::uint8_t>(0x80 + i);
        }
        entry.signerKeyId = {1, 2, 3, 4, 5, 6, 7, 8};

        std::vector<std::uint8_t> expected;
        const std::string_view domain = "vigil.hashchain.v1";
        putLittleEndian(expected, domain.size(), 4);
        expected.insert(expected.end(), domain.begin(), domain.end());
        putLittleEndian(expected, entry.sequence, 8);
        putLittleEndian(expected, 0xfffffffffffffffeULL, 8);
        expected.insert(expected.end(), entry.signerKeyId.begin(), entry.signerKeyId.end());
        expected.insert(expected.end(), entry.previousHash.begin(), entry.previousHash.end());
        putLittleEndian(expected, entry.payload.size(), 8);
        expected.insert(expected.end(), entry.payload.begin(), entry.payload.end());
        QCOMPARE(signedBytesOf(entry), expected);
    }

    void lengthPrefixesKeepPayloadBoundariesApart() {
        ChainEntry a;
        a.payload = bytesOf("ab");
        ChainEntry b;
        b.payload = bytesOf("a");
        QVERIFY(signedBytesOf(a) != signedBytesOf(b));
        QVERIFY(signedBytesOf(a).size() == signedBytesOf(b).size() + 1);
    }

    void entryHashIsBlake2bOfSignedBytesAndSignature() {
        const Fixture fixture;
        const ChainEntry& entry = fixture.chain[2];
        std::vector<std::uint8_t> input = signedBytesOf(entry);
        input.insert(input.end(), entry.signature.begin(), entry.signature.end());
        Digest expected{};
        QCOMPARE(crypto_generichash(expected.data(), expected.size(), input.data(), input.size(),
                                    nullptr, 0),
                 0);
        QCOMPARE(entryHash(entry), expected);
    }

    void theWriterLinksSignsAndNumbersEntries() {
        const Fixture fixture;
        QCOMPARE(fixture.chain.front().previousHash, Digest{});
        for (std::size_t i = 0; i < fixture.chain.size(); ++i) {
            const ChainEntry& entry = fixture.chain[i];
            QCOMPARE(entry.sequence, std::uint64_t{i});
            QCOMPARE(entry.payload, bytesOf(kEvents[i]));
            QCOMPARE(entry.signerKeyId, keyIdOf(fixture.keys.publicKey));
            QCOMPARE(crypto_sign_verify_detached(
                         entry.signature.data(), signedBytesOf(entry).data(),
                         signedBytesOf(entry).size(), fixture.keys.publicKey.data()),
                     0);
            if (i > 0) {
                QCOMPARE(entry.previousHash, entryHash(fixture.chain[i - 1]));
            }
        }
        const ChainVerdict verdict = verifyChain(fixture.chain, fixture.keys.publicKey);
        QVERIFY(verdict.intact);
        QCOMPARE(verdict.kind, ChainBreak::None);
        QVERIFY(!verdict.firstBrokenSequence);
        QVERIFY(verdict.reason.empty());
        QVERIFY(verifyChain({}, fixture.keys.publicKey).intact);
    }

    void aNewWriterContinuesFromTheLastEntry() {
        Fixture fixture;
        HashChainWriter resumed(fixture.keys, fixture.chain.back());
        fixture.chain.push_back(resumed.append(bytesOf("session reopened"), kStart + 3'600'000));
        fixture.chain.push_back(resumed.append({}, kStart + 3'600'001));
        QCOMPARE(fixture.chain.back().sequence, std::uint64_t{6});
        QVERIFY(verifyChain(fixture.chain, fixture.keys.publicKey).intact);
    }

    void aTailVerifiesAfterItsTrustedPredecessor() {
        const Fixture fixture;
        const std::span<const ChainEntry> tail = std::span(fixture.chain).subspan(3);
        QVERIFY(verifyChain(tail, fixture.keys.publicKey, fixture.chain[2]).intact);
        QVERIFY(!verifyChain(tail, fixture.keys.publicKey).intact); // it does not start a chain
        const ChainVerdict wrongAnchor =
            verifyChain(tail, fixture.keys.publicKey, fixture.chain[1]);
        QVERIFY(!wrongAnchor.intact);
        QCOMPARE(wrongAnchor.kind, ChainBreak::SequenceGap);
    }

    void flippingAnyByteOfAnyFieldBreaksThatEntry() {
        const Fixture fixture;
        const SigningPublicKey& signer = fixture.keys.publicKey;
        for (std::size_t index = 0; index < fixture.chain.size(); ++index) {
            const auto altered = [&](auto&& change) {
                std::vector<ChainEntry> chain = fixture.chain;
                change(chain[index]);
                return chain;
            };
            for (std::size_t p = 0; p < fixture.chain[index].payload.size(); ++p) {
                expectBreak(altered([&](ChainEntry& e) { e.payload[p] ^= 0x01; }), signer, index,
                            ChainBreak::BadSignature, "payload");
            }
            expectBreak(altered([](ChainEntry& e) { e.payload.push_back(0); }), signer, index,
                        ChainBreak::BadSignature, "payload extended");
            expectBreak(altered([](ChainEntry& e) { e.payload.clear(); }), signer, index,
                        ChainBreak::BadSignature, "payload emptied");
            for (int bit = 0; bit < 64; ++bit) {
                expectBreak(altered([&](ChainEntry& e) { e.timeMs ^= std::int64_t{1} << bit; }),
                            signer, index, ChainBreak::BadSignature, "time");
                expectBreak(altered([&](ChainEntry& e) { e.sequence ^= std::uint64_t{1} << bit; }),
                            signer, index, ChainBreak::SequenceGap, "sequence");
            }
            for (std::size_t p = 0; p < sizeof(Digest); ++p) {
                expectBreak(altered([&](ChainEntry& e) { e.previousHash[p] ^= 0x01; }), signer,
                            index, ChainBreak::PreviousHashMismatch, "previousHash");
            }
            for (std::size_t p = 0; p < sizeof(Signature); ++p) {
                expectBreak(altered([&](ChainEntry& e) { e.signature[p] ^= 0x01; }), signer, index,
                            ChainBreak::BadSignature, "signature");
            }
            for (std::size_t p = 0; p < sizeof(KeyId); ++p) {
                expectBreak(altered([&](ChainEntry& e) { e.signerKeyId[p] ^= 0x01; }), signer,
                            index, ChainBreak::WrongSigner, "signerKeyId");
            }
        }
    }

    void removedDuplicatedOrSwappedEntriesAreSequenceGaps() {
        const Fixture fixture;
        std::vector<ChainEntry> removed = fixture.chain;
        removed.erase(removed.begin() + 2);
        expectBreak(removed, fixture.keys.publicKey, 2, ChainBreak::SequenceGap, "removed");

        std::vector<ChainEntry> duplicated = fixture.chain;
        duplicated.insert(duplicated.begin() + 3, fixture.chain[2]);
        expectBreak(duplicated, fixture.keys.publicKey, 3, ChainBreak::SequenceGap, "duplicated");

        std::vector<ChainEntry> swapped = fixture.chain;
        std::swap(swapped[1], swapped[3]);
        expectBreak(swapped, fixture.keys.publicKey, 1, ChainBreak::SequenceGap, "swapped");

        std::vector<ChainEntry> headless(fixture.chain.begin() + 1, fixture.chain.end());
        expectBreak(headless, fixture.keys.publicKey, 0, ChainBreak::SequenceGap, "first removed");
    }

    void anEntryRewrittenAndResignedByTheSignerBreaksTheNextLink() {
        const Fixture fixture;
        std::vector<ChainEntry> chain = fixture.chain;
        chain[1].payload = bytesOf("candidate 99999 seated at PC 7");
        chain[1].signature = sign(fixture.keys, signedBytesOf(chain[1]));
        expectBreak(chain, fixture.keys.publicKey, 2, ChainBreak::PreviousHashMismatch,
                    "rewritten");
    }

    void anEntryFromAnotherKeyIsWrongSigner() {
        const Fixture fixture;
        const SigningKeyPair intruder = generateSigningKeyPair();
        HashChainWriter forger(intruder, fixture.chain[1]);
        std::vector<ChainEntry> chain(fixture.chain.begin(), fixture.chain.begin() + 2);
        chain.push_back(forger.append(bytesOf("incident: none"), kStart));
        expectBreak(chain, fixture.keys.publicKey, 2, ChainBreak::WrongSigner, "forged");

        // The same forgery claiming the real signer's key id fails on its signature instead.
        chain[2].signerKeyId = keyIdOf(fixture.keys.publicKey);
        chain[2].signature = sign(intruder, signedBytesOf(chain[2]));
        expectBreak(chain, fixture.keys.publicKey, 2, ChainBreak::BadSignature, "claimed");

        const ChainVerdict other = verifyChain(fixture.chain, intruder.publicKey);
        QVERIFY(!other.intact);
        QCOMPARE(other.kind, ChainBreak::WrongSigner);
        QCOMPARE(*other.firstBrokenSequence, std::uint64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestHashChain)
#include "tst_hash_chain.moc"
