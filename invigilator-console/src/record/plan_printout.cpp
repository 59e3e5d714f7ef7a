#include "vigil/console/plan_printout.h"

#include <QFile>
#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>

namespace vigil::console {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

// One line of a box, elided to its width so a long name never runs into the next seat.
void line(QPainter& painter, const QRectF& box, qreal y, qreal height, const QString& value) {
    const QFontMetricsF metrics(painter.font(), painter.device());
    const QRectF at(box.left() + height * 0.3, y, box.width() - height * 0.6, height);
    painter.drawText(at, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(value, Qt::ElideRight, at.width()));
}

void drawSeat(QPainter& painter, const QRectF& box, const SeatCell& seat, const QFont& bold,
              const QFont& plain) {
    painter.drawRect(box);
    const qreal rowHeight = box.height() / 4.4;
    qreal y = box.top() + rowHeight * 0.2;
    painter.setFont(bold);
    line(painter, box, y, rowHeight, text(seat.pc));
    painter.setFont(plain);
    if (seat.candidateName.empty() && seat.registration.empty()) {
        line(painter, box, y + rowHeight, rowHeight, QStringLiteral("(nobody seated)"));
        return;
    }
    for (const auto* value : {&seat.candidateName, &seat.registration, &seat.assessment}) {
        y += rowHeight;
        line(painter, box, y, rowHeight, text(*value));
    }
}

} // namespace

RecordResult<RecordDone> writeSeatingPlanPdf(const SessionFacts& session,
                                             const std::vector<std::vector<SeatCell>>& plan,
                                             const QString& path) {
    {
        // QPdfWriter says nothing when it cannot write: find out first.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return RecordFailure(RecordError::ExportFailed, std::nullopt,
                                 "the seating plan could not be written to " + path.toStdString() +
                                     ": " + probe.errorString().toStdString());
        }
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("Seating plan ") + text(session.sessionId));
    writer.setCreator(QStringLiteral("vigil-console"));

    QPainter painter(&writer);
    const QRectF page(0, 0, writer.width(), writer.height());
    QFont heading(QStringLiteral("DejaVu Sans"));
    heading.setPointSizeF(14);
    heading.setBold(true);
    QFont plain(QStringLiteral("DejaVu Sans"));
    plain.setPointSizeF(8);
    QFont bold = plain;
    bold.setBold(true);

    painter.setFont(heading);
    const QFontMetricsF headingMetrics(heading, &writer);
    const QString title = QStringLiteral("Seating plan: ") + text(session.centreName) +
                          QStringLiteral(", ") + text(session.room) + QStringLiteral(", ") +
                          text(session.date) + QStringLiteral(" ") + text(session.startTime) +
                          QStringLiteral(" (") + text(session.sessionId) + QStringLiteral(")");
    painter.drawText(QRectF(0, 0, page.width(), headingMetrics.height() * 1.4),
                     Qt::AlignLeft | Qt::AlignTop,
                     headingMetrics.elidedText(title, Qt::ElideRight, page.width()));

    painter.setFont(plain);
    const QFontMetricsF metrics(plain, &writer);
    qreal top = headingMetrics.height() * 1.6;
    painter.drawText(QRectF(0, top, page.width(), metrics.height() * 1.5), Qt::AlignHCenter,
                     QStringLiteral("Front of the room"));
    top += metrics.height() * 2;

    std::size_t columns = 0;
    for (const auto& row : plan) {
        columns = std::max(columns, row.size());
    }
    if (plan.empty() || columns == 0) {
        painter.drawText(QRectF(0, top, page.width(), metrics.height() * 2), Qt::AlignLeft,
                         QStringLiteral("No seating plan."));
        painter.end();
        return RecordDone{};
    }
    // Each place gets the same box, sized to fit the page between what four lines of text need
    // and a comfortable size; a room too big for that is drawn smaller as a whole.
    const qreal gap = metrics.height() * 0.6;
    const qreal available = page.height() - top;
    const qreal width =
        std::clamp((page.width() + gap) / static_cast<qreal>(columns) - gap,
                   metrics.averageCharWidth() * 14, metrics.averageCharWidth() * 34);
    const qreal height = std::clamp((available + gap) / static_cast<qreal>(plan.size()) - gap,
                                    metrics.height() * 4.6, metrics.height() * 6);
    const qreal gridWidth = static_cast<qreal>(columns) * (width + gap) - gap;
    const qreal gridHeight = static_cast<qreal>(plan.size()) * (height + gap) - gap;
    const qreal scale = std::min({1.0, page.width() / gridWidth, available / gridHeight});
    painter.translate(0, top);
    painter.scale(scale, scale);
    for (std::size_t r = 0; r < plan.size(); ++r) {
        for (std::size_t c = 0; c < plan[r].size(); ++c) {
            const auto& seat = plan[r][c];
            if (seat.pc.empty()) {
                continue; // no PC stands here
            }
            const QRectF box(static_cast<qreal>(c) * (width + gap),
                             static_cast<qreal>(r) * (height + gap), width, height);
            drawSeat(painter, box, seat, bold, plain);
        }
    }
    painter.end();
    if (QFile(path).size() == 0) {
        return RecordFailure(RecordError::ExportFailed, std::nullopt,
                             "the seating plan written to " + path.toStdString() + " is empty");
    }
    return RecordDone{};
}

} // namespace vigil::console
