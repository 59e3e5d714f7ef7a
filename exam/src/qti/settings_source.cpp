#include "settings_source.h"

#include "package_source.h"
#include "problem_log.h"
#include "test_reader.h"

#include <QFile>
#include <filesystem>

namespace vigil::exam::qti {
namespace {

// A settings file is a few hundred bytes; anything near this is not one.
constexpr qint64 kMaxSettingsFileBytes = 1024 * 1024;

std::optional<AssessmentSettings> readSettingsFile(const std::filesystem::path& path,
                                                   ProblemLog& log) {
    const std::string name = path.string();
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        log.add(name, 0, {}, "no such settings file");
        return std::nullopt;
    }
    QFile file(QString::fromStdString(name));
    if (file.size() > kMaxSettingsFileBytes) {
        log.add(name, 0, {}, "larger than the 1 MiB a settings file may be");
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        log.add(name, 0, {}, "cannot read: " + file.errorString().toStdString());
        return std::nullopt;
    }
    return readAssessmentSettings(file.readAll(), name, log);
}

std::optional<AssessmentSettings> readSettingsInExport(PackageSource& exported, ProblemLog& log) {
    const FileRead read = exported.read(kSettingsFile);
    if (!read.error.empty()) {
        log.add(kSettingsFile, 0, {}, read.error);
        return std::nullopt;
    }
    return readAssessmentSettings(read.bytes, kSettingsFile, log);
}

std::string minutesText(std::int64_t seconds) {
    const std::string whole = std::to_string(seconds / 60) + " minutes";
    return seconds % 60 == 0 ? whole : whole + " " + std::to_string(seconds % 60) + " seconds";
}

} // namespace

std::optional<AssessmentSettings> findSettings(PackageSource& exported,
                                               const QtiImportOptions& options, ProblemLog& log,
                                               std::string& source) {
    const bool inExport = exported.contains(kSettingsFile);
    if (inExport && options.settingsFile) {
        log.add(options.settingsFile->string(), 0, {},
                std::string("the export holds its own ") + kSettingsFile +
                    ": settings come from one place, never merged or overridden; use the "
                    "export's (no settings file) or an export without one");
        return std::nullopt;
    }
    if (options.settingsFile) {
        source = options.settingsFile->string();
        return readSettingsFile(*options.settingsFile, log);
    }
    if (inExport) {
        source = kSettingsFile;
        return readSettingsInExport(exported, log);
    }
    if (!options.settingsOptional) {
        log.add(kSettingsFile, 0, {},
                "missing from the package root: it gives the qualification code, version and "
                "pass mark (see exam/samples/README.md); for an export as another engine wrote "
                "it, give them in a settings file beside it (vigil-pack --settings)");
    }
    return std::nullopt;
}

std::int64_t settleDuration(const TestPlan& plan, const std::string& testFile,
                            const std::optional<AssessmentSettings>& settings,
                            bool settingsOptional, ProblemLog& log) {
    const auto minutes = settings ? settings->durationMinutes : std::nullopt;
    if (plan.timeLimitsLine != 0) {
        // A refused maxTime (0 here) is reported where it is written.
        if (minutes && plan.durationSeconds != 0 && *minutes * 60LL != plan.durationSeconds) {
            log.add(settings->file, settings->durationMinutesLine, "durationMinutes",
                    "durationMinutes " + std::to_string(*minutes) + " (in " + settings->file +
                        ") conflicts with the test's time limit, timeLimits maxTime=\"" +
                        std::to_string(plan.durationSeconds) + "\" (" +
                        minutesText(plan.durationSeconds) + ", in " + testFile + " line " +
                        std::to_string(plan.timeLimitsLine) +
                        "): leave durationMinutes out to deliver the test's, or make them agree");
        }
        return plan.durationSeconds;
    }
    if (minutes) {
        return *minutes * 60LL;
    }
    // The engine times every sitting, and a candidate is told the duration in advance.
    if (settings || !settingsOptional) {
        log.add(testFile, plan.line, "assessmentTest",
                "no time limit: an invigilated assessment needs <timeLimits maxTime=\"seconds\"/> "
                "on the assessmentTest, or durationMinutes in the settings");
    }
    return 0;
}

} // namespace vigil::exam::qti
