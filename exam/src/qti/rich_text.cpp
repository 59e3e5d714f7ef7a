#include "rich_text.h"

#include "package_path.h"
#include "qti_xml.h"

#include <array>
#include <set>

namespace vigil::exam::qti {
namespace {

bool isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string escaped(const std::string& text, bool inAttribute) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += inAttribute ? "&quot;" : "\"";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Appends text, collapsing white space across the boundary with what is already written.
void appendText(std::string& out, const std::string& text) {
    for (const char c : escaped(text, false)) {
        if (isXmlSpace(c)) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
}

const std::set<std::string, std::less<>> kContainerElements = {
    "p",  "b",     "strong", "i",     "em", "u",  "sub", "sup",  "ul",  "ol",
    "li", "table", "thead",  "tbody", "tr", "th", "td",  "span", "div",
};

bool isNonNegativeInteger(const std::string& value) {
    return !value.empty() && value.size() < 6 &&
           value.find_first_not_of("0123456789") == std::string::npos;
}

bool isLength(const std::string& value) {
    const std::string digits = value.ends_with('%') ? value.substr(0, value.size() - 1) : value;
    return isNonNegativeInteger(digits);
}

// The attributes kept on an element: layout only, each value checked.
std::string keptAttributes(const std::string& element, const QXmlStreamAttributes& attributes) {
    std::string out;
    auto keep = [&](const char* name, bool (*valid)(const std::string&)) {
        const std::string value = attributes.value(QLatin1String(name)).toString().toStdString();
        if (attributes.hasAttribute(QLatin1String(name)) && valid(value)) {
            out += std::string(" ") + name + "=\"" + value + "\"";
        }
    };
    if (element == "table") {
        keep("border", isNonNegativeInteger);
        keep("cellpadding", isNonNegativeInteger);
        keep("cellspacing", isNonNegativeInteger);
    } else if (element == "td" || element == "th") {
        keep("colspan", isNonNegativeInteger);
        keep("rowspan", isNonNegativeInteger);
    }
    return out;
}

std::string refusalReason(const std::string& name) {
    if (name.ends_with("Interaction")) {
        return "interaction not supported here: only one choiceInteraction per item, placed in "
               "the item body";
    }
    if (name.starts_with("feedback")) {
        return "feedback not supported: Vigil shows no feedback during an assessment";
    }
    if (name.starts_with("template") || name == "printedVariable") {
        return "template variables not supported";
    }
    if (name == "math" || name.ends_with(":math")) {
        return "MathML not supported: write the expression as text, sub/sup or an image";
    }
    if (name == "object") {
        return "object not supported: only images (type=\"image/...\") may be embedded";
    }
    return "element not supported in item content (allowed: p, br, b, strong, i, em, u, sub, "
           "sup, ul, ol, li, table, thead, tbody, tr, th, td, span, div, img, object with an "
           "image)";
}

} // namespace

std::string collapseWhitespace(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (!isXmlSpace(c)) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::string RichTextConverter::convertChildren(const InteractionReader& interactions) {
    std::string out;
    convertInto(out, interactions);
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out.starts_with(' ') ? out.substr(1) : out;
}

void RichTextConverter::convertInto(std::string& out, const InteractionReader& interactions) {
    auto& reader = document_.reader();
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::Characters:
            appendText(out, reader.text().toString().toStdString());
            break;
        case QXmlStreamReader::StartElement:
            convertElement(out, interactions);
            break;
        case QXmlStreamReader::EndElement:
            return;
        case QXmlStreamReader::EntityReference:
            document_.problem("unknown entity &" + reader.name().toString().toStdString() + ";");
            break;
        default:
            break;
        }
    }
    document_.reportXmlError();
}

void RichTextConverter::convertElement(std::string& out, const InteractionReader& interactions) {
    auto& reader = document_.reader();
    const std::string name = document_.elementName();
    if (!document_.inRootNamespace()) {
        document_.refuse(refusalReason(name));
        return;
    }
    if ((name.ends_with("Interaction") || name == "feedbackBlock") && interactions) {
        interactions();
        return;
    }
    if (kContainerElements.contains(name)) {
        if (depth_ == kMaxNesting) {
            document_.refuse("content nested deeper than " + std::to_string(kMaxNesting) +
                             " elements not supported");
            return;
        }
        out += "<" + name + keptAttributes(name, reader.attributes()) + ">";
        ++depth_;
        convertInto(out, interactions);
        --depth_;
        out += "</" + name + ">";
        return;
    }
    if (name == "br") {
        out += "<br/>";
        reader.skipCurrentElement();
        return;
    }
    if (name == "img") {
        const auto attributes = reader.attributes();
        auto value = [&](const char* attribute) {
            return attributes.value(QLatin1String(attribute)).toString().toStdString();
        };
        if (!attributes.hasAttribute(QLatin1String("src"))) {
            document_.refuse("img without src");
            return;
        }
        writeImage(out, {value("src"), value("alt"), value("width"), value("height"),
                         document_.line(), name});
        reader.skipCurrentElement();
        return;
    }
    if (name == "object") {
        const auto attributes = reader.attributes();
        auto value = [&](const char* attribute) {
            return attributes.value(QLatin1String(attribute)).toString().toStdString();
        };
        if (!value("type").starts_with("image/")) {
            document_.refuse(refusalReason(name) + ", this one has type \"" + value("type") + "\"");
            return;
        }
        if (value("data").empty()) {
            document_.refuse("object without data");
            return;
        }
        ImageReference image{value("data"),    {},  value("width"), value("height"),
                             document_.line(), name};
        // The fallback content of an image object is its text alternative.
        image.alt = collapseWhitespace(
            reader.readElementText(QXmlStreamReader::IncludeChildElements).toStdString());
        writeImage(out, image);
        return;
    }
    document_.refuse(refusalReason(name));
}

void RichTextConverter::writeImage(std::string& out, const ImageReference& image) {
    const auto path = resolveHref(document_.path(), image.source);
    if (!path) {
        document_.problemAt(image.line, image.element,
                            "image \"" + image.source +
                                "\" must be a relative path to a file inside the package");
        return;
    }
    media_.push_back({*path, document_.path(), image.line, image.element});
    out += "<img src=\"" + escaped(*path, true) + "\"";
    if (!image.alt.empty()) {
        out += " alt=\"" + escaped(image.alt, true) + "\"";
    }
    if (isLength(image.width)) {
        out += " width=\"" + image.width + "\"";
    }
    if (isLength(image.height)) {
        out += " height=\"" + image.height + "\"";
    }
    out += "/>";
}

} // namespace vigil::exam::qti
