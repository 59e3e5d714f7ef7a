#include "vigil/kiosk/item_image_provider.h"

#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QUrl>

namespace vigil::kiosk {

void MediaLibrary::replaceAll(QHash<QString, Entry> entries) {
    QMutexLocker lock(&mutex_);
    entries_ = std::move(entries);
}

void MediaLibrary::insert(const QString& path, Entry entry) {
    QMutexLocker lock(&mutex_);
    entries_.insert(path, std::move(entry));
}

void MediaLibrary::clear() {
    QMutexLocker lock(&mutex_);
    entries_.clear();
}

std::optional<MediaLibrary::Entry> MediaLibrary::find(const QString& path) const {
    QMutexLocker lock(&mutex_);
    const auto found = entries_.constFind(path);
    if (found == entries_.constEnd()) {
        return std::nullopt;
    }
    return *found;
}

int MediaLibrary::size() const {
    QMutexLocker lock(&mutex_);
    return int(entries_.size());
}

QHash<QString, MediaLibrary::Entry> mediaEntriesOf(const std::vector<exam::Media>& media) {
    QHash<QString, MediaLibrary::Entry> entries;
    for (const auto& one : media) {
        entries.insert(QString::fromStdString(one.path),
                       {QString::fromStdString(one.mimeType),
                        QByteArray(reinterpret_cast<const char*>(one.bytes.data()),
                                   qsizetype(one.bytes.size()))});
    }
    return entries;
}

ItemImageProvider::ItemImageProvider(std::shared_ptr<const MediaLibrary> library)
    : QQuickImageProvider(QQuickImageProvider::Image)
    , library_(std::move(library)) {}

QString ItemImageProvider::urlFor(const QString& mediaPath) {
    return QStringLiteral("image://%1/%2")
        .arg(QLatin1String(kName), QString::fromLatin1(QUrl::toPercentEncoding(mediaPath, "/._-")));
}

QImage decodeMediaImage(const MediaLibrary::Entry& entry, const QSize& requestedSize) {
    QImage image;
    if (entry.mimeType == QLatin1String("image/svg+xml")) {
        QSvgRenderer renderer(entry.bytes);
        if (renderer.isValid()) {
            QSize target = renderer.defaultSize();
            if (requestedSize.isValid() && !requestedSize.isEmpty()) {
                target = target.scaled(requestedSize, Qt::KeepAspectRatio);
            }
            if (target.isEmpty()) {
                target = QSize(400, 300);
            }
            image = QImage(target, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            renderer.render(&painter);
        }
    } else {
        image.loadFromData(entry.bytes);
        if (!image.isNull() && requestedSize.isValid() && !requestedSize.isEmpty()) {
            image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        }
    }
    return image;
}

QImage ItemImageProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize) {
    const QString path = QUrl::fromPercentEncoding(id.toUtf8());
    const auto entry = library_->find(path);
    const QImage image = entry ? decodeMediaImage(*entry, requestedSize) : QImage();
    if (size) {
        *size = image.size();
    }
    return image;
}

QString routeImagesToProvider(const QString& html) {
    static const QRegularExpression imgSrc(
        QStringLiteral(R"((<img\b[^>]*?\bsrc\s*=\s*)(["'])(.*?)\2)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    QString out;
    out.reserve(html.size() + 64);
    qsizetype last = 0;
    auto it = imgSrc.globalMatch(html);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(html).mid(last, match.capturedStart() - last);
        out += match.captured(1);
        out += u'"';
        out += ItemImageProvider::urlFor(match.captured(3));
        out += u'"';
        last = match.capturedEnd();
    }
    out += QStringView(html).mid(last);
    return out;
}

} // namespace vigil::kiosk
