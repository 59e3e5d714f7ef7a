#include "sample_assessment.h"
#include "vigil/exam/serialization.h"

#include <QTest>
#include <limits>

using namespace vigil::exam;

class AssessmentSerializationTest : public QObject {
    Q_OBJECT

private slots:
    void roundTripKeepsEveryField() {
        const auto original = sampleAssessment();
        auto bytes = serializeAssessment(original);
        QVERIFY(bytes.ok());
        auto back = deserializeAssessment(bytes.value());
        QVERIFY2(back.ok(), back ? "" : back.error().c_str());
        const auto& a = back.value();
        QCOMPARE(a.metadata.title, original.metadata.title);
        QCOMPARE(a.metadata.passMarkPercent, 80.0);
        QCOMPARE(a.metadata.referenceMaterialNote, std::string("MOT inspection manual"));
        QCOMPARE(a.navigation, NavigationMode::Linear);
        QCOMPARE(a.submission, SubmissionMode::Individual);
        QCOMPARE(a.items.at(0).choices.at(3).fixed, true);
        QCOMPARE(a.items.at(0).shuffle, true);
        QCOMPARE(a.items.at(1).cardinality, Cardinality::Multiple);
        QCOMPARE(a.items.at(1).processing, ResponseProcessing::MapResponse);
        QCOMPARE(a.items.at(1).mapping->upperBound.value(), 2.0);
        QCOMPARE(a.items.at(1).bodyHtml, original.items.at(1).bodyHtml);
        QVERIFY(a.media.at(0).bytes == original.media.at(0).bytes);
        QVERIFY(serializeAssessment(a).value() == bytes.value()); // canonical
    }

    void metadataRoundTrips() {
        const auto metadata = sampleAssessment().metadata;
        auto back = deserializeMetadata(serializeMetadata(metadata));
        QVERIFY(back.ok());
        QCOMPARE(back.value().qualificationCode, std::string("601/8928/9"));
        QCOMPARE(back.value().durationSeconds, std::int64_t{2700});
    }

    void inconsistentAssessmentsAreRefusedWithTheReason_data() {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<QString>("reason");
        QTest::newRow("item count") << 0 << "itemCount";
        QTest::newRow("duplicate item") << 1 << "used twice";
        QTest::newRow("unknown correct response") << 2 << "not a choice";
        QTest::newRow("non-finite score") << 3 << "maxScore";
        QTest::newRow("media type") << 4 << "has type";
        QTest::newRow("empty id") << 5 << "metadata id is empty";
        QTest::newRow("invalid UTF-8") << 6 << "not valid UTF-8";
        QTest::newRow("pass mark") << 7 << "passMarkPercent";
        QTest::newRow("map without mapping") << 8 << "no mapping";
    }

    void inconsistentAssessmentsAreRefusedWithTheReason() {
        QFETCH(int, mutation);
        QFETCH(QString, reason);
        auto a = sampleAssessment();
        switch (mutation) {
        case 0:
            a.metadata.itemCount = 5;
            break;
        case 1:
            a.items[1].identifier = "q01";
            break;
        case 2:
            a.items[0].correctResponse = {"Z"};
            break;
        case 3:
            a.items[0].maxScore = std::numeric_limits<double>::quiet_NaN();
            break;
        case 4:
            a.media[0].mimeType = "application/x-msdownload";
            break;
        case 5:
            a.metadata.id.clear();
            break;
        case 6:
            a.items[0].title = "\xC3\x28";
            break;
        case 7:
            a.metadata.passMarkPercent = 101;
            break;
        case 8:
            a.items[1].mapping.reset();
            break;
        }
        auto bytes = serializeAssessment(a);
        QVERIFY(!bytes.ok());
        QVERIFY2(QString::fromStdString(bytes.error()).contains(reason), bytes.error().c_str());
    }

    void everyTruncationAndTrailingByteIsRefused() {
        const auto bytes = serializeAssessment(sampleAssessment()).value();
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            const std::vector<std::uint8_t> cut(bytes.begin(),
                                                bytes.begin() + static_cast<std::ptrdiff_t>(size));
            QVERIFY(!deserializeAssessment(cut).ok());
        }
        auto longer = bytes;
        longer.push_back(0);
        QCOMPARE(deserializeAssessment(longer).error(),
                 std::string("assessment has trailing bytes"));
    }

    void hostileCountsAreRefusedBeforeAllocating() {
        auto bytes = serializeAssessment(sampleAssessment()).value();
        // The item count follows the version, the metadata blob and the two mode bytes.
        const auto metadataSize = serializeMetadata(sampleAssessment().metadata).size();
        const auto at = 2 + 4 + metadataSize + 2;
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFF;
        bytes[at + 2] = 0xFF;
        bytes[at + 3] = 0xFF;
        auto back = deserializeAssessment(bytes);
        QVERIFY(!back.ok());
        QVERIFY2(back.error().find("item count") != std::string::npos, back.error().c_str());
    }

    void unknownFormatVersionIsNamed() {
        auto bytes = serializeAssessment(sampleAssessment()).value();
        bytes[0] = 9;
        QVERIFY(deserializeAssessment(bytes).error().find("not supported") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(AssessmentSerializationTest)
#include "tst_assessment_serialization.moc"
