#pragma once

#include "vigil/checked.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A candidate of one session as the console keeps them: name, the awarding body's registration
// number, an optional photo for the invigilator's identity check. The rules here are the ones
// every way in (typed in, CSV import, store) applies, so a name accepted once is accepted again.
namespace vigil::console {

inline constexpr std::size_t kMaxNameCharacters = 100;
inline constexpr std::size_t kMaxPhotoBytes = 1024 * 1024;

struct CandidatePhoto {
    std::vector<std::uint8_t> bytes;
    std::string mimeType; // "image/jpeg" or "image/png"

    friend bool operator==(const CandidatePhoto&, const CandidatePhoto&) = default;
};

struct CandidateEntry {
    std::string name;
    std::string registrationNumber;
    std::optional<CandidatePhoto> photo;

    friend bool operator==(const CandidateEntry&, const CandidateEntry&) = default;
};

// Every way a candidate can be refused, when typed in or kept in a session's roster.
enum class CandidateError {
    EmptyName,
    NameTooLong,                 // more than kMaxNameCharacters
    NameHasControlCharacters,    // or text-direction overrides; tabs and line breaks fold to spaces
    NotUtf8,                     // the name is not valid UTF-8 text
    MalformedRegistrationNumber, // see normaliseRegistrationNumber
    PhotoTooLarge,               // more than kMaxPhotoBytes
    PhotoTypeNotAllowed,         // only JPEG and PNG
    PhotoDoesNotMatchType,       // the bytes are not the image type they claim
    DuplicateRegistrationNumber, // already a candidate of this session
    UnknownCandidate,            // no candidate of this session has that registration number
    CandidateSeated,             // remove: clear the candidate's seat first
    InvalidArrangement,          // access arrangements no seat assignment can carry
};
[[nodiscard]] std::string_view describe(CandidateError error) noexcept;

template <class T> using CandidateResult = Checked<T, CandidateError>;

// The name as it is kept: surrounding space removed, inner runs of white space (including tabs
// and line breaks) folded to one space. Refused: empty, too long, other control characters.
[[nodiscard]] CandidateResult<std::string> normaliseName(std::string_view name);

// Registration numbers are kept in upper case without surrounding space: 3 to 20 characters of
// A-Z, 0-9, '-' and '/', starting and ending with a letter or digit (e.g. "REG-40213"). Two
// numbers are the same candidate when their normalised forms are equal.
[[nodiscard]] CandidateResult<std::string> normaliseRegistrationNumber(std::string_view number);

// The photo's size and type, and that its bytes start as that type's files do.
[[nodiscard]] std::optional<CandidateError> checkPhoto(const CandidatePhoto& photo);

// The entry as kept (name and number normalised, photo checked), or the first rule it breaks.
[[nodiscard]] CandidateResult<CandidateEntry> normaliseEntry(CandidateEntry entry);

} // namespace vigil::console
