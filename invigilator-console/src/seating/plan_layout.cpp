#include "vigil/console/plan_layout.h"

namespace vigil::console {

PlanLayout layOut(const SeatingPlan& plan, const std::vector<RosterCandidate>& candidates,
                  const std::map<std::string, std::string>& assessmentTitles) {
    PlanLayout layout;
    layout.rows = plan.rows();
    layout.columns = plan.columns();
    layout.cells.resize(static_cast<std::size_t>(plan.rows()));
    for (int row = 0; row < plan.rows(); ++row) {
        for (int column = 0; column < plan.columns(); ++column) {
            layout.cells[static_cast<std::size_t>(row)].push_back(
                {{row, column}, {}, {}, {}, {}, {}});
        }
    }
    std::map<std::string, std::string> nameOf;
    for (const RosterCandidate& candidate : candidates) {
        nameOf.emplace(candidate.registrationNumber, candidate.name);
    }
    for (const PlacedPc& pc : plan.pcs()) {
        PlanCell& cell = layout.cells[static_cast<std::size_t>(pc.place.row)]
                                     [static_cast<std::size_t>(pc.place.column)];
        cell.seat = pc.seat;
        if (const SeatAssignment* sitting = plan.assignmentAt(pc.seat)) {
            cell.registrationNumber = sitting->registrationNumber;
            cell.assessmentId = sitting->assessmentId;
            if (const auto name = nameOf.find(sitting->registrationNumber); name != nameOf.end()) {
                cell.candidateName = name->second;
            }
            if (const auto title = assessmentTitles.find(sitting->assessmentId);
                title != assessmentTitles.end()) {
                cell.assessmentTitle = title->second;
            }
        }
    }
    return layout;
}

} // namespace vigil::console
