#pragma once

#include "vigil/exam/assessment.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <memory>

namespace vigil::kiosk {

class MediaLibrary;

// What the panel gives a document to lay itself out in: the page area beside the question and
// the seat's text size and theme. A PDF's pages are fixed (only zoom scales them); an HTML
// document reflows into the area at the text size, in the theme's colours.
struct ReferenceLayout {
    QSizeF viewport{480, 640}; // device-independent pixels
    int textPixelSize = 18;
    QColor text = Qt::black;
    QColor paper = Qt::white;
    bool operator==(const ReferenceLayout&) const = default;
};

// One reference document as pages the panel shows: rendered images (never a text layer, so
// nothing can be selected, copied, printed or saved), each page's words for a screen reader,
// and a case-insensitive search whose results it highlights.
class ReferencePages {
public:
    virtual ~ReferencePages() = default;

    // Lays the document out for `layout` at `zoomPercent`; page numbers may change (HTML).
    virtual void setLayout(const ReferenceLayout& layout, int zoomPercent) = 0;
    [[nodiscard]] virtual int pageCount() const = 0;
    [[nodiscard]] virtual QString pageText(int page) const = 0;
    // Finds every occurrence (empty: none) and returns how many, in reading order.
    virtual int search(const QString& text) = 0;
    [[nodiscard]] virtual int resultPage(int result) const = 0;
    // The results on `page`, in pixels of that page rendered at scale 1.
    [[nodiscard]] virtual QList<QRectF> resultRects(int page) const = 0;
    // `page` at `scale` device pixels per pixel, its results highlighted (`current` strongest).
    [[nodiscard]] virtual QImage render(int page, qreal scale, int current) const = 0;
    // A position in the document that stays put when it is laid out again: the page showing
    // it afterwards is pageAt(anchorOf(page)).
    [[nodiscard]] virtual int anchorOf(int page) const = 0;
    [[nodiscard]] virtual int pageAt(int anchor) const = 0;
};

// The document as pages, its images (HTML) read from `media` in memory; null when it cannot
// be shown (a PDF Qt PDF does not load, an empty document).
[[nodiscard]] std::unique_ptr<ReferencePages>
openReferencePages(const exam::ReferenceDocument& document,
                   std::shared_ptr<const MediaLibrary> media);

// The search highlight every format draws: amber under the words, the current result stronger.
[[nodiscard]] QColor referenceHighlight(bool current);

} // namespace vigil::kiosk
