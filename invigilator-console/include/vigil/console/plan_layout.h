#pragma once

#include "vigil/console/candidate_roster.h"
#include "vigil/console/seating_plan.h"

#include <map>
#include <string>
#include <vector>

// The seating plan as plain rows of cells, for whatever lays it out on paper or screen (the
// invigilation record's PDF and CSV, a printout): no rules, no layout decisions.
namespace vigil::console {

struct PlanCell {
    Place place;
    std::string seat; // empty: no PC stands here
    // Empty when nobody is assigned to the PC.
    std::string candidateName;
    std::string registrationNumber;
    std::string assessmentId;
    std::string assessmentTitle; // empty when not given

    friend bool operator==(const PlanCell&, const PlanCell&) = default;
};

struct PlanLayout {
    int rows = 0;
    int columns = 0;
    std::vector<std::vector<PlanCell>> cells; // cells[row][column], row 0 at the front

    [[nodiscard]] const PlanCell& at(Place place) const {
        return cells.at(static_cast<std::size_t>(place.row))
            .at(static_cast<std::size_t>(place.column));
    }
};

// `candidates` are the session's (CandidateRoster::list); `assessmentTitles` maps assessment ids
// to their titles.
[[nodiscard]] PlanLayout layOut(const SeatingPlan& plan,
                                const std::vector<RosterCandidate>& candidates,
                                const std::map<std::string, std::string>& assessmentTitles = {});

} // namespace vigil::console
