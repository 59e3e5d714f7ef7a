// What the awarding body sees, on both back-ends: a generated data set (three centres, ten
// weekdays, three assessments, every item signed and sealed as a centre sends it) stored through
// the receiver's own upload path, read back, reported and analysed. Each planted pattern is
// flagged once with the records behind it; the clean set flags nothing; without the box key the
// results stay sealed and only what is in clear is read.
#include "analysis_fixture.h"
#include "postgres_server.h"
#include "vigil/receiver/analysis/analysis.h"
#include "vigil/receiver/analysis/csv.h"
#include "vigil/receiver/analysis/results_report.h"
#include "vigil/receiver/embedded_store.h"
#include "vigil/receiver/postgres_store.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

using namespace vigil;
using namespace vigil::receiver;
using namespace vigil::receiver::analysis;
using vigil::testing::AnalysisDataSet;

namespace {

std::vector<std::string> evidenceIds(const Flag& flag) {
    std::vector<std::string> ids;
    for (const auto& evidence : flag.evidence) {
        ids.push_back(evidence.itemId);
    }
    return ids;
}

std::vector<const Flag*> ofKind(const std::vector<Flag>& flags, FlagKind kind) {
    std::vector<const Flag*> found;
    for (const auto& flag : flags) {
        if (flag.kind == kind) {
            found.push_back(&flag);
        }
    }
    return found;
}

std::string listed(const std::vector<Flag>& flags) {
    std::string text;
    for (const auto& flag : flags) {
        text += std::string(kindName(flag.kind)) + " " + flag.centreId + " " + flag.subject + ": " +
                flag.summary + "\n";
    }
    return text;
}

std::vector<std::vector<std::string>> csvRows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(csv);
    for (std::string line; std::getline(lines, line);) {
        if (!line.ends_with('\r')) {
            throw std::runtime_error("a CSV record does not end with CRLF: " + line);
        }
        rows.push_back(csvFields(line));
    }
    return rows;
}

AssessmentCatalogue catalogue() {
    return AssessmentCatalogue::fromCsv(testing::kCatalogueCsv, "assessments.csv").value();
}

} // namespace

class AnalysisTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::SecureBuffer key_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    std::unique_ptr<testing::PostgresServer> postgres_;
    crypto::SigningKeyPair receiverKeys_ = crypto::generateSigningKeyPair();
    std::unique_ptr<AnalysisDataSet> clean_;
    std::unique_ptr<AnalysisDataSet> planted_;
    // Each data set is stored once on each back-end (storing is what takes the time).
    std::map<std::string, std::unique_ptr<ReceiverStore>> stores_;

    // The data set stored through the row's back-end, read back with the box key (or not).
    HeldRecords storedAndReadBack(const AnalysisDataSet& data, bool withBoxKey) {
        QFETCH_GLOBAL(QString, backend);
        const auto name = backend.toStdString() + (&data == clean_.get() ? "-clean" : "-planted");
        auto& store = stores_[name];
        if (!store) {
            if (backend == "embedded") {
                store = EmbeddedReceiverStore::open(
                    dir_.filePath(QString::fromStdString(name + ".db")).toStdString(), key_);
            } else {
                store = PostgresReceiverStore::connect(postgres_->freshDatabase());
            }
            data.storeInto(*store, receiverKeys_);
        }
        return readHeldRecords(*store, withBoxKey ? &data.awardingBody : nullptr);
    }

private slots:
    void initTestCase() {
        postgres_ = std::make_unique<testing::PostgresServer>();
        clean_ = std::make_unique<AnalysisDataSet>();
        planted_ = std::make_unique<AnalysisDataSet>();
        planted_->plantEveryPattern();
    }

    void initTestCase_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("postgres") << "postgres";
    }

    void aCleanDataSetFlagsNothing() {
        const auto& data = *clean_;
        const auto records = storedAndReadBack(data, true);
        QCOMPARE(records.results.size(), data.resultCount);
        QVERIFY(data.resultCount > 100);
        QCOMPARE(records.readResults().size(), data.resultCount);
        QVERIFY(std::all_of(records.results.begin(), records.results.end(),
                            [](const auto& r) { return r.standing == ResultStanding::Verified; }));
        QVERIFY(records.unreadable.empty());
        const auto flags = analyse(records, AnalysisSettings{}, catalogue());
        QVERIFY2(flags.empty(), listed(flags).c_str());
    }

    void eachPlantedPatternIsFlaggedOnceWithItsEvidence() {
        const auto& data = *planted_;
        const auto& planted = data.planted;
        const auto records = storedAndReadBack(data, true);
        const auto flags = analyse(records, AnalysisSettings{}, catalogue());
        QVERIFY2(flags.size() == 7, listed(flags).c_str());

        const auto unusual = ofKind(flags, FlagKind::UnusualHour);
        QCOMPARE(unusual.size(), std::size_t(1));
        QCOMPARE(unusual[0]->centreId, std::string("C0452"));
        QCOMPARE(unusual[0]->subject, std::string("candidate AB900001"));
        QCOMPARE(evidenceIds(*unusual[0]), std::vector{planted.unusualHour});
        QVERIFY(unusual[0]->summary.find("started at 2026-11-10 02:30") != std::string::npos);
        QVERIFY(unusual[0]->evidence[0].detail.find("MOT-G2-2026A") != std::string::npos);

        const auto fast = ofKind(flags, FlagKind::FastCompletion);
        QCOMPARE(fast.size(), std::size_t(1));
        QCOMPARE(fast[0]->subject, std::string("candidate AB900002"));
        QCOMPARE(evidenceIds(*fast[0]), std::vector{planted.fastCompletion});
        QVERIFY(fast[0]->summary.find("in 4 min") != std::string::npos);

        const auto frequent = ofKind(flags, FlagKind::FrequentAttempts);
        QCOMPARE(frequent.size(), std::size_t(1));
        QCOMPARE(frequent[0]->subject, std::string("candidate AB900003"));
        QCOMPARE(evidenceIds(*frequent[0]), planted.frequentAttempts);

        const auto pin = ofKind(flags, FlagKind::PinTwoPlaces);
        QCOMPARE(pin.size(), std::size_t(1));
        QCOMPARE(pin[0]->subject, std::string("PIN reference PIN-C0451-AM"));
        QCOMPARE(pin[0]->centreId, std::string("C0451 C0460"));
        auto pinEvidence = evidenceIds(*pin[0]);
        auto pinPlanted = planted.pinTwoPlaces;
        std::sort(pinEvidence.begin(), pinEvidence.end());
        std::sort(pinPlanted.begin(), pinPlanted.end());
        QCOMPARE(pinEvidence, pinPlanted);

        const auto resit = ofKind(flags, FlagKind::ResitInterval);
        QCOMPARE(resit.size(), std::size_t(1));
        QCOMPARE(resit[0]->subject, std::string("candidate AB900004"));
        QCOMPARE(evidenceIds(*resit[0]), planted.resit); // the fail, then the resit
        QVERIFY2(resit[0]->summary.find("48 hours") != std::string::npos,
                 resit[0]->summary.c_str());

        const auto daily = ofKind(flags, FlagKind::DailyLimit);
        QCOMPARE(daily.size(), std::size_t(1));
        QCOMPARE(daily[0]->subject, std::string("candidate AB900005"));
        QCOMPARE(evidenceIds(*daily[0]), planted.dailyLimit);
        QVERIFY2(daily[0]->summary.find("at most 2 in one day") != std::string::npos &&
                     daily[0]->summary.find("Eligible from") == std::string::npos,
                 daily[0]->summary.c_str());

        const auto journal = ofKind(flags, FlagKind::JournalMismatch);
        QCOMPARE(journal.size(), std::size_t(1));
        QCOMPARE(journal[0]->centreId, std::string("C0451"));
        QCOMPARE(journal[0]->evidence.size(), std::size_t(2)); // the result and the head
        QCOMPARE(journal[0]->evidence[0].itemId, planted.journalMismatch);
        QCOMPARE(journal[0]->evidence[1].itemKind, std::string("journal-head"));
        QVERIFY(journal[0]->summary.find("another head") != std::string::npos);

        // The CSV: a header, one line per evidence row, every field as written.
        const auto rows = csvRows(flagsCsv(flags));
        QCOMPARE(rows.front(),
                 (std::vector<std::string>{"flag", "kind", "centre", "subject", "summary",
                                           "evidence_item", "evidence_kind", "evidence"}));
        std::size_t evidenceRows = 0;
        for (const auto& flag : flags) {
            evidenceRows += flag.evidence.size();
        }
        QCOMPARE(rows.size(), evidenceRows + 1);
    }

    void thresholdsAreSettingsThatMoveTheFlags() {
        const auto& data = *planted_;
        const auto records = storedAndReadBack(data, true);
        AnalysisSettings settings;
        QVERIFY(applySetting(settings, "fast-fraction", "0.05").ok());  // 4 of ~50 min: not
        QVERIFY(applySetting(settings, "frequent-attempts", "5").ok()); // 4 attempts: not
        QVERIFY(applySetting(settings, "usual-hours-from", "2").ok());  // 02:30 is usual now
        QVERIFY(applySetting(settings, "session-hours-without-end", "2").ok());
        const auto flags = analyse(records, settings, catalogue());
        QVERIFY(ofKind(flags, FlagKind::FastCompletion).empty());
        QVERIFY(ofKind(flags, FlagKind::FrequentAttempts).empty());
        QVERIFY(ofKind(flags, FlagKind::UnusualHour).empty());
        QCOMPARE(flags.size(), std::size_t(4));

        // C0460's evening sessions are its habit: with a higher bar they are unusual too.
        QVERIFY(applySetting(settings, "centre-habit-days", "4").ok());
        QCOMPARE(ofKind(analyse(records, settings, catalogue()), FlagKind::UnusualHour).size(),
                 std::size_t(4));

        QCOMPARE(applySetting(settings, "fast-fraction", "1.5").error(),
                 std::string("analysis.fast-fraction must be a number between 0 and 1"));
        QVERIFY(!applySetting(settings, "usual-hours-to", "25").ok());
        QVERIFY(!applySetting(settings, "time-zone", "Mars/Olympus").ok());
        QCOMPARE(applySetting(settings, "speed", "1").error(),
                 std::string("unknown setting analysis.speed"));
    }

    void theReportListsResultsByCentreQualificationAssessmentAndDate() {
        const auto& data = *planted_;
        const auto records = storedAndReadBack(data, true);
        const auto made = resultsReport(records, catalogue(), AnalysisSettings{}, {});
        QCOMPARE(made.rows, data.resultCount);
        QCOMPARE(made.notOpened, std::size_t(0));
        const auto rows = csvRows(made.csv);
        QCOMPARE(rows.size(), data.resultCount + 1);
        QCOMPARE(rows.front(), (std::vector<std::string>{
                                   "centre",   "qualification", "assessment",  "assessment_version",
                                   "date",     "session",       "seat",        "candidate",
                                   "started",  "submitted",     "time_used_s", "timed_out",
                                   "score",    "max_score",     "percentage",  "outcome",
                                   "standing", "sitting",       "item",        "received"}));
        for (std::size_t i = 2; i < rows.size(); ++i) {
            const auto key = [](const std::vector<std::string>& row) {
                return std::tie(row[0], row[1], row[2], row[4]);
            };
            QVERIFY(key(rows[i - 1]) <= key(rows[i]));
        }
        const auto fast = std::find_if(rows.begin(), rows.end(), [&](const auto& row) {
            return row[18] == data.planted.fastCompletion;
        });
        QVERIFY(fast != rows.end());
        const auto joined = [](const std::vector<std::string>& fields) {
            std::string text;
            for (const auto& field : fields) {
                text += field + "|";
            }
            return text;
        };
        QCOMPARE(joined(*fast), joined({"C0451",
                                        "603/1465/5",
                                        "EV-L2-2026",
                                        "2026.1",
                                        "2026-11-05",
                                        "C0451-2026-11-05-AM",
                                        "PC09",
                                        "AB900002",
                                        "2026-11-05T09:20:00Z",
                                        "2026-11-05T09:24:45Z",
                                        "240",
                                        "no",
                                        "32",
                                        "40",
                                        "80",
                                        "pass",
                                        "verified",
                                        "C0451-2026-11-05-AM-PC09-AB900002",
                                        data.planted.fastCompletion,
                                        "2026-11-05T09:34:45Z"}));

        // One day: only the sittings started on it, at every centre.
        const auto oneDay = resultsReport(records, catalogue(), AnalysisSettings{},
                                          {QDate(2026, 11, 12), QDate(2026, 11, 12)});
        QCOMPARE(oneDay.rows, std::size_t(3 * 4 + 3 + 1)); // 4 a centre, AB900005's 3, AB900006
        for (const auto& row : csvRows(oneDay.csv)) {
            QVERIFY(row[4] == "date" || row[4] == "2026-11-12");
        }
    }

    void withoutTheBoxKeyResultsStaySealedAndOnlyWhatIsInClearIsRead() {
        const auto& data = *planted_;
        const auto records = storedAndReadBack(data, false);
        QVERIFY(records.readResults().empty());
        QVERIFY(std::all_of(records.results.begin(), records.results.end(),
                            [](const auto& r) { return r.standing == ResultStanding::Sealed; }));
        const auto made = resultsReport(records, catalogue(), AnalysisSettings{}, {});
        QCOMPARE(made.notOpened, data.resultCount);
        const auto rows = csvRows(made.csv);
        for (std::size_t i = 1; i < rows.size(); ++i) {
            QVERIFY(!rows[i][0].empty()); // the centre that sent it
            QCOMPARE(rows[i][16], std::string("sealed"));
            QVERIFY(rows[i][2].empty() && rows[i][7].empty()); // no assessment, no candidate
        }
        // The invigilation records are in clear: the PIN seen in two places is still found.
        const auto flags = analyse(records, AnalysisSettings{}, catalogue());
        QCOMPARE(flags.size(), std::size_t(1));
        QCOMPARE(flags[0].kind, FlagKind::PinTwoPlaces);

        // Another key opens nothing.
        const auto items = [&] {
            std::vector<StoredItem> stored;
            for (const auto& item : data.items) {
                stored.push_back({item.kind, item.bytes,
                                  signReceipt(receiverKeys_, item.centreId, itemIdOf(item.bytes),
                                              item.receivedAtMs)});
            }
            return stored;
        }();
        const auto otherKey = crypto::generateBoxKeyPair();
        const auto other = readHeldRecords(
            items,
            [&](const std::string& centre) -> std::optional<crypto::SigningPublicKey> {
                return data.centre(centre).keys.publicKey;
            },
            &otherKey);
        QVERIFY(std::all_of(other.results.begin(), other.results.end(),
                            [](const auto& r) { return r.standing == ResultStanding::Unopened; }));
    }

    void aResultWithoutItsJournalHeadsAndARecordUnderAnotherKeyAreSaidSo() {
        const auto& data = *clean_;
        const auto all = storedAndReadBack(data, true);
        const auto& dropped = all.results.front().record->sittingId;
        std::vector<StoredItem> items;
        for (const auto& item : data.items) {
            const auto head = parseJournalHeadItem(item.bytes);
            if (item.kind == ItemKind::JournalHead && head && head->sittingId == dropped) {
                continue; // the console never sent this sitting's journal
            }
            items.push_back({item.kind, item.bytes,
                             signReceipt(receiverKeys_, item.centreId, itemIdOf(item.bytes),
                                         item.receivedAtMs)});
        }
        const auto stranger = crypto::generateSigningKeyPair();
        const auto records = readHeldRecords(
            items,
            [&](const std::string& centre) -> std::optional<crypto::SigningPublicKey> {
                return centre == "C0452" ? stranger.publicKey : data.centre(centre).keys.publicKey;
            },
            &data.awardingBody);
        // C0452's invigilation records do not verify under the key given for it: named, left out.
        QVERIFY(!records.unreadable.empty());
        for (const auto& item : records.unreadable) {
            QCOMPARE(item.centreId, std::string("C0452"));
            QCOMPARE(item.kind, ItemKind::InvigilationRecord);
            QVERIFY(!item.reason.empty());
        }
        QVERIFY(std::none_of(records.sessions.begin(), records.sessions.end(),
                             [](const auto& held) { return held.centreId == "C0452"; }));
        const auto flags = analyse(records, AnalysisSettings{}, catalogue());
        QVERIFY2(flags.size() == 1, listed(flags).c_str());
        QCOMPARE(flags[0].kind, FlagKind::JournalMismatch);
        QVERIFY(flags[0].subject.starts_with("sitting " + dropped));
        QCOMPARE(flags[0].summary,
                 std::string("the console sent no journal head for this sitting"));
    }

    void theCatalogueGivesQualificationAndCategoriesAndNamesABadLine() {
        const auto read = AssessmentCatalogue::fromCsv(
            "assessment,qualification,categories\r\nAA-1,,accredited-assessor;other\r\n", "a.csv");
        QVERIFY(read.ok());
        QCOMPARE(read.value().find("AA-1").categories,
                 (std::vector<std::string>{"accredited-assessor", "other"}));
        QVERIFY(read.value().find("NOT-LISTED").qualificationCode.empty());
        QCOMPARE(AssessmentCatalogue::fromCsv("id,code\n", "a.csv").error(),
                 std::string("a.csv:1: the header must be assessment,qualification,categories"));
        QCOMPARE(
            AssessmentCatalogue::fromCsv("assessment,qualification\nX,1\nX,2\n", "a.csv").error(),
            std::string("a.csv:3: assessment X is listed twice"));
    }

    void csvQuotesWhatWouldBreakAField() {
        const auto line = csvLine({"plain", "a,b", "say \"hi\"", "two\nlines", ""});
        QCOMPARE(line, std::string("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"));
        QCOMPARE(csvFields("plain,\"a,b\",\"say \"\"hi\"\"\",x"),
                 (std::vector<std::string>{"plain", "a,b", "say \"hi\"", "x"}));
    }
};

QTEST_GUILESS_MAIN(AnalysisTest)
#include "tst_analysis.moc"
