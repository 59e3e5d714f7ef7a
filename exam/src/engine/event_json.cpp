#include "event_json.h"

#include "json_fields.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/sitting_error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <array>
#include <cinttypes>
#include <cstdio>

namespace vigil::exam {

namespace {

using detail::corrupt;
using detail::hexField;
using detail::qs;

constexpr std::array kKindNames{
    std::pair{EventKind::Created, std::string_view("Created")},
    std::pair{EventKind::InvigilatorVerified, std::string_view("InvigilatorVerified")},
    std::pair{EventKind::CandidateConfirmed, std::string_view("CandidateConfirmed")},
    std::pair{EventKind::Started, std::string_view("Started")},
    std::pair{EventKind::AnswerChanged, std::string_view("AnswerChanged")},
    std::pair{EventKind::FlagChanged, std::string_view("FlagChanged")},
    std::pair{EventKind::Navigated, std::string_view("Navigated")},
    std::pair{EventKind::Paused, std::string_view("Paused")},
    std::pair{EventKind::Resumed, std::string_view("Resumed")},
    std::pair{EventKind::Interrupted, std::string_view("Interrupted")},
    std::pair{EventKind::ResumeAuthorised, std::string_view("ResumeAuthorised")},
    std::pair{EventKind::ExtraTimeGranted, std::string_view("ExtraTimeGranted")},
    std::pair{EventKind::Checkpoint, std::string_view("Checkpoint")},
    std::pair{EventKind::IncidentNoted, std::string_view("IncidentNoted")},
    std::pair{EventKind::EarlySubmissionConfirmed, std::string_view("EarlySubmissionConfirmed")},
    std::pair{EventKind::Submitted, std::string_view("Submitted")},
    std::pair{EventKind::TimedOut, std::string_view("TimedOut")},
    std::pair{EventKind::Resulted, std::string_view("Resulted")},
    std::pair{EventKind::Voided, std::string_view("Voided")},
    std::pair{EventKind::IncidentsReviewed, std::string_view("IncidentsReviewed")},
    std::pair{EventKind::ReferenceOpened, std::string_view("ReferenceOpened")},
    std::pair{EventKind::ReferenceClosed, std::string_view("ReferenceClosed")},
    std::pair{EventKind::SittingMoved, std::string_view("SittingMoved")},
    std::pair{EventKind::SittingMovedHere, std::string_view("SittingMovedHere")},
};

QJsonArray stringArray(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const auto& value : values) {
        array.append(qs(value));
    }
    return array;
}

std::vector<std::string> stringsFrom(const QJsonValue& value) {
    std::vector<std::string> out;
    if (value.isUndefined()) {
        return out;
    }
    if (!value.isArray()) {
        corrupt("a list of identifiers is not a list");
    }
    for (const auto& element : value.toArray()) {
        if (!element.isString()) {
            corrupt("an identifier is not text");
        }
        out.push_back(element.toString().toStdString());
    }
    return out;
}

std::string textOf(const QJsonObject& object, const char* key) {
    const auto value = object.value(QLatin1String(key));
    if (value.isUndefined()) {
        return {};
    }
    if (!value.isString()) {
        corrupt(std::string("field ") + key + " is not text");
    }
    return value.toString().toStdString();
}

std::int64_t integerOf(const QJsonObject& object, const char* key) {
    const auto value = object.value(QLatin1String(key));
    if (value.isUndefined()) {
        return 0;
    }
    if (!value.isDouble()) {
        corrupt(std::string("field ") + key + " is not a number");
    }
    return value.toInteger();
}

QJsonObject headerToJson(const SittingHeader& header) {
    QJsonArray order;
    for (const auto& item : header.order) {
        order.append(
            QJsonObject{{"item", qs(item.itemId)}, {"choices", stringArray(item.choiceOrder)}});
    }
    char seed[17];
    std::snprintf(seed, sizeof seed, "%016" PRIx64, header.seed);
    QJsonObject object{
        {"sittingId", qs(header.sittingId)},
        {"session", qs(header.sessionId)},
        {"candidate", qs(header.candidateRegistration)},
        {"centre", qs(header.centreId)},
        {"seat", qs(header.seat)},
        {"assessmentId", qs(header.assessmentId)},
        {"assessmentVersion", qs(header.assessmentVersion)},
        {"durationSeconds", static_cast<qint64>(header.durationSeconds)},
        {"passMarkPercent", header.passMarkPercent},
        {"navigation", header.navigation == NavigationMode::Linear ? "Linear" : "Nonlinear"},
        {"seed", QString::fromLatin1(seed)},
        {"shuffleItems", header.shuffleItems},
        {"order", order},
        {"assignmentDigest", qs(crypto::toHex(header.assignmentDigest))},
        {"packageDigest", qs(crypto::toHex(header.packageDigest))},
    };
    // Only when known: a header from before it was recorded keeps its bytes, and its hash.
    if (header.maxScoreMillionths != 0) {
        object.insert("maxScoreMillionths", static_cast<qint64>(header.maxScoreMillionths));
    }
    return object;
}

SittingHeader headerFromJson(const QJsonObject& object) {
    SittingHeader header;
    header.sittingId = textOf(object, "sittingId");
    header.sessionId = textOf(object, "session");
    header.candidateRegistration = textOf(object, "candidate");
    header.centreId = textOf(object, "centre");
    header.seat = textOf(object, "seat");
    header.assessmentId = textOf(object, "assessmentId");
    header.assessmentVersion = textOf(object, "assessmentVersion");
    header.durationSeconds = integerOf(object, "durationSeconds");
    header.passMarkPercent = object.value("passMarkPercent").toDouble();
    if (object.contains("maxScoreMillionths")) {
        header.maxScoreMillionths = integerOf(object, "maxScoreMillionths");
    }
    const auto navigation = textOf(object, "navigation");
    if (navigation != "Linear" && navigation != "Nonlinear") {
        corrupt("unknown navigation mode '" + navigation + "'");
    }
    header.navigation = navigation == "Linear" ? NavigationMode::Linear : NavigationMode::Nonlinear;
    const auto seed = textOf(object, "seed");
    std::array<std::uint8_t, 8> seedBytes{};
    if (!crypto::fromHex(seed, seedBytes)) {
        corrupt("the seed is not 16 hex digits");
    }
    for (const auto byte : seedBytes) {
        header.seed = (header.seed << 8) | byte;
    }
    header.shuffleItems = object.value("shuffleItems").toBool();
    for (const auto& element : object.value("order").toArray()) {
        const auto item = element.toObject();
        header.order.push_back({textOf(item, "item"), stringsFrom(item.value("choices"))});
    }
    if (!crypto::fromHex(textOf(object, "assignmentDigest"), header.assignmentDigest) ||
        !crypto::fromHex(textOf(object, "packageDigest"), header.packageDigest)) {
        corrupt("the sitting header does not name its assignment and package digests");
    }
    if (header.sittingId.empty() || header.sessionId.empty() || header.order.empty()) {
        corrupt("the sitting header has no id, no session or no items");
    }
    return header;
}

} // namespace

std::string_view toString(EventKind kind) noexcept {
    for (const auto& [value, name] : kKindNames) {
        if (value == kind) {
            return name;
        }
    }
    return "?";
}

std::optional<EventKind> eventKindFromString(std::string_view text) noexcept {
    for (const auto& [value, name] : kKindNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

bool isIncident(EventKind kind) noexcept {
    switch (kind) {
    case EventKind::Paused:
    case EventKind::Interrupted:
    case EventKind::ExtraTimeGranted:
    case EventKind::IncidentNoted:
    case EventKind::EarlySubmissionConfirmed:
    case EventKind::Voided:
        return true;
    default:
        return false;
    }
}

namespace detail {

QJsonObject eventToJson(const SittingEvent& event) {
    QJsonObject object{
        {"seq", static_cast<qint64>(event.sequence)},
        {"kind", QString::fromLatin1(toString(event.kind).data(),
                                     static_cast<qsizetype>(toString(event.kind).size()))},
        {"used", static_cast<qint64>(event.timeUsedMs)},
        {"wall", static_cast<qint64>(event.wallMs)},
        {"prev", qs(crypto::toHex(event.previousHash))},
    };
    if (!event.itemId.empty()) {
        object.insert("item", qs(event.itemId));
    }
    if (!event.choiceIds.empty() || event.kind == EventKind::AnswerChanged) {
        object.insert("choices", stringArray(event.choiceIds));
    }
    if (event.flagged) {
        object.insert("flagged", true);
    }
    if (event.position != 0) {
        object.insert("position", event.position);
    }
    if (event.number != 0) {
        object.insert("number", static_cast<qint64>(event.number));
    }
    if (!event.actor.empty()) {
        object.insert("actor", qs(event.actor));
    }
    if (!event.text.empty()) {
        object.insert("text", qs(event.text));
    }
    if (event.header) {
        object.insert("header", headerToJson(*event.header));
    }
    return object;
}

SittingEvent eventFromJson(const QJsonObject& object) {
    SittingEvent event;
    event.sequence = integerOf(object, "seq");
    const auto kindName = textOf(object, "kind");
    const auto kind = eventKindFromString(kindName);
    if (!kind) {
        corrupt("unknown event kind '" + kindName + "'");
    }
    event.kind = *kind;
    event.timeUsedMs = integerOf(object, "used");
    event.wallMs = integerOf(object, "wall");
    if (!crypto::fromHex(textOf(object, "prev"), event.previousHash)) {
        corrupt("event " + std::to_string(event.sequence) +
                " does not name the event before it (no chain hash)");
    }
    event.itemId = textOf(object, "item");
    event.choiceIds = stringsFrom(object.value("choices"));
    event.flagged = object.value("flagged").toBool(false);
    event.position = static_cast<int>(integerOf(object, "position"));
    event.number = integerOf(object, "number");
    event.actor = textOf(object, "actor");
    event.text = textOf(object, "text");
    if (object.contains("header")) {
        event.header = std::make_shared<const SittingHeader>(
            headerFromJson(object.value("header").toObject()));
    }
    return event;
}

std::string compactJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject parseObject(std::string_view json) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        corrupt("not a JSON object (" + error.errorString().toStdString() + ")");
    }
    return document.object();
}

} // namespace detail

std::string canonicalEventJson(const SittingEvent& event) {
    return detail::compactJson(detail::eventToJson(event));
}

SittingEvent parseEventJson(std::string_view json) {
    return detail::eventFromJson(detail::parseObject(json));
}

} // namespace vigil::exam
