#include "record_tables.h"
#include "vigil/console/record_export.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

namespace vigil::console {
namespace {

// Every value people typed goes through here: escaped, line breaks kept as breaks.
QString cell(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                QStringLiteral("<br/>"));
}

struct Column {
    Column(const char* label_, int percent_ = 0)
        : label(label_)
        , percent(percent_) {}
    const char* label;
    int percent; // of the table's width; 0: as the text needs
};

// In <thead>: a table that runs onto the next page repeats it there.
QString headerRow(std::initializer_list<Column> columns) {
    QString html = QStringLiteral("<thead><tr>");
    for (const auto& column : columns) {
        html += column.percent > 0 ? QStringLiteral("<th width=\"%1%\">").arg(column.percent)
                                   : QStringLiteral("<th>");
        html += QString::fromUtf8(column.label) + QStringLiteral("</th>");
    }
    return html + QStringLiteral("</tr></thead>");
}

QString row(std::initializer_list<std::string> values) {
    QString html = QStringLiteral("<tr>");
    for (const auto& value : values) {
        html += QStringLiteral("<td>") + cell(value) + QStringLiteral("</td>");
    }
    return html + QStringLiteral("</tr>");
}

QString field(const char* label, const std::string& value) {
    return QStringLiteral("<tr><th align=\"left\" width=\"30%\">") + QString::fromUtf8(label) +
           QStringLiteral("</th><td>") + cell(value) + QStringLiteral("</td></tr>");
}

constexpr auto kTable = "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">";

QString seatingPlanHtml(const RecordData& data) {
    if (data.seatingPlan.empty()) {
        return QStringLiteral("<p>No seating plan.</p>");
    }
    QString html = QStringLiteral("<p>The first row is the front of the room.</p>") +
                   QString::fromUtf8(kTable);
    for (const auto& cells : data.seatingPlan) {
        html += QStringLiteral("<tr>");
        for (const auto& place : cells) {
            if (place.pc.empty()) {
                html += QStringLiteral("<td>&nbsp;</td>");
                continue;
            }
            html += QStringLiteral("<td><b>") + cell(place.pc) + QStringLiteral("</b>");
            if (!place.candidateName.empty() || !place.registration.empty()) {
                html += QStringLiteral("<br/>") + cell(place.candidateName) +
                        QStringLiteral("<br/>") + cell(place.registration) +
                        QStringLiteral("<br/>") + cell(place.assessment);
            }
            html += QStringLiteral("</td>");
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString runningHeader(const SessionFacts& facts) {
    return QStringLiteral("Invigilation record | ") + QString::fromStdString(facts.centreName) +
           QStringLiteral(" | ") + QString::fromStdString(facts.room) + QStringLiteral(" | ") +
           QString::fromStdString(facts.date) + QStringLiteral(" | ") +
           QString::fromStdString(facts.sessionId);
}

// Like QTextDocument::print, plus what a form carries on every page: which session it belongs
// to at the top, and the page number and the record's digest at the bottom, so a page read on
// its own still names its record.
void printWithRunningHeader(QPdfWriter& writer, const QString& html, const QString& header,
                            const QString& digestHex) {
    QTextDocument document;
    document.documentLayout()->setPaintDevice(&writer); // points are the PDF's points
    document.setHtml(html);

    QPainter painter(&writer);
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPointSizeF(7.5);
    painter.setFont(small);
    const QFontMetricsF metrics(small, &writer);
    const auto band = metrics.height() * 2.5;
    const QRectF page(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    const QSizeF body(page.width(), page.height() - 2 * band);
    document.setPageSize(body);

    const auto pages = document.pageCount();
    for (int index = 0; index < pages; ++index) {
        if (index > 0) {
            writer.newPage();
        }
        painter.save();
        painter.translate(0, band - index * body.height());
        const QRectF visible(QPointF(0, index * body.height()), body);
        painter.setClipRect(visible);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = visible;
        document.documentLayout()->draw(&painter, context);
        painter.restore();

        painter.drawText(QRectF(0, 0, page.width(), metrics.height() * 1.5),
                         Qt::AlignLeft | Qt::AlignTop, header);
        const QRectF footer(0, page.height() - metrics.height() * 1.5, page.width(),
                            metrics.height() * 1.5);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignBottom,
                         QStringLiteral("Page %1 of %2").arg(index + 1).arg(pages));
        painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom,
                         QStringLiteral("Record digest ") + digestHex);
    }
}

} // namespace

QString recordHtml(const RecordData& data, const crypto::Digest& digest) {
    const auto& facts = data.session;
    QString html =
        QStringLiteral("<html><head><style>"
                       "body { font-family: 'DejaVu Sans'; font-size: 9pt; }"
                       "h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 12px; }"
                       "th { background-color: #e8e8e8; }"
                       "</style></head><body>");
    html += QStringLiteral("<h1>Invigilation record: ") + cell(facts.centreName) +
            QStringLiteral(", ") + cell(facts.room) + QStringLiteral(", ") + cell(facts.date) +
            QStringLiteral("</h1>");

    html += QStringLiteral("<h2>Session</h2>") + QString::fromUtf8(kTable);
    html += field("Centre", facts.centreName + " (" + facts.centreId + ")");
    html += field("Session", facts.sessionId);
    html += field("Room", facts.room);
    html += field("Date", facts.date);
    html += field("Start time", facts.startTime);
    html += field("End time", facts.endTime);
    html += field("Time zone", facts.timeZone.empty() ? std::string("as printed") : facts.timeZone);
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h2>Invigilators</h2>") + QString::fromUtf8(kTable) +
            headerRow({"Name", "PIN reference"});
    for (const auto& invigilator : data.invigilators) {
        html += row({invigilator.name, invigilator.pinReference});
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h2>Seating plan</h2>") + seatingPlanHtml(data);

    html += QStringLiteral("<h2>Candidates</h2>") + QString::fromUtf8(kTable) +
            headerRow({"Name", "Registration number", "Assessment", "PC", "Start", "End", "Outcome",
                       "Reference material"});
    for (const auto& candidate : data.candidates) {
        html +=
            row({candidate.name, candidate.registration, candidate.assessment, candidate.pc,
                 candidate.start, candidate.end, candidate.outcome, candidate.referenceMaterial});
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h2>Incidents</h2>");
    const auto incidents = detail::incidentRows(data);
    if (incidents.empty()) {
        html += QStringLiteral("<p>No incidents were recorded.</p>");
    } else {
        html += QString::fromUtf8(kTable) + headerRow({{"#", 3},
                                                       {"Time", 9},
                                                       {"Kind", 15},
                                                       {"Scope", 10},
                                                       {"PC and candidates", 18},
                                                       {"Details", 23},
                                                       {"Recorded by", 11},
                                                       {"Status", 11}});
        for (const auto& incident : incidents) {
            html += row({incident.number, incident.clock, incident.kind, incident.scope,
                         incident.seatsAndCandidates, incident.details, incident.recordedBy,
                         incident.status});
        }
        html += QStringLiteral("</table>");
    }

    html += QStringLiteral("<h2>Signatures</h2>") + QString::fromUtf8(kTable) +
            QStringLiteral("<tr><th align=\"left\" width=\"30%\">Invigilator's signature</th>"
                           "<td>&nbsp;<br/>&nbsp;</td></tr>"
                           "<tr><th align=\"left\">Centre coordinator's signature</th>"
                           "<td>&nbsp;<br/>&nbsp;</td></tr></table>");
    html += QStringLiteral("<p>Record digest (BLAKE2b-256, check with "
                           "<i>vigil-console verify-record</i>):<br/><tt>") +
            QString::fromStdString(crypto::toHex(digest)) + QStringLiteral("</tt></p>");
    return html + QStringLiteral("</body></html>");
}

RecordResult<RecordDone> writeRecordPdf(const RecordData& data, const crypto::Digest& digest,
                                        const QString& path) {
    {
        // QPdfWriter says nothing when it cannot write: find out first.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return RecordFailure(RecordError::ExportFailed, std::nullopt,
                                 "the PDF could not be written to " + path.toStdString() + ": " +
                                     probe.errorString().toStdString());
        }
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape); // the room's tables need the width
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("Invigilation record ") +
                    QString::fromStdString(data.session.sessionId));
    writer.setCreator(QStringLiteral("vigil-console"));
    printWithRunningHeader(writer, recordHtml(data, digest), runningHeader(data.session),
                           QString::fromStdString(crypto::toHex(digest)));
    if (QFile(path).size() == 0) {
        return RecordFailure(RecordError::ExportFailed, std::nullopt,
                             "the PDF written to " + path.toStdString() + " is empty");
    }
    return RecordDone{};
}

} // namespace vigil::console
