// Reference material in the journal and the record: opening and closing a reference document
// is journalled (and survives a reload, the chain verified), only while the sitting runs and
// only for a document the paper carries; the result record names the material that was
// available, and a record without any keeps its canonical bytes.

#include "engine_fixture.h"
#include "vigil/exam/result_record.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
namespace crypto = vigil::crypto;

namespace {

Assessment withManual() {
    Assessment assessment = smallAssessment(2);
    assessment.metadata.referenceMaterialAllowed = true;
    assessment.metadata.referenceMaterialNote = "MOT inspection manual";
    assessment.referenceDocuments.push_back(
        {"mot-manual", "MOT inspection manual", ReferenceFormat::Pdf, {'%', 'P', 'D', 'F', '-'}});
    return assessment;
}

std::vector<std::pair<EventKind, std::string>> referenceEvents(const Sitting& sitting) {
    std::vector<std::pair<EventKind, std::string>> found;
    for (const auto& event : sitting.events()) {
        if (event.kind == EventKind::ReferenceOpened || event.kind == EventKind::ReferenceClosed) {
            found.emplace_back(event.kind, event.text);
        }
    }
    return found;
}

} // namespace

class ReferenceJournalTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    crypto::BoxKeyPair awardingBody_ = crypto::generateBoxKeyPair();

private slots:
    void openingAndClosingAreJournalledAndReplayed() {
        auto db = openStore(dir_, "journal.db");
        const Assessment assessment = withManual();
        ManualClock clock;
        {
            auto sitting = Sitting::create(db, assessment, setupFor("ref-1"), clock, kioskKeys());
            startSitting(sitting);
            sitting.noteReferenceShown("mot-manual", true);
            sitting.noteReferenceShown("mot-manual", false);
            const std::vector<std::pair<EventKind, std::string>> expected{
                {EventKind::ReferenceOpened, "mot-manual"},
                {EventKind::ReferenceClosed, "mot-manual"}};
            QVERIFY(referenceEvents(sitting) == expected);
            QCOMPARE(sitting.snapshot().incidents, 0); // consulting allowed material is no incident
        }
        auto reloaded = Sitting::load(db, assessment, "ref-1", clock, kioskKeys());
        QCOMPARE(referenceEvents(reloaded).size(), std::size_t{2});
    }

    void anUnknownDocumentOrAStoppedSittingIsRefused() {
        auto db = openStore(dir_, "refused.db");
        ManualClock clock;
        const Assessment assessment = withManual(); // a Sitting refers to its assessment
        auto sitting = Sitting::create(db, assessment, setupFor("ref-2"), clock, kioskKeys());
        try {
            sitting.noteReferenceShown("mot-manual", true);
            QFAIL("opened before the sitting started");
        } catch (const SittingError& error) {
            QCOMPARE(error.code(), SittingErrorCode::IllegalTransition);
        }
        startSitting(sitting);
        try {
            sitting.noteReferenceShown("highway-code", true);
            QFAIL("opened a document the paper does not carry");
        } catch (const SittingError& error) {
            QCOMPARE(error.code(), SittingErrorCode::UnknownItem);
        }
    }

    void theRecordSaysTheMaterialWasAvailable() {
        auto db = openStore(dir_, "record.db");
        ManualClock clock;
        const Assessment assessment = withManual();
        auto sitting = Sitting::create(db, assessment, setupFor("ref-3"), clock, kioskKeys());
        startSitting(sitting);
        sitting.submit(2);
        const auto issued = sitting.issueResult(awardingBody_.publicKey);
        QCOMPARE(issued.record.referenceMaterial, std::vector<std::string>{"mot-manual"});
        const std::string json = canonicalResultJson(issued.record);
        QVERIFY(json.find("\"referenceMaterial\":[\"mot-manual\"]") != std::string::npos);
        const auto parsed = parseResultJson(json);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().referenceMaterial, std::vector<std::string>{"mot-manual"});
        QVERIFY(parsed.value() == issued.record);

        ResultRecord without = issued.record;
        without.referenceMaterial.clear();
        QVERIFY(canonicalResultJson(without).find("referenceMaterial") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(ReferenceJournalTest)
#include "tst_reference_journal.moc"
