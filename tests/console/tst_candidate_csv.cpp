// A session's candidates from a CSV file: RFC 4180 quoting, a header row, UTF-8 with or without
// a byte-order mark; every bad row reported with its line, column and reason; nothing returned
// to import from a file with a single bad row.
#include "vigil/console/candidate_csv.h"

#include <QFile>
#include <QTest>

using namespace vigil::console;

Q_DECLARE_METATYPE(CsvProblemKind)

namespace {

using Parsed = vigil::Checked<std::vector<CandidateEntry>, std::vector<CsvProblem>>;

Parsed parse(std::string_view text, const std::set<std::string>& inSession = {}) {
    return parseCandidateCsv(text, inSession);
}

QString problemsOf(const Parsed& parsed) {
    QString text;
    if (parsed.ok()) {
        return QStringLiteral("(clean)");
    }
    for (const CsvProblem& problem : parsed.error()) {
        text += QString::fromStdString(describe(problem)) + "\n";
    }
    return text;
}

} // namespace

class CandidateCsvTest : public QObject {
    Q_OBJECT

private slots:
    void theSampleFileReadsInFileOrderWithQuotingAndUtf8() {
        QFile file(qEnvironmentVariable("VIGIL_TEST_DATA") + "/candidates.csv");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto parsed = parse(std::string_view(bytes.constData(), bytes.size()));
        QVERIFY2(parsed.ok(), qPrintable(problemsOf(parsed)));
        const auto& rows = parsed.value();
        QCOMPARE(rows.size(), std::size_t(4));
        QCOMPARE(rows[0].name, std::string("Sam Patel"));
        QCOMPARE(rows[0].registrationNumber, std::string("REG-40213"));
        QCOMPARE(rows[1].name, std::string("O'Neill, Aoife"));
        QCOMPARE(rows[2].name, std::string("Jo \"JJ\" Jones"));
        QCOMPARE(rows[2].registrationNumber, std::string("REG-40215")); // kept in upper case
        QCOMPARE(rows[3].name, std::string("Zo\u00eb Bront\u00eb"));
        QVERIFY(!rows[0].photo);
    }

    void aByteOrderMarkCrlfLineEndsAndColumnsInEitherOrderAreAccepted() {
        const auto parsed = parse("\xEF\xBB\xBFregistration_number,NAME\r\n"
                                  "REG-1001,\"Ada\r\nLovelace\"\r\n"
                                  "\r\n"
                                  "REG-1002,Alan Turing");
        QVERIFY2(parsed.ok(), qPrintable(problemsOf(parsed)));
        QCOMPARE(parsed.value().size(), std::size_t(2));
        QCOMPARE(parsed.value()[0].name, std::string("Ada Lovelace")); // a line break folds
        QCOMPARE(parsed.value()[0].registrationNumber, std::string("REG-1001"));
        QCOMPARE(parsed.value()[1].name, std::string("Alan Turing"));
    }

    void eachBadRowIsReportedWithItsLineColumnAndReason_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<CsvProblemKind>("kind");
        const QByteArray header = "name,registration number\n";
        const QByteArray good = "Sam Patel,REG-40213\n";
        QTest::newRow("empty name") << header + good + "  ,REG-40214\n"
                                    << 3 << 1 << CsvProblemKind::EmptyName;
        QTest::newRow("malformed number") << header + good + "Ann Lee,REG 40214\n"
                                          << 3 << 2 << CsvProblemKind::MalformedRegistrationNumber;
        QTest::newRow("number too short") << header + good + "Ann Lee,R1\n"
                                          << 3 << 2 << CsvProblemKind::MalformedRegistrationNumber;
        QTest::newRow("duplicate in file") << header + good + "Ann Lee,reg-40213\n"
                                           << 3 << 2 << CsvProblemKind::DuplicateInFile;
        QTest::newRow("too many columns") << header + good + "Ann Lee,REG-40214,extra\n"
                                          << 3 << 3 << CsvProblemKind::TooManyColumns;
        QTest::newRow("too few columns") << header + good + "Ann Lee\n"
                                         << 3 << 2 << CsvProblemKind::TooFewColumns;
        QTest::newRow("unterminated quote")
            << header + good + "\"Ann Lee,REG-40214\nBob,REG-40215\n"
            << 3 << 1 << CsvProblemKind::UnterminatedQuote;
        QTest::newRow("quote inside an unquoted field") << header + good + "Ann \"Lee\",REG-40214\n"
                                                        << 3 << 1 << CsvProblemKind::StrayQuote;
        QTest::newRow("text after a closing quote") << header + good + "\"Ann\" Lee,REG-40214\n"
                                                    << 3 << 1 << CsvProblemKind::StrayQuote;
        QTest::newRow("not utf-8") << header + good + "Zo\xEB,REG-40214\n"
                                   << 3 << 1 << CsvProblemKind::NotUtf8;
        QTest::newRow("control character") << header + good + "Ann\x01Lee,REG-40214\n"
                                           << 3 << 1 << CsvProblemKind::NameHasControlCharacters;
        QTest::newRow("name too long") << header + good + QByteArray(101, 'a') + ",REG-40214\n"
                                       << 3 << 1 << CsvProblemKind::NameTooLong;
        QTest::newRow("line counted after a quoted line break")
            << header + "\"Sam\nPatel\",REG-40213\n,REG-40214\n"
            << 4 << 1 << CsvProblemKind::EmptyName;
        QTest::newRow("unknown header column")
            << QByteArray("name,registration number,photo\n") + good << 1 << 3
            << CsvProblemKind::UnknownHeaderColumn;
        QTest::newRow("duplicate header column")
            << QByteArray("name,registration number,Name\n") + good << 1 << 3
            << CsvProblemKind::DuplicateHeaderColumn;
        QTest::newRow("missing header column")
            << QByteArray("name\nSam\n") << 1 << 0 << CsvProblemKind::MissingHeaderColumn;
        QTest::newRow("empty file") << QByteArray() << 1 << 0 << CsvProblemKind::NoHeader;
        QTest::newRow("header only") << header << 2 << 0 << CsvProblemKind::NoCandidates;
    }

    void eachBadRowIsReportedWithItsLineColumnAndReason() {
        QFETCH(QByteArray, file);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(CsvProblemKind, kind);
        const auto parsed = parse(std::string_view(file.constData(), file.size()));
        QVERIFY2(!parsed.ok(), "a file with a bad row must import nothing");
        const auto& problems = parsed.error();
        QVERIFY2(problems.size() == 1, qPrintable(problemsOf(parsed)));
        QCOMPARE(problems[0].line, line);
        QCOMPARE(problems[0].column, column);
        QCOMPARE(problems[0].kind, kind);
        QVERIFY(!describe(problems[0]).empty());
    }

    void aNumberAlreadyInTheSessionIsRefused() {
        const auto parsed = parse("name,registration number\nSam Patel,reg-40213\n", {"REG-40213"});
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().size(), std::size_t(1));
        QCOMPARE(parsed.error()[0].kind, CsvProblemKind::AlreadyInSession);
        QCOMPARE(parsed.error()[0].line, 2);
        QCOMPARE(parsed.error()[0].column, 2);
    }

    void everyBadRowIsReportedNotOnlyTheFirst() {
        const auto parsed = parse("name,registration number\n"
                                  "Sam Patel,REG-40213\n"
                                  ",REG-40214\n"
                                  "Ann Lee,REG-40213\n"
                                  "Bob Hall,REG-40216,x\n"
                                  "Cy Dee,??\n");
        QVERIFY(!parsed.ok());
        const auto& problems = parsed.error();
        QVERIFY2(problems.size() == 4, qPrintable(problemsOf(parsed)));
        QCOMPARE(problems[0], (CsvProblem{3, 1, CsvProblemKind::EmptyName, {}}));
        QCOMPARE(problems[1], (CsvProblem{4, 2, CsvProblemKind::DuplicateInFile,
                                          "REG-40213 is also on line 2"}));
        QCOMPARE(problems[2],
                 (CsvProblem{5, 3, CsvProblemKind::TooManyColumns, "3 fields, the header has 2"}));
        QCOMPARE(problems[3],
                 (CsvProblem{6, 2, CsvProblemKind::MalformedRegistrationNumber, "\"??\""}));
        QCOMPARE(describe(problems[1]),
                 std::string("line 4, column 2: the registration number is on an earlier line of "
                             "this file (REG-40213 is also on line 2)"));
    }

    void moreThanAThousandCandidatesAreRefusedAtTheFirstRowTooMany() {
        std::string file = "name,registration number\n";
        for (std::size_t row = 1; row <= kMaxCsvRows + 1; ++row) {
            file += "Candidate " + std::to_string(row) + ",REG-" + std::to_string(row) + "\n";
        }
        const auto parsed = parse(file);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().size(), std::size_t(1));
        QCOMPARE(
            parsed.error()[0],
            (CsvProblem{static_cast<int>(kMaxCsvRows) + 2, 0, CsvProblemKind::TooManyRows, {}}));
        file.erase(file.rfind("Candidate "));
        QVERIFY(parse(file).ok()); // exactly the limit is fine
    }

    void aFileTooLargeIsRefusedBeforeReading() {
        const std::string huge(kMaxCsvBytes + 1, 'a');
        const auto parsed = parse(huge);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error()[0].kind, CsvProblemKind::FileTooLarge);
    }
};

QTEST_GUILESS_MAIN(CandidateCsvTest)
#include "tst_candidate_csv.moc"
