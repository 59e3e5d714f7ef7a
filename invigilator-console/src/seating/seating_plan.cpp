#include "vigil/console/seating_plan.h"

#include <algorithm>

namespace vigil::console {
namespace {

bool validSide(int side) {
    return side >= 1 && side <= kMaxGridSide;
}

bool gridOrder(const PlacedPc& a, const PlacedPc& b) {
    return a.place.row != b.place.row ? a.place.row < b.place.row : a.place.column < b.place.column;
}

} // namespace

std::string_view describe(PlanError error) noexcept {
    switch (error) {
    case PlanError::GridSizeOutOfRange:
        return "a room has 1 to 40 rows and 1 to 40 columns";
    case PlanError::RoomTooSmall:
        return "the room has fewer places than PCs: add rows or columns";
    case PlanError::EmptySeatLabel:
        return "a PC's seat label is empty";
    case PlanError::DuplicateSeatLabel:
        return "two PCs have the same seat label";
    case PlanError::UnknownSeat:
        return "no PC with that seat label is in this room's plan";
    case PlanError::PlaceOutsideRoom:
        return "that place is outside the room's grid";
    case PlanError::PlaceOccupied:
        return "another PC already stands at that place";
    case PlanError::SeatTaken:
        return "another candidate is assigned to that PC: clear that seat first";
    case PlanError::CandidateAlreadySeated:
        return "the candidate is already assigned to another PC: clear that seat first";
    case PlanError::NoAssessment:
        return "choose the one assessment the candidate takes at that seat";
    case PlanError::SeatNotAssigned:
        return "no candidate is assigned to that PC";
    case PlanError::PcHasCandidate:
        return "a candidate is assigned to that PC: clear the seat first";
    case PlanError::NoPlan:
        return "this session has no seating plan yet";
    case PlanError::PlanExists:
        return "this session already has a seating plan: change it instead";
    }
    return "unknown seating plan error";
}

PlanResult<SeatingPlan> SeatingPlan::create(int rows, int columns,
                                            const std::vector<std::string>& seats) {
    if (!validSide(rows) || !validSide(columns)) {
        return PlanError::GridSizeOutOfRange;
    }
    if (seats.size() > static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns)) {
        return PlanError::RoomTooSmall;
    }
    SeatingPlan plan(rows, columns);
    int next = 0;
    for (const std::string& seat : seats) {
        const auto added = plan.addPc(seat, {next / columns, next % columns});
        if (!added) {
            return added.error();
        }
        ++next;
    }
    return plan;
}

bool SeatingPlan::inside(Place place) const {
    return place.row >= 0 && place.row < rows_ && place.column >= 0 && place.column < columns_;
}

void SeatingPlan::keepGridOrder() {
    std::sort(pcs_.begin(), pcs_.end(), gridOrder);
    const auto indexOf = [this](const SeatAssignment& a) {
        return std::find_if(pcs_.begin(), pcs_.end(),
                            [&](const PlacedPc& pc) { return pc.seat == a.seat; }) -
               pcs_.begin();
    };
    std::sort(
        assignments_.begin(), assignments_.end(),
        [&](const SeatAssignment& a, const SeatAssignment& b) { return indexOf(a) < indexOf(b); });
}

std::optional<std::string> SeatingPlan::seatAt(Place place) const {
    const auto found = std::find_if(pcs_.begin(), pcs_.end(),
                                    [&](const PlacedPc& pc) { return pc.place == place; });
    return found == pcs_.end() ? std::nullopt : std::optional(found->seat);
}

std::optional<Place> SeatingPlan::placeOf(std::string_view seat) const {
    const auto found =
        std::find_if(pcs_.begin(), pcs_.end(), [&](const PlacedPc& pc) { return pc.seat == seat; });
    return found == pcs_.end() ? std::nullopt : std::optional(found->place);
}

const SeatAssignment* SeatingPlan::assignmentAt(std::string_view seat) const {
    const auto found = std::find_if(assignments_.begin(), assignments_.end(),
                                    [&](const SeatAssignment& a) { return a.seat == seat; });
    return found == assignments_.end() ? nullptr : &*found;
}

const SeatAssignment* SeatingPlan::assignmentOf(std::string_view registrationNumber) const {
    const auto found =
        std::find_if(assignments_.begin(), assignments_.end(), [&](const SeatAssignment& a) {
            return a.registrationNumber == registrationNumber;
        });
    return found == assignments_.end() ? nullptr : &*found;
}

PlanResult<crypto::Done> SeatingPlan::addPc(const std::string& seat, Place place) {
    if (seat.empty()) {
        return PlanError::EmptySeatLabel;
    }
    if (placeOf(seat)) {
        return PlanError::DuplicateSeatLabel;
    }
    if (!inside(place)) {
        return PlanError::PlaceOutsideRoom;
    }
    if (seatAt(place)) {
        return PlanError::PlaceOccupied;
    }
    pcs_.push_back({seat, place});
    keepGridOrder();
    return crypto::Done{};
}

PlanResult<Place> SeatingPlan::placeSpare(const std::string& seat) {
    if (seat.empty()) {
        return PlanError::EmptySeatLabel;
    }
    if (const auto standing = placeOf(seat)) {
        return *standing;
    }
    for (int row = 0; row < rows_; ++row) {
        for (int column = 0; column < columns_; ++column) {
            if (!seatAt({row, column})) {
                pcs_.push_back({seat, {row, column}});
                keepGridOrder();
                return Place{row, column};
            }
        }
    }
    if (!validSide(rows_ + 1)) {
        return PlanError::RoomTooSmall;
    }
    ++rows_;
    const Place back{rows_ - 1, 0};
    pcs_.push_back({seat, back});
    keepGridOrder();
    return back;
}

PlanResult<crypto::Done> SeatingPlan::removePc(std::string_view seat) {
    if (!placeOf(seat)) {
        return PlanError::UnknownSeat;
    }
    if (assignmentAt(seat)) {
        return PlanError::PcHasCandidate;
    }
    std::erase_if(pcs_, [&](const PlacedPc& pc) { return pc.seat == seat; });
    return crypto::Done{};
}

PlanResult<crypto::Done> SeatingPlan::movePc(std::string_view seat, Place to) {
    const auto from = placeOf(seat);
    if (!from) {
        return PlanError::UnknownSeat;
    }
    if (!inside(to)) {
        return PlanError::PlaceOutsideRoom;
    }
    if (*from == to) {
        return crypto::Done{};
    }
    if (seatAt(to)) {
        return PlanError::PlaceOccupied;
    }
    for (PlacedPc& pc : pcs_) {
        if (pc.seat == seat) {
            pc.place = to;
        }
    }
    keepGridOrder();
    return crypto::Done{};
}

PlanResult<crypto::Done> SeatingPlan::resize(int rows, int columns) {
    if (!validSide(rows) || !validSide(columns)) {
        return PlanError::GridSizeOutOfRange;
    }
    const bool allInside = std::all_of(pcs_.begin(), pcs_.end(), [&](const PlacedPc& pc) {
        return pc.place.row < rows && pc.place.column < columns;
    });
    if (!allInside) {
        return PlanError::PlaceOutsideRoom;
    }
    rows_ = rows;
    columns_ = columns;
    return crypto::Done{};
}

PlanResult<crypto::Done> SeatingPlan::assign(SeatAssignment assignment) {
    if (!placeOf(assignment.seat)) {
        return PlanError::UnknownSeat;
    }
    if (assignment.assessmentId.empty()) {
        return PlanError::NoAssessment;
    }
    if (assignmentAt(assignment.seat)) {
        return PlanError::SeatTaken;
    }
    if (assignmentOf(assignment.registrationNumber)) {
        return PlanError::CandidateAlreadySeated;
    }
    assignments_.push_back(std::move(assignment));
    keepGridOrder();
    return crypto::Done{};
}

PlanResult<SeatAssignment> SeatingPlan::clear(std::string_view seat) {
    if (!placeOf(seat)) {
        return PlanError::UnknownSeat;
    }
    const auto found = std::find_if(assignments_.begin(), assignments_.end(),
                                    [&](const SeatAssignment& a) { return a.seat == seat; });
    if (found == assignments_.end()) {
        return PlanError::SeatNotAssigned;
    }
    SeatAssignment cleared = std::move(*found);
    assignments_.erase(found);
    return cleared;
}

std::vector<std::string>
SeatingPlan::expectedNotConnected(const std::set<std::string>& connectedSeats) const {
    std::vector<std::string> missing;
    for (const PlacedPc& pc : pcs_) {
        if (assignmentAt(pc.seat) && connectedSeats.count(pc.seat) == 0) {
            missing.push_back(pc.seat);
        }
    }
    return missing;
}

} // namespace vigil::console
