#include "vigil/console/candidate_csv.h"

#include <algorithm>
#include <map>
#include <optional>

namespace vigil::console {
namespace {

struct Field {
    std::string text;
    int line = 0;
    int column = 0;
};

struct Record {
    int line = 0;
    std::vector<Field> fields;
};

// RFC 4180 records; problems of quoting are reported as they are met.
class Reader {
public:
    explicit Reader(std::string_view text)
        : text_(text) {}

    // Every record, or the ones before an unterminated quote, which ends reading.
    std::vector<Record> records(std::vector<CsvProblem>& problems) {
        std::vector<Record> result;
        while (pos_ < text_.size()) {
            Record record{line_, {}};
            bool atEnd = false;
            while (!atEnd) {
                Field field{{}, line_, static_cast<int>(record.fields.size()) + 1};
                if (!readField(field, problems)) {
                    return result; // the unclosed record is reported, not read
                }
                record.fields.push_back(std::move(field));
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                } else {
                    skipLineEnd();
                    atEnd = true;
                }
            }
            const bool blankLine =
                record.fields.size() == 1 && record.fields[0].text.empty() && !quotedLast_;
            if (!blankLine) {
                result.push_back(std::move(record));
            }
        }
        return result;
    }

private:
    bool atLineEnd() const {
        return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r';
    }

    void skipLineEnd() {
        if (pos_ < text_.size() && text_[pos_] == '\r') {
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '\n') {
            ++pos_;
        }
        ++line_;
    }

    // false: an unterminated quote, reported; nothing after it can be read.
    bool readField(Field& field, std::vector<CsvProblem>& problems) {
        quotedLast_ = pos_ < text_.size() && text_[pos_] == '"';
        if (!quotedLast_) {
            readUnquoted(field, problems);
            return true;
        }
        ++pos_;
        for (;;) {
            if (pos_ >= text_.size()) {
                problems.push_back({field.line, field.column, CsvProblemKind::UnterminatedQuote,
                                    "the quote opened here is never closed"});
                return false;
            }
            const char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    field.text += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\n') {
                ++line_;
            }
            field.text += c;
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !atLineEnd()) {
            problems.push_back(
                {line_, field.column, CsvProblemKind::StrayQuote, "text after the closing quote"});
            while (pos_ < text_.size() && text_[pos_] != ',' && !atLineEnd()) {
                ++pos_;
            }
        }
        return true;
    }

    void readUnquoted(Field& field, std::vector<CsvProblem>& problems) {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && !atLineEnd()) {
            ++pos_;
        }
        field.text.assign(text_.substr(start, pos_ - start));
        if (field.text.find('"') != std::string::npos) {
            problems.push_back({field.line, field.column, CsvProblemKind::StrayQuote,
                                "a quote inside a field that does not start with one"});
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    bool quotedLast_ = false;
};

enum class Column { Name, RegistrationNumber };

// Header cells compare without case, spaces, '_' and '-'.
std::optional<Column> headerColumn(std::string_view cell) {
    std::string key;
    for (const char c : cell) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') {
            continue;
        }
        key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (key == "name") {
        return Column::Name;
    }
    if (key == "registrationnumber") {
        return Column::RegistrationNumber;
    }
    return std::nullopt;
}

CsvProblemKind asCsvProblem(CandidateError error) {
    switch (error) {
    case CandidateError::EmptyName:
        return CsvProblemKind::EmptyName;
    case CandidateError::NameTooLong:
        return CsvProblemKind::NameTooLong;
    case CandidateError::NameHasControlCharacters:
        return CsvProblemKind::NameHasControlCharacters;
    case CandidateError::NotUtf8:
        return CsvProblemKind::NotUtf8;
    default:
        return CsvProblemKind::MalformedRegistrationNumber;
    }
}

struct Header {
    int nameColumn = 0; // 1-based
    int numberColumn = 0;
    std::size_t width = 0;
};

std::optional<Header> readHeader(const Record& record, std::vector<CsvProblem>& problems) {
    Header header;
    header.width = record.fields.size();
    const auto before = problems.size();
    for (const Field& field : record.fields) {
        const auto column = headerColumn(field.text);
        if (!column) {
            problems.push_back({field.line, field.column, CsvProblemKind::UnknownHeaderColumn,
                                "\"" + field.text + "\""});
            continue;
        }
        int& slot = *column == Column::Name ? header.nameColumn : header.numberColumn;
        if (slot != 0) {
            problems.push_back({field.line, field.column, CsvProblemKind::DuplicateHeaderColumn,
                                "\"" + field.text + "\" is also column " + std::to_string(slot)});
            continue;
        }
        slot = field.column;
    }
    if (header.nameColumn == 0) {
        problems.push_back({record.line, 0, CsvProblemKind::MissingHeaderColumn, "\"name\""});
    }
    if (header.numberColumn == 0) {
        problems.push_back(
            {record.line, 0, CsvProblemKind::MissingHeaderColumn, "\"registration number\""});
    }
    if (problems.size() != before) {
        return std::nullopt;
    }
    return header;
}

std::string fieldCount(std::size_t found, std::size_t expected) {
    return std::to_string(found) + " fields, the header has " + std::to_string(expected);
}

} // namespace

std::string_view describe(CsvProblemKind kind) noexcept {
    switch (kind) {
    case CsvProblemKind::FileTooLarge:
        return "the file is larger than 2 MiB";
    case CsvProblemKind::NoHeader:
        return "the file is empty: it needs a header row (name, registration number)";
    case CsvProblemKind::UnknownHeaderColumn:
        return "this header column is neither \"name\" nor \"registration number\"";
    case CsvProblemKind::DuplicateHeaderColumn:
        return "this header column is named twice";
    case CsvProblemKind::MissingHeaderColumn:
        return "the header row lacks a column";
    case CsvProblemKind::NoCandidates:
        return "the file has a header row but no candidates";
    case CsvProblemKind::TooManyRows:
        return "the file has more than 1000 candidates";
    case CsvProblemKind::TooManyColumns:
        return "this row has more fields than the header";
    case CsvProblemKind::TooFewColumns:
        return "this row has fewer fields than the header";
    case CsvProblemKind::UnterminatedQuote:
        return "a quoted field is not closed: the rest of the file cannot be read";
    case CsvProblemKind::StrayQuote:
        return "a quote in the wrong place: put the whole field in quotes and double any quote "
               "inside it";
    case CsvProblemKind::NotUtf8:
        return describe(CandidateError::NotUtf8);
    case CsvProblemKind::EmptyName:
        return describe(CandidateError::EmptyName);
    case CsvProblemKind::NameTooLong:
        return describe(CandidateError::NameTooLong);
    case CsvProblemKind::NameHasControlCharacters:
        return describe(CandidateError::NameHasControlCharacters);
    case CsvProblemKind::MalformedRegistrationNumber:
        return describe(CandidateError::MalformedRegistrationNumber);
    case CsvProblemKind::DuplicateInFile:
        return "the registration number is on an earlier line of this file";
    case CsvProblemKind::AlreadyInSession:
        return describe(CandidateError::DuplicateRegistrationNumber);
    }
    return "unknown CSV problem";
}

std::string describe(const CsvProblem& problem) {
    std::string text = "line " + std::to_string(problem.line);
    if (problem.column > 0) {
        text += ", column " + std::to_string(problem.column);
    }
    text += ": ";
    text += describe(problem.kind);
    if (!problem.detail.empty()) {
        text += " (" + problem.detail + ")";
    }
    return text;
}

Checked<std::vector<CandidateEntry>, std::vector<CsvProblem>>
parseCandidateCsv(std::string_view file, const std::set<std::string>& inSession) {
    std::vector<CsvProblem> problems;
    if (file.size() > kMaxCsvBytes) {
        problems.push_back({1, 0, CsvProblemKind::FileTooLarge, {}});
        return problems;
    }
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    if (file.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
        file.remove_prefix(kByteOrderMark.size());
    }

    const std::vector<Record> records = Reader(file).records(problems);
    if (records.empty()) {
        if (problems.empty()) {
            problems.push_back({1, 0, CsvProblemKind::NoHeader, {}});
        }
        return problems;
    }
    const auto header = readHeader(records.front(), problems);
    if (records.size() == 1 && problems.empty()) {
        problems.push_back({records.front().line + 1, 0, CsvProblemKind::NoCandidates, {}});
    }
    if (records.size() - 1 > kMaxCsvRows) {
        problems.push_back({records[kMaxCsvRows + 1].line, 0, CsvProblemKind::TooManyRows, {}});
    }

    std::vector<CandidateEntry> candidates;
    std::map<std::string, int> firstLineOf; // normalised registration number -> line
    for (std::size_t index = 1; header && index < records.size() && index <= kMaxCsvRows; ++index) {
        const Record& record = records[index];
        const auto width = record.fields.size();
        if (width > header->width) {
            problems.push_back({record.line, static_cast<int>(header->width) + 1,
                                CsvProblemKind::TooManyColumns, fieldCount(width, header->width)});
        } else if (width < header->width) {
            problems.push_back({record.line, static_cast<int>(width) + 1,
                                CsvProblemKind::TooFewColumns, fieldCount(width, header->width)});
        }
        const auto fieldAt = [&](int column) -> const Field* {
            return column <= static_cast<int>(width) ? &record.fields[column - 1] : nullptr;
        };

        CandidateEntry entry;
        bool clean = true;
        if (const Field* nameField = fieldAt(header->nameColumn)) {
            auto name = normaliseName(nameField->text);
            if (name) {
                entry.name = std::move(name).value();
            } else {
                problems.push_back(
                    {nameField->line, nameField->column, asCsvProblem(name.error()), {}});
                clean = false;
            }
        }
        if (const Field* numberField = fieldAt(header->numberColumn)) {
            auto number = normaliseRegistrationNumber(numberField->text);
            if (!number) {
                problems.push_back({numberField->line, numberField->column,
                                    CsvProblemKind::MalformedRegistrationNumber,
                                    "\"" + numberField->text + "\""});
                clean = false;
            } else if (inSession.count(number.value()) != 0) {
                problems.push_back({numberField->line, numberField->column,
                                    CsvProblemKind::AlreadyInSession, number.value()});
                clean = false;
            } else if (const auto earlier = firstLineOf.find(number.value());
                       earlier != firstLineOf.end()) {
                problems.push_back(
                    {numberField->line, numberField->column, CsvProblemKind::DuplicateInFile,
                     number.value() + " is also on line " + std::to_string(earlier->second)});
                clean = false;
            } else {
                firstLineOf.emplace(number.value(), record.line);
                entry.registrationNumber = std::move(number).value();
            }
        }
        if (clean && width >= header->width) {
            candidates.push_back(std::move(entry));
        }
    }

    if (!problems.empty()) {
        std::stable_sort(problems.begin(), problems.end(),
                         [](const CsvProblem& a, const CsvProblem& b) {
                             return a.line != b.line ? a.line < b.line : a.column < b.column;
                         });
        return problems;
    }
    return candidates;
}

} // namespace vigil::console
