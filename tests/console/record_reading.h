#pragma once

// Reading an exported invigilation record back as its readers do: the CSV files as a
// spreadsheet reads them, the PDF's text as pdftotext (poppler-utils) extracts it.
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QtDebug>
#include <string>
#include <vector>

namespace vigil::console::reading {

using CsvRows = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: what a spreadsheet reads back. CRLF ends a record; quotes are doubled.
inline CsvRows parseCsv(const std::string& text) {
    CsvRows rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char character = text[at];
        if (quoted) {
            if (character == '"' && at + 1 < text.size() && text[at + 1] == '"') {
                field += '"';
                ++at;
            } else if (character == '"') {
                quoted = false;
            } else {
                field += character;
            }
        } else if (character == '"' && field.empty()) {
            quoted = true;
        } else if (character == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (character == '\r' && at + 1 < text.size() && text[at + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            ++at;
        } else {
            field += character;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

// Whitespace as one space, and ligatures (the "fi" of "fire") as their letters.
inline QString normalised(QString text) {
    text = text.normalized(QString::NormalizationForm_KC);
    return text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

// "" when pdftotext is installed, else what to install.
inline QString pdftotextMissing() {
    return QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()
               ? QStringLiteral("pdftotext (poppler-utils: scripts/setup.sh test installs it)")
               : QString();
}

inline QString pdfText(const QString& pdf) {
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"),
                    {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
                     QStringLiteral("-")});
    if (!pdftotext.waitForFinished(60'000) || pdftotext.exitCode() != 0) {
        qWarning() << pdftotext.readAllStandardError();
        return {};
    }
    return QString::fromUtf8(pdftotext.readAllStandardOutput());
}

// A record's PDF as its reader reads it, whitespace and compatibility forms folded: what a test
// asks it to hold.
class PdfReading {
public:
    explicit PdfReading(const QString& pdf)
        : text_(normalised(pdfText(pdf)))
        , unspaced_(withoutSpaces(text_)) {}
    [[nodiscard]] bool empty() const { return text_.isEmpty(); }
    // "" when the PDF holds `value`, else what a failed test prints: the value and the text.
    // A table's narrow cell breaks a word longer than the cell anywhere (a sitting's 32-digit
    // id "...8130" / "e5c ..."), so a value is also found with the spaces left out of both.
    [[nodiscard]] QString lacks(const std::string& value) const {
        const auto wanted = normalised(QString::fromStdString(value));
        return text_.contains(wanted) || unspaced_.contains(withoutSpaces(wanted))
                   ? QString()
                   : QStringLiteral("the PDF lacks: ") + wanted + "\n---\n" + text_;
    }

private:
    static QString withoutSpaces(QString text) { return text.remove(u' '); }

    QString text_;
    QString unspaced_;
};

} // namespace vigil::console::reading
