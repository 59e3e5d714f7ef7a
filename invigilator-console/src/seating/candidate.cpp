#include "vigil/console/candidate.h"

#include <QList>
#include <QString>
#include <QStringDecoder>
#include <algorithm>
#include <array>

namespace vigil::console {
namespace {

constexpr std::size_t kMinRegistrationCharacters = 3;
constexpr std::size_t kMaxRegistrationCharacters = 20;

bool isAsciiLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char asciiUpper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string_view trimmedAscii(std::string_view text) {
    const auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

bool startsWith(const std::vector<std::uint8_t>& bytes, std::initializer_list<std::uint8_t> magic) {
    return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

} // namespace

std::string_view describe(CandidateError error) noexcept {
    switch (error) {
    case CandidateError::EmptyName:
        return "the candidate's name is empty";
    case CandidateError::NameTooLong:
        return "the candidate's name is longer than 100 characters";
    case CandidateError::NameHasControlCharacters:
        return "the candidate's name contains control characters";
    case CandidateError::NotUtf8:
        return "the text is not valid UTF-8: save the file as UTF-8 and try again";
    case CandidateError::MalformedRegistrationNumber:
        return "the registration number must be 3 to 20 letters, digits, '-' or '/', starting "
               "and ending with a letter or digit";
    case CandidateError::PhotoTooLarge:
        return "the photo is larger than 1 MiB";
    case CandidateError::PhotoTypeNotAllowed:
        return "the photo must be a JPEG or PNG image";
    case CandidateError::PhotoDoesNotMatchType:
        return "the photo's contents are not the image type it claims to be";
    case CandidateError::DuplicateRegistrationNumber:
        return "a candidate with this registration number is already in this session";
    case CandidateError::UnknownCandidate:
        return "no candidate of this session has that registration number";
    case CandidateError::CandidateSeated:
        return "the candidate has a seat in the plan: clear the seat first";
    case CandidateError::InvalidArrangement:
        return "the access arrangements cannot be carried by a seat assignment";
    }
    return "unknown candidate error";
}

CandidateResult<std::string> normaliseName(std::string_view name) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded =
        decoder(QByteArrayView(name.data(), static_cast<qsizetype>(name.size())));
    if (decoder.hasError()) {
        return CandidateError::NotUtf8;
    }
    const QString simplified = decoded.simplified();
    if (simplified.isEmpty()) {
        return CandidateError::EmptyName;
    }
    if (static_cast<std::size_t>(simplified.toUcs4().size()) > kMaxNameCharacters) {
        return CandidateError::NameTooLong;
    }
    // Joiners stay (some scripts' names need them); direction overrides would let a name print
    // as something else in the record.
    const bool hasControl = std::any_of(simplified.begin(), simplified.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return c.category() == QChar::Other_Control || (u >= 0x202A && u <= 0x202E) ||
               (u >= 0x2066 && u <= 0x2069);
    });
    if (hasControl) {
        return CandidateError::NameHasControlCharacters;
    }
    return simplified.toStdString();
}

CandidateResult<std::string> normaliseRegistrationNumber(std::string_view number) {
    std::string normalised(trimmedAscii(number));
    std::transform(normalised.begin(), normalised.end(), normalised.begin(), asciiUpper);
    if (normalised.size() < kMinRegistrationCharacters ||
        normalised.size() > kMaxRegistrationCharacters ||
        !isAsciiLetterOrDigit(normalised.front()) || !isAsciiLetterOrDigit(normalised.back())) {
        return CandidateError::MalformedRegistrationNumber;
    }
    const bool allAllowed = std::all_of(normalised.begin(), normalised.end(), [](char c) {
        return isAsciiLetterOrDigit(c) || c == '-' || c == '/';
    });
    if (!allAllowed) {
        return CandidateError::MalformedRegistrationNumber;
    }
    return normalised;
}

std::optional<CandidateError> checkPhoto(const CandidatePhoto& photo) {
    if (photo.bytes.size() > kMaxPhotoBytes) {
        return CandidateError::PhotoTooLarge;
    }
    if (photo.mimeType == "image/jpeg") {
        return startsWith(photo.bytes, {0xFF, 0xD8, 0xFF})
                   ? std::nullopt
                   : std::optional(CandidateError::PhotoDoesNotMatchType);
    }
    if (photo.mimeType == "image/png") {
        return startsWith(photo.bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                   ? std::nullopt
                   : std::optional(CandidateError::PhotoDoesNotMatchType);
    }
    return CandidateError::PhotoTypeNotAllowed;
}

CandidateResult<CandidateEntry> normaliseEntry(CandidateEntry entry) {
    auto name = normaliseName(entry.name);
    if (!name) {
        return name.error();
    }
    auto number = normaliseRegistrationNumber(entry.registrationNumber);
    if (!number) {
        return number.error();
    }
    if (entry.photo) {
        if (const auto problem = checkPhoto(*entry.photo)) {
            return *problem;
        }
    }
    entry.name = std::move(name).value();
    entry.registrationNumber = std::move(number).value();
    return entry;
}

} // namespace vigil::console
