#include "assessment_settings.h"

#include "problem_log.h"
#include "qti_xml.h"
#include "vigil/exam/serialization.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>
#include <set>

namespace vigil::exam::qti {
namespace {

class SettingsReader {
public:
    SettingsReader(const QByteArray& bytes, std::string file, ProblemLog& log)
        : bytes_(bytes)
        , file_(std::move(file))
        , log_(log) {}

    std::optional<AssessmentSettings> read();

private:
    // The line where "key" first appears, so a problem points at it.
    int lineOf(const QString& key) const {
        const qsizetype at = bytes_.indexOf(("\"" + key + "\"").toUtf8());
        return at < 0 ? 0 : static_cast<int>(bytes_.left(at).count('\n')) + 1;
    }
    void problem(const QString& key, const std::string& message) {
        log_.add(file_, lineOf(key), key.toStdString(), message);
    }
    std::optional<std::string> text(const char* key, bool required);
    std::optional<bool> flag(const char* key, bool fallback);
    void readDuration(AssessmentSettings& settings);
    void readReferenceDocuments(AssessmentSettings& settings);

    const QByteArray& bytes_;
    std::string file_;
    ProblemLog& log_;
    QJsonObject object_;
};

std::optional<std::string> SettingsReader::text(const char* key, bool required) {
    const QJsonValue value = object_.value(QLatin1String(key));
    if (value.isUndefined()) {
        if (required) {
            log_.add(file_, 0, key, std::string("required setting \"") + key + "\" missing");
        }
        return std::nullopt;
    }
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        problem(key, "must be a non-empty string");
        return std::nullopt;
    }
    const std::string text = value.toString().trimmed().toStdString();
    const std::size_t limit =
        std::string_view(key) == "referenceMaterialNote" ? kMaxShortTextBytes : kMaxIdentifierBytes;
    if (auto tooLong = lengthProblem("the setting", text, limit); !tooLong.empty()) {
        problem(key, tooLong);
        return std::nullopt;
    }
    return text;
}

std::optional<bool> SettingsReader::flag(const char* key, bool fallback) {
    const QJsonValue value = object_.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isBool()) {
        problem(key, "must be true or false");
        return std::nullopt;
    }
    return value.toBool();
}

// Whole minutes, as an awarding body states a paper's duration; a day at most, as maxTime.
void SettingsReader::readDuration(AssessmentSettings& settings) {
    const QJsonValue value = object_.value("durationMinutes");
    if (value.isUndefined()) {
        return;
    }
    const double minutes = value.toDouble();
    if (!value.isDouble() || minutes < 1 || minutes > 24 * 60 || minutes != std::floor(minutes)) {
        problem("durationMinutes", "must be a whole number of minutes from 1 to 1440");
        return;
    }
    settings.durationMinutes = static_cast<int>(minutes);
    settings.durationMinutesLine = lineOf("durationMinutes");
}

// [{"id": "...", "title": "...", "file": "reference/manual.pdf"}, ...]: only on a paper that
// allows reference material, so nothing is shipped that the candidate may not consult.
void SettingsReader::readReferenceDocuments(AssessmentSettings& settings) {
    const QJsonValue value = object_.value("referenceDocuments");
    if (value.isUndefined()) {
        return;
    }
    if (!settings.metadata.referenceMaterialAllowed) {
        problem("referenceDocuments",
                "reference documents need referenceMaterialAllowed: true; this paper does not "
                "allow reference material");
        return;
    }
    if (!value.isArray() || value.toArray().isEmpty() ||
        static_cast<std::size_t>(value.toArray().size()) > kMaxReferenceDocuments) {
        problem("referenceDocuments", "must be a list of 1 to " +
                                          std::to_string(kMaxReferenceDocuments) +
                                          " documents, each {\"id\", \"title\", \"file\"}");
        return;
    }
    std::set<std::string> ids;
    for (const QJsonValue& entry : value.toArray()) {
        const QJsonObject document = entry.toObject();
        const auto field = [&](const char* key, std::size_t limit) {
            const QString text = document.value(QLatin1String(key)).toString().trimmed();
            return text.toUtf8().size() <= static_cast<qsizetype>(limit) ? text.toStdString()
                                                                         : std::string();
        };
        ReferenceDocumentSetting setting{
            field("id", kMaxIdentifierBytes), field("title", kMaxShortTextBytes),
            field("file", kMaxShortTextBytes), lineOf("referenceDocuments")};
        if (!entry.isObject() || document.size() != 3 || setting.id.empty() ||
            setting.title.empty() || setting.file.empty()) {
            problem("referenceDocuments",
                    "each document must have exactly a non-empty \"id\", \"title\" and "
                    "\"file\"");
            return;
        }
        if (!ids.insert(setting.id).second) {
            problem("referenceDocuments",
                    "reference document id \"" + setting.id + "\" is used twice");
            return;
        }
        settings.referenceDocuments.push_back(std::move(setting));
    }
}

std::optional<AssessmentSettings> SettingsReader::read() {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes_, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        const int line = error.error == QJsonParseError::NoError
                             ? 1
                             : static_cast<int>(bytes_.left(error.offset).count('\n')) + 1;
        log_.add(file_, line, {},
                 error.error == QJsonParseError::NoError
                     ? "must hold one JSON object"
                     : "not valid JSON: " + error.errorString().toStdString());
        return std::nullopt;
    }
    object_ = document.object();
    const std::size_t problemsBefore = log_.count();
    static const std::set<QString> known = {
        "format",
        "id",
        "qualificationCode",
        "version",
        "passMarkPercent",
        "calculatorAllowed",
        "referenceMaterialAllowed",
        "referenceMaterialNote",
        "instantResult",
        "apprenticeshipStandard",
        "durationMinutes",
        "referenceDocuments",
        "kind",
    };
    for (const QString& key : object_.keys()) {
        if (!known.contains(key)) {
            problem(key, "unknown setting \"" + key.toStdString() + "\"");
        }
    }
    const auto format = text("format", true);
    if (format && *format != kSettingsFormat) {
        problem("format", std::string("must be \"") + kSettingsFormat + "\"");
    }
    AssessmentSettings settings;
    settings.file = file_;
    settings.id = text("id", false);
    readDuration(settings);
    AssessmentMetadata& metadata = settings.metadata;
    if (const auto code = text("qualificationCode", true)) {
        static const QRegularExpression pattern("^\\d{3}/\\d{4}/\\d$");
        if (!pattern.match(QString::fromStdString(*code)).hasMatch()) {
            problem("qualificationCode", "must be a qualification number such as 601/8928/9");
        }
        metadata.qualificationCode = *code;
    }
    metadata.version = text("version", true).value_or("");
    const QJsonValue passMark = object_.value("passMarkPercent");
    if (passMark.isUndefined()) {
        log_.add(file_, 0, "passMarkPercent", "required setting \"passMarkPercent\" missing");
    } else if (!passMark.isDouble() || passMark.toDouble() <= 0 || passMark.toDouble() > 100) {
        problem("passMarkPercent", "must be a number above 0 and at most 100");
    } else {
        metadata.passMarkPercent = passMark.toDouble();
    }
    metadata.calculatorAllowed = flag("calculatorAllowed", false).value_or(false);
    metadata.referenceMaterialAllowed = flag("referenceMaterialAllowed", false).value_or(false);
    metadata.instantResult = flag("instantResult", true).value_or(true);
    metadata.apprenticeshipStandard = flag("apprenticeshipStandard", false).value_or(false);
    const auto note = text("referenceMaterialNote", false);
    if (metadata.referenceMaterialAllowed && !note) {
        if (!object_.contains("referenceMaterialNote")) {
            problem("referenceMaterialAllowed",
                    "referenceMaterialNote must say which material or sites are allowed");
        }
    } else if (!metadata.referenceMaterialAllowed && note) {
        problem("referenceMaterialNote",
                "a note about reference material needs referenceMaterialAllowed: true");
    }
    metadata.referenceMaterialNote = note.value_or("");
    if (const auto kind = text("kind", false)) {
        if (*kind == kindName(PackageKind::Practice)) {
            metadata.kind = PackageKind::Practice;
        } else if (*kind != kindName(PackageKind::Assessment)) {
            problem("kind", "must be \"assessment\" (the default) or \"practice\"");
        }
    }
    readReferenceDocuments(settings);
    if (log_.count() != problemsBefore) {
        return std::nullopt;
    }
    return settings;
}

} // namespace

std::optional<AssessmentSettings> readAssessmentSettings(const QByteArray& bytes,
                                                         const std::string& file, ProblemLog& log) {
    return SettingsReader(bytes, file, log).read();
}

} // namespace vigil::exam::qti
