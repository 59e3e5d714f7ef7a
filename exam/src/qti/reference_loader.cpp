#include "reference_loader.h"

#include "package_path.h"
#include "package_source.h"
#include "problem_log.h"
#include "qti_xml.h"
#include "vigil/exam/serialization.h"

namespace vigil::exam::qti {
namespace {

std::string referenceExtension(const std::string& path) {
    const auto dot = path.rfind('.');
    std::string extension = dot == std::string::npos ? std::string() : path.substr(dot + 1);
    for (char& c : extension) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return extension;
}

// The body of an XHTML document in the sanitised subset; nullopt (with problems) otherwise.
std::optional<std::string> sanitiseHtml(const std::string& path, const QByteArray& bytes,
                                        std::vector<MediaReference>& media, ProblemLog& log) {
    const std::size_t problemsBefore = log.count();
    XmlDocument document(path, bytes, log);
    std::vector<MediaReference> found;
    RichTextConverter richText(document, found);
    std::optional<std::string> body;
    if (document.readRoot()) {
        if (document.elementName() != "html") {
            document.problem("a reference document in HTML must be XHTML with an <html> root");
        } else {
            while (document.nextChild()) {
                if (document.elementName() == "body" && !body) {
                    body = richText.convertChildren();
                } else {
                    document.reader().skipCurrentElement();
                }
            }
            if (!body && log.count() == problemsBefore) {
                document.problemAt(0, "html", "the document has no <body>");
            }
        }
    }
    document.reportXmlError();
    if (log.count() != problemsBefore) {
        return std::nullopt;
    }
    media.insert(media.end(), found.begin(), found.end());
    return body;
}

} // namespace

std::vector<ReferenceDocument>
loadReferenceDocuments(const std::vector<ReferenceDocumentSetting>& documents,
                       const std::string& settingsFile, PackageSource& source,
                       std::vector<MediaReference>& media, ProblemLog& log) {
    std::vector<ReferenceDocument> loaded;
    for (const auto& setting : documents) {
        const auto refuse = [&](const std::string& why) {
            log.add(settingsFile, setting.line, "referenceDocuments",
                    "reference document \"" + setting.id + "\" (" + setting.file + "): " + why);
        };
        const auto path = normalizePackagePath(setting.file);
        if (!path) {
            refuse("must be a relative path to a file inside the package");
            continue;
        }
        const std::string extension = referenceExtension(*path);
        const bool pdf = extension == "pdf";
        if (!pdf && extension != "html" && extension != "xhtml" && extension != "htm") {
            refuse("not a PDF or HTML file (.pdf, .html, .xhtml)");
            continue;
        }
        if (!source.contains(*path)) {
            refuse("file missing from the package");
            continue;
        }
        FileRead read = source.read(*path);
        if (!read.error.empty()) {
            refuse(read.error);
            continue;
        }
        if (static_cast<std::size_t>(read.bytes.size()) > kMaxReferenceDocumentBytes) {
            refuse("larger than " + std::to_string(kMaxReferenceDocumentBytes) +
                   " bytes, the most a package holds");
            continue;
        }
        ReferenceDocument document{
            setting.id, setting.title, pdf ? ReferenceFormat::Pdf : ReferenceFormat::Html, {}};
        if (pdf) {
            if (!read.bytes.startsWith("%PDF-")) {
                refuse("file is not a PDF document");
                continue;
            }
            document.bytes.assign(read.bytes.begin(), read.bytes.end());
        } else {
            const auto html = sanitiseHtml(*path, read.bytes, media, log);
            if (!html) {
                continue;
            }
            if (html->empty()) {
                refuse("the document's body is empty");
                continue;
            }
            document.bytes.assign(html->begin(), html->end());
        }
        loaded.push_back(std::move(document));
    }
    return loaded;
}

} // namespace vigil::exam::qti
