#include "vigil/console/centre_outbox.h"

#include "vigil/console/incident_log.h"
#include "vigil/crypto/hash.h"
#include "vigil/sync/journal_replica.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>

namespace vigil::console {

std::string_view outboxSchemaSql() {
    static const std::string sql = std::string(sync::Outbox::schemaSql()) + R"sql(
CREATE TABLE console_receiver (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    receiver_key BLOB NOT NULL
);
)sql";
    return sql;
}

std::optional<ReceiverSettings> loadReceiverSettings(store::Database& db) {
    auto row = db.prepare("SELECT host, port, receiver_key FROM console_receiver WHERE one = 1");
    if (!row.step()) {
        return std::nullopt;
    }
    ReceiverSettings settings;
    settings.host = row.text(0);
    settings.port = static_cast<std::uint16_t>(row.int64(1));
    const auto key = row.blob(2);
    if (key.size() == settings.key.size()) {
        std::memcpy(settings.key.data(), key.data(), key.size());
    }
    return settings;
}

void saveReceiverSettings(store::Database& db, const ReceiverSettings& settings) {
    db.prepare("INSERT OR REPLACE INTO console_receiver (one, host, port, receiver_key) "
               "VALUES (1, ?, ?, ?)")
        .bind(1, settings.host)
        .bind(2, static_cast<std::int64_t>(settings.port))
        .bindBlob(3, settings.key)
        .run();
}

sync::Outbox outboxOn(store::Database& db, const std::string& centreId) {
    const auto settings = loadReceiverSettings(db);
    return sync::Outbox(db, centreId, settings ? settings->key : crypto::SigningPublicKey{});
}

OutboxStatus outboxStatus(sync::Outbox& outbox, std::int64_t nowMs) {
    OutboxStatus status;
    status.waiting = outbox.waiting();
    status.oldestAgeMs = outbox.oldestAgeMs(nowMs);
    status.overADay = outbox.waitingOverADay(nowMs).size();
    status.lastReceipt = outbox.lastReceipt();
    status.receipts = outbox.receiptCount();
    return status;
}

std::vector<std::uint8_t> journalHeadItem(const exam::SignedJournalHead& head) {
    QJsonObject object; // QJsonObject keeps its keys sorted: the bytes are canonical
    object.insert(QStringLiteral("head"), QString::fromStdString(crypto::toHex(head.head.hash)));
    object.insert(QStringLiteral("kiosk"), QString::fromStdString(crypto::toHex(head.signer)));
    object.insert(QStringLiteral("sequence"), static_cast<double>(head.head.sequence));
    object.insert(QStringLiteral("signature"),
                  QString::fromStdString(crypto::toHex(head.signature)));
    object.insert(QStringLiteral("sitting"), QString::fromStdString(head.sittingId));
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

std::size_t queueJournalHeads(store::Database& db, sync::Outbox& outbox, std::int64_t nowMs) {
    sync::JournalReplica replica(db);
    const auto before = outbox.waitingCount();
    for (const auto& sitting : replica.sittings()) {
        const auto head = replica.signedHead(sitting.sittingId);
        if (!head) {
            continue;
        }
        outbox.add(receiver::ItemKind::JournalHead, journalHeadItem(*head),
                   "journal head of sitting " + sitting.sittingId + " (seat " + sitting.seat +
                       ", event " + std::to_string(head->head.sequence) + ")",
                   nowMs);
    }
    return outbox.waitingCount() - before;
}

std::vector<std::uint8_t> incidentReportItem(const std::string& sessionId,
                                             const crypto::ChainEntry& entry) {
    QJsonObject object;
    object.insert(QStringLiteral("payload"),
                  QString::fromUtf8(reinterpret_cast<const char*>(entry.payload.data()),
                                    static_cast<qsizetype>(entry.payload.size())));
    object.insert(QStringLiteral("previousHash"),
                  QString::fromStdString(crypto::toHex(entry.previousHash)));
    object.insert(QStringLiteral("sequence"), static_cast<double>(entry.sequence));
    object.insert(QStringLiteral("session"), QString::fromStdString(sessionId));
    object.insert(QStringLiteral("signature"),
                  QString::fromStdString(crypto::toHex(entry.signature)));
    object.insert(QStringLiteral("signerKeyId"),
                  QString::fromStdString(crypto::toHex(entry.signerKeyId)));
    object.insert(QStringLiteral("timeMs"), static_cast<double>(entry.timeMs));
    const auto json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return {json.begin(), json.end()};
}

std::size_t queueIncidentReports(store::Database& db, const crypto::SigningKeyPair& consoleKeys,
                                 sync::Outbox& outbox, std::int64_t nowMs) {
    std::vector<std::string> sessions;
    auto rows = db.prepare("SELECT DISTINCT session_id FROM console_incidents ORDER BY 1");
    while (rows.step()) {
        sessions.push_back(rows.text(0));
    }
    const auto before = outbox.waitingCount();
    for (const auto& sessionId : sessions) {
        const IncidentLog log(db, consoleKeys, sessionId);
        const auto chain = log.chain();
        for (const auto& entry : readIncidents(chain)) {
            const bool problem = entry.incident.kind == IncidentKind::SuspectedQuestionProblem ||
                                 entry.incident.kind == IncidentKind::KioskProblemReport;
            const bool malpractice = entry.incident.kind == IncidentKind::SuspectedMalpractice;
            if ((!problem && !malpractice) || entry.sequence >= chain.size()) {
                continue;
            }
            outbox.add(problem ? receiver::ItemKind::ProblemReport
                               : receiver::ItemKind::MalpracticeReport,
                       incidentReportItem(sessionId, chain[entry.sequence]),
                       std::string(problem ? "question problem" : "suspected malpractice") +
                           " reported in session " + sessionId + " (entry " +
                           std::to_string(entry.sequence) + ")",
                       nowMs);
        }
    }
    return outbox.waitingCount() - before;
}

} // namespace vigil::console
