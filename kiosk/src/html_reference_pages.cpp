#include "reference_formats.h"
#include "vigil/kiosk/item_image_provider.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <algorithm>
#include <cmath>

namespace vigil::kiosk {
namespace {

// Qt's rich text over the sanitised HTML, its images taken from the media library in memory.
// loadResource is replaced whole: QTextDocument's own would read a path from the file system.
class MemoryTextDocument final : public QTextDocument {
public:
    MemoryTextDocument(std::shared_ptr<const MediaLibrary> media, QSizeF imageRoom, qreal scale)
        : media_(std::move(media))
        , imageRoom_(imageRoom)
        , scale_(scale) {}

protected:
    QVariant loadResource(int type, const QUrl& name) override {
        if (type != QTextDocument::ImageResource || !media_) {
            return {};
        }
        const auto entry = media_->find(name.toString());
        if (!entry) {
            return {};
        }
        const QImage decoded = decodeMediaImage(*entry, {});
        if (decoded.isNull()) {
            return {};
        }
        // At the zoom, never wider or taller than the page, on white: a diagram's black lines
        // on a transparent background would vanish on the high-contrast theme's black.
        QSizeF size = QSizeF(decoded.size()) * scale_;
        if (size.width() > imageRoom_.width() || size.height() > imageRoom_.height()) {
            size = size.scaled(imageRoom_, Qt::KeepAspectRatio);
        }
        QImage image(size.toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(QRectF(QPointF(0, 0), size), decoded);
        return image;
    }

private:
    std::shared_ptr<const MediaLibrary> media_;
    QSizeF imageRoom_;
    qreal scale_;
};

// An HTML reference document reflowed into the panel's page area at the seat's text size and
// zoom, in the theme's colours, and cut into pages of that area's height.
class HtmlReferencePages final : public ReferencePages {
public:
    HtmlReferencePages(QString html, std::shared_ptr<const MediaLibrary> media)
        : html_(std::move(html))
        , media_(std::move(media)) {
        layOut();
    }

    void setLayout(const ReferenceLayout& layout, int zoomPercent) override {
        if (layout == layout_ && zoomPercent == zoom_) {
            return;
        }
        layout_ = layout;
        zoom_ = zoomPercent;
        layOut();
        if (!searchText_.isEmpty()) {
            search(searchText_);
        }
    }

    [[nodiscard]] int pageCount() const override { return std::max(1, document_->pageCount()); }

    [[nodiscard]] QString pageText(int page) const override {
        // A block's lines on the page run on as written (a narrow table cell may break inside
        // a word); blocks are separated by a space.
        QStringList blocks;
        int lastBlock = -1;
        forEachLine([&](const QTextBlock& block, const QTextLine& line, qreal top) {
            if (pageOfY(top) != page) {
                return;
            }
            if (block.blockNumber() != lastBlock) {
                blocks << QString();
                lastBlock = block.blockNumber();
            }
            blocks.last() += block.text().mid(line.textStart(), line.textLength());
        });
        for (auto& text : blocks) {
            text = text.remove(QChar::ObjectReplacementCharacter).simplified();
        }
        blocks.removeAll(QString());
        return blocks.join(u' ');
    }

    int search(const QString& text) override {
        searchText_ = text;
        hits_.clear();
        if (text.isEmpty()) {
            return 0;
        }
        QTextCursor found(document_.get());
        while (!(found = document_->find(text, found)).isNull()) {
            hits_.push_back({found.selectionStart(), found.selectionEnd()});
        }
        return int(hits_.size());
    }

    [[nodiscard]] int resultPage(int result) const override {
        return pageAt(hits_[std::size_t(result)].start);
    }

    [[nodiscard]] QList<QRectF> resultRects(int page) const override {
        QList<QRectF> rects;
        for (const auto& hit : hits_) {
            const QTextBlock block = document_->findBlock(hit.start);
            const QTextLine line =
                block.layout()->lineForTextPosition(hit.start - block.position());
            if (!line.isValid() || pageOfY(lineTop(block, line)) != page) {
                continue;
            }
            const QRectF blockRect = document_->documentLayout()->blockBoundingRect(block);
            const int end =
                std::min(hit.end - block.position(), line.textStart() + line.textLength());
            const qreal left = line.cursorToX(hit.start - block.position());
            const qreal right = line.cursorToX(end);
            rects.append(QRectF(blockRect.left() + left, lineTop(block, line) - page * pageHeight(),
                                right - left, line.height()));
        }
        return rects;
    }

    [[nodiscard]] QImage render(int page, qreal scale, int current) const override {
        const QSizeF size = document_->pageSize();
        QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(layout_.paper);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale);
        painter.translate(0, -page * pageHeight());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, page * pageHeight(), size.width(), pageHeight());
        context.palette.setColor(QPalette::Text, layout_.text);
        for (std::size_t i = 0; i < hits_.size(); ++i) {
            QAbstractTextDocumentLayout::Selection selection;
            selection.cursor = QTextCursor(document_.get());
            selection.cursor.setPosition(hits_[i].start);
            selection.cursor.setPosition(hits_[i].end, QTextCursor::KeepAnchor);
            // Opaque amber under black words: readable whatever the theme's own colours.
            selection.format.setBackground(int(i) == current ? QColor(255, 170, 0)
                                                             : QColor(255, 222, 130));
            selection.format.setForeground(Qt::black);
            if (int(i) == current) {
                selection.format.setFontUnderline(true);
            }
            context.selections.append(selection);
        }
        painter.setClipRect(context.clip);
        document_->documentLayout()->draw(&painter, context);
        return image;
    }

    [[nodiscard]] int anchorOf(int page) const override {
        int anchor = -1;
        forEachLine([&](const QTextBlock& block, const QTextLine& line, qreal top) {
            if (anchor < 0 && pageOfY(top) == page) {
                anchor = block.position() + line.textStart();
            }
        });
        return std::max(0, anchor);
    }

    [[nodiscard]] int pageAt(int anchor) const override {
        const QTextBlock block = document_->findBlock(anchor);
        if (!block.isValid() || !block.layout()) {
            return 0;
        }
        const QTextLine line = block.layout()->lineForTextPosition(anchor - block.position());
        return line.isValid() ? std::min(pageCount() - 1, pageOfY(lineTop(block, line))) : 0;
    }

    [[nodiscard]] bool empty() const { return document_->isEmpty(); }

private:
    struct Hit {
        int start = 0;
        int end = 0;
    };

    void layOut() {
        const qreal scale = zoom_ / 100.0;
        const QSizeF page = layout_.viewport.expandedTo(QSizeF(120, 120));
        const qreal margin = std::round(layout_.textPixelSize * 0.75);
        document_ = std::make_unique<MemoryTextDocument>(
            media_, QSizeF(page.width() - 2 * margin, page.height() - 2 * margin - 4), scale);
        QFont font;
        font.setPixelSize(std::max(8, int(std::lround(layout_.textPixelSize * scale))));
        document_->setDefaultFont(font);
        document_->setDocumentMargin(margin);
        document_->setHtml(html_);
        document_->setPageSize(page);
        // Qt lays rich text out lazily: the pages' lines exist once the whole size is asked for.
        (void)document_->documentLayout()->documentSize();
    }

    [[nodiscard]] qreal pageHeight() const { return document_->pageSize().height(); }
    [[nodiscard]] int pageOfY(qreal y) const { return int(y / pageHeight()); }
    [[nodiscard]] qreal lineTop(const QTextBlock& block, const QTextLine& line) const {
        return document_->documentLayout()->blockBoundingRect(block).top() + line.y();
    }

    template <typename Visit> void forEachLine(Visit visit) const {
        for (QTextBlock block = document_->begin(); block.isValid(); block = block.next()) {
            const QTextLayout* layout = block.layout();
            for (int i = 0; layout && i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                visit(block, line, lineTop(block, line));
            }
        }
    }

    QString html_;
    std::shared_ptr<const MediaLibrary> media_;
    ReferenceLayout layout_;
    int zoom_ = 100;
    std::unique_ptr<MemoryTextDocument> document_;
    QString searchText_;
    std::vector<Hit> hits_;
};

} // namespace

std::unique_ptr<ReferencePages> openHtmlPages(const std::vector<std::uint8_t>& bytes,
                                              std::shared_ptr<const MediaLibrary> media) {
    auto pages = std::make_unique<HtmlReferencePages>(
        QString::fromUtf8(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())),
        std::move(media));
    if (pages->empty()) {
        return nullptr;
    }
    return pages;
}

} // namespace vigil::kiosk
