// The reference panel over the MOT sample's real manual (a PDF in exam/samples, imported as
// vigil-pack imports it): pages, search with highlighted results stepping both ways, zoom,
// the page's words for a screen reader; opening and closing journalled by a real session over
// a sealed seat of the MOT paper; no panel on a paper that allows no reference material.
#include "session_harness.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/reference_panel.h"

#include <QGuiApplication>
#include <QTest>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;

namespace {

exam::Assessment motSample() {
    const auto result = exam::importQtiPackage(std::filesystem::path(QT_TESTCASE_SOURCEDIR) /
                                               "../../exam/samples/mot-braking-lighting-tyres");
    if (!result.assessment) {
        qFatal("the MOT sample does not import");
    }
    return *result.assessment;
}

QStringList journalKinds(SessionHarness& harness, const char* prefix) {
    auto query = harness.db().prepare(
        "SELECT kind FROM sitting_events WHERE kind LIKE ? ORDER BY sitting_id, sequence");
    query.bind(1, std::string(prefix) + "%");
    QStringList kinds;
    while (query.step()) {
        kinds << QString::fromStdString(query.text(0));
    }
    return kinds;
}

} // namespace

class ReferencePanelTest : public QObject {
    Q_OBJECT

    exam::Assessment mot_ = motSample();

private slots:
    void pagesSearchAndZoomOnTheRealManual() {
        ReferencePanel panel;
        std::vector<std::pair<std::string, bool>> shown;
        panel.setShownNotifier(
            [&](const std::string& id, bool open) { shown.emplace_back(id, open); });
        panel.setDocuments(mot_.referenceDocuments);
        QVERIFY(panel.available());
        QCOMPARE(panel.title(), QString("MOT inspection manual (excerpt)"));
        QCOMPARE(panel.pageCount(), 2);
        QVERIFY(panel.pageText().contains("Headlamp aim"));

        panel.setOpen(true);
        panel.nextPage();
        QCOMPARE(panel.page(), 1);
        QVERIFY(panel.pageText().contains("Tread depth"));
        panel.previousPage();
        panel.previousPage(); // stays on the first page
        QCOMPARE(panel.page(), 0);

        panel.search("TREAD");
        QCOMPARE(panel.resultCount(), 3); // "Tread depth", "of the tread", "the tread pattern"
        QCOMPARE(panel.currentResult(), 0);
        QCOMPARE(panel.page(), 1); // moved to the first result's page
        QCOMPARE(panel.resultRectsOnPage().size(), 3);
        panel.nextResult();
        QCOMPARE(panel.currentResult(), 1);
        panel.previousResult();
        panel.previousResult(); // wraps to the last
        QCOMPARE(panel.currentResult(), 2);

        const QImage page = panel.renderPage(1.0);
        QVERIFY(!page.isNull());
        // Amber over the paper white between the letters of each result; none elsewhere.
        const auto amberIn = [&](const QRect& area) {
            int amber = 0;
            for (int y = area.top(); y <= area.bottom(); ++y) {
                for (int x = area.left(); x <= area.right(); ++x) {
                    const QColor c = page.pixelColor(x, y);
                    amber += c.red() > 220 && c.green() > 190 && c.blue() < 200 ? 1 : 0;
                }
            }
            return amber;
        };
        const QRect hit = panel.resultRectsOnPage().first().toRect();
        QVERIFY2(amberIn(hit) > hit.width() * hit.height() / 5,
                 qPrintable(QString::number(amberIn(hit))));
        QCOMPARE(amberIn(QRect(0, 0, 40, 40)), 0);
        panel.zoomIn();
        QCOMPARE(panel.zoomPercent(), 125);
        QVERIFY(panel.renderPage(1.0).width() > page.width());
        for (int i = 0; i < 20; ++i) {
            panel.zoomOut();
        }
        QCOMPARE(panel.zoomPercent(), ReferencePanel::kMinZoomPercent);

        panel.search("no such words");
        QCOMPARE(panel.resultCount(), 0);
        QCOMPARE(panel.currentResult(), -1);
        panel.setOpen(false);
        const std::vector<std::pair<std::string, bool>> expected{{"mot-inspection-manual", true},
                                                                 {"mot-inspection-manual", false}};
        QVERIFY(shown == expected);
    }

    void openingAndClosingAreJournalledAndTheRecordSaysSo() {
        SessionHarness harness(mot_, sampleSeatOptions());
        harness.startSitting();
        ReferencePanel& panel = *harness.session().reference();
        QVERIFY(panel.available());
        panel.setOpen(true);
        panel.setOpen(false);
        QCOMPARE(journalKinds(harness, "Reference"),
                 (QStringList{"ReferenceOpened", "ReferenceClosed"}));
    }

    void noPanelOnAPaperWithoutReferenceMaterial() {
        SessionHarness harness; // the synthetic sample: no reference material
        harness.startSitting();
        ReferencePanel& panel = *harness.session().reference();
        QVERIFY(!panel.available());
        panel.setOpen(true);
        QVERIFY(!panel.isOpen());
        QVERIFY(journalKinds(harness, "Reference").isEmpty());
    }
};

QTEST_MAIN(ReferencePanelTest)
#include "tst_reference_panel.moc"
