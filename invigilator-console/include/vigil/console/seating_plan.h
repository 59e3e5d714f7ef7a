#pragma once

#include "vigil/crypto/error.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// The room of one session as a grid of places (rows x columns), the PCs standing on some of
// them (each known by its seat label, e.g. "PC07"), and who sits at which PC for which
// assessment. Pure rules, no store, no eligibility: SeatingService adds those.
namespace vigil::console {

inline constexpr int kMaxGridSide = 40;

// A place in the room's grid: row 0 is the front row, column 0 the left-most.
struct Place {
    int row = 0;
    int column = 0;

    friend bool operator==(const Place&, const Place&) = default;
};

struct PlacedPc {
    std::string seat;
    Place place;

    friend bool operator==(const PlacedPc&, const PlacedPc&) = default;
};

// One candidate at one PC for one named assessment ("any assessment not yet completed" is
// never a seat's assignment).
struct SeatAssignment {
    std::string seat;
    std::string registrationNumber; // normalised, as candidate.h keeps it
    std::string assessmentId;
    int attemptNumber = 1;   // as the eligibility rules counted it at assignment
    bool chargeable = false; // a resit beyond the free one

    friend bool operator==(const SeatAssignment&, const SeatAssignment&) = default;
};

enum class PlanError {
    GridSizeOutOfRange, // rows and columns are 1 to kMaxGridSide
    RoomTooSmall,       // more PCs than places
    EmptySeatLabel,
    DuplicateSeatLabel, // two PCs with one label
    UnknownSeat,        // no PC with that label in the plan
    PlaceOutsideRoom,
    PlaceOccupied,          // another PC stands there
    SeatTaken,              // another candidate sits at that PC: clear it first
    CandidateAlreadySeated, // the candidate sits at another PC: clear that seat first
    NoAssessment,           // an assignment must name its assessment
    SeatNotAssigned,        // nothing to clear
    PcHasCandidate,         // a PC that would leave the room has a candidate: clear it first
    NoPlan,                 // the session has no seating plan yet
    PlanExists,             // the session has one: change it rather than start again
};
[[nodiscard]] std::string_view describe(PlanError error) noexcept;

template <class T> using PlanResult = Checked<T, PlanError>;

class SeatingPlan {
public:
    // The room, pre-filled row by row, front to back, left to right, with the enrolled PCs'
    // seat labels in the order given.
    [[nodiscard]] static PlanResult<SeatingPlan> create(int rows, int columns,
                                                        const std::vector<std::string>& seats);

    [[nodiscard]] int rows() const noexcept { return rows_; }
    [[nodiscard]] int columns() const noexcept { return columns_; }
    [[nodiscard]] const std::vector<PlacedPc>& pcs() const noexcept { return pcs_; }
    [[nodiscard]] const std::vector<SeatAssignment>& assignments() const noexcept {
        return assignments_;
    }
    [[nodiscard]] std::optional<std::string> seatAt(Place place) const;
    [[nodiscard]] std::optional<Place> placeOf(std::string_view seat) const;
    [[nodiscard]] const SeatAssignment* assignmentAt(std::string_view seat) const;
    [[nodiscard]] const SeatAssignment* assignmentOf(std::string_view registrationNumber) const;

    // A PC enrolled after the plan was made, put on a free place.
    [[nodiscard]] PlanResult<crypto::Done> addPc(const std::string& seat, Place place);
    // A spare PC a sitting moves to during the session: where it already stands, else on the
    // first free place (front to back, left to right), else on a new row at the back; the
    // candidate's seat stays theirs on the record ("PC07, moved to PC09").
    [[nodiscard]] PlanResult<Place> placeSpare(const std::string& seat);
    // A PC that left the room; refused while a candidate is assigned to it.
    [[nodiscard]] PlanResult<crypto::Done> removePc(std::string_view seat);
    // For odd rooms: a PC to a free place inside the grid; its assignment goes with it.
    [[nodiscard]] PlanResult<crypto::Done> movePc(std::string_view seat, Place to);
    // A different grid; refused if a PC would fall outside it.
    [[nodiscard]] PlanResult<crypto::Done> resize(int rows, int columns);

    // One candidate per seat, one seat per candidate, one named assessment.
    [[nodiscard]] PlanResult<crypto::Done> assign(SeatAssignment assignment);
    [[nodiscard]] PlanResult<SeatAssignment> clear(std::string_view seat);

    // The seats whose candidate is expected but whose PC is not among `connectedSeats`, in
    // grid order (front to back, left to right).
    [[nodiscard]] std::vector<std::string>
    expectedNotConnected(const std::set<std::string>& connectedSeats) const;

    friend bool operator==(const SeatingPlan&, const SeatingPlan&) = default;

private:
    SeatingPlan(int rows, int columns)
        : rows_(rows)
        , columns_(columns) {}
    [[nodiscard]] bool inside(Place place) const;
    void keepGridOrder(); // PCs and assignments listed as the room reads, front to back

    int rows_ = 0;
    int columns_ = 0;
    std::vector<PlacedPc> pcs_;
    std::vector<SeatAssignment> assignments_;
};

} // namespace vigil::console
