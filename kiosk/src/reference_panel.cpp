#include "vigil/kiosk/reference_panel.h"

#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <algorithm>

namespace vigil::kiosk {

ReferencePanel::ReferencePanel(QObject* parent)
    : QObject(parent) {}

ReferencePanel::~ReferencePanel() = default;

void ReferencePanel::setDocuments(const std::vector<exam::ReferenceDocument>& documents) {
    const auto pdf = std::find_if(documents.begin(), documents.end(), [](const auto& document) {
        return document.format == exam::ReferenceFormat::Pdf;
    });
    if (pdf == documents.end()) {
        return;
    }
    bytes_ =
        QByteArray(reinterpret_cast<const char*>(pdf->bytes.data()), qsizetype(pdf->bytes.size()));
    buffer_.setBuffer(&bytes_);
    buffer_.open(QIODevice::ReadOnly);
    document_ = std::make_unique<QPdfDocument>();
    document_->load(&buffer_); // from memory: a QBuffer over the decrypted bytes
    if (document_->status() != QPdfDocument::Status::Ready || document_->pageCount() < 1) {
        document_.reset();
        return;
    }
    documentId_ = pdf->id;
    title_ = QString::fromStdString(pdf->title);
    pageCount_ = document_->pageCount();
}

QString ReferencePanel::pageText() const {
    return document_ ? document_->getAllText(page_).text() : QString();
}

void ReferencePanel::setOpen(bool open) {
    if (!available() || open == open_) {
        return;
    }
    open_ = open;
    if (notifier_) {
        notifier_(documentId_, open);
    }
    emit openChanged();
}

void ReferencePanel::setPage(int page) {
    page = std::clamp(page, 0, std::max(0, pageCount_ - 1));
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
        redraw();
    }
}

void ReferencePanel::zoomOut() {
    const int zoom = std::max(kMinZoomPercent, zoomPercent_ - kZoomStepPercent);
    if (zoom != zoomPercent_) {
        zoomPercent_ = zoom;
        emit zoomChanged();
        redraw();
    }
}

void ReferencePanel::search(const QString& text) {
    searchText_ = text.trimmed();
    results_.clear();
    currentResult_ = -1;
    if (document_ && !searchText_.isEmpty()) {
        for (int page = 0; page < pageCount_; ++page) {
            const QString pageText = document_->getAllText(page).text();
            qsizetype from = 0;
            while ((from = pageText.indexOf(searchText_, from, Qt::CaseInsensitive)) >= 0) {
                const auto selection =
                    document_->getSelectionAtIndex(page, int(from), int(searchText_.size()));
                SearchHit hit{page, {}};
                for (const auto& polygon : selection.bounds()) {
                    hit.rects.append(polygon.boundingRect());
                }
                results_.push_back(std::move(hit));
                from += searchText_.size();
            }
        }
    }
    if (!results_.empty()) {
        showResult(0);
    } else {
        emit searchChanged();
        redraw();
    }
}

void ReferencePanel::showResult(int index) {
    currentResult_ = index;
    emit searchChanged();
    if (results_[std::size_t(index)].page != page_) {
        setPage(results_[std::size_t(index)].page);
    } else {
        redraw();
    }
}

void ReferencePanel::nextResult() {
    if (!results_.empty()) {
        showResult((currentResult_ + 1) % resultCount());
    }
}

void ReferencePanel::previousResult() {
    if (!results_.empty()) {
        showResult((currentResult_ + resultCount() - 1) % resultCount());
    }
}

QList<QRectF> ReferencePanel::resultRectsOnPage() const {
    QList<QRectF> rects;
    for (const auto& hit : results_) {
        if (hit.page == page_) {
            rects.append(hit.rects);
        }
    }
    return rects;
}

void ReferencePanel::redraw() {
    ++renderGeneration_;
    emit pageImageChanged();
}

QImage ReferencePanel::renderPage(qreal scale) const {
    if (!document_) {
        return {};
    }
    const qreal factor = scale * zoomPercent_ / 100.0;
    const QSizeF points = document_->pagePointSize(page_);
    const QImage rendered = document_->render(page_, (points * factor).toSize());
    if (rendered.isNull()) {
        return rendered;
    }
    // The page renders on a transparent background: paper white under it, so black print
    // stays readable on every theme's surface (the high-contrast theme's is black).
    QImage image(rendered.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.drawImage(0, 0, rendered);
    painter.scale(factor, factor);
    painter.setPen(Qt::NoPen);
    for (std::size_t i = 0; i < results_.size(); ++i) {
        if (results_[i].page != page_) {
            continue;
        }
        const bool current = int(i) == currentResult_;
        // Amber over the words, the current result stronger and outlined: seen in every theme
        // because the page itself is always drawn black on white.
        painter.setBrush(QColor(255, 191, 0, current ? 150 : 80));
        painter.setPen(current ? QPen(QColor(160, 60, 0), 1.5) : Qt::NoPen);
        for (const auto& rect : results_[i].rects) {
            painter.drawRect(rect.adjusted(-1, -1, 1, 1));
        }
    }
    return image;
}

} // namespace vigil::kiosk
