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
            HelloReply{HelloReply::Standing::Enrolled, "", "console", {}, 750},
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
            ConsoleCommand{std::string(32, 'f'), "PC07", CommandKind::GrantExtraTime,
                           1'795'000'000'000, R"({"minutes":10,"reason":"fire alarm"})",
                           std::string(128, '0')},
            ConsoleCommand{std::string(32, '0'), "PC07", CommandKind::Resume, 0, "{}",
                           std::string(128, 'a')},
            CommandResult{std::string(32, 'f'), true, "", false},
            CommandResult{std::string(32, 'f'), true, "", true},
            CommandResult{std::string(32, 'f'), false, "the command is for PC08; this PC is PC07"},
            SittingResult{"ab12", {0x00, 0x7f, 0xff, 0x10}},
            ResultAck{"ab12", std::string(64, 'c')},
        };
        for (const auto& message : messages) {
            const auto frame = encodeMessage(message);
            QCOMPARE(frame.type, std::uint8_t(typeOf(message)));
            auto decoded = decodeMessage(frame);
            QVERIFY2(decoded.ok(), decoded.ok() ? "" : describe(decoded.error()).c_str());
            QVERIFY2(decoded.value() == message,
                     std::string(frame.payload.begin(), frame.payload.end()).c_str());
        }
    }

    void aCommandBreakingItsOwnRulesIsNamed_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        const QString good = QStringLiteral(
            R"({"commandId":"%1","seat":"PC07","kind":"%2","issuedAtMs":1,"body":"%3",)"
            R"("signature":"%4"})");
        const QString id(32, u'a');
        const QString signature(128, u'b');
        QTest::newRow("short id") << good.arg(id.left(31), "pause", "{}", signature)
                                  << "ConsoleCommand.commandId";
        QTest::newRow("upper-case id")
            << good.arg(id.toUpper(), "pause", "{}", signature) << "ConsoleCommand.commandId";
        QTest::newRow("unknown kind")
            << good.arg(id, "reboot", "{}", signature) << "ConsoleCommand.kind";
        QTest::newRow("body not an object")
            << good.arg(id, "pause", "[1]", signature) << "ConsoleCommand.body";
        QTest::newRow("body not JSON")
            << good.arg(id, "pause", "{", signature) << "ConsoleCommand.body";
        QTest::newRow("short signature")
            << good.arg(id, "pause", "{}", signature.left(127)) << "ConsoleCommand.signature";
        QTest::newRow("signature not hex")
            << good.arg(id, "pause", "{}", QString(128, u'z')) << "ConsoleCommand.signature";
    }

    void aCommandBreakingItsOwnRulesIsNamed() {
        QFETCH(QString, json);
        QFETCH(QString, field);
        const auto bytes = json.toStdString();
        const auto failure = refusalOf(rawFrame(MessageType::ConsoleCommand, bytes));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY2(QString::fromStdString(failure.detail).startsWith(field), failure.detail.c_str());
    }

    void aCommandResultHasAKnownOutcome() {
        const auto failure = refusalOf(rawFrame(
            MessageType::CommandResult,
            R"({"commandId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","outcome":"maybe","reason":"",)"
            R"("repeated":false})"));
        QCOMPARE(failure.error, LinkError::MalformedMessage);
        QVERIFY(QString::fromStdString(failure.detail).startsWith("CommandResult.outcome"));
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

    void aResultRecordMustBeHexAndItsAckAnItemId() {
        for (const char* sealed : {"", "abc", "ABCD", "zz00"}) {
            const auto failure = refusalOf(
                rawFrame(MessageType::SittingResult,
                         std::string("{\"sittingId\":\"ab12\",\"sealed\":\"") + sealed + "\"}"));
            QCOMPARE(failure.error, LinkError::MalformedMessage);
            QVERIFY2(QString::fromStdString(failure.detail).startsWith("SittingResult.sealed"),
                     failure.detail.c_str());
        }
        const auto tooLong =
            refusalOf(rawFrame(MessageType::SittingResult,
                               "{\"sittingId\":\"ab12\",\"sealed\":\"" +
                                   std::string(2 * kMaxSealedResultBytes + 2, 'a') + "\"}"));
        QVERIFY(QString::fromStdString(tooLong.detail).startsWith("SittingResult.sealed"));
        const auto shortId = refusalOf(
            rawFrame(MessageType::ResultAck, "{\"sittingId\":\"ab12\",\"itemId\":\"abcd\"}"));
        QCOMPARE(shortId.error, LinkError::MalformedMessage);
        QVERIFY(QString::fromStdString(shortId.detail).startsWith("ResultAck.itemId"));
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

    // The console's heartbeat setting: absent from an older console (the kiosk keeps its own),
    // else within the range a link's read timeout leaves room for.
    void theHeartbeatAKioskIsToldIsOptionalAndBounded() {
        const std::string_view before = "{\"standing\":\"enrolled\",\"reason\":\"\","
                                        "\"consoleName\":\"c\",\"acknowledged\":[]";
        auto withHeartbeat = [&](std::string_view field) {
            return rawFrame(MessageType::HelloReply,
                            std::string(before) + std::string(field) + "}");
        };
        const auto olderConsole = decodeMessage(withHeartbeat(""));
        QVERIFY(olderConsole.ok());
        QCOMPARE(std::get<HelloReply>(olderConsole.value()).heartbeatMs, std::int64_t(0));
        const auto said = decodeMessage(withHeartbeat(",\"heartbeatMs\":2000"));
        QVERIFY(said.ok());
        QCOMPARE(std::get<HelloReply>(said.value()).heartbeatMs, std::int64_t(2000));
        for (const auto field : {",\"heartbeatMs\":50", ",\"heartbeatMs\":60000",
                                 ",\"heartbeatMs\":-1", ",\"heartbeatMs\":\"1000\""}) {
            const auto failure = refusalOf(withHeartbeat(field));
            QCOMPARE(failure.error, LinkError::MalformedMessage);
            QVERIFY2(QString::fromStdString(failure.detail).startsWith("HelloReply.heartbeatMs"),
                     failure.detail.c_str());
        }
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
