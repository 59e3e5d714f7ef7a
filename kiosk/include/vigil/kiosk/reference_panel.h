#pragma once

#include "vigil/exam/assessment.h"

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>
#include <vector>

class QPdfDocument;

namespace vigil::kiosk {

// The reference material a paper allows (the MOT inspection manual), shown beside the question
// as the calculator is. Owns the PDF, opened with Qt's PDF module from a buffer in memory: the
// decrypted bytes are never written to disk. Pages reach QML as images rendered here (with the
// search results highlighted), so there is no text to select, copy, print or save; the page's
// words are offered to a screen reader through pageText.
//
// Only the paper's first PDF document is shown (exam::ReferenceDocument; HTML documents are
// carried by the package but not yet shown by the kiosk).
class ReferencePanel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("given by Session.reference")
    Q_PROPERTY(bool available READ available CONSTANT)
    Q_PROPERTY(QString title READ title CONSTANT)
    Q_PROPERTY(bool open READ isOpen NOTIFY openChanged)
    Q_PROPERTY(int pageCount READ pageCount CONSTANT)
    Q_PROPERTY(int page READ page NOTIFY pageChanged) // 0-based
    Q_PROPERTY(int zoomPercent READ zoomPercent NOTIFY zoomChanged)
    Q_PROPERTY(QString pageText READ pageText NOTIFY pageChanged)
    Q_PROPERTY(QString searchText READ searchText NOTIFY searchChanged)
    Q_PROPERTY(int resultCount READ resultCount NOTIFY searchChanged)
    Q_PROPERTY(int currentResult READ currentResult NOTIFY searchChanged) // 0-based, -1: none
    Q_PROPERTY(int renderGeneration READ renderGeneration NOTIFY pageImageChanged)

public:
    // Called with the document id and true on opening, false on closing (the journal).
    using ShownNotifier = std::function<void(const std::string& documentId, bool open)>;

    static constexpr int kMinZoomPercent = 50;
    static constexpr int kMaxZoomPercent = 300;
    static constexpr int kZoomStepPercent = 25;

    explicit ReferencePanel(QObject* parent = nullptr);
    ~ReferencePanel() override;

    // The paper's documents; unavailable when it carries no PDF (or it does not load).
    void setDocuments(const std::vector<exam::ReferenceDocument>& documents);
    void setShownNotifier(ShownNotifier notifier) { notifier_ = std::move(notifier); }

    [[nodiscard]] bool available() const { return pageCount_ > 0; }
    [[nodiscard]] QString title() const { return title_; }
    [[nodiscard]] bool isOpen() const { return open_; }
    [[nodiscard]] int pageCount() const { return pageCount_; }
    [[nodiscard]] int page() const { return page_; }
    [[nodiscard]] int zoomPercent() const { return zoomPercent_; }
    [[nodiscard]] QString pageText() const;
    [[nodiscard]] QString searchText() const { return searchText_; }
    [[nodiscard]] int resultCount() const { return int(results_.size()); }
    [[nodiscard]] int currentResult() const { return currentResult_; }
    [[nodiscard]] int renderGeneration() const { return renderGeneration_; }

    Q_INVOKABLE void setOpen(bool open);
    Q_INVOKABLE void nextPage();
    Q_INVOKABLE void previousPage();
    Q_INVOKABLE void goToPage(int page);
    Q_INVOKABLE void zoomIn();
    Q_INVOKABLE void zoomOut();
    // Case-insensitive, whole document; moves to the first result. Empty clears the search.
    Q_INVOKABLE void search(const QString& text);
    Q_INVOKABLE void nextResult();
    Q_INVOKABLE void previousResult();

    // The current page at the zoom, `scale` device pixels per point at 100 %, with the results
    // on it highlighted (the current one more strongly).
    [[nodiscard]] QImage renderPage(qreal scale) const;
    // Results on the current page, in page points, for tests and the highlight.
    [[nodiscard]] QList<QRectF> resultRectsOnPage() const;

signals:
    void openChanged();
    void pageChanged();
    void zoomChanged();
    void searchChanged();
    void pageImageChanged();

private:
    struct SearchHit {
        int page = 0;
        QList<QRectF> rects;
    };
    void showResult(int index);
    void setPage(int page);
    void redraw();

    QByteArray bytes_;
    QBuffer buffer_;
    std::unique_ptr<QPdfDocument> document_;
    std::string documentId_;
    QString title_;
    int pageCount_ = 0;
    bool open_ = false;
    int page_ = 0;
    int zoomPercent_ = 100;
    QString searchText_;
    std::vector<SearchHit> results_;
    int currentResult_ = -1;
    int renderGeneration_ = 0;
    ShownNotifier notifier_;
};

} // namespace vigil::kiosk
