#include "qti_xml.h"

#include "problem_log.h"

#include <charconv>
#include <cmath>
#include <unordered_map>

namespace vigil::exam::qti {

QString XhtmlEntityResolver::resolveUndeclaredEntity(const QString& name) {
    static const std::unordered_map<std::string, char32_t> entities = {
        {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"deg", 0xB0},
        {"plusmn", 0xB1},  {"sup2", 0xB2},    {"sup3", 0xB3},    {"micro", 0xB5},
        {"middot", 0xB7},  {"frac14", 0xBC},  {"frac12", 0xBD},  {"frac34", 0xBE},
        {"times", 0xD7},   {"divide", 0xF7},  {"pound", 0xA3},   {"euro", 0x20AC},
        {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022},  {"hellip", 0x2026},
        {"trade", 0x2122}, {"larr", 0x2190},  {"uarr", 0x2191},  {"rarr", 0x2192},
        {"darr", 0x2193},  {"harr", 0x2194},  {"minus", 0x2212}, {"asymp", 0x2248},
        {"ne", 0x2260},    {"le", 0x2264},    {"ge", 0x2265},    {"Omega", 0x3A9},
        {"ohm", 0x3A9},    {"mu", 0x3BC},     {"Delta", 0x394},  {"alpha", 0x3B1},
    };
    const auto found = entities.find(name.toStdString());
    if (found == entities.end()) {
        return {};
    }
    const char32_t codePoint = found->second;
    return QString::fromUcs4(&codePoint, 1);
}

XmlDocument::XmlDocument(std::string packagePath, QByteArray bytes, ProblemLog& log)
    : path_(std::move(packagePath))
    , bytes_(std::move(bytes))
    , log_(log)
    , reader_(bytes_) {
    reader_.setEntityResolver(&entities_);
    reader_.setNamespaceProcessing(true);
}

bool XmlDocument::readRoot() {
    if (reader_.readNextStartElement()) {
        rootNamespace_ = reader_.namespaceUri().toString();
        return true;
    }
    reportXmlError();
    if (!xmlErrorReported_) {
        problemAt(0, {}, "no XML root element");
    }
    return false;
}

bool XmlDocument::nextChild() {
    const bool found = reader_.readNextStartElement();
    if (!found) {
        reportXmlError();
    }
    return found;
}

bool XmlDocument::inRootNamespace() const {
    return reader_.namespaceUri() == rootNamespace_;
}

std::string XmlDocument::elementName() const {
    if (reader_.tokenType() != QXmlStreamReader::StartElement &&
        reader_.tokenType() != QXmlStreamReader::EndElement) {
        return {};
    }
    return (inRootNamespace() ? reader_.name() : reader_.qualifiedName()).toString().toStdString();
}

std::string XmlDocument::attribute(QStringView name) const {
    return reader_.attributes().value(name.toString()).toString().toStdString();
}

bool XmlDocument::hasAttribute(QStringView name) const {
    return reader_.attributes().hasAttribute(name.toString());
}

void XmlDocument::problemAt(int line, std::string element, std::string message) {
    log_.add(path_, line, std::move(element), std::move(message));
}

void XmlDocument::refuse(std::string why) {
    problem(std::move(why));
    reader_.skipCurrentElement();
}

void XmlDocument::reportXmlError() {
    if (reader_.hasError() && !xmlErrorReported_) {
        xmlErrorReported_ = true;
        problemAt(line(), {}, "not well-formed XML: " + reader_.errorString().toStdString());
    }
}

std::string lengthProblem(const std::string& what, const std::string& value, std::size_t limit) {
    if (value.size() <= limit) {
        return {};
    }
    return what + " is longer than " + std::to_string(limit) + " bytes, the most a package holds";
}

std::optional<bool> parseXmlBool(const std::string& text) {
    if (text == "true" || text == "1") {
        return true;
    }
    if (text == "false" || text == "0") {
        return false;
    }
    return std::nullopt;
}

std::optional<int> parseXmlInt(const std::string& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseXmlDouble(const std::string& text) {
    bool ok = false;
    const double value = QString::fromStdString(text).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

} // namespace vigil::exam::qti
