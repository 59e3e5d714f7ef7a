#include "record_fixture.h"
#include "record_reading.h"
#include "vigil/console/record_export.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::fixture;
using namespace vigil::console::reading;

namespace {

// What a spreadsheet shows after the apostrophe guard: the cell's text.
std::string shownAs(std::string cell) {
    return cell;
}

std::string guarded(const std::string& value) {
    return (!value.empty() && std::string("=+-@").find(value.front()) != std::string::npos)
               ? "'" + value
               : value;
}

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

} // namespace

class InvigilationRecordTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            QFAIL("pdftotext (poppler-utils) is needed: scripts/setup.sh test installs it");
        }
    }

    void thePdfHoldsEveryCandidateAndIncidentAndTheDigest() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto record = signRecord(data, fixture.console).value();
        const auto path = fixture.dir_.filePath(QStringLiteral("record.pdf"));
        const auto written = writeRecordPdf(data, record.digest, path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().detail.c_str());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        const auto text = normalised(pdfText(path));
        QVERIFY2(!text.isEmpty(), "pdftotext read nothing");

        const auto expect = [&](const std::string& value) {
            const auto wanted = normalised(q(value));
            QVERIFY2(text.contains(wanted),
                     qPrintable(QStringLiteral("the PDF lacks: ") + wanted + "\n---\n" + text));
        };
        // Headed by centre, room and date.
        QVERIFY(
            text.startsWith(normalised(q("Invigilation record: " + data.session.centreName + ", " +
                                         data.session.room + ", " + data.session.date))));
        expect(data.session.centreId);
        expect(data.session.startTime);
        expect(data.session.endTime);
        for (const auto& invigilator : data.invigilators) {
            expect(invigilator.name);
            expect(invigilator.pinReference);
        }
        for (const auto& candidate : data.candidates) {
            expect(candidate.name);
            expect(candidate.registration);
            expect(candidate.outcome);
        }
        // What each paper allowed of reference material, and whether it was opened.
        expect("Reference material");
        expect(data.candidates[1].referenceMaterial);
        for (const auto& entry : readIncidents(data.incidents)) {
            expect(std::string(labelOf(entry.incident.kind)));
            expect(entry.incident.description);
            expect(QDateTime::fromMSecsSinceEpoch(entry.incident.occurredMs)
                       .toString(QStringLiteral("HH:mm:ss"))
                       .toStdString());
            for (const auto& subject : entry.incident.subjects) {
                expect(subject.seat + " " + subject.candidateName + " (" + subject.registration +
                       ")");
            }
        }
        expect("question 12 of MOT-601-8928-9");
        expect("Corrected by #5");
        // Every page names its session and carries the digest; the record ends with it.
        const auto digest = q(crypto::toHex(record.digest));
        QVERIFY2(text.trimmed().endsWith(digest), qPrintable(text.right(200)));
        const auto pages = QRegularExpression(QStringLiteral("Page 1 of (\\d+)")).match(text);
        QVERIFY(pages.hasMatch());
        const auto header = normalised(q("Invigilation record | " + data.session.centreName +
                                         " | " + data.session.room + " | " + data.session.date +
                                         " | " + data.session.sessionId));
        QCOMPARE(text.count(header), pages.captured(1).toInt());
        QCOMPARE(text.count(QStringLiteral("Record digest ") + digest), pages.captured(1).toInt());
    }

    void theHtmlEscapesEveryName() {
        auto data = sampleData();
        data.candidates[0].name = "<b>Bold</b> & <script>x</script>";
        const auto html = recordHtml(data, {});
        QVERIFY(html.contains(QStringLiteral("Northgate &lt;Training&gt; &amp; Assessment")));
        QVERIFY(html.contains(QStringLiteral("&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(!html.contains(QStringLiteral("<Training>")));
    }

    void theCandidateCsvRowsMatchTheData() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto csv = recordCsv(data);
        const auto rows = parseCsv(csv.candidates);
        QCOMPARE(rows.size(), data.candidates.size() + 1);
        QCOMPARE(rows[0],
                 (std::vector<std::string>{"Name", "Registration number", "Assessment", "PC",
                                           "Start", "End", "Outcome", "Reference material"}));
        for (std::size_t index = 0; index < data.candidates.size(); ++index) {
            const auto& candidate = data.candidates[index];
            QCOMPARE(rows[index + 1],
                     (std::vector<std::string>{guarded(candidate.name), candidate.registration,
                                               candidate.assessment, candidate.pc, candidate.start,
                                               candidate.end, candidate.outcome,
                                               candidate.referenceMaterial}));
        }
        // The awkward name survives whole; the formula is shown as text, never run.
        QCOMPARE(shownAs(rows[3][0]), kAwkwardName);
        QCOMPARE(shownAs(rows[4][0]), "'" + kFormulaName);
    }

    void theOtherCsvTablesMatchTheData() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto csv = recordCsv(data);

        const auto session = parseCsv(csv.session);
        QCOMPARE(session.size(), 2u);
        QCOMPARE(session[1][0], data.session.centreId);
        QCOMPARE(session[1][1], data.session.centreName);
        QCOMPARE(session[1][3], data.session.room);
        QCOMPARE(session[1][7], std::string("Iris Invigilator (PIN ref PIN-REF-7F3A); Ola Second "
                                            "(PIN ref PIN-REF-11C0)"));

        const auto plan = parseCsv(csv.seatingPlan);
        QCOMPARE(plan.size(), 1u + 5u); // the empty place has no PC and no row
        QCOMPARE(plan[3], (std::vector<std::string>{"2", "1", "PC-03", "", "", ""}));
        QCOMPARE(plan[4][3], kAwkwardName);
        QCOMPARE(plan[4][1], std::string("2"));

        const auto incidents = parseCsv(csv.incidents);
        const auto entries = readIncidents(data.incidents);
        QCOMPARE(incidents.size(), entries.size() + 1);
        for (std::size_t index = 0; index < entries.size(); ++index) {
            const auto& row = incidents[index + 1];
            QCOMPARE(row[0], std::to_string(entries[index].sequence));
            QCOMPARE(row[2], std::string(labelOf(entries[index].incident.kind)));
            QVERIFY(row[6].starts_with(entries[index].incident.description));
            QCOMPARE(row[7], entries[index].incident.recordedBy);
        }
        QCOMPARE(incidents[1][8], std::string("Corrected by #5"));
        QCOMPARE(incidents[4][4], std::string("PC-01; PC-02"));
        QCOMPARE(incidents[4][5], std::string("Ann Lee (R0001); Zoë Ångström (R0002)"));
        QCOMPARE(incidents[5][3], std::string("Whole room"));
    }

    void incidentTimesAreTheCentresWhereverPrinted() {
        RecordFixture fixture;
        auto data = fixture.record();
        QCOMPARE(parseCsv(recordCsv(data).incidents)[1][1], std::string("2026-12-02 09:02:00"));
        data.session.timeZone = "Asia/Tokyo";
        QCOMPARE(parseCsv(recordCsv(data).incidents)[1][1], std::string("2026-12-02 18:02:00"));
        QCOMPARE(parseCsv(recordCsv(data).session)[1][8], std::string("Asia/Tokyo"));
        QVERIFY(recordHtml(data, {}).contains(QStringLiteral("18:02:00")));

        // The zone is part of what is signed: a verified record prints the same times anywhere.
        const auto verified = verifyRecord(signRecord(data, fixture.console).value().bytes,
                                           fixture.console.publicKey);
        QCOMPARE(verified.value().data.session.timeZone, std::string("Asia/Tokyo"));
    }

    void aCsvFieldIsQuotedAndFormulaSafe() {
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField(""), std::string(""));
        QCOMPARE(csvField("Lee, Ann"), std::string("\"Lee, Ann\""));
        QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField("two\nlines"), std::string("\"two\nlines\""));
        QCOMPARE(csvField("=1+1"), std::string("'=1+1"));
        QCOMPARE(csvField("+44 20"), std::string("'+44 20"));
        QCOMPARE(csvField("-5"), std::string("'-5"));
        QCOMPARE(csvField("@SUM(A1)"), std::string("'@SUM(A1)"));
        QCOMPARE(csvField("=HYPERLINK(\"x\",\"y\")"),
                 std::string("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""));
        QCOMPARE(csvField("a=b"), std::string("a=b"));
    }

    void theCsvFilesAreWrittenBesideEachOther() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto base = fixture.dir_.filePath(QStringLiteral("record"));
        QVERIFY(writeRecordCsv(data, base).ok());
        QFile candidates(base + QStringLiteral("-candidates.csv"));
        QVERIFY(candidates.open(QIODevice::ReadOnly));
        QCOMPARE(candidates.readAll().toStdString(), recordCsv(data).candidates);
        for (const auto* suffix : {"-session.csv", "-seating-plan.csv", "-incidents.csv"}) {
            QVERIFY(QFile::exists(base + QString::fromUtf8(suffix)));
        }
    }

    void anExportWritesTheSignedRecordThePdfAndTheCsvFiles() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto exported =
            exportRecord(data, fixture.console, fixture.dir_.path(), QStringLiteral("S-AM"));
        QVERIFY2(exported.ok(), exported.ok() ? "" : exported.error().detail.c_str());

        QFile recordFile(exported.value().recordFile);
        QVERIFY(recordFile.open(QIODevice::ReadOnly));
        const auto bytes = recordFile.readAll();
        const auto verified = verifyRecord(std::vector<std::uint8_t>(bytes.begin(), bytes.end()),
                                           fixture.console.publicKey);
        QVERIFY(verified.ok());
        QCOMPARE(verified.value().digest, exported.value().digest);
        QCOMPARE(verified.value().data.candidates, data.candidates);

        const auto text = normalised(pdfText(exported.value().pdf));
        QVERIFY(text.contains(q(crypto::toHex(exported.value().digest))));
        QFile candidates(exported.value().csvBase + QStringLiteral("-candidates.csv"));
        QVERIFY(candidates.open(QIODevice::ReadOnly));
        QCOMPARE(candidates.readAll().toStdString(), recordCsv(data).candidates);
    }

    void anUnwritableDestinationIsReported() {
        RecordFixture fixture;
        const auto data = fixture.record();
        const auto missing = fixture.dir_.filePath(QStringLiteral("no-such-folder/record"));
        const auto pdf = writeRecordPdf(data, {}, missing + QStringLiteral(".pdf"));
        QVERIFY(!pdf.ok());
        QCOMPARE(pdf.error().error, RecordError::ExportFailed);
        const auto csv = writeRecordCsv(data, missing);
        QVERIFY(!csv.ok());
        QCOMPARE(csv.error().error, RecordError::ExportFailed);
        const auto all =
            exportRecord(data, fixture.console, fixture.dir_.filePath("no-such-folder"),
                         QStringLiteral("record"));
        QVERIFY(!all.ok());
        QCOMPARE(all.error().error, RecordError::ExportFailed);
    }
};

QTEST_MAIN(InvigilationRecordTest)
#include "tst_invigilation_record.moc"
