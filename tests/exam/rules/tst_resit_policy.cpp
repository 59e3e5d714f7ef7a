#include "vigil/exam/resit_policy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <functional>

using namespace vigil::exam;
using namespace std::chrono_literals;

namespace {

QString dataPath(const char* name) {
    return qEnvironmentVariable("VIGIL_TEST_DATA") + QLatin1Char('/') + QLatin1String(name);
}

QJsonObject entry(const char* keyName, const char* key, double minutes) {
    return {{keyName, key}, {"group", "Some group"}, {"resitIntervalMinutes", minutes}};
}

QJsonObject validTable() {
    return {{"format", "vigil-resit-policy"},
            {"formatVersion", 1},
            {"revision", "test.1"},
            {"effectiveFrom", "2025-06-01"},
            {"defaultResitIntervalMinutes", 2880},
            {"qualifications",
             QJsonArray{entry("code", "601/8928/9", 120), entry("code", "603/1465/5", 120)}},
            {"categories", QJsonArray{entry("category", "accredited-assessor", 120)}}};
}

QByteArray changed(const std::function<void(QJsonObject&)>& change) {
    QJsonObject table = validTable();
    change(table);
    return QJsonDocument(table).toJson();
}

void setFirstEntry(QJsonObject& table, const char* list, const char* key, const QJsonValue& v) {
    QJsonArray entries = table.value(list).toArray();
    QJsonObject first = entries.at(0).toObject();
    if (v.isUndefined()) {
        first.remove(key);
    } else {
        first.insert(key, v);
    }
    entries.replace(0, first);
    table.insert(list, entries);
}

std::string errorOf(const QByteArray& json) {
    try {
        (void)ResitPolicy::fromJson(std::string_view(json.constData(), json.size()), "table.json");
    } catch (const ResitPolicyError& error) {
        return error.what();
    }
    return "(accepted)";
}

} // namespace

class TestResitPolicy : public QObject {
    Q_OBJECT

private slots:
    void shippedTableHoldsTheAwardingBodysList() {
        const ResitPolicy& policy = ResitPolicy::compiledIn();
        QCOMPARE(policy.defaultInterval(), 48h);
        const std::vector<std::string> twoHourCodes{
            "601/8928/9", "601/8930/7", "601/8929/0", "603/1465/5", "603/1467/9",
            "603/1466/7", "603/1468/0", "603/4181/6", "603/4182/8", "500/6771/0",
            "600/1954/2", "600/4331/3", "600/4336/2"};
        QCOMPARE(policy.qualifications().size(), twoHourCodes.size());
        for (const std::string& code : twoHourCodes) {
            const ResolvedResitInterval resolved = policy.intervalFor(code, {});
            QVERIFY2(resolved.grantedBy.has_value(), code.c_str());
            QCOMPARE(resolved.interval, 2h);
        }
        QCOMPARE(policy.intervalFor("600/9999/1", {}).interval, 48h);
        const ResolvedResitInterval assessor =
            policy.intervalFor("600/9999/1", {"accredited-assessor"});
        QCOMPARE(assessor.interval, 2h);
        QVERIFY(assessor.byCategory);
    }

    void compiledInTableIsTheShippedFile() {
        QFile shipped(QStringLiteral(VIGIL_SHIPPED_RESIT_POLICY));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        const QByteArray bytes = shipped.readAll();
        QCOMPARE(QByteArray::fromStdString(std::string(ResitPolicy::compiledInJson())), bytes);
        QVERIFY(ResitPolicy::fromFile(VIGIL_SHIPPED_RESIT_POLICY) == ResitPolicy::compiledIn());
    }

    void loadsAnUpdatedTable() {
        const ResitPolicy updated =
            ResitPolicy::fromFile(dataPath("updated-policy.json").toStdString());
        QCOMPARE(updated.revision(), std::string("2026.1"));
        QVERIFY(updated.effectiveFrom() == std::chrono::year_month_day(std::chrono::year(2026),
                                                                       std::chrono::February,
                                                                       std::chrono::day(1)));
        QCOMPARE(updated.intervalFor("610/0001/4", {}).interval, 90min);
        // Dropped from the update: the default applies again, the table is the whole truth.
        QCOMPARE(updated.intervalFor("601/8930/7", {}).interval, 48h);
    }

    void updatedTableReplacesTheCompiledInOneOnlyWhenGiven() {
        QVERIFY(ResitPolicy::updatedOrCompiledIn(std::nullopt) == ResitPolicy::compiledIn());
        const ResitPolicy updated =
            ResitPolicy::updatedOrCompiledIn(dataPath("updated-policy.json").toStdString());
        QCOMPARE(updated.revision(), std::string("2026.1"));
    }

    void staleUpdatedTableIsAnError() {
        const std::string path = dataPath("stale-policy.json").toStdString();
        try {
            (void)ResitPolicy::updatedOrCompiledIn(path);
            QFAIL("a table older than the compiled-in one was accepted");
        } catch (const ResitPolicyError& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(QString::fromStdString(path)), error.what());
            QVERIFY2(message.contains("2024-06-01") &&
                         message.contains("older than the compiled-in"),
                     error.what());
        }
    }

    void missingOrTruncatedFileIsAnError_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << dataPath("no-such-policy.json") << "cannot read";
        QTest::newRow("truncated") << dataPath("truncated-policy.json")
                                   << "not valid JSON at line 9, column 1: unterminated array";
    }

    void missingOrTruncatedFileIsAnError() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        for (const bool viaUpdate : {false, true}) {
            try {
                if (viaUpdate) {
                    (void)ResitPolicy::updatedOrCompiledIn(path.toStdString());
                } else {
                    (void)ResitPolicy::fromFile(path.toStdString());
                }
                QFAIL("a bad table file was accepted");
            } catch (const ResitPolicyError& error) {
                const QString message = QString::fromUtf8(error.what());
                QVERIFY2(message.startsWith(path) && message.contains(expected), error.what());
            }
        }
    }

    void rejectsBadTablesWithAClearError_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");

        QTest::newRow("valid control") << changed([](QJsonObject&) {}) << "(accepted)";
        QTest::newRow("not JSON") << QByteArray(
                                         "{\n  \"format\": \"vigil-resit-policy\",\n  oops }")
                                  << "table.json: not valid JSON at line 3";
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << "table.json: must be a JSON object";
        QTest::newRow("other format")
            << changed([](QJsonObject& t) { t["format"] = "seating-plan"; })
            << "table.json: format: must be \"vigil-resit-policy\"";
        QTest::newRow("unknown version")
            << changed([](QJsonObject& t) { t["formatVersion"] = 2; })
            << "table.json: formatVersion: unknown format version 2; this version of Vigil reads "
               "format version 1";
        QTest::newRow("version missing")
            << changed([](QJsonObject& t) { t.remove("formatVersion"); })
            << "formatVersion: unknown format version (missing)";
        QTest::newRow("revision missing") << changed([](QJsonObject& t) { t.remove("revision"); })
                                          << "table.json: missing key \"revision\"";
        QTest::newRow("revision empty") << changed([](QJsonObject& t) { t["revision"] = "  "; })
                                        << "table.json: revision: must not be empty";
        QTest::newRow("misspelt key")
            << changed([](QJsonObject& t) { t["defaultResitIntervalMinute"] = 60; })
            << "table.json: unknown key \"defaultResitIntervalMinute\"";
        QTest::newRow("default missing")
            << changed([](QJsonObject& t) { t.remove("defaultResitIntervalMinutes"); })
            << "missing key \"defaultResitIntervalMinutes\"";
        QTest::newRow("bad date") << changed([](QJsonObject& t) {
            t["effectiveFrom"] = "2025-13-01";
        }) << "effectiveFrom: \"2025-13-01\" is not a date like 2025-01-31";
        QTest::newRow("negative default")
            << changed([](QJsonObject& t) { t["defaultResitIntervalMinutes"] = -2880; })
            << "defaultResitIntervalMinutes: must be a positive number of minutes, got -2880";
        QTest::newRow("zero default")
            << changed([](QJsonObject& t) { t["defaultResitIntervalMinutes"] = 0; })
            << "defaultResitIntervalMinutes: must be a positive number of minutes, got 0";
        QTest::newRow("negative entry")
            << changed([](QJsonObject& t) {
                   setFirstEntry(t, "qualifications", "resitIntervalMinutes", -120);
               })
            << "table.json: qualifications[0].resitIntervalMinutes: must be a positive number of "
               "minutes, got -120";
        QTest::newRow("fractional entry") << changed([](QJsonObject& t) {
            setFirstEntry(t, "qualifications", "resitIntervalMinutes", 1.5);
        }) << "qualifications[0].resitIntervalMinutes: must be a whole number of minutes, got 1.5";
        QTest::newRow("interval as text") << changed([](QJsonObject& t) {
            setFirstEntry(t, "qualifications", "resitIntervalMinutes", "120");
        }) << "qualifications[0].resitIntervalMinutes: must be a number of minutes";
        QTest::newRow("interval over a week") << changed([](QJsonObject& t) {
            setFirstEntry(t, "categories", "resitIntervalMinutes", 10081);
        })
                                              << "categories[0].resitIntervalMinutes: must be at "
                                                 "most 10080 minutes (one week), got 10081";
        QTest::newRow("duplicate code")
            << changed([](QJsonObject& t) {
                   QJsonArray list = t["qualifications"].toArray();
                   list.append(entry("code", "601/8928/9", 60));
                   t["qualifications"] = list;
               })
            << "table.json: qualifications[2].code: 601/8928/9 is listed twice (also at "
               "qualifications[0])";
        QTest::newRow("duplicate category") << changed([](QJsonObject& t) {
            QJsonArray list = t["categories"].toArray();
            list.append(entry("category", "accredited-assessor", 60));
            t["categories"] = list;
        }) << "categories[1].category: accredited-assessor is listed twice";
        QTest::newRow("malformed code") << changed([](QJsonObject& t) {
            setFirstEntry(t, "qualifications", "code", "601-8928-9");
        }) << "qualifications[0].code: \"601-8928-9\" is not a qualification code like 601/8928/9";
        QTest::newRow("malformed category") << changed([](QJsonObject& t) {
            setFirstEntry(t, "categories", "category", "Accredited Assessor");
        }) << "categories[0].category: \"Accredited Assessor\" is not a category name";
        QTest::newRow("entry without group") << changed([](QJsonObject& t) {
            setFirstEntry(t, "qualifications", "group", QJsonValue::Undefined);
        }) << "qualifications[0]: missing key \"group\"";
        QTest::newRow("entry with unknown key")
            << changed([](QJsonObject& t) { setFirstEntry(t, "qualifications", "hours", 2); })
            << "qualifications[0]: unknown key \"hours\"";
        QTest::newRow("entry not an object")
            << changed([](QJsonObject& t) { t["qualifications"] = QJsonArray{"601/8928/9"}; })
            << "qualifications[0]: must be an object";
        QTest::newRow("list not a list")
            << changed([](QJsonObject& t) { t["qualifications"] = "601/8928/9"; })
            << "qualifications: must be a list";
        QTest::newRow("qualifications missing")
            << changed([](QJsonObject& t) { t.remove("qualifications"); })
            << "missing key \"qualifications\"";
    }

    void rejectsBadTablesWithAClearError() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QString message = QString::fromStdString(errorOf(json));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void shortestListedIntervalWins() {
        QJsonObject table = validTable();
        setFirstEntry(table, "categories", "resitIntervalMinutes", 30);
        const QByteArray json = QJsonDocument(table).toJson();
        const ResitPolicy policy =
            ResitPolicy::fromJson(std::string_view(json.constData(), json.size()), "table.json");
        QCOMPARE(policy.intervalFor("601/8928/9", {}).interval, 2h);
        QCOMPARE(policy.intervalFor("601/8928/9", {"accredited-assessor"}).interval, 30min);
        QCOMPARE(policy.intervalFor("601/8928/9", {"some-other-category"}).interval, 2h);
        QVERIFY(!policy.intervalFor("600/0000/0", {"some-other-category"}).grantedBy);
    }
};

QTEST_GUILESS_MAIN(TestResitPolicy)
#include "tst_resit_policy.moc"
