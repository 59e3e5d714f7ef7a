#pragma once

#include "vigil/console/invigilation_record.h"
#include "vigil/console/record_error.h"

#include <QString>
#include <string>
#include <string_view>

namespace vigil::console {

// The record as a printed form: centre, room and date at the head; the session's facts,
// invigilators, seating plan, candidates and incidents as tables; the digest at the end.
// Every value from people is HTML-escaped.
[[nodiscard]] QString recordHtml(const RecordData& data, const crypto::Digest& digest);
// Writes recordHtml as an A4 PDF (QPdfWriter + QTextDocument). Needs a QGuiApplication.
[[nodiscard]] RecordResult<RecordDone>
writeRecordPdf(const RecordData& data, const crypto::Digest& digest, const QString& path);

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A field
// starting with = + - @ (or tab / CR) gets a leading apostrophe first: spreadsheets run such
// cells as formulas (CSV injection), and a candidate's name is typed by people.
[[nodiscard]] std::string csvField(std::string_view value);

// The record's tables as CSV files (CRLF line ends, a header row each).
struct RecordCsv {
    std::string session;     // one row: the facts, invigilators joined by "; "
    std::string seatingPlan; // row, column, pc, candidate, registration, assessment
    std::string candidates;
    std::string incidents;
};
[[nodiscard]] RecordCsv recordCsv(const RecordData& data);
// Writes <basePath>-session.csv, -seating-plan.csv, -candidates.csv and -incidents.csv.
[[nodiscard]] RecordResult<RecordDone> writeRecordCsv(const RecordData& data,
                                                      const QString& basePath);

// Everything the coordinator exports for one session, side by side in `folder`:
// <baseName>.vigil-record (the signed record, written atomically), <baseName>.pdf and the
// four <baseName>-*.csv files.
struct ExportedRecord {
    QString recordFile;
    QString pdf;
    QString csvBase; // the CSV files are csvBase + "-session.csv" etc.
    crypto::Digest digest{};
};
[[nodiscard]] RecordResult<ExportedRecord> exportRecord(const RecordData& data,
                                                        const crypto::SigningKeyPair& consoleKeys,
                                                        const QString& folder,
                                                        const QString& baseName);

} // namespace vigil::console
