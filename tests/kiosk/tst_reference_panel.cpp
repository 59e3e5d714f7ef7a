// The reference panel over the MOT sample's real material (a PDF manual and an HTML guide with
// a diagram, in exam/samples, imported as vigil-pack imports them): pages, search with
// highlighted results stepping both ways, zoom, the page's words for a screen reader; the HTML
// reflowed at the text size and theme, its image from memory; choosing between the documents;
// opening, closing and switching journalled by a real session over a sealed seat of the MOT
// paper; no panel on a paper that allows no reference material.
#include "session_harness.h"
#include "vigil/exam/qti_import.h"
#include "vigil/kiosk/item_image_provider.h"
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

std::shared_ptr<MediaLibrary> mediaOf(const exam::Assessment& assessment) {
    auto library = std::make_shared<MediaLibrary>();
    for (const auto& media : assessment.media) {
        library->insert(QString::fromStdString(media.path),
                        {QString::fromStdString(media.mimeType),
                         QByteArray(reinterpret_cast<const char*>(media.bytes.data()),
                                    qsizetype(media.bytes.size()))});
    }
    return library;
}

// Pixels of `image` in `area` that are the highlight's amber (over paper white or the theme).
int highlightPixels(const QImage& image, const QRect& area) {
    int amber = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            amber += c.red() > 220 && c.green() > 150 && c.blue() < 170 ? 1 : 0;
        }
    }
    return amber;
}

QStringList journalEvents(SessionHarness& harness) {
    auto query = harness.db().prepare("SELECT kind, event FROM sitting_events WHERE kind LIKE "
                                      "'Reference%' ORDER BY sitting_id, sequence");
    QStringList events;
    while (query.step()) {
        const QString payload = QString::fromStdString(query.text(1));
        events << QString::fromStdString(query.text(0)) + " " +
                      (payload.contains("tyre-and-lamp-guide") ? "guide" : "manual");
    }
    return events;
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

    void theHtmlGuideReflowsAtTheTextSizeWithItsDiagramFromMemory() {
        ReferencePanel panel;
        panel.setDocuments(mot_.referenceDocuments, mediaOf(mot_));
        QCOMPARE(panel.documentTitles(),
                 (QStringList{"MOT inspection manual (excerpt)", "Tyre and lamp quick guide"}));
        panel.setViewport(QSizeF(500, 600));
        panel.chooseDocument(1);
        QCOMPARE(panel.title(), QString("Tyre and lamp quick guide"));
        QCOMPARE(panel.page(), 0);
        QVERIFY2(panel.pageText().contains("Tyre and lamp quick guide"),
                 qPrintable(panel.pageText()));
        const int pagesAtStandardSize = panel.pageCount();
        QVERIFY(pagesAtStandardSize >= 1);

        // The page is the panel's page area in the theme's colours.
        panel.setTextColour(Qt::white);
        panel.setPaperColour(Qt::black);
        const QImage page = panel.renderPage(1.0);
        QCOMPARE(page.size(), QSize(500, 600));
        QCOMPARE(page.pixelColor(2, 2), QColor(Qt::black));

        // The diagram comes from the media library: without it, the same page lacks it.
        ReferencePanel withoutMedia;
        withoutMedia.setDocuments(mot_.referenceDocuments);
        withoutMedia.setViewport(QSizeF(500, 600));
        withoutMedia.setTextColour(Qt::white);
        withoutMedia.setPaperColour(Qt::black);
        withoutMedia.chooseDocument(1);
        const auto whiteIn = [](const QImage& image) {
            int white = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    white += image.pixelColor(x, y).lightness() > 250 ? 1 : 0;
                }
            }
            return white;
        };
        QVERIFY2(whiteIn(page) > whiteIn(withoutMedia.renderPage(1.0)) + 5000,
                 "the diagram (on white) is drawn from the media library");

        // Search finds words across the document, its pages highlighted, stepping both ways.
        panel.search("central three quarters");
        QCOMPARE(panel.resultCount(), 3);
        QCOMPARE(panel.currentResult(), 0);
        const QList<QRectF> rects = panel.resultRectsOnPage();
        QVERIFY(!rects.isEmpty());
        const QImage highlighted = panel.renderPage(1.0);
        const QRect hit = rects.first().toRect();
        QVERIFY2(highlightPixels(highlighted, hit) > hit.width() * hit.height() / 4,
                 qPrintable(QString::number(highlightPixels(highlighted, hit))));
        panel.previousResult();
        QCOMPARE(panel.currentResult(), 2);

        // The largest text size reflows the guide onto more pages, keeping the place.
        panel.search("Brakes");
        QCOMPARE(panel.resultCount(), 1);
        panel.setTextPixelSize(40);
        QVERIFY2(
            panel.pageCount() > pagesAtStandardSize,
            qPrintable(
                QString("%1 pages, %2 before").arg(panel.pageCount()).arg(pagesAtStandardSize)));
        QVERIFY2(panel.pageText().contains("Brakes"), qPrintable(panel.pageText()));
        QCOMPARE(panel.resultRectsOnPage().size(), 1);
        const int pagesAtLargest = panel.pageCount();
        panel.zoomIn();
        QVERIFY(panel.pageCount() > pagesAtLargest);
        QVERIFY(panel.pageText().contains("Brakes"));
        panel.goToPage(panel.pageCount() - 1);
        panel.nextPage();
        QCOMPARE(panel.page(), panel.pageCount() - 1);
    }

    void choosingAnotherDocumentWhileOpenClosesOneAndOpensTheOther() {
        ReferencePanel panel;
        std::vector<std::pair<std::string, bool>> shown;
        panel.setShownNotifier(
            [&](const std::string& id, bool open) { shown.emplace_back(id, open); });
        panel.setDocuments(mot_.referenceDocuments, mediaOf(mot_));
        panel.chooseDocument(1); // closed: nothing to note
        QVERIFY(shown.empty());
        panel.chooseDocument(0);
        panel.search("tread");
        panel.setOpen(true);
        panel.chooseDocument(1);
        QCOMPARE(panel.page(), 0);
        QVERIFY(panel.resultCount() > 0); // the search is run again in the chosen document
        panel.chooseDocument(7);          // no such document: nothing changes
        QCOMPARE(panel.documentIndex(), 1);
        panel.setOpen(false);
        const std::vector<std::pair<std::string, bool>> expected{{"mot-inspection-manual", true},
                                                                 {"mot-inspection-manual", false},
                                                                 {"tyre-and-lamp-guide", true},
                                                                 {"tyre-and-lamp-guide", false}};
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
        panel.setOpen(true);
        panel.chooseDocument(1);
        panel.setOpen(false);
        QCOMPARE(journalEvents(harness),
                 (QStringList{"ReferenceOpened manual", "ReferenceClosed manual",
                              "ReferenceOpened manual", "ReferenceClosed manual",
                              "ReferenceOpened guide", "ReferenceClosed guide"}));
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
