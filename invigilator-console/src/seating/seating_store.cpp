#include "vigil/console/seating_store.h"

#include <stdexcept>

namespace vigil::console {

std::string_view SeatingStore::schemaSql() noexcept {
    return R"sql(
CREATE TABLE seating_candidates (
    session_id TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    name TEXT NOT NULL,
    photo BLOB,
    photo_type TEXT,
    PRIMARY KEY (session_id, registration_number)
);
CREATE TABLE seating_rooms (
    session_id TEXT PRIMARY KEY,
    grid_rows INTEGER NOT NULL CHECK (grid_rows > 0),
    grid_columns INTEGER NOT NULL CHECK (grid_columns > 0)
);
CREATE TABLE seating_pcs (
    session_id TEXT NOT NULL REFERENCES seating_rooms (session_id),
    seat TEXT NOT NULL,
    row_index INTEGER NOT NULL,
    column_index INTEGER NOT NULL,
    PRIMARY KEY (session_id, seat),
    UNIQUE (session_id, row_index, column_index)
);
CREATE TABLE seating_assignments (
    session_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    attempt_number INTEGER NOT NULL,
    chargeable INTEGER NOT NULL,
    PRIMARY KEY (session_id, seat),
    UNIQUE (session_id, registration_number),
    FOREIGN KEY (session_id, seat) REFERENCES seating_pcs (session_id, seat),
    FOREIGN KEY (session_id, registration_number)
        REFERENCES seating_candidates (session_id, registration_number)
);
)sql";
}

std::optional<SeatingPlan> SeatingStore::load(std::string_view sessionId) {
    auto room =
        db_.prepare("SELECT grid_rows, grid_columns FROM seating_rooms WHERE session_id = ?");
    room.bind(1, sessionId);
    if (!room.step()) {
        return std::nullopt;
    }
    auto plan =
        SeatingPlan::create(static_cast<int>(room.int64(0)), static_cast<int>(room.int64(1)), {});
    // What the store holds was checked by the same rules when saved: a refusal here means the
    // file was changed behind Vigil's back, which is not an expected failure.
    const auto check = [&](const auto& result) {
        if (!result) {
            throw std::runtime_error(
                "the seating plan of session " + std::string(sessionId) +
                " in the store breaks its rules: " + std::string(describe(result.error())));
        }
    };
    check(plan);

    auto pcs =
        db_.prepare("SELECT seat, row_index, column_index FROM seating_pcs WHERE session_id = ?");
    pcs.bind(1, sessionId);
    while (pcs.step()) {
        check(plan.value().addPc(pcs.text(0),
                                 {static_cast<int>(pcs.int64(1)), static_cast<int>(pcs.int64(2))}));
    }
    auto assignments =
        db_.prepare("SELECT seat, registration_number, assessment_id, attempt_number, chargeable "
                    "FROM seating_assignments WHERE session_id = ?");
    assignments.bind(1, sessionId);
    while (assignments.step()) {
        check(plan.value().assign({assignments.text(0), assignments.text(1), assignments.text(2),
                                   static_cast<int>(assignments.int64(3)),
                                   assignments.int64(4) != 0}));
    }
    return std::move(plan).value();
}

void SeatingStore::save(std::string_view sessionId, const SeatingPlan& plan) {
    db_.transaction([&] {
        for (const char* sql : {"DELETE FROM seating_assignments WHERE session_id = ?",
                                "DELETE FROM seating_pcs WHERE session_id = ?",
                                "DELETE FROM seating_rooms WHERE session_id = ?"}) {
            db_.prepare(sql).bind(1, sessionId).run();
        }
        db_.prepare("INSERT INTO seating_rooms (session_id, grid_rows, grid_columns) "
                    "VALUES (?, ?, ?)")
            .bind(1, sessionId)
            .bind(2, plan.rows())
            .bind(3, plan.columns())
            .run();
        auto pc = db_.prepare("INSERT INTO seating_pcs (session_id, seat, row_index, "
                              "column_index) VALUES (?, ?, ?, ?)");
        for (const PlacedPc& placed : plan.pcs()) {
            pc.reset();
            pc.bind(1, sessionId)
                .bind(2, placed.seat)
                .bind(3, placed.place.row)
                .bind(4, placed.place.column)
                .run();
        }
        auto assignment =
            db_.prepare("INSERT INTO seating_assignments (session_id, seat, registration_number, "
                        "assessment_id, attempt_number, chargeable) VALUES (?, ?, ?, ?, ?, ?)");
        for (const SeatAssignment& sitting : plan.assignments()) {
            assignment.reset();
            assignment.bind(1, sessionId)
                .bind(2, sitting.seat)
                .bind(3, sitting.registrationNumber)
                .bind(4, sitting.assessmentId)
                .bind(5, sitting.attemptNumber)
                .bind(6, sitting.chargeable ? 1 : 0)
                .run();
        }
    });
}

} // namespace vigil::console
