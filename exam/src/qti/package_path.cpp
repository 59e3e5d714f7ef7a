#include "package_path.h"

#include <QByteArray>
#include <QUrl>
#include <vector>

namespace vigil::exam::qti {

std::optional<std::string> normalizePackagePath(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
        path.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "..") {
            if (segments.empty()) {
                return std::nullopt;
            }
            segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    if (segments.empty()) {
        return std::nullopt;
    }
    std::string normalized;
    for (const auto segment : segments) {
        if (!normalized.empty()) {
            normalized += '/';
        }
        normalized += segment;
    }
    return normalized;
}

std::optional<std::string> resolveHref(std::string_view referencingFile, std::string_view href) {
    const std::size_t firstSpecial = href.find_first_of(":/?#");
    if (href.empty() || (firstSpecial != std::string_view::npos && href[firstSpecial] != '/') ||
        href.find_first_of("?#") != std::string_view::npos) {
        return std::nullopt; // a scheme ("http:", "data:"), a query or a fragment
    }
    const QByteArray decoded =
        QUrl::fromPercentEncoding(QByteArray(href.data(), static_cast<qsizetype>(href.size())))
            .toUtf8();
    std::string combined;
    if (const auto slash = referencingFile.rfind('/'); slash != std::string_view::npos) {
        combined = std::string(referencingFile.substr(0, slash + 1));
    }
    if (!decoded.isEmpty() && decoded.front() == '/') {
        return std::nullopt;
    }
    combined += decoded.toStdString();
    return normalizePackagePath(combined);
}

} // namespace vigil::exam::qti
