#include "reference_formats.h"

#include <QBuffer>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <algorithm>

namespace vigil::kiosk {
namespace {

// A PDF opened with Qt's PDF module from a buffer over the decrypted bytes: never a file.
// Its pages are fixed; zoom scales them. Drawn black on paper white in every theme, as
// printed (the high-contrast theme's black surface would hide its print otherwise).
class PdfReferencePages final : public ReferencePages {
public:
    explicit PdfReferencePages(const std::vector<std::uint8_t>& bytes)
        : bytes_(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())) {
        buffer_.setBuffer(&bytes_);
        buffer_.open(QIODevice::ReadOnly);
        document_.load(&buffer_);
    }

    [[nodiscard]] bool loaded() const {
        return document_.status() == QPdfDocument::Status::Ready && document_.pageCount() > 0;
    }

    void setLayout(const ReferenceLayout&, int zoomPercent) override { zoom_ = zoomPercent; }
    [[nodiscard]] int pageCount() const override { return document_.pageCount(); }
    [[nodiscard]] QString pageText(int page) const override {
        return document_.getAllText(page).text();
    }

    int search(const QString& text) override {
        hits_.clear();
        if (text.isEmpty()) {
            return 0;
        }
        for (int page = 0; page < pageCount(); ++page) {
            const QString words = document_.getAllText(page).text();
            qsizetype from = 0;
            while ((from = words.indexOf(text, from, Qt::CaseInsensitive)) >= 0) {
                const auto selection =
                    document_.getSelectionAtIndex(page, int(from), int(text.size()));
                Hit hit{page, {}};
                for (const auto& polygon : selection.bounds()) {
                    hit.rects.append(polygon.boundingRect());
                }
                hits_.push_back(std::move(hit));
                from += text.size();
            }
        }
        return int(hits_.size());
    }

    [[nodiscard]] int resultPage(int result) const override {
        return hits_[std::size_t(result)].page;
    }

    [[nodiscard]] QList<QRectF> resultRects(int page) const override {
        const qreal factor = zoom_ / 100.0;
        QList<QRectF> rects;
        for (const auto& hit : hits_) {
            if (hit.page == page) {
                for (const auto& rect : hit.rects) {
                    rects.append(QRectF(rect.topLeft() * factor, rect.size() * factor));
                }
            }
        }
        return rects;
    }

    [[nodiscard]] QImage render(int page, qreal scale, int current) const override {
        const qreal factor = scale * zoom_ / 100.0;
        const QSizeF points = document_.pagePointSize(page);
        const QImage rendered = document_.render(page, (points * factor).toSize());
        if (rendered.isNull()) {
            return rendered;
        }
        QImage image(rendered.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.drawImage(0, 0, rendered);
        painter.scale(factor, factor);
        for (std::size_t i = 0; i < hits_.size(); ++i) {
            if (hits_[i].page != page) {
                continue;
            }
            const bool isCurrent = int(i) == current;
            painter.setBrush(referenceHighlight(isCurrent));
            painter.setPen(isCurrent ? QPen(QColor(160, 60, 0), 1.5) : Qt::NoPen);
            for (const auto& rect : hits_[i].rects) {
                painter.drawRect(rect.adjusted(-1, -1, 1, 1));
            }
        }
        return image;
    }

    [[nodiscard]] int anchorOf(int page) const override { return page; }
    [[nodiscard]] int pageAt(int anchor) const override { return anchor; }

private:
    struct Hit {
        int page = 0;
        QList<QRectF> rects; // in page points
    };
    QByteArray bytes_;
    QBuffer buffer_;
    mutable QPdfDocument document_; // its text and render calls are not const in Qt 6.4
    int zoom_ = 100;
    std::vector<Hit> hits_;
};

} // namespace

std::unique_ptr<ReferencePages> openPdfPages(const std::vector<std::uint8_t>& bytes) {
    auto pages = std::make_unique<PdfReferencePages>(bytes);
    if (!pages->loaded()) {
        return nullptr;
    }
    return pages;
}

QColor referenceHighlight(bool current) {
    // Seen in every theme: the PDF is always black on white, and HTML results are drawn with
    // black words over it.
    return QColor(255, 191, 0, current ? 150 : 80);
}

} // namespace vigil::kiosk
