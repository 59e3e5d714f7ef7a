// The real vigil-syncd binary shows the awarding body what it holds: `report` and `analyse` over
// a generated data set (analysis_fixture.h) stored in its embedded store, with the awarding
// body's box key and without it, and a threshold and a catalogue from its configuration file;
// then the same flags from the same data set on a PostgreSQL server.
#include "analysis_fixture.h"
#include "postgres_server.h"
#include "vigil/crypto/key_files.h"
#include "vigil/receiver/analysis/csv.h"
#include "vigil/receiver/syncd_config.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::receiver;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run syncd(const QStringList& arguments) {
    QProcess process;
    process.start(VIGIL_SYNCD, arguments);
    process.waitForFinished(60'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// The CSV's records (RFC 4180: CRLF after each), split into fields.
std::vector<std::vector<std::string>> records(const QString& csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& line : csv.split("\r\n", Qt::SkipEmptyParts)) {
        rows.push_back(analysis::csvFields(line.toStdString()));
    }
    return rows;
}

} // namespace

class SyncdReportTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    testing::AnalysisDataSet data_;
    QString config_;
    QString boxKey_;

    QString path(const QString& name) const { return dir_.filePath(name); }

    void write(const QString& name, const QByteArray& body) const {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(body);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        data_.plantEveryPattern();
        write("assessments.csv", QByteArray(testing::kCatalogueCsv.data()));
        write("syncd.conf", "receiver-key = receiver.key\n"
                            "store = embedded\n"
                            "store-path = syncd.db\n"
                            "store-key = store.key\n"
                            "assessments = assessments.csv\n");
        config_ = path("syncd.conf");
        const auto init = syncd({"init", "--config", config_});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const auto config = readSyncdConfig(config_.toStdString());
        QVERIFY(config.ok());
        data_.storeInto(*openConfiguredStore(config.value()), crypto::generateSigningKeyPair());
        boxKey_ = path("awarding-body.box");
        QVERIFY(crypto::saveBoxKeyPair(boxKey_.toStdString(), data_.awardingBody).ok());
    }

    void reportWithTheBoxKeyListsEveryResult() {
        const auto run = syncd({"report", "--config", config_, "--box-key", boxKey_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto rows = records(run.out);
        QCOMPARE(rows.size(), data_.resultCount + 1);
        QCOMPARE(rows[0][0], std::string("centre"));
        QCOMPARE(rows[1][0], std::string("C0451"));
        QCOMPARE(rows[1][1], std::string("600/9999/1")); // from the catalogue, sorted first
        for (std::size_t i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i][16], std::string("verified"));
        }
        QVERIFY2(run.err.contains(QString("%1 results reported").arg(data_.resultCount)),
                 qPrintable(run.err));
        QVERIFY(!run.err.contains("could not be opened"));

        const auto day = syncd({"report", "--config", config_, "--box-key", boxKey_, "--from",
                                "2026-11-12", "--to", "2026-11-12"});
        QCOMPARE(records(day.out).size(), std::size_t(1 + 16));
        QCOMPARE(syncd({"report", "--config", config_, "--from", "12/11/2026"}).exitCode, 2);
    }

    void reportWithoutTheKeySaysItCouldNotOpenTheResults() {
        const auto run = syncd({"report", "--config", config_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto rows = records(run.out);
        QCOMPARE(rows.size(), data_.resultCount + 1);
        QCOMPARE(rows[1][16], std::string("sealed"));
        QVERIFY2(run.err.contains(QString("%1 result records could not be opened: they are sealed "
                                          "to the awarding body; give its box key with --box-key")
                                      .arg(data_.resultCount)),
                 qPrintable(run.err));
    }

    void analyseFlagsEachPlantedPatternWithItsEvidence() {
        const auto run = syncd({"analyse", "--config", config_, "--box-key", boxKey_});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto rows = records(run.out);
        QCOMPARE(rows[0][1], std::string("kind"));
        std::map<std::string, std::set<std::string>> evidence; // kind -> item ids
        for (std::size_t i = 1; i < rows.size(); ++i) {
            evidence[rows[i][1]].insert(rows[i][5]);
        }
        QCOMPARE(evidence.size(), std::size_t(7));
        QVERIFY(evidence["unusual-hour"].contains(data_.planted.unusualHour));
        QVERIFY(evidence["fast-completion"].contains(data_.planted.fastCompletion));
        QVERIFY(evidence["journal-mismatch"].contains(data_.planted.journalMismatch));
        QCOMPARE(evidence["frequent-attempts"].size(), std::size_t(4));
        QCOMPARE(evidence["resit-interval"].size(), std::size_t(2));
        QCOMPARE(evidence["daily-limit"].size(), std::size_t(3));
        QCOMPARE(evidence["pin-two-places"].size(), std::size_t(2));
        QVERIFY2(run.err.contains("7 flags"), qPrintable(run.err));

        // Without the key: what is in clear only, and it says so.
        const auto sealed = syncd({"analyse", "--config", config_});
        QCOMPARE(sealed.exitCode, 0);
        QCOMPARE(records(sealed.out).size(), std::size_t(1 + 2)); // pin-two-places, 2 records
        QVERIFY2(sealed.err.contains("every result is sealed"), qPrintable(sealed.err));
    }

    void analyseOnPostgresFindsTheSameFlags() {
        testing::PostgresServer postgres;
        write("postgres.conf", "receiver-key = receiver.key\n"
                               "store = postgres\n"
                               "assessments = assessments.csv\n"
                               "postgres = " +
                                   QByteArray::fromStdString(postgres.freshDatabase()) + "\n");
        const auto config = path("postgres.conf");
        QCOMPARE(syncd({"init", "--config", config}).exitCode, 0);
        const auto parsed = readSyncdConfig(config.toStdString());
        QVERIFY(parsed.ok());
        data_.storeInto(*openConfiguredStore(parsed.value()), crypto::generateSigningKeyPair());
        const auto onPostgres = syncd({"analyse", "--config", config, "--box-key", boxKey_});
        QVERIFY2(onPostgres.exitCode == 0, qPrintable(onPostgres.err));
        const auto embedded = syncd({"analyse", "--config", config_, "--box-key", boxKey_});
        QCOMPARE(onPostgres.out, embedded.out);
        QVERIFY2(onPostgres.err.contains("7 flags"), qPrintable(onPostgres.err));
    }

    void aThresholdComesFromTheConfigurationAndABadOneIsNamedByLine() {
        QFile file(config_);
        QVERIFY(file.open(QIODevice::Append));
        file.write("analysis.fast-fraction = 0.05\n");
        file.close();
        const auto run = syncd({"analyse", "--config", config_, "--box-key", boxKey_});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.out.contains("fast-completion") && run.err.contains("6 flags"),
                 qPrintable(run.err));

        // A box key that cannot be read: said, and nothing printed as if it had been.
        const auto noKey = syncd({"analyse", "--config", config_, "--box-key", path("missing.sk")});
        QCOMPARE(noKey.exitCode, 1);
        QVERIFY2(noKey.err.contains("cannot read the box key " + path("missing.sk")),
                 qPrintable(noKey.err));
        QVERIFY(noKey.out.isEmpty());

        QVERIFY(file.open(QIODevice::Append));
        file.write("analysis.fast-fraction = fast\n");
        file.close();
        const auto bad = syncd({"analyse", "--config", config_});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("syncd.conf:7: analysis.fast-fraction must be a number between "
                                  "0 and 1"),
                 qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(SyncdReportTest)
#include "tst_syncd_report.moc"
