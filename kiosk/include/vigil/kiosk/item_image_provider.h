#pragma once

#include "vigil/exam/assessment.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QQuickImageProvider>
#include <QString>
#include <memory>

namespace vigil::kiosk {

// Images the kiosk may show, held in memory only: the open assessment's media and the
// candidate's photo. Shared between the session (which fills and clears it) and the image
// provider (which QML may call from a loader thread), hence the lock.
class MediaLibrary {
public:
    struct Entry {
        QString mimeType;
        QByteArray bytes;
    };

    void replaceAll(QHash<QString, Entry> entries);
    void insert(const QString& path, Entry entry);
    void clear();
    [[nodiscard]] std::optional<Entry> find(const QString& path) const;
    [[nodiscard]] int size() const;

private:
    mutable QMutex mutex_;
    QHash<QString, Entry> entries_;
};

// A paper's (or a practice quiz's) media as library entries, keyed by the path its rich text
// names them by.
[[nodiscard]] QHash<QString, MediaLibrary::Entry>
mediaEntriesOf(const std::vector<exam::Media>& media);

// One image of the library decoded: PNG/JPEG with QImage, SVG rendered with QtSvg (at its own
// size, or scaled to fit `requestedSize` when that is valid). Null when it does not decode.
[[nodiscard]] QImage decodeMediaImage(const MediaLibrary::Entry& entry, const QSize& requestedSize);

// image://<provider name>/<percent-encoded media path>: decodes PNG/JPEG with QImage and
// renders SVG with QtSvg, from MediaLibrary bytes. It never opens a file or a URL: an unknown
// path gives an empty image.
class ItemImageProvider final : public QQuickImageProvider {
public:
    static constexpr const char* kName = "vigil";

    explicit ItemImageProvider(std::shared_ptr<const MediaLibrary> library);
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;

    // "image://vigil/<encoded path>" for a media path.
    [[nodiscard]] static QString urlFor(const QString& mediaPath);

private:
    std::shared_ptr<const MediaLibrary> library_;
};

// Points every <img src> of sanitised item rich text at the provider, so Qt's rich text asks
// the provider (memory) and never resolves a path against the file system.
[[nodiscard]] QString routeImagesToProvider(const QString& html);

} // namespace vigil::kiosk
