#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/exam/checked.h"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vigil::exam {

// Canonical binary form of an Assessment (the plaintext a sealed package carries, before
// compression and encryption), and of its public metadata. Little-endian integers,
// length-prefixed UTF-8 strings, doubles as IEEE-754 bits; the same value always gives the
// same bytes, so hashes of it can be compared. Format version 1; an assessment carrying
// reference documents is written as version 2 (version 1 followed by the documents), so the
// bytes of every assessment without them are unchanged.
inline constexpr std::uint16_t kAssessmentFormatVersion = 1;
inline constexpr std::uint16_t kAssessmentWithReferenceFormatVersion = 2;
// A practice quiz (PackageKind::Practice) is written as version 3: version 2's layout (its
// reference documents, maybe none) followed by each item's feedback. Its metadata is written
// as metadata version 2: version 1's fields and the kind. So an assessment's bytes are
// unchanged, and a kiosk built before practice existed refuses a practice package outright.
inline constexpr std::uint16_t kPracticeFormatVersion = 3;
inline constexpr std::uint16_t kPracticeMetadataFormatVersion = 2;
inline constexpr std::size_t kMaxFeedbackPerItem = 64;

// Limits a reader enforces (a writer refuses to produce anything beyond them).
inline constexpr std::size_t kMaxTextBytes = 1024 * 1024;   // one rich-text field
inline constexpr std::size_t kMaxIdentifierBytes = 256;     // ids, versions, codes
inline constexpr std::size_t kMaxShortTextBytes = 4 * 1024; // titles, notes
inline constexpr std::size_t kMaxItems = 10'000;
inline constexpr std::size_t kMaxChoicesPerItem = 64;
inline constexpr std::size_t kMaxMediaFiles = 4'096;
inline constexpr std::size_t kMaxMediaBytes = 64 * 1024 * 1024; // one media file
inline constexpr std::size_t kMaxReferenceDocuments = 16;
inline constexpr std::size_t kMaxReferenceDocumentBytes = 16 * 1024 * 1024; // one document

[[nodiscard]] std::vector<std::uint8_t> serializeMetadata(const AssessmentMetadata& metadata);
// The error is a sentence naming the field that is wrong.
[[nodiscard]] Checked<AssessmentMetadata, std::string>
deserializeMetadata(std::span<const std::uint8_t> bytes);

// Refuses (with the reason) an assessment that breaks a limit above or is inconsistent:
// duplicate item identifiers or media paths, itemCount different from the items given, a
// correct response naming no choice of its item, a non-finite number, a reference document on
// a paper that does not allow reference material, or one that is not what its format says,
// feedback on an item of an assessment (only practice quizzes carry feedback).
[[nodiscard]] Checked<std::vector<std::uint8_t>, std::string>
serializeAssessment(const Assessment& assessment);
[[nodiscard]] Checked<Assessment, std::string>
deserializeAssessment(std::span<const std::uint8_t> bytes);

// The checks serializeAssessment makes; empty string when the assessment is fine.
[[nodiscard]] std::string validateAssessment(const Assessment& assessment);

} // namespace vigil::exam
