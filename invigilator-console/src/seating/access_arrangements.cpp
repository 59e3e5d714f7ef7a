#include "vigil/console/access_arrangements.h"

#include "registration_key.h"
#include "vigil/console/candidate_roster.h"
#include "vigil/store/statement.h"

#include <algorithm>

namespace vigil::console {
namespace {

bool isDefault(const exam::AccessibilityOptions& a) {
    return !a.screenReader && !a.computerReader && a.textScale == 0 && !a.overlayColour &&
           a.extraTimePercent == 0;
}

} // namespace

std::string checkArrangements(const exam::AccessibilityOptions& arrangements) {
    if (arrangements.extraTimePercent < 0 || arrangements.extraTimePercent > 100) {
        return "extra time is 0 to 100%";
    }
    if (arrangements.textScale < 0 || arrangements.textScale > 2) {
        return "text size is 0 (normal), 1 (large) or 2 (largest)";
    }
    if (arrangements.overlayColour) {
        const auto& colour = *arrangements.overlayColour;
        if (std::find(exam::kOverlayColours.begin(), exam::kOverlayColours.end(), colour) ==
            exam::kOverlayColours.end()) {
            std::string known;
            for (const auto name : exam::kOverlayColours) {
                known += (known.empty() ? "" : ", ") + std::string(name);
            }
            return "the overlay colour must be one of " + known;
        }
    }
    return {};
}

std::string describeArrangements(const exam::AccessibilityOptions& a) {
    std::string text;
    const auto add = [&](const std::string& part) {
        text += (text.empty() ? "" : ", ") + part;
    };
    if (a.extraTimePercent > 0) {
        add("extra time " + std::to_string(a.extraTimePercent) + "%");
    }
    if (a.screenReader) {
        add("screen reader");
    }
    if (a.computerReader) {
        add("computer reader");
    }
    if (a.textScale == 1) {
        add("large text");
    } else if (a.textScale == 2) {
        add("largest text");
    }
    if (a.overlayColour) {
        add(*a.overlayColour + " overlay");
    }
    return text.empty() ? "none" : text;
}

std::string_view AccessArrangements::schemaSql() noexcept {
    return R"sql(
CREATE TABLE seating_access_arrangements (
    session_id TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    screen_reader INTEGER NOT NULL,
    computer_reader INTEGER NOT NULL,
    text_scale INTEGER NOT NULL CHECK (text_scale BETWEEN 0 AND 2),
    overlay_colour TEXT,
    extra_time_percent INTEGER NOT NULL CHECK (extra_time_percent BETWEEN 0 AND 100),
    PRIMARY KEY (session_id, registration_number)
);
)sql";
}

CandidateResult<crypto::Done>
AccessArrangements::set(std::string_view sessionId, std::string_view registrationNumber,
                        const exam::AccessibilityOptions& arrangements) {
    if (!checkArrangements(arrangements).empty()) {
        return CandidateError::InvalidArrangement;
    }
    const auto key = detail::registrationKey(registrationNumber);
    if (!CandidateRoster(db_).find(sessionId, key)) {
        return CandidateError::UnknownCandidate;
    }
    db_.transaction([&] {
        db_.prepare("DELETE FROM seating_access_arrangements "
                    "WHERE session_id = ? AND registration_number = ?")
            .bind(1, sessionId)
            .bind(2, key)
            .run();
        if (isDefault(arrangements)) {
            return;
        }
        auto insert = db_.prepare(
            "INSERT INTO seating_access_arrangements (session_id, registration_number, "
            "screen_reader, computer_reader, text_scale, overlay_colour, extra_time_percent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, sessionId)
            .bind(2, key)
            .bind(3, arrangements.screenReader ? 1 : 0)
            .bind(4, arrangements.computerReader ? 1 : 0)
            .bind(5, arrangements.textScale)
            .bind(7, arrangements.extraTimePercent);
        if (arrangements.overlayColour) {
            insert.bind(6, *arrangements.overlayColour);
        } else {
            insert.bindNull(6);
        }
        insert.run();
    });
    return crypto::Done{};
}

exam::AccessibilityOptions AccessArrangements::of(std::string_view sessionId,
                                                  std::string_view registrationNumber) {
    auto statement = db_.prepare(
        "SELECT screen_reader, computer_reader, text_scale, overlay_colour, extra_time_percent "
        "FROM seating_access_arrangements WHERE session_id = ? AND registration_number = ?");
    statement.bind(1, sessionId).bind(2, detail::registrationKey(registrationNumber));
    exam::AccessibilityOptions arrangements;
    if (!statement.step()) {
        return arrangements;
    }
    arrangements.screenReader = statement.int64(0) != 0;
    arrangements.computerReader = statement.int64(1) != 0;
    arrangements.textScale = static_cast<int>(statement.int64(2));
    if (!statement.isNull(3)) {
        arrangements.overlayColour = statement.text(3);
    }
    arrangements.extraTimePercent = static_cast<int>(statement.int64(4));
    return arrangements;
}

} // namespace vigil::console
