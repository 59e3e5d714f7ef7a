#include "vigil/kiosk/reference_panel.h"

#include "reference_formats.h"

#include <algorithm>

namespace vigil::kiosk {

std::unique_ptr<ReferencePages> openReferencePages(const exam::ReferenceDocument& document,
                                                   std::shared_ptr<const MediaLibrary> media) {
    switch (document.format) {
    case exam::ReferenceFormat::Pdf:
        return openPdfPages(document.bytes);
    case exam::ReferenceFormat::Html:
        return openHtmlPages(document.bytes, std::move(media));
    }
    return nullptr;
}

ReferencePanel::ReferencePanel(QObject* parent)
    : QObject(parent) {}

ReferencePanel::~ReferencePanel() = default;

void ReferencePanel::setDocuments(const std::vector<exam::ReferenceDocument>& documents,
                                  std::shared_ptr<const MediaLibrary> media) {
    setOpen(false);
    documents_.clear();
    for (const auto& document : documents) {
        if (auto pages = openReferencePages(document, media)) {
            pages->setLayout(layout_, zoomPercent_);
            documents_.push_back(
                {document.id, QString::fromStdString(document.title), std::move(pages)});
        }
    }
    index_ = 0;
    page_ = 0;
    searchText_.clear();
    resultCount_ = 0;
    currentResult_ = -1;
    emit documentsChanged();
    emit documentChanged();
    emit pageChanged();
    emit searchChanged();
    redraw();
}

ReferencePages* ReferencePanel::current() const {
    return documents_.empty() ? nullptr : documents_[std::size_t(index_)].pages.get();
}

QStringList ReferencePanel::documentTitles() const {
    QStringList titles;
    for (const auto& document : documents_) {
        titles << document.title;
    }
    return titles;
}

QString ReferencePanel::title() const {
    return documents_.empty() ? QString() : documents_[std::size_t(index_)].title;
}

int ReferencePanel::pageCount() const {
    return current() ? current()->pageCount() : 0;
}

QString ReferencePanel::pageText() const {
    return current() ? current()->pageText(page_) : QString();
}

void ReferencePanel::notifyShown(bool open) {
    if (notifier_ && current()) {
        notifier_(documents_[std::size_t(index_)].id, open);
    }
}

void ReferencePanel::setOpen(bool open) {
    if (!available() || open == open_) {
        return;
    }
    open_ = open;
    notifyShown(open);
    emit openChanged();
}

void ReferencePanel::chooseDocument(int index) {
    if (index < 0 || index >= int(documents_.size()) || index == index_) {
        return;
    }
    if (open_) {
        notifyShown(false);
    }
    index_ = index;
    current()->setLayout(layout_, zoomPercent_);
    if (open_) {
        notifyShown(true);
    }
    page_ = 0;
    emit documentChanged();
    emit pageChanged();
    runSearch();
}

void ReferencePanel::setViewport(QSizeF viewport) {
    if (viewport.isValid() && !viewport.isEmpty() && viewport != layout_.viewport) {
        layout_.viewport = viewport;
        relayout();
    }
}

void ReferencePanel::setTextPixelSize(int pixels) {
    if (pixels > 0 && pixels != layout_.textPixelSize) {
        layout_.textPixelSize = pixels;
        relayout();
    }
}

void ReferencePanel::setTextColour(const QColor& colour) {
    if (colour.isValid() && colour != layout_.text) {
        layout_.text = colour;
        relayout();
    }
}

void ReferencePanel::setPaperColour(const QColor& colour) {
    if (colour.isValid() && colour != layout_.paper) {
        layout_.paper = colour;
        relayout();
    }
}

void ReferencePanel::relayout() {
    emit layoutChanged();
    if (auto* pages = current()) {
        const int anchor = pages->anchorOf(page_);
        pages->setLayout(layout_, zoomPercent_);
        // The current search result stays in view; otherwise what began the page does.
        const int page = currentResult_ >= 0 && currentResult_ < resultCount_
                             ? pages->resultPage(currentResult_)
                             : pages->pageAt(anchor);
        page_ = std::clamp(page, 0, std::max(0, pages->pageCount() - 1));
        emit pageChanged();
    }
    redraw();
}

void ReferencePanel::setPage(int page) {
    page = std::clamp(page, 0, std::max(0, pageCount() - 1));
    if (page != page_) {
        page_ = page;
        emit pageChanged();
        redraw();
    }
}

void ReferencePanel::nextPage() {
    setPage(page_ + 1);
}

void ReferencePanel::previousPage() {
    setPage(page_ - 1);
}

void ReferencePanel::goToPage(int page) {
    setPage(page);
}

void ReferencePanel::zoomIn() {
    const int zoom = std::min(kMaxZoomPercent, zoomPercent_ + kZoomStepPercent);
    if (zoom != zoomPercent_) {
        zoomPercent_ = zoom;
        emit zoomChanged();
        relayout();
    }
}

void ReferencePanel::zoomOut() {
    const int zoom = std::max(kMinZoomPercent, zoomPercent_ - kZoomStepPercent);
    if (zoom != zoomPercent_) {
        zoomPercent_ = zoom;
        emit zoomChanged();
        relayout();
    }
}

void ReferencePanel::search(const QString& text) {
    searchText_ = text.trimmed();
    runSearch();
}

void ReferencePanel::runSearch() {
    resultCount_ = current() ? current()->search(searchText_) : 0;
    currentResult_ = -1;
    if (resultCount_ > 0) {
        showResult(0);
    } else {
        emit searchChanged();
        redraw();
    }
}

void ReferencePanel::showResult(int index) {
    currentResult_ = index;
    emit searchChanged();
    const int page = current()->resultPage(index);
    if (page != page_) {
        setPage(page);
    } else {
        redraw();
    }
}

void ReferencePanel::nextResult() {
    if (resultCount_ > 0) {
        showResult((currentResult_ + 1) % resultCount_);
    }
}

void ReferencePanel::previousResult() {
    if (resultCount_ > 0) {
        showResult((currentResult_ + resultCount_ - 1) % resultCount_);
    }
}

QList<QRectF> ReferencePanel::resultRectsOnPage() const {
    return current() ? current()->resultRects(page_) : QList<QRectF>();
}

void ReferencePanel::redraw() {
    ++renderGeneration_;
    emit pageImageChanged();
}

QImage ReferencePanel::renderPage(qreal scale) const {
    return current() ? current()->render(page_, scale, currentResult_) : QImage();
}

} // namespace vigil::kiosk
