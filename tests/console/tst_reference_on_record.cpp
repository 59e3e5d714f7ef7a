// What the invigilation record says of each candidate's reference material: what the paper
// allowed (its note) and what the sitting's journal, as the kiosk sent it, says was opened.
#include "vigil/console/reference_on_record.h"
#include "vigil/exam/sitting_journal.h"

#include <QTest>

using namespace vigil;

namespace {

exam::AssessmentMetadata paper(bool allowed) {
    exam::AssessmentMetadata metadata;
    metadata.id = "MOT-G2-2026A";
    metadata.referenceMaterialAllowed = allowed;
    metadata.referenceMaterialNote = allowed ? "The MOT inspection manual" : "";
    return metadata;
}

std::string journalEvent(exam::EventKind kind, const std::string& text = {}) {
    exam::SittingEvent e;
    e.kind = kind;
    e.text = text;
    if (kind == exam::EventKind::Created) {
        auto header = std::make_shared<exam::SittingHeader>();
        header->sittingId = "sitting-1";
        header->sessionId = "S-1";
        header->candidateRegistration = "R0001";
        header->order.push_back({"brk01", {"A", "B"}});
        e.header = header;
    }
    return exam::canonicalEventJson(e);
}

} // namespace

class ReferenceOnRecordTest : public QObject {
    Q_OBJECT

private slots:
    void aPaperWithoutMaterialSaysNoneAllowed() {
        const auto none = paper(false);
        QCOMPARE(console::referenceMaterialOnRecord(&none, nullptr), std::string("None allowed"));
    }

    void noSeatSaysNothing() {
        QCOMPARE(console::referenceMaterialOnRecord(nullptr, nullptr), std::string());
    }

    void theAllowedMaterialAndWhetherItWasOpened() {
        const auto mot = paper(true);
        QCOMPARE(console::referenceMaterialOnRecord(&mot, nullptr),
                 std::string("Allowed: The MOT inspection manual"));
        const std::vector<std::string> untouched{journalEvent(exam::EventKind::Created),
                                                 journalEvent(exam::EventKind::Started)};
        QCOMPARE(console::referenceMaterialOnRecord(&mot, &untouched),
                 std::string("Allowed: The MOT inspection manual; not opened"));
        const std::vector<std::string> used{
            journalEvent(exam::EventKind::Created),
            journalEvent(exam::EventKind::ReferenceOpened, "mot-inspection-manual"),
            journalEvent(exam::EventKind::ReferenceClosed, "mot-inspection-manual"),
            journalEvent(exam::EventKind::ReferenceOpened, "tyre-and-lamp-guide"),
            journalEvent(exam::EventKind::ReferenceOpened, "mot-inspection-manual")};
        QCOMPARE(console::referenceMaterialOnRecord(&mot, &used),
                 std::string("Allowed: The MOT inspection manual; opened 3 times "
                             "(mot-inspection-manual, tyre-and-lamp-guide)"));
        const std::vector<std::string> once{
            journalEvent(exam::EventKind::ReferenceOpened, "mot-inspection-manual")};
        QCOMPARE(console::referenceMaterialOnRecord(&mot, &once),
                 std::string("Allowed: The MOT inspection manual; opened 1 time "
                             "(mot-inspection-manual)"));
    }
};

QTEST_GUILESS_MAIN(ReferenceOnRecordTest)
#include "tst_reference_on_record.moc"
