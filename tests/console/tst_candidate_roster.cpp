// A session's candidates in the console's encrypted store: typed in one by one with typed
// refusals, imported from CSV all or nothing, photos checked, kept across a restart.
#include "vigil/console/candidate_roster.h"
#include "vigil/console/seating_store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace vigil;
using namespace vigil::console;

Q_DECLARE_METATYPE(CandidateError)

namespace {

const std::vector<std::uint8_t> kPng = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
const std::vector<std::uint8_t> kJpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};

QByteArray sampleCsv() {
    QFile file(qEnvironmentVariable("VIGIL_TEST_DATA") + "/candidates.csv");
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("candidates.csv missing");
    }
    return file.readAll();
}

std::string_view view(const QByteArray& bytes) {
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

} // namespace

class CandidateRosterTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::optional<store::Database> db_;

    store::Database& openStore() {
        db_.reset();
        const store::Migration migrations[] = {{1, SeatingStore::schemaSql()}};
        db_.emplace(
            store::Database::open(dir_.filePath("console.db").toStdString(), key_, migrations));
        return *db_;
    }

private slots:
    void init() {
        db_.reset();
        for (const char* name : {"console.db", "console.db-wal", "console.db-shm"}) {
            QFile::remove(dir_.filePath(name));
        }
    }

    void aTypedInCandidateIsKeptNormalised() {
        CandidateRoster roster(openStore());
        const auto added = roster.add("S1", {"  Sam   Patel ", " reg-40213", std::nullopt});
        QVERIFY(added.ok());
        QCOMPARE(added.value(), (RosterCandidate{"Sam Patel", "REG-40213", false}));
        QCOMPARE(roster.find("S1", "REG-40213"), std::optional(added.value()));
        QCOMPARE(roster.find("S1", "reg-40213"), std::optional(added.value()));
        QCOMPARE(roster.find("S2", "REG-40213"), std::nullopt); // sessions are apart
    }

    void aTypedInCandidateIsRefusedWithItsReason_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("number");
        QTest::addColumn<CandidateError>("error");
        QTest::newRow("empty name") << " "
                                    << "REG-1001" << CandidateError::EmptyName;
        QTest::newRow("long name")
            << QString(101, 'a') << "REG-1001" << CandidateError::NameTooLong;
        QTest::newRow("direction override") << QString::fromUtf8("Ann \u202ELee") << "REG-1001"
                                            << CandidateError::NameHasControlCharacters;
        QTest::newRow("space in number")
            << "Ann Lee"
            << "REG 1001" << CandidateError::MalformedRegistrationNumber;
        QTest::newRow("empty number") << "Ann Lee"
                                      << "" << CandidateError::MalformedRegistrationNumber;
        QTest::newRow("number ends in dash")
            << "Ann Lee"
            << "REG-" << CandidateError::MalformedRegistrationNumber;
        QTest::newRow("same number, other case")
            << "Ann Lee"
            << "reg-40213" << CandidateError::DuplicateRegistrationNumber;
    }

    void aTypedInCandidateIsRefusedWithItsReason() {
        QFETCH(QString, name);
        QFETCH(QString, number);
        QFETCH(CandidateError, error);
        CandidateRoster roster(openStore());
        QVERIFY(roster.add("S1", {"Sam Patel", "REG-40213", std::nullopt}).ok());
        const auto added = roster.add("S1", {name.toStdString(), number.toStdString(), {}});
        QVERIFY(!added.ok());
        QCOMPARE(added.error(), error);
        QVERIFY(!describe(added.error()).empty());
        QCOMPARE(roster.list("S1").size(), std::size_t(1));
    }

    void namesInAnyScriptAreKept() {
        CandidateRoster roster(openStore());
        const std::string persian =
            "\u0645\u06cc\u200c\u0646\u0627"; // with a zero-width non-joiner
        const auto added = roster.add("S1", {persian, "REG-1001", std::nullopt});
        QVERIFY(added.ok());
        QCOMPARE(added.value().name, persian);
        QVERIFY(roster.add("S1", {"\u674e\u534e", "REG-1002", std::nullopt}).ok());
    }

    void aPhotoMustBeASmallJpegOrPngThatIsWhatItClaims() {
        CandidateRoster roster(openStore());
        QVERIFY(roster.add("S1", {"Sam Patel", "REG-1", CandidatePhoto{kPng, "image/png"}}).ok());
        QCOMPARE(roster.add("S1", {"Ann Lee", "REG-2", CandidatePhoto{kPng, "image/gif"}}).error(),
                 CandidateError::PhotoTypeNotAllowed);
        QCOMPARE(roster.add("S1", {"Ann Lee", "REG-2", CandidatePhoto{kPng, "image/jpeg"}}).error(),
                 CandidateError::PhotoDoesNotMatchType);
        auto large = kJpeg;
        large.resize(kMaxPhotoBytes + 1);
        QCOMPARE(
            roster.add("S1", {"Ann Lee", "REG-2", CandidatePhoto{large, "image/jpeg"}}).error(),
            CandidateError::PhotoTooLarge);

        QVERIFY(roster.setPhoto("S1", "REG-1", CandidatePhoto{kJpeg, "image/jpeg"}).ok());
        QCOMPARE(roster.photo("S1", "REG-1"), std::optional(CandidatePhoto{kJpeg, "image/jpeg"}));
        QVERIFY(roster.setPhoto("S1", "REG-1", std::nullopt).ok());
        QCOMPARE(roster.photo("S1", "REG-1"), std::nullopt);
        QVERIFY(!roster.find("S1", "REG-1")->hasPhoto);
        QCOMPARE(roster.setPhoto("S1", "REG-9", std::nullopt).error(),
                 CandidateError::UnknownCandidate);
    }

    void theSampleCsvImportsEveryCandidateInFileOrder() {
        CandidateRoster roster(openStore());
        const auto imported = roster.importCsv("S1", view(sampleCsv()));
        QVERIFY(imported.ok());
        QCOMPARE(imported.value(), std::size_t(4));
        const auto listed = roster.list("S1");
        QCOMPARE(listed.size(), std::size_t(4));
        QCOMPARE(listed[0].registrationNumber, std::string("REG-40213"));
        QCOMPARE(listed[3].name, std::string("Zo\u00eb Bront\u00eb"));
    }

    void aFileWithOneBadRowImportsNothing() {
        CandidateRoster roster(openStore());
        QByteArray file = sampleCsv();
        file += "Ann Lee,REG 40299\n";
        const auto imported = roster.importCsv("S1", view(file));
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error().size(), std::size_t(1));
        QCOMPARE(imported.error()[0].line, 6);
        QCOMPARE(imported.error()[0].column, 2);
        QCOMPARE(imported.error()[0].kind, CsvProblemKind::MalformedRegistrationNumber);
        QVERIFY(roster.list("S1").empty());
    }

    void aCsvRowAlreadyInTheSessionIsReportedAndNothingIsImported() {
        CandidateRoster roster(openStore());
        QVERIFY(roster.add("S1", {"Ann Lee", "reg-40216", std::nullopt}).ok());
        const auto imported = roster.importCsv("S1", view(sampleCsv()));
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error()[0],
                 (CsvProblem{5, 2, CsvProblemKind::AlreadyInSession, "REG-40216"}));
        QCOMPARE(roster.list("S1").size(), std::size_t(1));
        // Another session has its own candidates: the same file imports there.
        QVERIFY(roster.importCsv("S2", view(sampleCsv())).ok());
    }

    void candidatesAndPhotosSurviveReopeningTheStore() {
        {
            CandidateRoster roster(openStore());
            QVERIFY(roster.importCsv("S1", view(sampleCsv())).ok());
            QVERIFY(roster.setPhoto("S1", "REG-40214", CandidatePhoto{kPng, "image/png"}).ok());
        }
        CandidateRoster reopened(openStore());
        const auto listed = reopened.list("S1");
        QCOMPARE(listed.size(), std::size_t(4));
        QCOMPARE(listed[1], (RosterCandidate{"O'Neill, Aoife", "REG-40214", true}));
        QCOMPARE(reopened.photo("S1", "REG-40214"),
                 std::optional(CandidatePhoto{kPng, "image/png"}));
    }

    void aRemovedCandidateIsGone() {
        CandidateRoster roster(openStore());
        QVERIFY(roster.add("S1", {"Sam Patel", "REG-1", std::nullopt}).ok());
        QVERIFY(roster.remove("S1", "reg-1").ok());
        QVERIFY(roster.list("S1").empty());
        QCOMPARE(roster.remove("S1", "REG-1").error(), CandidateError::UnknownCandidate);
    }
};

QTEST_GUILESS_MAIN(CandidateRosterTest)
#include "tst_candidate_roster.moc"
