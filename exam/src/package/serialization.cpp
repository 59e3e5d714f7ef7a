#include "vigil/exam/serialization.h"

#include "byte_codec.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vigil::exam {

namespace {

constexpr std::size_t kMaxMetadataBytes = 64 * 1024;
constexpr std::int64_t kMaxDurationSeconds = 24 * 60 * 60;
constexpr std::size_t kMaxMappingEntries = kMaxChoicesPerItem;
constexpr std::array<std::string_view, 4> kMediaTypes{"image/svg+xml", "image/png", "image/jpeg",
                                                      "image/gif"};

std::string tooLong(std::string_view field, std::size_t limit) {
    return std::string(field) + " is longer than " + std::to_string(limit) + " bytes";
}

std::string validateText(std::string_view field, const std::string& value, std::size_t limit,
                         bool required) {
    if (required && value.empty()) {
        return std::string(field) + " is empty";
    }
    if (value.size() > limit) {
        return tooLong(field, limit);
    }
    if (!detail::ByteReader::isValidUtf8(value)) {
        return std::string(field) + " is not valid UTF-8";
    }
    return {};
}

std::string validateMetadata(const AssessmentMetadata& m) {
    for (const auto& [field, value, limit, required] :
         {std::tuple{"metadata id", &m.id, kMaxIdentifierBytes, true},
          std::tuple{"metadata title", &m.title, kMaxShortTextBytes, true},
          std::tuple{"metadata qualificationCode", &m.qualificationCode, kMaxIdentifierBytes,
                     false},
          std::tuple{"metadata version", &m.version, kMaxIdentifierBytes, true},
          std::tuple{"metadata referenceMaterialNote", &m.referenceMaterialNote, kMaxShortTextBytes,
                     false}}) {
        if (auto problem = validateText(field, *value, limit, required); !problem.empty()) {
            return problem;
        }
    }
    // Every sitting is timed: the engine refuses to create one without a duration.
    if (m.durationSeconds <= 0 || m.durationSeconds > kMaxDurationSeconds) {
        return "metadata durationSeconds is not between 1 and " +
               std::to_string(kMaxDurationSeconds);
    }
    if (!std::isfinite(m.passMarkPercent) || m.passMarkPercent < 0.0 || m.passMarkPercent > 100.0) {
        return "metadata passMarkPercent is not between 0 and 100";
    }
    if (m.itemCount < 1 || static_cast<std::size_t>(m.itemCount) > kMaxItems) {
        return "metadata itemCount is not between 1 and " + std::to_string(kMaxItems);
    }
    return {};
}

// Feedback is what a practice quiz shows after it is submitted; an assessment never has any.
std::string validateFeedback(PackageKind kind, const Item& item) {
    if (item.feedback.empty()) {
        return {};
    }
    const std::string where = "item \"" + item.identifier + "\" feedback";
    if (kind != PackageKind::Practice) {
        return where + ": only a practice quiz carries feedback, never an assessment";
    }
    if (item.feedback.size() > kMaxFeedbackPerItem) {
        return where + ": more than " + std::to_string(kMaxFeedbackPerItem) + " entries";
    }
    for (const auto& feedback : item.feedback) {
        if (auto problem =
                validateText(where + " identifier", feedback.identifier, kMaxIdentifierBytes, true);
            !problem.empty()) {
            return problem;
        }
        if (auto problem =
                validateText(where + " content", feedback.contentHtml, kMaxTextBytes, true);
            !problem.empty()) {
            return problem;
        }
        const bool namesChoice =
            std::any_of(item.choices.begin(), item.choices.end(), [&](const Choice& choice) {
                return choice.identifier == feedback.identifier;
            });
        if (!namesChoice && feedback.identifier != kFeedbackWhenCorrect &&
            feedback.identifier != kFeedbackWhenIncorrect) {
            return where + " \"" + feedback.identifier +
                   "\" names neither a choice nor correct / incorrect";
        }
    }
    return {};
}

bool finiteOrAbsent(const std::optional<double>& value) {
    return !value || std::isfinite(*value);
}

std::string validateItem(const Item& item) {
    const std::string where = "item \"" + item.identifier + "\"";
    if (auto problem = validateText("item identifier", item.identifier, kMaxIdentifierBytes, true);
        !problem.empty()) {
        return problem;
    }
    for (const auto& [field, value, limit] :
         {std::tuple{" title", &item.title, kMaxShortTextBytes},
          std::tuple{" bodyHtml", &item.bodyHtml, kMaxTextBytes},
          std::tuple{" promptHtml", &item.promptHtml, kMaxTextBytes}}) {
        if (auto problem = validateText(where + field, *value, limit, false); !problem.empty()) {
            return problem;
        }
    }
    if (item.choices.empty() || item.choices.size() > kMaxChoicesPerItem) {
        return where + " has no choices or more than " + std::to_string(kMaxChoicesPerItem);
    }
    std::set<std::string> choiceIds;
    for (const auto& choice : item.choices) {
        if (auto problem = validateText(where + " choice identifier", choice.identifier,
                                        kMaxIdentifierBytes, true);
            !problem.empty()) {
            return problem;
        }
        if (auto problem = validateText(where + " choice contentHtml", choice.contentHtml,
                                        kMaxTextBytes, false);
            !problem.empty()) {
            return problem;
        }
        if (!choiceIds.insert(choice.identifier).second) {
            return where + " repeats choice \"" + choice.identifier + "\"";
        }
    }
    const auto choiceCount = static_cast<int>(item.choices.size());
    if (item.minChoices < 0 || item.minChoices > choiceCount || item.maxChoices < 0 ||
        static_cast<std::size_t>(item.maxChoices) > kMaxChoicesPerItem ||
        (item.maxChoices != 0 && item.minChoices > item.maxChoices)) {
        return where + " has inconsistent minChoices/maxChoices";
    }
    if (item.cardinality == Cardinality::Single && item.correctResponse.size() > 1) {
        return where + " has single cardinality but several correct responses";
    }
    if (item.correctResponse.size() > item.choices.size()) {
        return where + " has more correct responses than choices";
    }
    std::set<std::string> correct;
    for (const auto& id : item.correctResponse) {
        if (!choiceIds.contains(id)) {
            return where + " names correct response \"" + id + "\" that is not a choice";
        }
        if (!correct.insert(id).second) {
            return where + " repeats correct response \"" + id + "\"";
        }
    }
    if (item.processing == ResponseProcessing::MatchCorrect && item.correctResponse.empty()) {
        return where + " has no correct response";
    }
    if (item.processing == ResponseProcessing::MapResponse && !item.mapping) {
        return where + " maps its response but has no mapping";
    }
    if (item.mapping) {
        const auto& mapping = *item.mapping;
        if (mapping.entries.size() > kMaxMappingEntries) {
            return where + " has too many mapping entries";
        }
        for (const auto& [id, value] : mapping.entries) {
            if (!choiceIds.contains(id)) {
                return where + " maps \"" + id + "\" that is not a choice";
            }
            if (!std::isfinite(value)) {
                return where + " maps \"" + id + "\" to a non-finite value";
            }
        }
        if (!std::isfinite(mapping.defaultValue) || !finiteOrAbsent(mapping.lowerBound) ||
            !finiteOrAbsent(mapping.upperBound)) {
            return where + " has a non-finite mapping bound or default";
        }
    }
    if (!std::isfinite(item.maxScore) || item.maxScore < 0.0) {
        return where + " has a negative or non-finite maxScore";
    }
    return {};
}

std::string validateMedia(const Media& media) {
    if (auto problem = validateText("media path", media.path, kMaxShortTextBytes, true);
        !problem.empty()) {
        return problem;
    }
    if (std::find(kMediaTypes.begin(), kMediaTypes.end(), media.mimeType) == kMediaTypes.end()) {
        return "media \"" + media.path + "\" has type \"" + media.mimeType +
               "\", not one of image/svg+xml, image/png, image/jpeg, image/gif";
    }
    if (media.bytes.size() > kMaxMediaBytes) {
        return "media \"" + media.path + "\" is larger than " + std::to_string(kMaxMediaBytes) +
               " bytes";
    }
    return {};
}

bool startsWith(const std::vector<std::uint8_t>& bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), bytes.begin(),
                      [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
}

std::string validateReferenceDocument(const ReferenceDocument& document) {
    if (auto problem =
            validateText("reference document id", document.id, kMaxIdentifierBytes, true);
        !problem.empty()) {
        return problem;
    }
    const std::string where = "reference document \"" + document.id + "\"";
    if (auto problem = validateText(where + " title", document.title, kMaxShortTextBytes, true);
        !problem.empty()) {
        return problem;
    }
    if (document.bytes.empty() || document.bytes.size() > kMaxReferenceDocumentBytes) {
        return where + " is empty or larger than " + std::to_string(kMaxReferenceDocumentBytes) +
               " bytes";
    }
    if (document.format == ReferenceFormat::Pdf && !startsWith(document.bytes, "%PDF-")) {
        return where + " is not a PDF file";
    }
    if (document.format == ReferenceFormat::Html &&
        !detail::ByteReader::isValidUtf8(std::string_view(
            reinterpret_cast<const char*>(document.bytes.data()), document.bytes.size()))) {
        return where + " is not valid UTF-8";
    }
    return {};
}

std::string validateReferenceDocuments(const Assessment& assessment) {
    if (assessment.referenceDocuments.empty()) {
        return {};
    }
    if (!assessment.metadata.referenceMaterialAllowed) {
        return "the assessment carries reference documents but does not allow reference material";
    }
    if (assessment.referenceDocuments.size() > kMaxReferenceDocuments) {
        return "more than " + std::to_string(kMaxReferenceDocuments) + " reference documents";
    }
    std::set<std::string> ids;
    for (const auto& document : assessment.referenceDocuments) {
        if (auto problem = validateReferenceDocument(document); !problem.empty()) {
            return problem;
        }
        if (!ids.insert(document.id).second) {
            return "reference document id \"" + document.id + "\" is used twice";
        }
    }
    return {};
}

template <class Enum>
Enum readEnum(detail::ByteReader& in, std::uint8_t last, std::string_view field) {
    const auto value = in.u8(field);
    if (value > last) {
        in.fail(std::string(field) + ": unknown value " + std::to_string(value));
        return Enum{};
    }
    return static_cast<Enum>(value);
}

void writeMetadata(detail::ByteWriter& out, const AssessmentMetadata& m) {
    out.u16(m.kind == PackageKind::Practice ? kPracticeMetadataFormatVersion
                                            : kAssessmentFormatVersion);
    out.text(m.id);
    out.text(m.title);
    out.text(m.qualificationCode);
    out.text(m.version);
    out.i64(m.durationSeconds);
    out.f64(m.passMarkPercent);
    out.u32(static_cast<std::uint32_t>(m.itemCount));
    out.boolean(m.calculatorAllowed);
    out.boolean(m.referenceMaterialAllowed);
    out.text(m.referenceMaterialNote);
    out.boolean(m.instantResult);
    out.boolean(m.apprenticeshipStandard);
    if (m.kind == PackageKind::Practice) {
        out.u8(static_cast<std::uint8_t>(m.kind));
    }
}

AssessmentMetadata readMetadata(detail::ByteReader& in) {
    AssessmentMetadata m;
    const auto version = in.u16("metadata format version");
    if (!in.failed() && version != kAssessmentFormatVersion &&
        version != kPracticeMetadataFormatVersion) {
        in.fail("metadata format version " + std::to_string(version) + " is not supported");
    }
    m.id = in.text(kMaxIdentifierBytes, "metadata id");
    m.title = in.text(kMaxShortTextBytes, "metadata title");
    m.qualificationCode = in.text(kMaxIdentifierBytes, "metadata qualificationCode");
    m.version = in.text(kMaxIdentifierBytes, "metadata version");
    m.durationSeconds = in.i64("metadata durationSeconds");
    m.passMarkPercent = in.f64("metadata passMarkPercent");
    const auto itemCount = in.u32("metadata itemCount");
    if (itemCount > kMaxItems) {
        in.fail("metadata itemCount is more than " + std::to_string(kMaxItems));
    }
    m.itemCount = static_cast<int>(std::min<std::uint32_t>(itemCount, kMaxItems));
    m.calculatorAllowed = in.boolean("metadata calculatorAllowed");
    m.referenceMaterialAllowed = in.boolean("metadata referenceMaterialAllowed");
    m.referenceMaterialNote = in.text(kMaxShortTextBytes, "metadata referenceMaterialNote");
    m.instantResult = in.boolean("metadata instantResult");
    m.apprenticeshipStandard = in.boolean("metadata apprenticeshipStandard");
    if (!in.failed() && version == kPracticeMetadataFormatVersion) {
        m.kind = readEnum<PackageKind>(in, 1, "metadata kind");
        if (!in.failed() && m.kind != PackageKind::Practice) {
            in.fail("metadata kind: version 2 metadata is a practice quiz's");
        }
    }
    return m;
}

void writeOptional(detail::ByteWriter& out, const std::optional<double>& value) {
    out.boolean(value.has_value());
    if (value) {
        out.f64(*value);
    }
}

std::optional<double> readOptional(detail::ByteReader& in, std::string_view field) {
    if (!in.boolean(field)) {
        return std::nullopt;
    }
    return in.f64(field);
}

void writeItem(detail::ByteWriter& out, const Item& item) {
    out.text(item.identifier);
    out.text(item.title);
    out.text(item.bodyHtml);
    out.text(item.promptHtml);
    out.u32(static_cast<std::uint32_t>(item.choices.size()));
    for (const auto& choice : item.choices) {
        out.text(choice.identifier);
        out.text(choice.contentHtml);
        out.boolean(choice.fixed);
    }
    out.boolean(item.shuffle);
    out.u32(static_cast<std::uint32_t>(item.minChoices));
    out.u32(static_cast<std::uint32_t>(item.maxChoices));
    out.u8(static_cast<std::uint8_t>(item.cardinality));
    out.u32(static_cast<std::uint32_t>(item.correctResponse.size()));
    for (const auto& id : item.correctResponse) {
        out.text(id);
    }
    out.boolean(item.mapping.has_value());
    if (item.mapping) {
        out.u32(static_cast<std::uint32_t>(item.mapping->entries.size()));
        for (const auto& [id, value] : item.mapping->entries) { // std::map: sorted, canonical
            out.text(id);
            out.f64(value);
        }
        out.f64(item.mapping->defaultValue);
        writeOptional(out, item.mapping->lowerBound);
        writeOptional(out, item.mapping->upperBound);
    }
    out.u8(static_cast<std::uint8_t>(item.processing));
    out.f64(item.maxScore);
}

int readSmallInt(detail::ByteReader& in, std::string_view field) {
    const auto value = in.u32(field);
    if (value > kMaxChoicesPerItem) {
        in.fail(std::string(field) + ": more than " + std::to_string(kMaxChoicesPerItem));
        return 0;
    }
    return static_cast<int>(value);
}

Item readItem(detail::ByteReader& in) {
    Item item;
    item.identifier = in.text(kMaxIdentifierBytes, "item identifier");
    item.title = in.text(kMaxShortTextBytes, "item title");
    item.bodyHtml = in.text(kMaxTextBytes, "item bodyHtml");
    item.promptHtml = in.text(kMaxTextBytes, "item promptHtml");
    const auto choiceCount = in.count(kMaxChoicesPerItem, "item choice count");
    for (std::size_t i = 0; i < choiceCount && !in.failed(); ++i) {
        Choice choice;
        choice.identifier = in.text(kMaxIdentifierBytes, "choice identifier");
        choice.contentHtml = in.text(kMaxTextBytes, "choice contentHtml");
        choice.fixed = in.boolean("choice fixed");
        item.choices.push_back(std::move(choice));
    }
    item.shuffle = in.boolean("item shuffle");
    item.minChoices = readSmallInt(in, "item minChoices");
    item.maxChoices = readSmallInt(in, "item maxChoices");
    item.cardinality = readEnum<Cardinality>(in, 1, "item cardinality");
    const auto correctCount = in.count(kMaxChoicesPerItem, "item correct response count");
    for (std::size_t i = 0; i < correctCount && !in.failed(); ++i) {
        item.correctResponse.push_back(in.text(kMaxIdentifierBytes, "item correct response"));
    }
    if (in.boolean("item has mapping")) {
        ScoreMapping mapping;
        const auto entryCount = in.count(kMaxMappingEntries, "item mapping entry count");
        std::string previous;
        for (std::size_t i = 0; i < entryCount && !in.failed(); ++i) {
            auto id = in.text(kMaxIdentifierBytes, "item mapping key");
            const auto value = in.f64("item mapping value");
            if (i > 0 && id <= previous) {
                in.fail("item mapping keys are not in strictly ascending order");
            }
            previous = id;
            mapping.entries.emplace(std::move(id), value);
        }
        mapping.defaultValue = in.f64("item mapping defaultValue");
        mapping.lowerBound = readOptional(in, "item mapping lowerBound");
        mapping.upperBound = readOptional(in, "item mapping upperBound");
        item.mapping = std::move(mapping);
    }
    item.processing = readEnum<ResponseProcessing>(in, 1, "item processing");
    item.maxScore = in.f64("item maxScore");
    return item;
}

} // namespace

std::string validateAssessment(const Assessment& assessment) {
    if (auto problem = validateMetadata(assessment.metadata); !problem.empty()) {
        return problem;
    }
    if (assessment.items.size() != static_cast<std::size_t>(assessment.metadata.itemCount)) {
        return "metadata itemCount is " + std::to_string(assessment.metadata.itemCount) +
               " but the assessment has " + std::to_string(assessment.items.size()) + " items";
    }
    std::set<std::string> itemIds;
    for (const auto& item : assessment.items) {
        if (auto problem = validateItem(item); !problem.empty()) {
            return problem;
        }
        if (auto problem = validateFeedback(assessment.metadata.kind, item); !problem.empty()) {
            return problem;
        }
        if (!itemIds.insert(item.identifier).second) {
            return "item identifier \"" + item.identifier + "\" is used twice";
        }
    }
    if (assessment.media.size() > kMaxMediaFiles) {
        return "more than " + std::to_string(kMaxMediaFiles) + " media files";
    }
    std::set<std::string> mediaPaths;
    for (const auto& media : assessment.media) {
        if (auto problem = validateMedia(media); !problem.empty()) {
            return problem;
        }
        if (!mediaPaths.insert(media.path).second) {
            return "media path \"" + media.path + "\" is used twice";
        }
    }
    return validateReferenceDocuments(assessment);
}

std::vector<std::uint8_t> serializeMetadata(const AssessmentMetadata& metadata) {
    detail::ByteWriter out;
    writeMetadata(out, metadata);
    return out.take();
}

Checked<AssessmentMetadata, std::string> deserializeMetadata(std::span<const std::uint8_t> bytes) {
    if (bytes.size() > kMaxMetadataBytes) {
        return std::string("metadata is larger than ") + std::to_string(kMaxMetadataBytes) +
               " bytes";
    }
    detail::ByteReader in(bytes);
    auto metadata = readMetadata(in);
    if (!in.failed() && !in.atEnd()) {
        in.fail("metadata has trailing bytes");
    }
    if (in.failed()) {
        return in.failure();
    }
    if (auto problem = validateMetadata(metadata); !problem.empty()) {
        return problem;
    }
    return metadata;
}

Checked<std::vector<std::uint8_t>, std::string> serializeAssessment(const Assessment& assessment) {
    if (auto problem = validateAssessment(assessment); !problem.empty()) {
        return problem;
    }
    const bool practice = assessment.metadata.kind == PackageKind::Practice;
    const bool withReference = practice || !assessment.referenceDocuments.empty();
    detail::ByteWriter out;
    out.u16(practice        ? kPracticeFormatVersion
            : withReference ? kAssessmentWithReferenceFormatVersion
                            : kAssessmentFormatVersion);
    out.blob(serializeMetadata(assessment.metadata));
    out.u8(static_cast<std::uint8_t>(assessment.navigation));
    out.u8(static_cast<std::uint8_t>(assessment.submission));
    out.u32(static_cast<std::uint32_t>(assessment.items.size()));
    for (const auto& item : assessment.items) {
        writeItem(out, item);
    }
    out.u32(static_cast<std::uint32_t>(assessment.media.size()));
    for (const auto& media : assessment.media) {
        out.text(media.path);
        out.text(media.mimeType);
        out.blob(media.bytes);
    }
    if (withReference) {
        out.u32(static_cast<std::uint32_t>(assessment.referenceDocuments.size()));
        for (const auto& document : assessment.referenceDocuments) {
            out.text(document.id);
            out.text(document.title);
            out.u8(static_cast<std::uint8_t>(document.format));
            out.blob(document.bytes);
        }
    }
    if (practice) {
        for (const auto& item : assessment.items) {
            out.u32(static_cast<std::uint32_t>(item.feedback.size()));
            for (const auto& feedback : item.feedback) {
                out.text(feedback.identifier);
                out.text(feedback.contentHtml);
            }
        }
    }
    return out.take();
}

Checked<Assessment, std::string> deserializeAssessment(std::span<const std::uint8_t> bytes) {
    detail::ByteReader in(bytes);
    Assessment assessment;
    const auto version = in.u16("assessment format version");
    if (!in.failed() && version != kAssessmentFormatVersion &&
        version != kAssessmentWithReferenceFormatVersion && version != kPracticeFormatVersion) {
        in.fail("assessment format version " + std::to_string(version) + " is not supported");
    }
    const auto metadataBytes = in.blob(kMaxMetadataBytes, "assessment metadata");
    if (in.failed()) {
        return in.failure();
    }
    auto metadata = deserializeMetadata(metadataBytes);
    if (!metadata) {
        return metadata.error();
    }
    assessment.metadata = std::move(metadata).value();
    assessment.navigation = readEnum<NavigationMode>(in, 1, "assessment navigation");
    assessment.submission = readEnum<SubmissionMode>(in, 1, "assessment submission");
    const auto itemCount = in.count(kMaxItems, "assessment item count");
    for (std::size_t i = 0; i < itemCount && !in.failed(); ++i) {
        assessment.items.push_back(readItem(in));
    }
    const auto mediaCount = in.count(kMaxMediaFiles, "assessment media count");
    for (std::size_t i = 0; i < mediaCount && !in.failed(); ++i) {
        Media media;
        media.path = in.text(kMaxShortTextBytes, "media path");
        media.mimeType = in.text(kMaxIdentifierBytes, "media mimeType");
        media.bytes = in.blob(kMaxMediaBytes, "media bytes");
        assessment.media.push_back(std::move(media));
    }
    if (version == kAssessmentWithReferenceFormatVersion || version == kPracticeFormatVersion) {
        const auto documentCount =
            in.count(kMaxReferenceDocuments, "assessment reference document count");
        if (documentCount == 0 && !in.failed() && version != kPracticeFormatVersion) {
            in.fail("assessment format version 2 without reference documents");
        }
        for (std::size_t i = 0; i < documentCount && !in.failed(); ++i) {
            ReferenceDocument document;
            document.id = in.text(kMaxIdentifierBytes, "reference document id");
            document.title = in.text(kMaxShortTextBytes, "reference document title");
            document.format = readEnum<ReferenceFormat>(in, 1, "reference document format");
            document.bytes = in.blob(kMaxReferenceDocumentBytes, "reference document bytes");
            assessment.referenceDocuments.push_back(std::move(document));
        }
    }
    if (version == kPracticeFormatVersion) {
        for (auto& item : assessment.items) {
            const auto count = in.count(kMaxFeedbackPerItem, "item feedback count");
            for (std::size_t i = 0; i < count && !in.failed(); ++i) {
                ItemFeedback feedback;
                feedback.identifier = in.text(kMaxIdentifierBytes, "item feedback identifier");
                feedback.contentHtml = in.text(kMaxTextBytes, "item feedback contentHtml");
                item.feedback.push_back(std::move(feedback));
            }
            if (in.failed()) {
                break;
            }
        }
    }
    if (!in.failed() && (version == kPracticeFormatVersion) !=
                            (assessment.metadata.kind == PackageKind::Practice)) {
        in.fail("assessment format version " + std::to_string(version) +
                " does not match its metadata's kind");
    }
    if (!in.failed() && !in.atEnd()) {
        in.fail("assessment has trailing bytes");
    }
    if (in.failed()) {
        return in.failure();
    }
    if (auto problem = validateAssessment(assessment); !problem.empty()) {
        return problem;
    }
    return assessment;
}

} // namespace vigil::exam
