#pragma once

#include "vigil/exam/assessment.h"

#include <map>
#include <string>
#include <vector>

namespace vigil::sync {
class JournalReplica;
}

namespace vigil::console {

// What the invigilation record says of a candidate's reference material: what their paper
// allowed (its note, from the package's metadata) and whether their sitting opened it, from
// the journal the kiosk sent (ReferenceOpened events, each naming the document):
//   "None allowed"
//   "Allowed: The MOT inspection manual; opened 3 times (mot-inspection-manual)"
//   "Allowed: The MOT inspection manual; not opened"
//   "Allowed: The MOT inspection manual" (no journal of the sitting reached the console)
// `paper` null: the candidate has no seat (nothing is said). `journal` null: no sitting.
[[nodiscard]] std::string referenceMaterialOnRecord(const exam::AssessmentMetadata* paper,
                                                    const std::vector<std::string>* journal);

// The journal events (canonical JSON, as replicated) of each sitting of `sessionId` the
// console holds, by the candidate's registration number (the sitting's first event names it).
[[nodiscard]] std::map<std::string, std::vector<std::string>>
sessionJournalsByCandidate(sync::JournalReplica& replica, const std::string& sessionId);

} // namespace vigil::console
