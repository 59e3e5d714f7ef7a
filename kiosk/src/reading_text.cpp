#include "vigil/kiosk/reading_text.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextDocumentFragment>
#include <QXmlStreamReader>
#include <algorithm>
#include <vector>

namespace vigil::kiosk {

namespace {

QString readingTr(const char* text) {
    return QCoreApplication::translate("ReadingText", text);
}

// Appends text with white space collapsed, also across the boundary with what is there.
void appendCollapsed(QString& out, QStringView text) {
    for (const QChar c : text) {
        if (c.isSpace()) {
            if (!out.isEmpty() && !out.endsWith(u' ')) {
                out += u' ';
            }
        } else {
            out += c;
        }
    }
}

QString imageText(const QXmlStreamAttributes& attributes) {
    const QString alt = attributes.value(QLatin1String("alt")).toString().simplified();
    return alt.isEmpty() ? readingTr("Diagram with no description.")
                         : readingTr("Diagram: %1.").arg(alt);
}

bool isBlock(QStringView name) {
    static const QStringList blocks = {QStringLiteral("p"),  QStringLiteral("div"),
                                       QStringLiteral("ul"), QStringLiteral("ol"),
                                       QStringLiteral("li"), QStringLiteral("br")};
    return blocks.contains(name);
}

struct TableRow {
    QStringList cells;
    bool header = true; // every cell a th
};

class Reader {
public:
    explicit Reader(const QString& html)
        : xml_(QStringLiteral("<content>") + html + QStringLiteral("</content>")) {}

    // Empty with ok() false when the content is not well-formed.
    QString read() {
        xml_.readNextStartElement(); // <content>
        readBlocks();
        flush();
        return lines_.join(u'\n');
    }
    [[nodiscard]] bool ok() const { return !xml_.hasError(); }

private:
    void flush() {
        const QString line = current_.trimmed();
        if (!line.isEmpty()) {
            lines_ << line;
        }
        current_.clear();
    }

    void sentence(const QString& text) {
        if (!current_.isEmpty() && !current_.endsWith(u' ')) {
            current_ += u' ';
        }
        current_ += text;
        current_ += u' ';
    }

    // Reads up to the end of the element being read; lines for blocks, rows for tables.
    void readBlocks() {
        while (!xml_.atEnd()) {
            switch (xml_.readNext()) {
            case QXmlStreamReader::Characters:
                appendCollapsed(current_, xml_.text());
                break;
            case QXmlStreamReader::StartElement: {
                const QString name = xml_.name().toString().toLower();
                if (name == QLatin1String("img")) {
                    sentence(imageText(xml_.attributes()));
                    xml_.skipCurrentElement();
                } else if (name == QLatin1String("table")) {
                    flush();
                    readTable();
                } else if (name == QLatin1String("ol")) {
                    flush();
                    ++orderedDepth_;
                    numbers_.push_back(0);
                    readBlocks();
                    numbers_.pop_back();
                    --orderedDepth_;
                } else if (name == QLatin1String("li")) {
                    flush();
                    if (orderedDepth_ > 0 && !numbers_.empty()) {
                        current_ = QStringLiteral("%1. ").arg(++numbers_.back());
                    }
                    readBlocks();
                    flush();
                } else {
                    if (isBlock(name)) {
                        flush();
                    }
                    readBlocks();
                    if (isBlock(name)) {
                        flush();
                    }
                }
                break;
            }
            case QXmlStreamReader::EndElement:
                return;
            default:
                break;
            }
        }
    }

    // The text of one cell, images as their alternative.
    QString readCell() {
        QString text;
        int depth = 1;
        while (!xml_.atEnd() && depth > 0) {
            switch (xml_.readNext()) {
            case QXmlStreamReader::Characters:
                appendCollapsed(text, xml_.text());
                break;
            case QXmlStreamReader::StartElement:
                if (xml_.name().compare(QLatin1String("img"), Qt::CaseInsensitive) == 0) {
                    appendCollapsed(text, u" ");
                    text += imageText(xml_.attributes());
                    xml_.skipCurrentElement();
                } else {
                    appendCollapsed(text, u" ");
                    ++depth;
                }
                break;
            case QXmlStreamReader::EndElement:
                --depth;
                break;
            default:
                break;
            }
        }
        return text.trimmed();
    }

    void readTable() {
        std::vector<TableRow> rows;
        int depth = 1;
        while (!xml_.atEnd() && depth > 0) {
            switch (xml_.readNext()) {
            case QXmlStreamReader::StartElement: {
                const QString name = xml_.name().toString().toLower();
                if (name == QLatin1String("tr")) {
                    rows.emplace_back();
                    ++depth;
                } else if (name == QLatin1String("td") || name == QLatin1String("th")) {
                    if (rows.empty()) {
                        rows.emplace_back();
                    }
                    rows.back().header = rows.back().header && name == QLatin1String("th");
                    rows.back().cells << readCell();
                } else {
                    ++depth; // thead, tbody
                }
                break;
            }
            case QXmlStreamReader::EndElement:
                --depth;
                break;
            default:
                break;
            }
        }
        writeTable(rows);
    }

    void writeTable(const std::vector<TableRow>& rows) {
        QStringList headers;
        std::size_t first = 0;
        if (!rows.empty() && rows.front().header && !rows.front().cells.isEmpty()) {
            headers = rows.front().cells;
            first = 1;
            lines_ << readingTr("Table with %1 columns: %2.")
                          .arg(headers.size())
                          .arg(headers.join(u", "));
        } else {
            lines_ << readingTr("Table.");
        }
        int number = 0;
        for (std::size_t r = first; r < rows.size(); ++r) {
            QStringList said;
            const QStringList& cells = rows[r].cells;
            for (qsizetype c = 0; c < cells.size(); ++c) {
                const QString value = cells[c].isEmpty() ? readingTr("empty") : cells[c];
                said << (c < headers.size() && !headers[c].isEmpty()
                             ? QStringLiteral("%1: %2").arg(headers[c], value)
                             : value);
            }
            lines_ << readingTr("Row %1: %2.").arg(++number).arg(said.join(u", "));
        }
        lines_ << readingTr("End of table.");
    }

    QXmlStreamReader xml_;
    QStringList lines_;
    QString current_;
    int orderedDepth_ = 0;
    std::vector<int> numbers_;
};

} // namespace

QString readingText(const QString& itemHtml) {
    Reader reader(itemHtml);
    QString text = reader.read();
    if (!reader.ok()) {
        text = QTextDocumentFragment::fromHtml(itemHtml).toPlainText().trimmed();
    }
    return text;
}

QString spokenDuration(int seconds) {
    seconds = std::max(seconds, 0);
    const int hours = seconds / 3600;
    const int minutes = (seconds % 3600) / 60;
    const int rest = seconds % 60;
    QStringList parts;
    if (hours > 0) {
        parts << (hours == 1 ? readingTr("1 hour") : readingTr("%1 hours").arg(hours));
    }
    if (minutes > 0) {
        parts << (minutes == 1 ? readingTr("1 minute") : readingTr("%1 minutes").arg(minutes));
    }
    if (hours == 0 && (rest > 0 || parts.isEmpty())) {
        parts << (rest == 1 ? readingTr("1 second") : readingTr("%1 seconds").arg(rest));
    }
    return parts.join(u' ');
}

} // namespace vigil::kiosk
