#include "vigil/exam/sitting_journal.h"

#include "event_json.h"
#include "vigil/exam/sitting_error.h"

#include <QJsonArray>

namespace vigil::exam {

namespace {

constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE sittings (
    sitting_id TEXT PRIMARY KEY NOT NULL,
    candidate_registration TEXT NOT NULL,
    centre_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    assessment_version TEXT NOT NULL,
    state TEXT NOT NULL,
    event_count INTEGER NOT NULL,
    sealed_result BLOB
);
CREATE TABLE sitting_events (
    sitting_id TEXT NOT NULL REFERENCES sittings(sitting_id),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    kind TEXT NOT NULL,
    time_used_ms INTEGER NOT NULL,
    wall_ms INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (sitting_id, sequence)
) WITHOUT ROWID;
)sql";

constexpr const char* kExportFormat = "vigil-sitting-journal";

[[noreturn]] void corrupt(const std::string& why) {
    throw SittingError(SittingErrorCode::CorruptJournal, "The sitting journal is damaged: " + why);
}

} // namespace

std::string_view sittingSchemaSql() noexcept {
    return kSchemaSql;
}

SittingJournal::SittingJournal(store::Database& db, std::string sittingId)
    : db_(db)
    , sittingId_(std::move(sittingId)) {}

bool SittingJournal::exists() {
    auto query = db_.prepare("SELECT 1 FROM sittings WHERE sitting_id = ?");
    query.bind(1, sittingId_);
    return query.step();
}

std::vector<SittingEvent> SittingJournal::load() {
    auto query = db_.prepare(
        "SELECT sequence, event FROM sitting_events WHERE sitting_id = ? ORDER BY sequence");
    query.bind(1, sittingId_);
    std::vector<SittingEvent> events;
    while (query.step()) {
        auto event = parseEventJson(query.text(1));
        if (event.sequence != query.int64(0)) {
            corrupt("event " + std::to_string(query.int64(0)) + " carries sequence " +
                    std::to_string(event.sequence));
        }
        events.push_back(std::move(event));
    }
    return events;
}

void SittingJournal::append(std::span<const SittingEvent> events, SittingState newState,
                            std::span<const std::uint8_t> sealedResult) {
    if (events.empty()) {
        return;
    }
    db_.transaction([&] {
        const auto& first = events.front();
        if (first.kind == EventKind::Created) {
            const auto& header = *first.header;
            auto insert = db_.prepare(
                "INSERT INTO sittings (sitting_id, candidate_registration, centre_id, seat, "
                "assessment_id, assessment_version, state, event_count) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0)");
            insert.bind(1, sittingId_)
                .bind(2, header.candidateRegistration)
                .bind(3, header.centreId)
                .bind(4, header.seat)
                .bind(5, header.assessmentId)
                .bind(6, header.assessmentVersion)
                .bind(7, toString(newState));
            insert.run();
        }
        auto insertEvent = db_.prepare(
            "INSERT INTO sitting_events (sitting_id, sequence, kind, time_used_ms, wall_ms, event) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        for (const auto& event : events) {
            insertEvent.reset();
            insertEvent.bind(1, sittingId_)
                .bind(2, event.sequence)
                .bind(3, toString(event.kind))
                .bind(4, event.timeUsedMs)
                .bind(5, event.wallMs)
                .bind(6, canonicalEventJson(event));
            insertEvent.run();
        }
        auto update =
            db_.prepare(sealedResult.empty()
                            ? "UPDATE sittings SET state = ?, event_count = ? WHERE sitting_id = ?"
                            : "UPDATE sittings SET state = ?, event_count = ?, sealed_result = ? "
                              "WHERE sitting_id = ?");
        update.bind(1, toString(newState)).bind(2, events.back().sequence + 1);
        if (sealedResult.empty()) {
            update.bind(3, sittingId_);
        } else {
            update.bindBlob(3, sealedResult).bind(4, sittingId_);
        }
        update.run();
    });
}

std::optional<std::vector<std::uint8_t>> SittingJournal::sealedResult() {
    auto query = db_.prepare("SELECT sealed_result FROM sittings WHERE sitting_id = ?");
    query.bind(1, sittingId_);
    if (!query.step() || query.isNull(0)) {
        return std::nullopt;
    }
    return query.blob(0);
}

std::vector<SittingSummary> SittingJournal::list(store::Database& db) {
    auto query = db.prepare("SELECT sitting_id, candidate_registration, seat, assessment_id, "
                            "state FROM sittings ORDER BY sitting_id");
    std::vector<SittingSummary> summaries;
    while (query.step()) {
        const auto state = sittingStateFromString(query.text(4));
        if (!state) {
            corrupt("unknown state '" + query.text(4) + "'");
        }
        summaries.push_back({query.text(0), query.text(1), query.text(2), query.text(3), *state});
    }
    return summaries;
}

std::vector<std::uint8_t> exportJournal(store::Database& db, const std::string& sittingId) {
    SittingJournal journal(db, sittingId);
    const auto events = journal.load();
    if (events.empty()) {
        throw SittingError(SittingErrorCode::SittingNotFound,
                           "There is no sitting '" + sittingId + "' to export");
    }
    QJsonArray array;
    for (const auto& event : events) {
        array.append(detail::eventToJson(event));
    }
    const QJsonObject document{
        {"format", kExportFormat},
        {"version", 1},
        {"sittingId", QString::fromStdString(sittingId)},
        {"journalHash", QString::fromStdString(crypto::toHex(journalHash(events)))},
        {"events", array},
    };
    const auto json = detail::compactJson(document);
    return {json.begin(), json.end()};
}

std::string importJournal(store::Database& db, std::span<const std::uint8_t> document) {
    const auto object = detail::parseObject(
        std::string_view(reinterpret_cast<const char*>(document.data()), document.size()));
    if (object.value("format").toString() != QLatin1String(kExportFormat) ||
        object.value("version").toInt() != 1) {
        corrupt("this is not a Vigil sitting journal (version 1)");
    }
    const auto sittingId = object.value("sittingId").toString().toStdString();
    std::vector<SittingEvent> events;
    for (const auto& element : object.value("events").toArray()) {
        events.push_back(detail::eventFromJson(element.toObject()));
    }
    if (crypto::toHex(journalHash(events)) !=
        object.value("journalHash").toString().toStdString()) {
        corrupt("its events do not match its hash");
    }
    const auto snapshot = replay(events);
    if (snapshot.header.sittingId != sittingId) {
        corrupt("its events belong to sitting '" + snapshot.header.sittingId + "'");
    }
    SittingJournal journal(db, sittingId);
    if (journal.exists()) {
        throw SittingError(SittingErrorCode::SittingExists,
                           "Sitting '" + sittingId + "' is already in this store");
    }
    journal.append(events, snapshot.state);
    return sittingId;
}

} // namespace vigil::exam
