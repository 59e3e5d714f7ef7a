#include "manifest_reader.h"

#include "package_path.h"
#include "problem_log.h"
#include "qti_xml.h"

namespace vigil::exam::qti {
namespace {

enum class ResourceKind { Test, Item, Unsupported, Other };

ResourceKind kindOf(const std::string& type) {
    if (type == "imsqti_test_xmlv2p1" || type == "imsqti_test_xmlv2p2") {
        return ResourceKind::Test;
    }
    if (type == "imsqti_item_xmlv2p1" || type == "imsqti_item_xmlv2p2") {
        return ResourceKind::Item;
    }
    // Response-processing templates shipped for offline use: the template URI decides.
    if (type.starts_with("imsqti_rptemplate") || type.starts_with("imsqti_responseprocessing")) {
        return ResourceKind::Other;
    }
    if (type.starts_with("imsqti")) {
        return ResourceKind::Unsupported; // QTI 1.2, 2.0, 3.0, sections, fragments
    }
    return ResourceKind::Other; // webcontent, associated content, control files
}

} // namespace

Manifest readManifest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log) {
    Manifest manifest;
    XmlDocument document(packagePath, bytes, log);
    if (!document.readRoot()) {
        return manifest;
    }
    if (document.reader().name() != u"manifest") {
        document.problem("expected an IMS content packaging manifest");
        return manifest;
    }
    auto& reader = document.reader();
    // Only resources/resource matter; organizations and metadata describe, they do not deliver.
    while (document.nextChild()) {
        if (reader.name() != u"resources") {
            reader.skipCurrentElement();
            continue;
        }
        while (document.nextChild()) {
            if (reader.name() != u"resource") {
                reader.skipCurrentElement();
                continue;
            }
            const std::string type = document.attribute(u"type");
            const std::string href = document.attribute(u"href");
            const int line = document.line();
            reader.skipCurrentElement();
            const ResourceKind kind = kindOf(type);
            if (kind == ResourceKind::Other) {
                continue;
            }
            if (kind == ResourceKind::Unsupported) {
                document.problemAt(line, "resource",
                                   "resource type \"" + type +
                                       "\" not supported: only QTI 2.1 and 2.2 tests and items");
                continue;
            }
            const auto path = resolveHref(packagePath, href);
            if (!path) {
                document.problemAt(line, "resource",
                                   "href \"" + href + "\" must name a file inside the package");
                continue;
            }
            if (kind == ResourceKind::Item) {
                manifest.itemPaths.push_back(*path);
            } else {
                manifest.tests.push_back({*path, line});
            }
        }
    }
    document.reportXmlError();
    if (manifest.tests.empty() && !reader.hasError()) {
        document.problemAt(0, "manifest",
                           "no resource of type imsqti_test_xmlv2p1 or imsqti_test_xmlv2p2: the "
                           "package needs an assessmentTest");
    }
    return manifest;
}

} // namespace vigil::exam::qti
