#include "vigil/sync/messages.h"

#include "field_reader.h"
#include "vigil/crypto/hash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <algorithm>
#include <cmath>
#include <optional>

namespace vigil::sync {
namespace {

using detail::FieldReader;
using detail::key;
using detail::kMaxSafeInteger;
using detail::text;

constexpr std::array<const char*, 3> kStandings{"enrolled", "awaiting-enrolment", "refused"};

QJsonObject toJson(const Hello& m) {
    return {{"protocol", m.protocol},
            {"centreId", text(m.centreId)},
            {"seat", text(m.seat)},
            {"software", text(m.software)}};
}
QJsonObject toJson(const JournalAck& m) {
    return {{"sittingId", text(m.sittingId)}, {"through", double(m.through)}};
}
QJsonObject toJson(const HelloReply& m) {
    QJsonArray acknowledged;
    for (const auto& ack : m.acknowledged) {
        acknowledged.append(toJson(ack));
    }
    return {{"standing", kStandings[std::size_t(m.standing)]},
            {"reason", text(m.reason)},
            {"consoleName", text(m.consoleName)},
            {"acknowledged", acknowledged},
            {"heartbeatMs", double(m.heartbeatMs)}};
}
QJsonObject toJson(const KioskStatus& m) {
    return {{"screen", text(m.screen)},
            {"sittingId", text(m.sittingId)},
            {"position", m.position},
            {"questionCount", m.questionCount},
            {"secondsLeft", double(m.secondsLeft)},
            {"problem", text(m.problem)}};
}
QJsonObject toJson(const JournalEvents& m) {
    QJsonArray events;
    for (const auto& event : m.events) {
        events.append(text(event));
    }
    return {{"sittingId", text(m.sittingId)},
            {"firstSequence", double(m.firstSequence)},
            {"events", events},
            {"head", text(m.headHex)},
            {"signature", text(m.signatureHex)}};
}
QJsonObject toJson(const JournalRefused& m) {
    return {{"sittingId", text(m.sittingId)},
            {"atSequence", double(m.atSequence)},
            {"reason", text(m.reason)}};
}

QJsonObject toJson(const SittingResult& m) {
    return {{"sittingId", text(m.sittingId)}, {"sealed", text(crypto::toHex(m.sealed))}};
}
QJsonObject toJson(const ResultAck& m) {
    return {{"sittingId", text(m.sittingId)}, {"itemId", text(m.itemId)}};
}

// In CommandKind's order (console_command.h).
constexpr std::array<const char*, 9> kKindNames{"deliver-assignment",
                                                "launch",
                                                "pause",
                                                "resume",
                                                "extra-time",
                                                "void",
                                                "authorise-resume",
                                                "sitting-moved",
                                                "move-sitting-here"};
static_assert(kKindNames.size() == kCommandKindNames.size());
constexpr std::array<const char*, 2> kOutcomes{"applied", "refused"};

QJsonObject toJson(const ConsoleCommand& m) {
    return {{"commandId", text(m.commandId)},
            {"seat", text(m.seat)},
            {"kind", kKindNames[std::size_t(m.kind)]},
            {"issuedAtMs", double(m.issuedAtMs)},
            {"body", text(m.body)},
            {"signature", text(m.signatureHex)}};
}
QJsonObject toJson(const CommandResult& m) {
    return {{"commandId", text(m.commandId)},
            {"outcome", kOutcomes[m.applied ? 0 : 1]},
            {"reason", text(m.reason)},
            {"repeated", m.repeated}};
}

bool isJsonObject(const std::string& body) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
    return error.error == QJsonParseError::NoError && document.isObject();
}

bool isHex(const std::string& value, std::size_t size) {
    return value.size() == size && std::all_of(value.begin(), value.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

LinkResult<Message> readConsoleCommand(FieldReader& r) {
    ConsoleCommand m;
    m.commandId = r.text("commandId", 32);
    r.require(isCommandId(m.commandId), "commandId", "not 32 lower-case hex characters");
    m.seat = r.text("seat");
    m.kind = r.choice<CommandKind>("kind", kKindNames);
    m.issuedAtMs = r.integer("issuedAtMs", 0, kMaxSafeInteger);
    m.body = r.text("body", kMaxCommandBodyBytes);
    r.require(isJsonObject(m.body), "body", "not a JSON object");
    m.signatureHex = r.text("signature", 128);
    r.require(isHex(m.signatureHex, 128), "signature", "not 128 lower-case hex characters");
    return r.result(std::move(m));
}
LinkResult<Message> readCommandResult(FieldReader& r) {
    CommandResult m;
    m.commandId = r.text("commandId", 32);
    r.require(isCommandId(m.commandId), "commandId", "not 32 lower-case hex characters");
    m.applied = r.choice<int>("outcome", kOutcomes) == 0;
    m.reason = r.text("reason");
    m.repeated = r.boolean("repeated");
    return r.result(std::move(m));
}

LinkResult<Message> readHello(FieldReader& r) {
    Hello m;
    m.protocol = int(r.integer("protocol", 1, 1'000'000));
    m.centreId = r.text("centreId");
    m.seat = r.text("seat");
    m.software = r.text("software");
    return r.result(std::move(m));
}
JournalAck readAck(FieldReader& r) {
    JournalAck m;
    m.sittingId = r.text("sittingId");
    m.through = r.integer("through", -1, kMaxSafeInteger);
    return m;
}

LinkResult<Message> readHelloReply(FieldReader& r) {
    HelloReply m;
    m.standing = r.choice<HelloReply::Standing>("standing", kStandings);
    m.reason = r.text("reason");
    m.consoleName = r.text("consoleName");
    m.acknowledged = r.objects<JournalAck>("acknowledged", kMaxSittingsPerKiosk, &readAck);
    // Absent from an older console; 0 written by one that did not say.
    m.heartbeatMs = r.optionalInteger("heartbeatMs", 0, kMaxHeartbeatMs, 0);
    r.require(m.heartbeatMs == 0 || m.heartbeatMs >= kMinHeartbeatMs, "heartbeatMs",
              "below " + std::to_string(kMinHeartbeatMs) + " ms");
    return r.result(std::move(m));
}
LinkResult<Message> readKioskStatus(FieldReader& r) {
    KioskStatus m;
    m.screen = r.text("screen");
    m.sittingId = r.text("sittingId");
    m.position = int(r.integer("position", 0, 100'000));
    m.questionCount = int(r.integer("questionCount", 0, 100'000));
    m.secondsLeft = r.integer("secondsLeft", 0, kMaxSafeInteger);
    m.problem = r.text("problem");
    return r.result(std::move(m));
}
LinkResult<Message> readJournalEvents(FieldReader& r) {
    JournalEvents m;
    m.sittingId = r.text("sittingId");
    m.firstSequence = r.integer("firstSequence", 0, kMaxSafeInteger);
    m.events = r.texts("events", kMaxEventsPerMessage, kMaxEventBytes);
    m.headHex = r.text("head", 64);
    m.signatureHex = r.text("signature", 128);
    return r.result(std::move(m));
}
LinkResult<Message> readJournalAck(FieldReader& r) {
    return r.result(readAck(r));
}
LinkResult<Message> readJournalRefused(FieldReader& r) {
    JournalRefused m;
    m.sittingId = r.text("sittingId");
    m.atSequence = r.integer("atSequence", 0, kMaxSafeInteger);
    m.reason = r.text("reason");
    return r.result(std::move(m));
}

LinkResult<Message> readSittingResult(FieldReader& r) {
    SittingResult m;
    m.sittingId = r.text("sittingId");
    const auto sealed = r.text("sealed", 2 * kMaxSealedResultBytes);
    const bool hex = !sealed.empty() && isHex(sealed, sealed.size()) && sealed.size() % 2 == 0;
    r.require(hex, "sealed", "not an even number of lower-case hex characters");
    if (hex) {
        m.sealed.resize(sealed.size() / 2);
        r.require(crypto::fromHex(sealed, m.sealed), "sealed", "not hex");
    }
    return r.result(std::move(m));
}
LinkResult<Message> readResultAck(FieldReader& r) {
    ResultAck m;
    m.sittingId = r.text("sittingId");
    m.itemId = r.text("itemId", 64);
    r.require(isHex(m.itemId, 64), "itemId", "not 64 lower-case hex characters");
    return r.result(std::move(m));
}

struct Schema {
    MessageType type;
    const char* name;
    LinkResult<Message> (*read)(FieldReader&);
};

// In Message's order: typeOf() indexes it by the variant's index.
constexpr std::array<Schema, 10> kSchemas{{
    {MessageType::Hello, "Hello", &readHello},
    {MessageType::HelloReply, "HelloReply", &readHelloReply},
    {MessageType::KioskStatus, "KioskStatus", &readKioskStatus},
    {MessageType::JournalEvents, "JournalEvents", &readJournalEvents},
    {MessageType::JournalAck, "JournalAck", &readJournalAck},
    {MessageType::JournalRefused, "JournalRefused", &readJournalRefused},
    {MessageType::ConsoleCommand, "ConsoleCommand", &readConsoleCommand},
    {MessageType::CommandResult, "CommandResult", &readCommandResult},
    {MessageType::SittingResult, "SittingResult", &readSittingResult},
    {MessageType::ResultAck, "ResultAck", &readResultAck},
}};
static_assert(kSchemas.size() == std::variant_size_v<Message>);

} // namespace

MessageType typeOf(const Message& message) noexcept {
    return kSchemas[message.index()].type;
}

Frame encodeMessage(const Message& message) {
    const QJsonObject object = std::visit([](const auto& m) { return toJson(m); }, message);
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {std::uint8_t(typeOf(message)), std::vector<std::uint8_t>(json.begin(), json.end())};
}

LinkResult<Message> decodeMessage(const Frame& frame) {
    for (const auto& schema : kSchemas) {
        if (std::uint8_t(schema.type) != frame.type) {
            continue;
        }
        QJsonParseError error{};
        const auto document = QJsonDocument::fromJson(
            QByteArray::fromRawData(reinterpret_cast<const char*>(frame.payload.data()),
                                    qsizetype(frame.payload.size())),
            &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            return LinkFailure{LinkError::MalformedMessage,
                               std::string(schema.name) + ": not a JSON object"};
        }
        FieldReader reader(document.object(), schema.name);
        return schema.read(reader);
    }
    return LinkFailure{LinkError::UnknownMessage, "type " + std::to_string(frame.type)};
}

} // namespace vigil::sync
