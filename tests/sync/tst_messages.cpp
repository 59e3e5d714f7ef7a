#include "vigil/sync/messages.h"

#include <QTest>

using namespace vigil::sync;

namespace {

Frame rawFrame(MessageType type, std::string_view json) {
    return {std::uint8_t(type), std::vector<std::uint8_t>(json.begin(), json.end())};
}

LinkFailure refusalOf(const Frame& frame) {
    auto decoded = decodeMessage(frame);
    if (decoded.ok()) {
        return {LinkError::Io, "decoded although it should not"};
    }
    return decoded.error();
}

} // namespace

class MessagesTest : public QObject {
    Q_OBJECT
private slots:
    void everyMessageSurvivesARoundTrip() {
        const std::vector<Message> messages{
            Hello{1, "C0451", "PC07", "vigil-kiosk 0.1.0"},
            HelloReply{HelloReply::Standing::Refused,
                       "PC07 presented a different key",
                       "Workshop 2 console",
                       {}},
            HelloReply{HelloReply::Standing::Enrolled, "", "console", {}},
            HelloReply{HelloReply::Standing::Enrolled,
                       "",
                       "console",
                       {JournalAck{"ab12", 41}, JournalAck{"cd34", -1}}},
            KioskStatus{"Question", "ab12", 7, 40, 1'234, ""},
            KioskStatus{"OutOfService", "", 0, 0, 0, "the seat assignment is for PC08"},
            JournalEvents{"ab12",
                          17,
                          {"{\"kind\":\"Started\"}", "{\"kind\":\"Checkpoint\"}"},
                          std::string(64, 'a'),
                          std::string(128, 'b')},
            JournalAck{"ab12", 18},
            JournalAck{"ab12", -1},
            JournalRefused{"ab12", 19, "the chain breaks at event 19"},
        };
        for (const auto& message : messages) {
            const auto frame = encodeMessage(message);
            QCOMPARE(frame.type, std::uint8_t(typeOf(message)));
            auto decoded = decodeMessage(frame);
            QVERIFY2(decoded.ok(), decoded.ok() ? "" : describe(decoded.error()).c_str());
            QVERIFY(decoded.value() == message);
        }
    }

    void aMissingFieldIsNamed() {
        const auto failure = refusalOf(rawFrame(
            MessageType::Hello, "{\"protocol\":1,\"centreId\":\"C0451\",\"software\":\"x\"}"));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QCOMPARE(QString::fromStdString(failure.detail),
                 QStringLiteral("Hello.seat: missing or not text"));
    }

    void aFieldOfTheWrongKindIsRefused() {
        const auto failure = refusalOf(
            rawFrame(MessageType::JournalAck, "{\"sittingId\":\"ab12\",\"through\":\"18\"}"));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY(QString::fromStdString(failure.detail).startsWith("JournalAck.through"));
    }

    void numbersMustBeWholeAndInRange() {
        QCOMPARE(
            refusalOf(rawFrame(MessageType::JournalAck, "{\"sittingId\":\"a\",\"through\":1.5}"))
                .error,
            LinkError::MalformedMessage);
        QCOMPARE(
            refusalOf(rawFrame(MessageType::JournalAck, "{\"sittingId\":\"a\",\"through\":-2}"))
                .error,
            LinkError::MalformedMessage);
        QCOMPARE(
            refusalOf(rawFrame(MessageType::JournalAck, "{\"sittingId\":\"a\",\"through\":1e300}"))
                .error,
            LinkError::MalformedMessage);
    }

    void textOverItsLimitIsRefused() {
        const std::string longSeat(kMaxTextField + 1, 'P');
        const auto json =
            "{\"protocol\":1,\"centreId\":\"C\",\"seat\":\"" + longSeat + "\",\"software\":\"x\"}";
        const auto failure = refusalOf(rawFrame(MessageType::Hello, json));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY(QString::fromStdString(failure.detail).contains("Hello.seat: longer than"));
    }

    void tooManyEventsInOneBatchIsRefused() {
        JournalEvents batch{"ab12", 0, std::vector<std::string>(kMaxEventsPerMessage + 1, "{}"), "",
                            ""};
        const auto failure = refusalOf(encodeMessage(batch));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY(QString::fromStdString(failure.detail).startsWith("JournalEvents.events"));
    }

    void aBadAcknowledgementInsideAHelloReplyIsNamed() {
        const auto failure =
            refusalOf(rawFrame(MessageType::HelloReply,
                               "{\"standing\":\"enrolled\",\"reason\":\"\",\"consoleName\":\"c\","
                               "\"acknowledged\":[{\"sittingId\":\"a\",\"through\":3},"
                               "{\"sittingId\":\"b\",\"through\":\"x\"}]}"));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY2(
            QString::fromStdString(failure.detail).startsWith("HelloReply.acknowledged[1].through"),
            failure.detail.c_str());
    }

    void anUnknownStandingIsRefused() {
        const auto failure =
            refusalOf(rawFrame(MessageType::HelloReply,
                               "{\"standing\":\"vip\",\"reason\":\"\",\"consoleName\":\"\"}"));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
    }

    void fieldsANewerBuildAddsAreIgnored() {
        auto decoded = decodeMessage(rawFrame(
            MessageType::JournalAck, "{\"sittingId\":\"ab12\",\"through\":3,\"compressed\":true}"));
        QVERIFY(decoded.ok());
        QVERIFY(std::get<JournalAck>(decoded.value()) == (JournalAck{"ab12", 3}));
    }

    void notJsonOrNotAnObjectIsRefused() {
        QCOMPARE(refusalOf(rawFrame(MessageType::Hello, "\x01\x02garbage")).error,
                 LinkError::MalformedMessage);
        QCOMPARE(refusalOf(rawFrame(MessageType::Hello, "[1,2,3]")).error,
                 LinkError::MalformedMessage);
        QCOMPARE(refusalOf(rawFrame(MessageType::Hello, "")).error, LinkError::MalformedMessage);
    }

    void anUnknownTypeIsRefusedNamingIt() {
        const auto failure = refusalOf(Frame{200, {'{', '}'}});
        QCOMPARE(failure.error, LinkError::UnknownMessage);
        QCOMPARE(QString::fromStdString(failure.detail), QStringLiteral("type 200"));
    }
};

QTEST_GUILESS_MAIN(MessagesTest)
#include "tst_messages.moc"
