#include "vigil/exam/qti_import.h"

#include "in_memory_import.h"
#include "item_reader.h"
#include "manifest_reader.h"
#include "media_loader.h"
#include "package_source.h"
#include "problem_log.h"
#include "reference_loader.h"
#include "settings_source.h"
#include "test_choice.h"
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

// Each item's problems: those in its file (its images' included) and at its reference in the
// test, so a content team sees item by item what is delivered as is and what is not.
std::vector<QtiItemReport> reportItems(const TestPlan& plan, const std::string& testFile,
                                       const std::vector<QtiProblem>& problems) {
    std::vector<QtiItemReport> reports;
    for (const auto& ref : plan.items) {
        QtiItemReport report{ref.identifier, ref.path, {}};
        for (const auto& problem : problems) {
            if (problem.file == ref.path ||
                (problem.file == testFile && problem.line == ref.line)) {
                report.problems.push_back(problem);
            }
        }
        reports.push_back(std::move(report));
    }
    return reports;
}

QtiImportResult importFrom(const std::unique_ptr<PackageSource>& source,
                           const QtiImportOptions& options, ProblemLog& log) {
    QtiImportResult result;
    if (!source) {
        result.problems = log.take();
        return result;
    }

    const std::optional<AssessmentSettings> settings =
        findSettings(*source, options, log, result.settingsSource);

    const auto manifestBytes = readRequired(*source, kManifestFile, log, {}, 0, {});
    const Manifest manifest =
        manifestBytes ? readManifest(kManifestFile, *manifestBytes, log) : Manifest{};
    for (const auto& itemPath : manifest.itemPaths) {
        if (!source->contains(itemPath)) {
            log.add(kManifestFile, 0, "resource",
                    "item resource \"" + itemPath + "\" missing from the package");
        }
    }
    TestChoice choice = chooseTest(*source, manifest, options.testIdentifier, log);
    result.tests = std::move(choice.tests);
    const std::string testPath = choice.chosen ? choice.chosen->path : std::string();
    TestPlan plan;
    std::vector<Item> items;
    std::vector<MediaReference> mediaReferences;
    if (choice.chosen) {
        if (const auto bytes = readRequired(*source, testPath, log, kManifestFile,
                                            choice.chosen->line, "resource")) {
            plan = readTest(testPath, *bytes, log);
        }
    }
    // A practice quiz shows each item's feedback after it is submitted; an assessment none.
    const FeedbackUse feedbackUse = settings && settings->metadata.kind == PackageKind::Practice
                                        ? FeedbackUse::Read
                                        : FeedbackUse::Refuse;
    std::set<std::string> itemFiles;
    for (const auto& ref : plan.items) {
        if (!itemFiles.insert(ref.path).second) {
            log.add(testPath, ref.line, "assessmentItemRef",
                    "\"" + ref.path + "\" is referenced twice: each item appears once");
            continue;
        }
        const auto bytes =
            readRequired(*source, ref.path, log, testPath, ref.line, "assessmentItemRef");
        if (!bytes) {
            continue;
        }
        ItemReadResult read = readItem(ref.path, *bytes, log, feedbackUse);
        mediaReferences.insert(mediaReferences.end(), read.media.begin(), read.media.end());
        if (read.item) {
            read.item->identifier = ref.identifier;
            items.push_back(std::move(*read.item));
        }
    }
    if (choice.chosen && plan.items.empty() && log.empty()) {
        log.add(testPath, 0, "assessmentTest", "the test holds no items");
    }
    std::int64_t durationSeconds = 0;
    if (plan.readToTheEnd) {
        durationSeconds = settleDuration(plan, testPath, settings, options.settingsOptional, log);
    }
    std::vector<ReferenceDocument> referenceDocuments;
    if (settings) {
        referenceDocuments = loadReferenceDocuments(settings->referenceDocuments, settings->file,
                                                    *source, mediaReferences, log);
    }
    std::vector<Media> media = loadMedia(mediaReferences, *source, log);
    if (items.size() > kMaxItems) {
        log.add(testPath, 0, "assessmentTest",
                "more than " + std::to_string(kMaxItems) + " items, the most a package holds");
    }
    if (media.size() > kMaxMediaFiles) {
        log.add(kManifestFile, 0, {},
                "more than " + std::to_string(kMaxMediaFiles) +
                    " images, the most a package holds");
    }

    result.problems = log.take();
    result.items = reportItems(plan, testPath, result.problems);
    if (!result.problems.empty() || !settings) {
        return result;
    }
    Assessment assessment;
    assessment.metadata = settings->metadata;
    assessment.metadata.id = settings->id.value_or(plan.identifier);
    assessment.metadata.title = plan.title;
    assessment.metadata.durationSeconds = durationSeconds;
    assessment.metadata.itemCount = static_cast<int>(items.size());
    assessment.navigation = plan.navigation;
    assessment.submission = plan.submission;
    assessment.items = std::move(items);
    assessment.media = std::move(media);
    assessment.referenceDocuments = std::move(referenceDocuments);
    result.assessment = std::move(assessment);
    return result;
}

} // namespace

QtiImportResult importQtiPackage(const std::filesystem::path& folderOrZip,
                                 const QtiImportOptions& options) {
    ProblemLog log;
    const auto source = PackageSource::open(folderOrZip, log);
    return importFrom(source, options, log);
}

namespace qti {

QtiImportResult importQtiZip(const QByteArray& zip, const std::string& displayName) {
    ProblemLog log;
    const auto source = PackageSource::openZip(zip, displayName, log);
    return importFrom(source, {}, log);
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
