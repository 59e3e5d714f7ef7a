#include "vigil/exam/qti_import.h"

#include "assessment_settings.h"
#include "in_memory_import.h"
#include "item_reader.h"
#include "manifest_reader.h"
#include "media_loader.h"
#include "package_source.h"
#include "problem_log.h"
#include "test_reader.h"
#include "vigil/exam/serialization.h"

#include <set>

namespace vigil::exam {
namespace {

using namespace qti;

const char* const kManifestFile = "imsmanifest.xml";

std::optional<QByteArray> readRequired(PackageSource& source, const std::string& path,
                                       ProblemLog& log, const std::string& referencedFrom, int line,
                                       const std::string& element) {
    if (!source.contains(path)) {
        log.add(referencedFrom.empty() ? path : referencedFrom, line, element,
                referencedFrom.empty() ? "file missing from the package"
                                       : "\"" + path + "\" missing from the package");
        return std::nullopt;
    }
    FileRead read = source.read(path);
    if (!read.error.empty()) {
        log.add(path, 0, {}, read.error);
        return std::nullopt;
    }
    return read.bytes;
}

QtiImportResult importFrom(const std::unique_ptr<PackageSource>& source, ProblemLog& log) {
    QtiImportResult result;
    if (!source) {
        result.problems = log.take();
        return result;
    }

    std::optional<AssessmentSettings> settings;
    if (!source->contains(kSettingsFile)) {
        log.add(kSettingsFile, 0, {},
                "missing from the package root: it gives the qualification code, version and "
                "pass mark (see exam/samples/README.md)");
    } else if (const auto bytes = readRequired(*source, kSettingsFile, log, {}, 0, {})) {
        settings = readAssessmentSettings(*bytes, log);
    }

    const auto manifestBytes = readRequired(*source, kManifestFile, log, {}, 0, {});
    const Manifest manifest =
        manifestBytes ? readManifest(kManifestFile, *manifestBytes, log) : Manifest{};
    for (const auto& itemPath : manifest.itemPaths) {
        if (!source->contains(itemPath)) {
            log.add(kManifestFile, 0, "resource",
                    "item resource \"" + itemPath + "\" missing from the package");
        }
    }
    TestPlan plan;
    std::vector<Item> items;
    std::vector<MediaReference> mediaReferences;
    if (manifest.testPath) {
        if (const auto bytes =
                readRequired(*source, *manifest.testPath, log, kManifestFile, 0, "resource")) {
            plan = readTest(*manifest.testPath, *bytes, log);
        }
    }
    std::set<std::string> itemFiles;
    for (const auto& ref : plan.items) {
        if (!itemFiles.insert(ref.path).second) {
            log.add(*manifest.testPath, ref.line, "assessmentItemRef",
                    "\"" + ref.path + "\" is referenced twice: each item appears once");
            continue;
        }
        const auto bytes =
            readRequired(*source, ref.path, log, *manifest.testPath, ref.line, "assessmentItemRef");
        if (!bytes) {
            continue;
        }
        ItemReadResult read = readItem(ref.path, *bytes, log);
        mediaReferences.insert(mediaReferences.end(), read.media.begin(), read.media.end());
        if (read.item) {
            read.item->identifier = ref.identifier;
            items.push_back(std::move(*read.item));
        }
    }
    if (manifest.testPath && plan.items.empty() && log.empty()) {
        log.add(*manifest.testPath, 0, "assessmentTest", "the test holds no items");
    }
    std::vector<Media> media = loadMedia(mediaReferences, *source, log);
    if (items.size() > kMaxItems) {
        log.add(*manifest.testPath, 0, "assessmentTest",
                "more than " + std::to_string(kMaxItems) + " items, the most a package holds");
    }
    if (media.size() > kMaxMediaFiles) {
        log.add(kManifestFile, 0, {},
                "more than " + std::to_string(kMaxMediaFiles) +
                    " images, the most a package holds");
    }

    if (!log.empty() || !settings) {
        result.problems = log.take();
        return result;
    }
    Assessment assessment;
    assessment.metadata = settings->metadata;
    assessment.metadata.id = settings->id.value_or(plan.identifier);
    assessment.metadata.title = plan.title;
    assessment.metadata.durationSeconds = plan.durationSeconds;
    assessment.metadata.itemCount = static_cast<int>(items.size());
    assessment.navigation = plan.navigation;
    assessment.submission = plan.submission;
    assessment.items = std::move(items);
    assessment.media = std::move(media);
    result.assessment = std::move(assessment);
    return result;
}

} // namespace

QtiImportResult importQtiPackage(const std::filesystem::path& folderOrZip) {
    ProblemLog log;
    const auto source = PackageSource::open(folderOrZip, log);
    return importFrom(source, log);
}

namespace qti {

QtiImportResult importQtiZip(const QByteArray& zip, const std::string& displayName) {
    ProblemLog log;
    const auto source = PackageSource::openZip(zip, displayName, log);
    return importFrom(source, log);
}

} // namespace qti

std::string formatProblem(const QtiProblem& problem) {
    std::string text = problem.file;
    if (problem.line > 0) {
        text += ":" + std::to_string(problem.line);
    }
    if (!text.empty()) {
        text += ": ";
    }
    if (!problem.element.empty()) {
        text += "<" + problem.element + ">: ";
    }
    return text + problem.message;
}

} // namespace vigil::exam
