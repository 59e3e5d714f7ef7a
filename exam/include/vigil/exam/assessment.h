#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam {

// The content of one assessment as the kiosk delivers it: what the QTI importer produces,
// what a sealed package carries, and what the engine scores. Plain data, no behaviour.
//
// Rich text (item bodies, prompts, choices) is a sanitised XHTML subset that Qt's rich text
// renders directly: p, br, b, strong, i, em, u, sub, sup, ul, ol, li, table, thead, tbody, tr,
// th, td, span, div, img. The importer writes it; nothing else is allowed through. An <img>
// src is the media path inside the package ("media/brake-circuit.svg"); the kiosk serves it
// from memory, never from disk.

struct Choice {
    std::string identifier;
    std::string contentHtml;
    bool fixed = false; // stays in its authored position when choices are shuffled
};

enum class Cardinality { Single, Multiple };

enum class ResponseProcessing {
    MatchCorrect, // full marks only for exactly the correct set, else zero
    MapResponse,  // sum of mapped values of the chosen identifiers, bounded
};

// QTI <mapping>: each chosen identifier adds its value (once); unmapped ones add defaultValue.
struct ScoreMapping {
    std::map<std::string, double> entries;
    double defaultValue = 0.0;
    std::optional<double> lowerBound;
    std::optional<double> upperBound;
};

// What an item says to a candidate after a practice quiz (QTI modalFeedback or feedbackBlock):
// rich text in the subset above, shown when `identifier` is one of the choices the candidate
// picked, or "correct" / "incorrect" as their answer to the item was. Only a practice package
// carries feedback; an assessment never does (serialization refuses it).
struct ItemFeedback {
    std::string identifier;
    std::string contentHtml;
};

inline constexpr auto kFeedbackWhenCorrect = "correct";
inline constexpr auto kFeedbackWhenIncorrect = "incorrect";

struct Item {
    std::string identifier; // unique within the assessment
    std::string title;
    std::string bodyHtml;   // the itemBody outside the interaction (stem, diagram, table)
    std::string promptHtml; // the interaction's <prompt>, may be empty
    std::vector<Choice> choices;
    bool shuffle = false;
    int minChoices = 0;
    int maxChoices = 1; // 0 means unlimited, as in QTI
    Cardinality cardinality = Cardinality::Single;
    std::vector<std::string> correctResponse; // choice identifiers
    std::optional<ScoreMapping> mapping;
    ResponseProcessing processing = ResponseProcessing::MatchCorrect;
    double maxScore = 1.0;              // the best score this item can give
    std::vector<ItemFeedback> feedback; // practice packages only, in authored order
};

enum class NavigationMode { Linear, Nonlinear };
enum class SubmissionMode { Individual, Simultaneous };

struct Media {
    std::string path;     // as referenced from rich text, e.g. "media/brake-circuit.svg"
    std::string mimeType; // image/svg+xml, image/png, image/jpeg
    std::vector<std::uint8_t> bytes;
};

// Material the paper allows the candidate to consult (the MOT inspection manual, say), shipped
// inside the sealed content like the items and shown by the kiosk from memory only. Present
// only when the metadata says referenceMaterialAllowed.
enum class ReferenceFormat {
    Pdf,  // bytes: the PDF file as the awarding body supplied it
    Html, // bytes: UTF-8 rich text in the sanitised subset above; its images are in `media`
};

struct ReferenceDocument {
    std::string id;    // unique within the assessment, e.g. "mot-manual"
    std::string title; // what the candidate sees, e.g. "MOT inspection manual"
    ReferenceFormat format = ReferenceFormat::Pdf;
    std::vector<std::uint8_t> bytes;
};

// What a package is for, fixed when the awarding body builds and signs it: an invigilated
// assessment, or a practice quiz a candidate takes alone. Neither can be delivered as the
// other: the kiosk and the console refuse it (requirePackageKind, package.h).
enum class PackageKind { Assessment, Practice };

// "assessment" / "practice": as vigil-assessment.json's "kind" and `vigil-pack info` write it.
[[nodiscard]] const char* kindName(PackageKind kind) noexcept;

// What may be known about an assessment without its content key: `vigil-pack info` shows it,
// the console plans sessions with it. Never contains item content.
struct AssessmentMetadata {
    std::string id; // awarding body's assessment id, e.g. "MOT-G2-2026A"
    std::string title;
    std::string qualificationCode; // e.g. "601/8928/9"
    std::string version;           // package version, e.g. "2026.1"
    std::int64_t durationSeconds = 0;
    double passMarkPercent = 0.0; // pass when percentage >= this
    int itemCount = 0;
    bool calculatorAllowed = false;
    bool referenceMaterialAllowed = false;
    std::string referenceMaterialNote;   // which material or sites, when allowed
    bool instantResult = true;           // false: "result will be issued by the awarding body"
    bool apprenticeshipStandard = false; // for the invigilator impartiality rule
    PackageKind kind = PackageKind::Assessment;
};

struct Assessment {
    AssessmentMetadata metadata;
    NavigationMode navigation = NavigationMode::Nonlinear;
    SubmissionMode submission = SubmissionMode::Simultaneous;
    std::vector<Item> items; // authored order
    std::vector<Media> media;
    std::vector<ReferenceDocument> referenceDocuments; // empty unless the paper allows them

    [[nodiscard]] const Item* findItem(const std::string& identifier) const;
    [[nodiscard]] const Media* findMedia(const std::string& path) const;
};

} // namespace vigil::exam
