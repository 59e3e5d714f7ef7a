#pragma once

#include "vigil/exam/assessment.h"
#include "vigil/kiosk/reference_pages.h"

#include <QColor>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>
#include <vector>

namespace vigil::kiosk {

// The reference material a paper allows (the MOT inspection manual, a tyre guide), shown
// beside the question as the calculator is. A paper may name several documents, PDF or HTML;
// the candidate chooses one. Each is opened from the decrypted bytes in memory, never a file:
// a PDF with Qt's PDF module from a buffer, HTML (the items' sanitised subset) with Qt's rich
// text, its images from the media library. Pages reach QML as images rendered here (search
// results highlighted), so there is no text to select, copy, print or save; each page's words
// are offered to a screen reader through pageText.
class ReferencePanel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("given by Session.reference")
    Q_PROPERTY(bool available READ available NOTIFY documentsChanged)
    Q_PROPERTY(QStringList documentTitles READ documentTitles NOTIFY documentsChanged)
    Q_PROPERTY(int documentIndex READ documentIndex NOTIFY documentChanged)
    Q_PROPERTY(QString title READ title NOTIFY documentChanged)
    Q_PROPERTY(bool open READ isOpen NOTIFY openChanged)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY pageChanged)
    Q_PROPERTY(int page READ page NOTIFY pageChanged) // 0-based
    Q_PROPERTY(int zoomPercent READ zoomPercent NOTIFY zoomChanged)
    Q_PROPERTY(QString pageText READ pageText NOTIFY pageChanged)
    Q_PROPERTY(QString searchText READ searchText NOTIFY searchChanged)
    Q_PROPERTY(int resultCount READ resultCount NOTIFY searchChanged)
    Q_PROPERTY(int currentResult READ currentResult NOTIFY searchChanged) // 0-based, -1: none
    Q_PROPERTY(int renderGeneration READ renderGeneration NOTIFY pageImageChanged)
    // Where an HTML document reflows, set by the panel's QML: its page area (device-independent
    // pixels), the seat's text size and the theme's colours.
    Q_PROPERTY(QSizeF viewport READ viewport WRITE setViewport NOTIFY layoutChanged)
    Q_PROPERTY(int textPixelSize READ textPixelSize WRITE setTextPixelSize NOTIFY layoutChanged)
    Q_PROPERTY(QColor textColour READ textColour WRITE setTextColour NOTIFY layoutChanged)
    Q_PROPERTY(QColor paperColour READ paperColour WRITE setPaperColour NOTIFY layoutChanged)

public:
    // Called with the document id and true on opening, false on closing (the journal).
    // Choosing another document while open closes the one shown and opens the other.
    using ShownNotifier = std::function<void(const std::string& documentId, bool open)>;

    static constexpr int kMinZoomPercent = 50;
    static constexpr int kMaxZoomPercent = 300;
    static constexpr int kZoomStepPercent = 25;

    explicit ReferencePanel(QObject* parent = nullptr);
    ~ReferencePanel() override;

    // The paper's documents, in its order (those that cannot be shown are left out); HTML
    // images come from `media`. Replaces the last paper's, closed.
    void setDocuments(const std::vector<exam::ReferenceDocument>& documents,
                      std::shared_ptr<const MediaLibrary> media = nullptr);
    void setShownNotifier(ShownNotifier notifier) { notifier_ = std::move(notifier); }

    [[nodiscard]] bool available() const { return !documents_.empty(); }
    [[nodiscard]] QStringList documentTitles() const;
    [[nodiscard]] int documentIndex() const { return index_; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] bool isOpen() const { return open_; }
    [[nodiscard]] int pageCount() const;
    [[nodiscard]] int page() const { return page_; }
    [[nodiscard]] int zoomPercent() const { return zoomPercent_; }
    [[nodiscard]] QString pageText() const;
    [[nodiscard]] QString searchText() const { return searchText_; }
    [[nodiscard]] int resultCount() const { return resultCount_; }
    [[nodiscard]] int currentResult() const { return currentResult_; }
    [[nodiscard]] int renderGeneration() const { return renderGeneration_; }
    [[nodiscard]] QSizeF viewport() const { return layout_.viewport; }
    [[nodiscard]] int textPixelSize() const { return layout_.textPixelSize; }
    [[nodiscard]] QColor textColour() const { return layout_.text; }
    [[nodiscard]] QColor paperColour() const { return layout_.paper; }
    void setViewport(QSizeF viewport);
    void setTextPixelSize(int pixels);
    void setTextColour(const QColor& colour);
    void setPaperColour(const QColor& colour);

    Q_INVOKABLE void setOpen(bool open);
    // Shows the paper's document at `index` (its page 1), the search run again in it.
    Q_INVOKABLE void chooseDocument(int index);
    Q_INVOKABLE void nextPage();
    Q_INVOKABLE void previousPage();
    Q_INVOKABLE void goToPage(int page);
    Q_INVOKABLE void zoomIn();
    Q_INVOKABLE void zoomOut();
    // Case-insensitive, the whole document; moves to the first result. Empty clears it.
    Q_INVOKABLE void search(const QString& text);
    Q_INVOKABLE void nextResult();
    Q_INVOKABLE void previousResult();

    // The current page at the zoom, `scale` device pixels per pixel, with the results on it
    // highlighted (the current one more strongly).
    [[nodiscard]] QImage renderPage(qreal scale) const;
    // Results on the current page, in its pixels at scale 1, for tests.
    [[nodiscard]] QList<QRectF> resultRectsOnPage() const;

signals:
    void documentsChanged();
    void documentChanged();
    void openChanged();
    void pageChanged();
    void zoomChanged();
    void searchChanged();
    void pageImageChanged();
    void layoutChanged();

private:
    struct Shown {
        std::string id;
        QString title;
        std::unique_ptr<ReferencePages> pages;
    };
    [[nodiscard]] ReferencePages* current() const;
    void notifyShown(bool open);
    void relayout(); // after the layout or zoom changed: same place, same search
    void runSearch();
    void showResult(int index);
    void setPage(int page);
    void redraw();

    std::vector<Shown> documents_;
    int index_ = 0;
    ReferenceLayout layout_;
    bool open_ = false;
    int page_ = 0;
    int zoomPercent_ = 100;
    QString searchText_;
    int resultCount_ = 0;
    int currentResult_ = -1;
    int renderGeneration_ = 0;
    ShownNotifier notifier_;
};

} // namespace vigil::kiosk
