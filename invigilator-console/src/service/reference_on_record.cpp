#include "vigil/console/reference_on_record.h"

#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/sync/journal_replica.h"

#include <set>

namespace vigil::console {

std::string referenceMaterialOnRecord(const exam::AssessmentMetadata* paper,
                                      const std::vector<std::string>* journal) {
    if (!paper) {
        return {};
    }
    if (!paper->referenceMaterialAllowed) {
        return "None allowed";
    }
    std::string text = "Allowed: " + paper->referenceMaterialNote;
    if (!journal) {
        return text;
    }
    int opened = 0;
    std::set<std::string> documents;
    for (const auto& json : *journal) {
        try {
            const auto event = exam::parseEventJson(json);
            if (event.kind == exam::EventKind::ReferenceOpened) {
                ++opened;
                documents.insert(event.text);
            }
        } catch (const exam::SittingError&) {
            // The replica verified every event as it arrived: one it cannot read says nothing
            // about reference material.
        }
    }
    if (opened == 0) {
        return text + "; not opened";
    }
    text += "; opened " + std::to_string(opened) + (opened == 1 ? " time (" : " times (");
    bool first = true;
    for (const auto& document : documents) {
        text += (first ? "" : ", ") + document;
        first = false;
    }
    return text + ")";
}

std::map<std::string, std::vector<std::string>>
sessionJournalsByCandidate(sync::JournalReplica& replica, const std::string& sessionId) {
    std::map<std::string, std::vector<std::string>> journals;
    for (const auto& sitting : replica.sittings()) {
        auto events = replica.events(sitting.sittingId);
        if (events.empty()) {
            continue;
        }
        try {
            const auto created = exam::parseEventJson(events.front());
            if (created.header && created.header->sessionId == sessionId) {
                auto& journal = journals[created.header->candidateRegistration];
                journal.insert(journal.end(), std::make_move_iterator(events.begin()),
                               std::make_move_iterator(events.end()));
            }
        } catch (const exam::SittingError&) {
            continue; // not a journal the record can place
        }
    }
    return journals;
}

} // namespace vigil::console
