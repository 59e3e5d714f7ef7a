// The upload's envelope and the receipt, without a network: what a centre signs, what the
// receiver reads from the headers, and each refusal with its HTTP status.
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/upload_batch.h"
#include "vigil/receiver/upload_request.h"

#include <QTest>
#include <algorithm>
#include <set>

using namespace vigil;
using namespace vigil::receiver;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

std::vector<std::uint8_t> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

// What the receiver sees of a request a centre built: the same text headers.
struct Wire {
    std::vector<std::pair<std::string, std::string>> lines;
    std::string value(std::string_view name) const {
        for (const auto& [key, text] : lines) {
            if (key == name) {
                return text;
            }
        }
        return {};
    }
};

ReceiverResult<UploadRequest> decodeWire(const UploadRequest& sent, const Wire& wire) {
    const auto centre = wire.value("Vigil-Centre");
    const auto kind = wire.value("Vigil-Kind");
    const auto timestamp = wire.value("Vigil-Timestamp");
    const auto nonce = wire.value("Vigil-Nonce");
    const auto signature = wire.value("Vigil-Signature");
    return decodeUpload(sent.method, sent.target, {centre, kind, timestamp, nonce, signature});
}

} // namespace

class UploadEnvelopeTest : public QObject {
    Q_OBJECT

    crypto::SigningKeyPair centre_ = crypto::generateSigningKeyPair();
    std::vector<std::uint8_t> record_ = bytes(R"({"candidate":"C1","score":17})");

private slots:
    void theItemIdIsTheBlake2bOfItsBytes() {
        QCOMPARE(itemIdOf(record_), crypto::blake2b(record_));
        QCOMPARE(parseItemId(itemIdHex(itemIdOf(record_))), std::optional(itemIdOf(record_)));
        QVERIFY(!parseItemId("abc"));
        QVERIFY(!parseItemId(std::string(64, 'g')));
    }

    void eachKindHasAStableName() {
        for (auto kind :
             {ItemKind::ResultRecord, ItemKind::JournalHead, ItemKind::InvigilationRecord,
              ItemKind::ProblemReport, ItemKind::MalpracticeReport}) {
            QCOMPARE(parseKind(kindName(kind)), std::optional(kind));
        }
        QCOMPARE(kindName(ItemKind::ResultRecord), std::string_view("result-record"));
        QVERIFY(!parseKind("Result-Record"));
    }

    void aSignedUploadReadFromItsHeadersVerifiesUnderTheCentresKey() {
        const auto sent = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        QCOMPARE(sent.target, "/v1/items/" + itemIdHex(itemIdOf(record_)));
        const auto received = decodeWire(sent, {headerLines(sent)});
        QVERIFY(received.ok());
        QCOMPARE(received.value().centreId, std::string("C0451"));
        QCOMPARE(received.value().itemId, itemIdOf(record_));
        QCOMPARE(received.value().nonce, sent.nonce);
        const auto verified = verifyUpload(received.value(), record_, centre_.publicKey, kNow);
        QVERIFY(verified.ok());
        QCOMPARE(verified.value(), itemIdOf(record_));
    }

    void everyRequestCarriesAFreshNonce() {
        const auto first = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        const auto again = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        QVERIFY(first.nonce != again.nonce);
        QVERIFY(first.signature != again.signature);
    }

    void aTamperedBodyDoesNotMatchItsItemId() {
        const auto sent = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        auto tampered = record_;
        tampered[14] ^= 1;
        const auto verified = verifyUpload(sent, tampered, centre_.publicKey, kNow);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().error, ReceiverError::ItemIdMismatch);
        QCOMPARE(httpStatus(verified.error().error), 422);
    }

    void aBodySwappedTogetherWithItsIdFailsTheSignature() {
        auto forged = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        const auto other = bytes(R"({"candidate":"C1","score":99})");
        forged.itemId = itemIdOf(other);
        forged.target = "/v1/items/" + itemIdHex(forged.itemId);
        const auto verified = verifyUpload(forged, other, centre_.publicKey, kNow);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().error, ReceiverError::BadSignature);
        QCOMPARE(httpStatus(verified.error().error), 401);
    }

    void aRequestSignedByAnotherKeyFailsTheSignature() {
        const auto stranger = crypto::generateSigningKeyPair();
        const auto sent = signUpload(stranger, "C0451", ItemKind::ResultRecord, record_, kNow);
        const auto verified = verifyUpload(sent, record_, centre_.publicKey, kNow);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().error, ReceiverError::BadSignature);
    }

    void anotherCentreOrKindUnderTheSameSignatureFails() {
        auto sent = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        sent.centreId = "C0452";
        QCOMPARE(verifyUpload(sent, record_, centre_.publicKey, kNow).error().error,
                 ReceiverError::BadSignature);
        sent.centreId = "C0451";
        sent.kind = ItemKind::MalpracticeReport;
        QCOMPARE(verifyUpload(sent, record_, centre_.publicKey, kNow).error().error,
                 ReceiverError::BadSignature);
    }

    void aTimestampOutsideTheReplayWindowIsStaleEitherWay() {
        for (const auto offset : {kReplayWindowMs, -kReplayWindowMs}) {
            const auto edge =
                signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow + offset);
            QVERIFY(verifyUpload(edge, record_, centre_.publicKey, kNow).ok());
        }
        for (const auto offset : {kReplayWindowMs + 1, -kReplayWindowMs - 1}) {
            const auto stale =
                signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow + offset);
            const auto verified = verifyUpload(stale, record_, centre_.publicKey, kNow);
            QVERIFY(!verified.ok());
            QCOMPARE(verified.error().error, ReceiverError::StaleRequest);
            QCOMPARE(httpStatus(verified.error().error), 401);
        }
    }

    void eachBrokenHeaderIsNamed_data() {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("no centre") << "Vigil-Centre"
                                   << ""
                                   << "Vigil-Centre";
        QTest::newRow("no kind") << "Vigil-Kind"
                                 << ""
                                 << "Vigil-Kind";
        QTest::newRow("timestamp not a number") << "Vigil-Timestamp"
                                                << "12a"
                                                << "Vigil-Timestamp";
        QTest::newRow("negative timestamp") << "Vigil-Timestamp"
                                            << "-5"
                                            << "Vigil-Timestamp";
        QTest::newRow("short nonce") << "Vigil-Nonce"
                                     << "abcd"
                                     << "Vigil-Nonce";
        QTest::newRow("signature not hex")
            << "Vigil-Signature" << QString(128, 'z') << "Vigil-Signature";
    }
    void eachBrokenHeaderIsNamed() {
        QFETCH(QString, header);
        QFETCH(QString, value);
        QFETCH(QString, named);
        const auto sent = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        Wire wire{headerLines(sent)};
        for (auto& [key, text] : wire.lines) {
            if (key == header.toStdString()) {
                text = value.toStdString();
            }
        }
        const auto received = decodeWire(sent, wire);
        QVERIFY(!received.ok());
        QCOMPARE(received.error().error, ReceiverError::MalformedRequest);
        QVERIFY2(received.error().detail.starts_with(named.toStdString()),
                 received.error().detail.c_str());
        QCOMPARE(httpStatus(received.error().error), 400);
    }

    void anUnknownKindIsRefusedByName() {
        const auto sent = signUpload(centre_, "C0451", ItemKind::ResultRecord, record_, kNow);
        const auto received = decodeUpload("POST", sent.target, {"C0451", "pizza", "1", "", ""});
        QCOMPARE(received.error().error, ReceiverError::UnknownItemKind);
        QCOMPARE(received.error().detail, std::string("Vigil-Kind: pizza"));
    }

    void targetsThatAreNotAnItemAreRefused() {
        const UploadHeaders none{};
        QCOMPARE(decodeUpload("POST", "/v1/things/ab", none).error().error,
                 ReceiverError::NotFound);
        QCOMPARE(decodeUpload("POST", "/v1/items/../../etc", none).error().error,
                 ReceiverError::MalformedRequest);
        QCOMPARE(decodeUpload("GET", "/v1/items/" + std::string(64, 'a'), none).error().error,
                 ReceiverError::MethodNotAllowed);
    }

    void aReceiptVerifiesUnderTheReceiversKeyAndReadsBackFromJson() {
        const auto receiverKeys = crypto::generateSigningKeyPair();
        const auto receipt = signReceipt(receiverKeys, "C0451", itemIdOf(record_), kNow);
        QVERIFY(verifyReceipt(receiverKeys.publicKey, receipt));
        const auto decoded = decodeReceipt(encodeReceipt(receipt));
        QVERIFY(decoded.ok());
        QVERIFY(decoded.value() == receipt);

        auto altered = receipt;
        altered.receivedAtMs += 1;
        QVERIFY(!verifyReceipt(receiverKeys.publicKey, altered));
        altered = receipt;
        altered.centreId = "C0452";
        QVERIFY(!verifyReceipt(receiverKeys.publicKey, altered));
        QVERIFY(!verifyReceipt(centre_.publicKey, receipt));
    }

    void aBrokenReceiptNamesItsField() {
        QCOMPARE(decodeReceipt("[]").error().detail, std::string("Receipt: not a JSON object"));
        QCOMPARE(decodeReceipt(R"({"centre":"C","item":"ab","receivedAt":1,"signature":""})")
                     .error()
                     .detail,
                 std::string("Receipt.item"));
        const auto id = std::string(64, 'a');
        QCOMPARE(decodeReceipt(R"({"centre":"C","item":")" + id +
                               R"(","receivedAt":1.5,"signature":""})")
                     .error()
                     .detail,
                 std::string("Receipt.receivedAt"));
    }

    void aBatchReadsBackItemByItemAndItsEnvelopeSignsTheWholeBody() {
        const auto head = bytes("head");
        const std::vector<BatchItem> items{{ItemKind::ResultRecord, record_},
                                           {ItemKind::JournalHead, head}};
        const auto body = encodeBatch(items);
        const auto decoded = decodeBatch(body);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().size(), std::size_t(2));
        QCOMPARE(decoded.value()[1].kind, ItemKind::JournalHead);
        QVERIFY(std::ranges::equal(decoded.value()[0].bytes, record_));
        QVERIFY(std::ranges::equal(decoded.value()[1].bytes, head));

        const auto request = signBatchUpload(centre_, "C0451", body, kNow);
        QVERIFY(request.batch);
        QCOMPARE(request.target, std::string(kBatchesPathPrefix) + itemIdHex(itemIdOf(body)));
        Wire wire{headerLines(request)};
        QCOMPARE(wire.value("Vigil-Kind"), std::string("batch"));
        const auto read = decodeWire(request, wire);
        QVERIFY(read.ok());
        QVERIFY(read.value().batch);
        QVERIFY(verifyUpload(read.value(), body, centre_.publicKey, kNow).ok());
        // The same signature does not pass for a single item of the same bytes.
        auto asItem = read.value();
        asItem.batch = false;
        QCOMPARE(verifyUpload(asItem, body, centre_.publicKey, kNow).error().error,
                 ReceiverError::BadSignature);
    }

    void aBrokenBatchIsRefusedNamingWhatIsWrong_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("detail");
        const auto good = encodeBatch(std::vector<BatchItem>{{ItemKind::ResultRecord, record_}});
        const QByteArray whole(reinterpret_cast<const char*>(good.data()), qsizetype(good.size()));
        const auto malformed = int(ReceiverError::MalformedRequest);
        QTest::newRow("empty") << QByteArray() << malformed << "not a batch";
        QTest::newRow("other magic")
            << QByteArray("VIGILBT2").append(whole.mid(8)) << malformed << "not a batch";
        QTest::newRow("no items") << QByteArray("VIGILBT1\0\0\0\0", 12) << malformed << "1 to";
        QTest::newRow("too many") << QByteArray("VIGILBT1\0\0\x03\xe9", 12) << malformed
                                  << "1 to 1000";
        QTest::newRow("cut short") << whole.left(whole.size() - 1) << malformed << "item 1";
        QTest::newRow("left over") << QByteArray(whole).append('x') << malformed << "after";
        QTest::newRow("unknown kind") << QByteArray(whole).replace("result-record", "result-rekord")
                                      << int(ReceiverError::UnknownItemKind) << "result-rekord";
        QTest::newRow("empty item") << QByteArray("VIGILBT1\0\0\0\x01\x0dresult-record\0\0\0\0", 30)
                                    << malformed << "empty";
    }
    void aBrokenBatchIsRefusedNamingWhatIsWrong() {
        QFETCH(QByteArray, body);
        QFETCH(int, error);
        QFETCH(QString, detail);
        const auto decoded = decodeBatch(std::span(
            reinterpret_cast<const std::uint8_t*>(body.constData()), std::size_t(body.size())));
        QVERIFY(!decoded);
        QCOMPARE(int(decoded.error().error), error);
        QVERIFY2(decoded.error().detail.find(detail.toStdString()) != std::string::npos,
                 decoded.error().detail.c_str());
    }

    void aBatchAnswerCarriesAReceiptOrARefusalPerItem() {
        std::vector<BatchItemAnswer> answers;
        answers.emplace_back(signReceipt(centre_, "C0451", itemIdOf(record_), kNow));
        answers.emplace_back(ReceiverFailure{ReceiverError::ItemOfAnotherCentre, "C0452"});
        const auto decoded = decodeBatchAnswer(encodeBatchAnswer(answers));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().size(), std::size_t(2));
        QVERIFY(decoded.value()[0].value() == answers[0].value());
        QCOMPARE(decoded.value()[1].error().error, ReceiverError::ItemOfAnotherCentre);
        QVERIFY(!decodeBatchAnswer(R"({"answers":{}})"));
        QVERIFY(!decodeBatchAnswer(R"({"answers":[{"centre":"C0451"}]})"));
        const auto unknown = decodeBatchAnswer(R"({"answers":[{"error":"newer","detail":"d"}]})");
        QVERIFY(unknown.ok());
        QVERIFY(unknown.value()[0].error().detail.find("newer") != std::string::npos);
    }

    void everyErrorHasItsOwnCodeAndADocumentedStatus() {
        std::set<std::string_view> codes;
        const std::set<int> documented{400, 401, 403, 404, 405, 409, 413, 422, 431, 503};
        for (int value = 0; value <= int(ReceiverError::StoreUnavailable); ++value) {
            const auto error = static_cast<ReceiverError>(value);
            QVERIFY(codes.insert(code(error)).second);
            QVERIFY(documented.contains(httpStatus(error)));
            QVERIFY(!describe(error).empty());
        }
        QCOMPARE(httpStatus(ReceiverError::ReplayedRequest), 409);
        QCOMPARE(httpStatus(ReceiverError::UnknownCentre), 403);
        QCOMPARE(httpStatus(ReceiverError::BodyTooLarge), 413);
        QCOMPARE(httpStatus(ReceiverError::StoreUnavailable), 503);
    }
};

QTEST_GUILESS_MAIN(UploadEnvelopeTest)
#include "tst_upload_envelope.moc"
