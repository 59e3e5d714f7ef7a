#include "vigil/exam/resit_policy.h"

#include "compiled_in_resit_policy.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <map>

namespace vigil::exam {
namespace {

constexpr std::string_view kFormatName = "vigil-resit-policy";
// A week: longer is not a resit interval but a typing error (minutes taken for hours, say).
constexpr double kLongestIntervalMinutes = 7 * 24 * 60;

class Reader {
public:
    explicit Reader(std::string_view sourceName)
        : source_(sourceName) {}

    [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
        throw ResitPolicyError(source_ + ": " + (where.empty() ? "" : where + ": ") + problem);
    }

    void requireOnlyKeys(const QJsonObject& object, const std::string& where,
                         const QStringList& allowed, const QStringList& required) const {
        for (const QString& key : object.keys()) {
            if (!allowed.contains(key)) {
                fail(where, "unknown key \"" + key.toStdString() +
                                "\" (allowed: " + allowed.join(", ").toStdString() + ")");
            }
        }
        for (const QString& key : required) {
            if (!object.contains(key)) {
                fail(where, "missing key \"" + key.toStdString() + "\"");
            }
        }
    }

    std::string text(const QJsonObject& object, const QString& key,
                     const std::string& where) const {
        const QJsonValue value = object.value(key);
        const std::string at = path(where, key);
        if (!value.isString()) {
            fail(at, "must be text");
        }
        const QString trimmed = value.toString().trimmed();
        if (trimmed.isEmpty()) {
            fail(at, "must not be empty");
        }
        return trimmed.toStdString();
    }

    std::chrono::minutes interval(const QJsonObject& object, const QString& key,
                                  const std::string& where) const {
        const QJsonValue value = object.value(key);
        const std::string at = path(where, key);
        if (!value.isDouble()) {
            fail(at, "must be a number of minutes");
        }
        const double minutes = value.toDouble();
        if (minutes != std::floor(minutes)) {
            fail(at, "must be a whole number of minutes, got " + number(minutes));
        }
        if (minutes <= 0) {
            fail(at, "must be a positive number of minutes, got " + number(minutes));
        }
        if (minutes > kLongestIntervalMinutes) {
            fail(at, "must be at most " + number(kLongestIntervalMinutes) +
                         " minutes (one week), got " + number(minutes));
        }
        return std::chrono::minutes(static_cast<std::int64_t>(minutes));
    }

    static std::string path(const std::string& where, const QString& key) {
        return where.empty() ? key.toStdString() : where + "." + key.toStdString();
    }

private:
    static std::string number(double value) {
        return QString::number(value, 'g', 12).toStdString();
    }

    std::string source_;
};

std::string lineAndColumn(std::string_view json, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < static_cast<int>(json.size()); ++i) {
        if (json[static_cast<std::size_t>(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::vector<ResitIntervalEntry> readEntries(const Reader& reader, const QJsonObject& root,
                                            const QString& listKey, const QString& nameKey,
                                            const QRegularExpression& namePattern,
                                            const std::string& nameShape) {
    std::vector<ResitIntervalEntry> entries;
    if (!root.contains(listKey)) {
        return entries;
    }
    const std::string listPath = listKey.toStdString();
    if (!root.value(listKey).isArray()) {
        reader.fail(listPath, "must be a list");
    }
    const QJsonArray list = root.value(listKey).toArray();
    std::map<std::string, std::size_t> seen;
    for (qsizetype index = 0; index < list.size(); ++index) {
        const std::string where = listPath + "[" + std::to_string(index) + "]";
        if (!list.at(index).isObject()) {
            reader.fail(where, "must be an object");
        }
        const QJsonObject object = list.at(index).toObject();
        const QStringList keys{nameKey, "group", "resitIntervalMinutes"};
        reader.requireOnlyKeys(object, where, keys, keys);
        ResitIntervalEntry entry;
        entry.key = reader.text(object, nameKey, where);
        if (!namePattern.match(QString::fromStdString(entry.key)).hasMatch()) {
            reader.fail(Reader::path(where, nameKey), "\"" + entry.key + "\" is not " + nameShape);
        }
        entry.group = reader.text(object, "group", where);
        entry.interval = reader.interval(object, "resitIntervalMinutes", where);
        const auto [earlier, inserted] = seen.emplace(entry.key, static_cast<std::size_t>(index));
        if (!inserted) {
            reader.fail(Reader::path(where, nameKey), entry.key + " is listed twice (also at " +
                                                          listPath + "[" +
                                                          std::to_string(earlier->second) + "])");
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::string isoDate(std::chrono::year_month_day date) {
    return QDate(static_cast<int>(date.year()),
                 static_cast<int>(static_cast<unsigned>(date.month())),
                 static_cast<int>(static_cast<unsigned>(date.day())))
        .toString(Qt::ISODate)
        .toStdString();
}

} // namespace

ResitPolicy ResitPolicy::fromJson(std::string_view json, std::string_view sourceName) {
    const Reader reader(sourceName);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray(json.data(), static_cast<qsizetype>(json.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        reader.fail("", "not valid JSON at " + lineAndColumn(json, parseError.offset) + ": " +
                            parseError.errorString().toStdString());
    }
    if (!document.isObject()) {
        reader.fail("", "must be a JSON object");
    }
    const QJsonObject root = document.object();

    // The format is checked first: a table of another kind or a newer format must not be read
    // as if it were this one.
    if (root.value("format").toString().toStdString() != kFormatName) {
        reader.fail("format",
                    "must be \"" + std::string(kFormatName) + "\" (is this a resit policy table?)");
    }
    const QJsonValue formatVersion = root.value("formatVersion");
    if (!formatVersion.isDouble() || formatVersion.toDouble() != kFormatVersion) {
        const std::string found = formatVersion.isDouble()
                                      ? QString::number(formatVersion.toDouble()).toStdString()
                                  : formatVersion.isUndefined() ? "(missing)"
                                                                : "(not a number)";
        reader.fail("formatVersion", "unknown format version " + found +
                                         "; this version of Vigil reads format version " +
                                         std::to_string(kFormatVersion));
    }
    reader.requireOnlyKeys(root, "",
                           {"format", "formatVersion", "revision", "effectiveFrom",
                            "defaultResitIntervalMinutes", "qualifications", "categories"},
                           {"format", "formatVersion", "revision", "effectiveFrom",
                            "defaultResitIntervalMinutes", "qualifications"});

    ResitPolicy policy;
    policy.revision_ = reader.text(root, "revision", "");
    const std::string effectiveFrom = reader.text(root, "effectiveFrom", "");
    const QDate date = QDate::fromString(QString::fromStdString(effectiveFrom), Qt::ISODate);
    if (!date.isValid() || effectiveFrom.size() != 10) {
        reader.fail("effectiveFrom", "\"" + effectiveFrom + "\" is not a date like 2025-01-31");
    }
    policy.effectiveFrom_ = std::chrono::year_month_day(
        std::chrono::year(date.year()), std::chrono::month(static_cast<unsigned>(date.month())),
        std::chrono::day(static_cast<unsigned>(date.day())));
    policy.defaultInterval_ = reader.interval(root, "defaultResitIntervalMinutes", "");

    static const QRegularExpression codePattern(QStringLiteral("^[0-9]{3}/[0-9]{4}/[0-9X]$"));
    static const QRegularExpression categoryPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    policy.qualifications_ = readEntries(reader, root, "qualifications", "code", codePattern,
                                         "a qualification code like 601/8928/9");
    policy.categories_ = readEntries(reader, root, "categories", "category", categoryPattern,
                                     "a category name like accredited-assessor");
    return policy;
}

ResitPolicy ResitPolicy::fromFile(const std::filesystem::path& path) {
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly)) {
        throw ResitPolicyError(path.string() + ": cannot read the resit policy table: " +
                               file.errorString().toStdString());
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        throw ResitPolicyError(path.string() + ": cannot read the resit policy table: " +
                               file.errorString().toStdString());
    }
    return fromJson(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                    path.string());
}

std::string_view ResitPolicy::compiledInJson() {
    return rules::kCompiledInResitPolicyJson;
}

const ResitPolicy& ResitPolicy::compiledIn() {
    // A shipped table that does not validate is a build defect; the tests load it, and here it
    // throws the same ResitPolicyError as any other bad table.
    static const ResitPolicy policy = fromJson(compiledInJson(), "compiled-in resit-policy.json");
    return policy;
}

ResitPolicy
ResitPolicy::updatedOrCompiledIn(const std::optional<std::filesystem::path>& updatedTable) {
    if (!updatedTable) {
        return compiledIn();
    }
    ResitPolicy updated = fromFile(*updatedTable);
    const ResitPolicy& builtIn = compiledIn();
    if (updated.effectiveFrom() < builtIn.effectiveFrom()) {
        throw ResitPolicyError(
            updatedTable->string() + ": effectiveFrom " + isoDate(updated.effectiveFrom()) +
            " (revision " + updated.revision() + ") is older than the compiled-in table's " +
            isoDate(builtIn.effectiveFrom()) + " (revision " + builtIn.revision() +
            "); remove the stale copy or install the "
            "awarding body's current table");
    }
    return updated;
}

ResolvedResitInterval
ResitPolicy::intervalFor(std::string_view qualificationCode,
                         const std::vector<std::string>& assessmentCategories) const {
    ResolvedResitInterval resolved{defaultInterval_, std::nullopt, false};
    const auto consider = [&](const ResitIntervalEntry& entry, bool byCategory) {
        if (entry.interval < resolved.interval) {
            resolved = {entry.interval, entry, byCategory};
        }
    };
    for (const ResitIntervalEntry& entry : qualifications_) {
        if (entry.key == qualificationCode) {
            consider(entry, false);
        }
    }
    for (const ResitIntervalEntry& entry : categories_) {
        if (std::find(assessmentCategories.begin(), assessmentCategories.end(), entry.key) !=
            assessmentCategories.end()) {
            consider(entry, true);
        }
    }
    return resolved;
}

} // namespace vigil::exam
