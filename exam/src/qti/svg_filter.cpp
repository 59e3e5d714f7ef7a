#include "svg_filter.h"

#include <QXmlStreamReader>

namespace vigil::exam::qti {

std::string svgProblem(const QByteArray& bytes) {
    QXmlStreamReader svg(bytes);
    if (!svg.readNextStartElement() || svg.name() != u"svg") {
        return "file is not an SVG image";
    }
    do {
        if (svg.tokenType() != QXmlStreamReader::StartElement) {
            continue;
        }
        if (svg.name() == u"script" || svg.name() == u"foreignObject") {
            return "SVG holds <" + svg.name().toString().toStdString() +
                   ">: only plain drawings are accepted";
        }
        for (const auto& attribute : svg.attributes()) {
            if (attribute.name() == u"href" && !attribute.value().startsWith(u'#')) {
                return "SVG refers to \"" + attribute.value().toString().toStdString() +
                       "\": an image may only refer to its own content";
            }
        }
    } while (svg.readNext() != QXmlStreamReader::Invalid && !svg.atEnd());
    if (svg.hasError()) {
        return "SVG is not well-formed XML: " + svg.errorString().toStdString();
    }
    return {};
}

} // namespace vigil::exam::qti
