#pragma once

#include "vigil/checked.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::console {

// Every expected failure of the incident log and the invigilation record. describe() gives the
// sentence shown to a person.
enum class RecordError {
    // Writing an incident
    MissingRecorder,        // nobody named as having recorded it
    SubjectsDoNotFitScope,  // one candidate needs one subject, several two or more, the room none
    MissingSeat,            // a subject without a seat (PC) label
    MissingQuestionDetails, // a question problem needs the question number and assessment id
    DescriptionTooLong,     // longer than the kind allows (a question problem: short, no text)
    UnknownIncident,        // a correction refers to no entry of this session's log
    BrokenChain,            // the stored log no longer verifies: nothing is added to it
    // Reading a record file
    NotARecord,         // not JSON, or not a vigil invigilation record
    UnsupportedVersion, // a record version this build does not know
    MalformedEntry,     // an incident entry lacks a field, or its payload is not an incident
    EntryBroken,        // an incident entry fails the chain (gap, link, signer, signature)
    EntryMissing,       // the chain ends before the count and head the record signed
    WrongSigner,        // the record names a key other than the console's
    BadSignature,       // the record's content was altered after signing
    // Exports
    ExportFailed, // the PDF or CSV file could not be written
};

[[nodiscard]] std::string_view describe(RecordError error) noexcept;

// A failure with where it happened: the first broken entry's sequence when an entry is to blame.
struct RecordFailure {
    RecordError error = RecordError::NotARecord;
    std::optional<std::uint64_t> entry;
    std::string detail; // a sentence for a person, naming the entry where there is one

    RecordFailure(RecordError error_, std::optional<std::uint64_t> entry_ = {},
                  std::string detail_ = {});
};

template <class T> using RecordResult = Checked<T, RecordFailure>;

struct RecordDone {};

} // namespace vigil::console
