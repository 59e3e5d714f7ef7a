#pragma once

#include "vigil/checked.h"
#include "vigil/console/candidate.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

// Reading a session's candidates from a CSV file (pure parsing: no store, no session).
//
// The file: UTF-8 (a byte-order mark is tolerated), RFC 4180 quoting (fields in double quotes
// may hold commas, line breaks and doubled quotes ""), LF or CRLF line ends, a header row
// naming the columns "name" and "registration number" in either order (case, spaces, '_' and
// '-' in the header do not matter), then one candidate per row. Empty lines are skipped.
// Every bad row is reported, with the line it starts on and the column (1 = the first field;
// 0 = the line as a whole), so a coordinator fixes the file once; nothing is returned to import
// unless the whole file is clean.
namespace vigil::console {

inline constexpr std::size_t kMaxCsvBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxCsvRows = 1000;

enum class CsvProblemKind {
    FileTooLarge,          // more than kMaxCsvBytes
    NoHeader,              // the file is empty
    UnknownHeaderColumn,   // a header cell that is neither "name" nor "registration number"
    DuplicateHeaderColumn, // the same column named twice in the header
    MissingHeaderColumn,   // the header lacks "name" or "registration number"
    NoCandidates,          // a header and nothing after it
    TooManyRows,           // more than kMaxCsvRows candidates
    TooManyColumns,        // a row with more fields than the header
    TooFewColumns,         // a row with fewer fields than the header
    UnterminatedQuote,     // a quoted field never closed: the rest of the file is unread
    StrayQuote,            // a quote inside an unquoted field, or text after a closing quote
    NotUtf8,               // a field that is not valid UTF-8
    EmptyName,
    NameTooLong,
    NameHasControlCharacters,
    MalformedRegistrationNumber,
    DuplicateInFile,  // the registration number is on an earlier line of the file
    AlreadyInSession, // the registration number is already a candidate of the session
};
[[nodiscard]] std::string_view describe(CsvProblemKind kind) noexcept;

struct CsvProblem {
    int line = 0;   // 1 = the header line
    int column = 0; // 1 = the first field; 0 = the line as a whole
    CsvProblemKind kind{};
    std::string detail; // what was found, e.g. "also on line 3" or "4 fields, the header has 2"

    friend bool operator==(const CsvProblem&, const CsvProblem&) = default;
};
// "line 4, column 2: the registration number ... (also on line 3)"
[[nodiscard]] std::string describe(const CsvProblem& problem);

// The candidates of a clean file in file order, normalised as candidate.h says; or every
// problem found, in line then column order. `inSession` holds the normalised registration
// numbers the session already has.
[[nodiscard]] Checked<std::vector<CandidateEntry>, std::vector<CsvProblem>>
parseCandidateCsv(std::string_view file, const std::set<std::string>& inSession);

} // namespace vigil::console
