#include "media_loader.h"

#include "package_source.h"
#include "problem_log.h"
#include "svg_filter.h"

#include <map>
#include <set>

namespace vigil::exam::qti {
namespace {

std::string lowerExtension(const std::string& path) {
    const auto dot = path.rfind('.');
    std::string extension = dot == std::string::npos ? std::string() : path.substr(dot + 1);
    for (char& c : extension) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return extension;
}

std::string mimeTypeFor(const std::string& extension) {
    if (extension == "svg") {
        return "image/svg+xml";
    }
    if (extension == "png") {
        return "image/png";
    }
    if (extension == "jpg" || extension == "jpeg") {
        return "image/jpeg";
    }
    if (extension == "gif") {
        return "image/gif";
    }
    return {};
}

// Why the bytes are not a safe image of `mimeType`; empty when they are.
std::string contentProblem(const QByteArray& bytes, const std::string& mimeType) {
    if (mimeType == "image/png") {
        return bytes.startsWith("\x89PNG\r\n\x1a\n") ? "" : "file is not a PNG image";
    }
    if (mimeType == "image/jpeg") {
        return bytes.startsWith("\xff\xd8\xff") ? "" : "file is not a JPEG image";
    }
    if (mimeType == "image/gif") {
        return bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a") ? ""
                                                                        : "file is not a GIF image";
    }
    return svgProblem(bytes);
}

} // namespace

std::vector<Media> loadMedia(const std::vector<MediaReference>& references, PackageSource& source,
                             ProblemLog& log) {
    std::vector<Media> media;
    std::map<std::string, bool> seen;                    // path -> loaded
    std::map<std::string, std::string> refusals;         // path -> why, for a path not loaded
    std::set<std::pair<std::string, std::string>> named; // (path, file) whose refusal is logged
    for (const auto& reference : references) {
        auto report = [&](const std::string& message) {
            refusals[reference.path] = message;
            named.emplace(reference.path, reference.file);
            log.add(reference.file, reference.line, reference.element,
                    "image \"" + reference.path + "\": " + message);
        };
        if (seen.contains(reference.path)) {
            // Read once; a refused image is named in every file using it, so each item's
            // report shows it.
            const auto refused = refusals.find(reference.path);
            if (refused != refusals.end() && !named.contains({reference.path, reference.file})) {
                report(refused->second);
            }
            continue;
        }
        seen[reference.path] = false;
        const std::string mimeType = mimeTypeFor(lowerExtension(reference.path));
        if (mimeType.empty()) {
            report("not a supported image type (svg, png, jpg/jpeg, gif)");
            continue;
        }
        if (!source.contains(reference.path)) {
            report("file missing from the package");
            continue;
        }
        FileRead read = source.read(reference.path);
        if (!read.error.empty()) {
            report(read.error);
            continue;
        }
        if (const std::string problem = contentProblem(read.bytes, mimeType); !problem.empty()) {
            report(problem);
            continue;
        }
        media.push_back({reference.path, mimeType,
                         std::vector<std::uint8_t>(read.bytes.begin(), read.bytes.end())});
        seen[reference.path] = true;
    }
    return media;
}

} // namespace vigil::exam::qti
