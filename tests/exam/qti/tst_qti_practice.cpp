// A practice quiz (vigil-assessment.json "kind": "practice") keeps each item's modalFeedback
// and feedbackBlock, sanitised like the item; an assessment still refuses them. The practice
// sample in exam/samples imports whole, and its kind and feedback survive a signed package.
#include "fixture_package.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"
#include "vigil/exam/serialization.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

std::filesystem::path samplePath(const char* name) {
    return std::filesystem::path(QT_TESTCASE_SOURCEDIR) / "../../../exam/samples" / name;
}

const ItemFeedback* feedbackFor(const Item& item, const std::string& identifier) {
    for (const auto& feedback : item.feedback) {
        if (feedback.identifier == identifier) {
            return &feedback;
        }
    }
    return nullptr;
}

QByteArray practiceSettings() {
    return QByteArray(R"({"format": "vigil-assessment/1", "kind": "practice",
        "qualificationCode": "601/8928/9", "version": "1", "passMarkPercent": 50})");
}

// The base fixture's one item (choices A to D, correct A) with `feedback` after its body.
QByteArray itemWithFeedback(const QByteArray& feedback) {
    QByteArray item = readFixture("base/items/q1.xml");
    const int end = item.indexOf("</assessmentItem>");
    return item.left(end) + feedback + "\n</assessmentItem>\n";
}

} // namespace

class QtiPracticeTest : public QObject {
    Q_OBJECT

private slots:
    void practiceSampleImportsWithItsFeedback() {
        const auto result = importQtiPackage(samplePath("mot-practice-brakes-tyres"));
        VIGIL_IMPORT_OK(result);
        const Assessment& quiz = *result.assessment;
        QCOMPARE(quiz.metadata.kind, PackageKind::Practice);
        QCOMPARE(quiz.metadata.id, std::string("MOT-PRACTICE-BT-01"));
        QCOMPARE(quiz.metadata.title, std::string("Practice: brakes and tyres"));
        QCOMPARE(quiz.metadata.passMarkPercent, 75.0);
        QCOMPARE(quiz.items.size(), std::size_t(4));
        const Item* parking = quiz.findItem("pbk01");
        QVERIFY(parking);
        QCOMPARE(parking->feedback.size(), std::size_t(2));
        QCOMPARE(feedbackFor(*parking, "correct")->contentHtml,
                 std::string("<p>Right: the parking brake must reach <b>16%</b> efficiency.</p>"));
        QVERIFY(feedbackFor(*quiz.findItem("pbk02"), "A")); // shown when A was chosen
        // A feedbackBlock in the item body is feedback, not part of the question.
        const Item* hoses = quiz.findItem("pbk03");
        QCOMPARE(hoses->feedback.size(), std::size_t(1));
        QVERIFY(hoses->bodyHtml.find("chafing") == std::string::npos);
        QVERIFY(hoses->feedback[0].contentHtml.find("<i>damage from chafing</i>") !=
                std::string::npos);
        // A practice item's diagram is the quiz's media, as an assessment's is; its answers
        // keep their markup.
        QCOMPARE(quiz.media.size(), std::size_t(1));
        QCOMPARE(quiz.findMedia("media/tread-zones.svg")->mimeType, std::string("image/svg+xml"));
        const Item* tread = quiz.findItem("pty01");
        QVERIFY(tread->bodyHtml.find("src=\"media/tread-zones.svg\"") != std::string::npos);
        QCOMPARE(tread->choices[1].contentHtml, std::string("1.6 mm across zone <b>B</b>"));
    }

    void theSampleAssessmentsStayAssessments() {
        const auto result = importQtiPackage(samplePath("mot-braking-lighting-tyres"));
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->metadata.kind, PackageKind::Assessment);
    }

    void anAssessmentStillRefusesFeedback() {
        FixturePackage package;
        package.write("items/q1.xml",
                      itemWithFeedback(R"(<modalFeedback outcomeIdentifier="FEEDBACK" )"
                                       R"(identifier="correct" showHide="show"><p>Yes</p>)"
                                       R"(</modalFeedback>)"));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(describe(result).contains("feedback not supported: Vigil shows no feedback "
                                           "during an assessment"),
                 qPrintable(describe(result)));
    }

    void practiceFeedbackIsSanitisedLikeTheItem() {
        FixturePackage package;
        package.write("vigil-assessment.json", practiceSettings());
        package.write(
            "items/q1.xml",
            itemWithFeedback(R"(<modalFeedback outcomeIdentifier="FEEDBACK" )"
                             R"(identifier="incorrect" showHide="show">)"
                             R"xml(<p style="color:red" onclick="x()">See <b>A</b></p>)xml"
                             R"(</modalFeedback>)"));
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        QCOMPARE(result.assessment->items.at(0).feedback.at(0).contentHtml,
                 std::string("<p>See <b>A</b></p>"));
    }

    void practiceFeedbackMustNameAChoiceOrTheOutcome() {
        FixturePackage package;
        package.write("vigil-assessment.json", practiceSettings());
        package.write("items/q1.xml",
                      itemWithFeedback(R"(<modalFeedback outcomeIdentifier="FEEDBACK" )"
                                       R"(identifier="PARTIAL" showHide="show"><p>Half</p>)"
                                       R"(</modalFeedback>)"));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(describe(result).contains("names neither a choice of this item nor correct"),
                 qPrintable(describe(result)));
    }

    void practiceFeedbackRefusesWhatTheItemRefuses() {
        FixturePackage package;
        package.write("vigil-assessment.json", practiceSettings());
        package.write("items/q1.xml",
                      itemWithFeedback(R"(<modalFeedback outcomeIdentifier="FEEDBACK" )"
                                       R"(identifier="correct" showHide="hide"><p>x</p><script/>)"
                                       R"(</modalFeedback>)"));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(describe(result).contains("showHide=\"hide\" not supported"),
                 qPrintable(describe(result)));
        QVERIFY2(describe(result).contains("element not supported in item content"),
                 qPrintable(describe(result)));
    }

    void kindAndFeedbackSurviveTheSignedPackage() {
        const auto imported = importQtiPackage(samplePath("mot-practice-brakes-tyres"));
        VIGIL_IMPORT_OK(imported);
        const auto awarding = vigil::crypto::generateSigningKeyPair();
        const auto centre = vigil::crypto::generateBoxKeyPair();
        const auto package =
            buildPackage(*imported.assessment, awarding, {{"C0451", centre.publicKey}});
        QVERIFY(package);
        const auto info = readPackageInfo(package.value(), awarding.publicKey);
        QVERIFY(info);
        QCOMPARE(info.value().metadata.kind, PackageKind::Practice);
        const auto opened = openPackage(package.value(), awarding.publicKey, "C0451", centre);
        QVERIFY(opened);
        QCOMPARE(opened.value().items.at(0).feedback.size(),
                 imported.assessment->items.at(0).feedback.size());
        QVERIFY(requirePackageKind(info.value().metadata, PackageKind::Practice));
        const auto refused = requirePackageKind(info.value().metadata, PackageKind::Assessment);
        QVERIFY(!refused);
        QCOMPARE(refused.error().error, PackageError::PracticeAsAssessment);
        QVERIFY(QString::fromStdString(describe(refused.error()))
                    .startsWith("this package is a practice quiz: it can never be delivered as "
                                "an invigilated assessment"));
    }

    void anAssessmentNeverCarriesFeedback() {
        auto quiz = importQtiPackage(samplePath("mot-practice-brakes-tyres")).assessment.value();
        quiz.metadata.kind = PackageKind::Assessment;
        const auto bytes = serializeAssessment(quiz);
        QVERIFY(!bytes);
        QVERIFY(QString::fromStdString(bytes.error())
                    .contains("only a practice quiz carries feedback"));
    }

    void anAssessmentsBytesAreUnchanged() {
        // Metadata version 1 and no kind byte: what every build before practice wrote.
        AssessmentMetadata metadata;
        metadata.id = "X";
        metadata.title = "X";
        metadata.version = "1";
        metadata.durationSeconds = 60;
        metadata.itemCount = 1;
        const auto assessment = serializeMetadata(metadata);
        QCOMPARE(int(assessment.at(0)), int(kAssessmentFormatVersion));
        metadata.kind = PackageKind::Practice;
        const auto practice = serializeMetadata(metadata);
        QCOMPARE(int(practice.at(0)), int(kPracticeMetadataFormatVersion));
        QCOMPARE(practice.size(), assessment.size() + 1);
        QCOMPARE(deserializeMetadata(practice).value().kind, PackageKind::Practice);
    }
};

QTEST_GUILESS_MAIN(QtiPracticeTest)
#include "tst_qti_practice.moc"
