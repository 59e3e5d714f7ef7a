#include "vigil/console/record_error.h"

namespace vigil::console {

RecordFailure::RecordFailure(RecordError error_, std::optional<std::uint64_t> entry_,
                             std::string detail_)
    : error(error_)
    , entry(entry_)
    , detail(std::move(detail_)) {
    if (detail.empty()) {
        detail = std::string(describe(error));
    }
}

std::string_view describe(RecordError error) noexcept {
    switch (error) {
    case RecordError::MissingRecorder:
        return "say who recorded the incident";
    case RecordError::SubjectsDoNotFitScope:
        return "an incident about one candidate names one candidate, about several names two "
               "or more, about the whole room names none";
    case RecordError::MissingSeat:
        return "each candidate named in an incident needs the PC they sat at";
    case RecordError::MissingQuestionDetails:
        return "a problem with a question needs the question number and the assessment id "
               "(never the question's text)";
    case RecordError::DescriptionTooLong:
        return "the description is too long: describe the problem briefly (a question "
               "problem in 280 characters, without the question's text)";
    case RecordError::UnknownIncident:
        return "there is no such incident in this session's log";
    case RecordError::BrokenChain:
        return "the session's incident log no longer verifies: it was altered in the store; "
               "nothing more is added to it";
    case RecordError::NotARecord:
        return "this is not a Vigil invigilation record (or it is damaged beyond reading)";
    case RecordError::UnsupportedVersion:
        return "this invigilation record was written by a newer Vigil: use that version";
    case RecordError::MalformedEntry:
        return "an incident entry of the record is incomplete or not an incident";
    case RecordError::EntryBroken:
        return "an incident entry of the record was altered, removed, moved or signed by "
               "another key";
    case RecordError::EntryMissing:
        return "the record's incident log ends early: entries were removed";
    case RecordError::WrongSigner:
        return "the record was not signed by this console's key";
    case RecordError::BadSignature:
        return "the record's content was altered after the console signed it";
    case RecordError::ExportFailed:
        return "the export could not be written: check the folder exists and can be written";
    }
    return "unknown record error";
}

} // namespace vigil::console
