#pragma once

#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>
#include <optional>
#include <string>

namespace vigil::exam::qti {

class ProblemLog;

inline constexpr auto kQti21Namespace = "http://www.imsglobal.org/xsd/imsqti_v2p1";
inline constexpr auto kQti22Namespace = "http://www.imsglobal.org/xsd/imsqti_v2p2";

// How deep the readers descend into nested elements (rich text, sections, expressions): far
// beyond what authors write, and far short of where recursion would exhaust the stack. Deeper
// content is refused with its line.
inline constexpr int kMaxNesting = 32;

// Resolves the XHTML named entities authoring tools write into QTI (&nbsp;, &deg;, ...),
// which XML itself does not declare.
class XhtmlEntityResolver final : public QXmlStreamEntityResolver {
public:
    QString resolveUndeclaredEntity(const QString& name) override;
};

// One XML file of the package being read, with its package path for problems.
class XmlDocument {
public:
    XmlDocument(std::string packagePath, QByteArray bytes, ProblemLog& log);
    XmlDocument(const XmlDocument&) = delete;
    XmlDocument& operator=(const XmlDocument&) = delete;

    [[nodiscard]] QXmlStreamReader& reader() { return reader_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] int line() const { return static_cast<int>(reader_.lineNumber()); }

    // Advances to the root element; false (with a problem) when there is none.
    bool readRoot();
    // Advances to the next child start element of the current element; false at its end.
    bool nextChild();

    // Whether the current element is in the namespace of the root (a QTI element).
    [[nodiscard]] bool inRootNamespace() const;
    // "prompt", or "m:math" for an element of a foreign namespace, for problems.
    [[nodiscard]] std::string elementName() const;
    [[nodiscard]] std::string attribute(QStringView name) const;
    [[nodiscard]] bool hasAttribute(QStringView name) const;

    void problem(std::string message) { problemAt(line(), elementName(), std::move(message)); }
    void problemAt(int line, std::string element, std::string message);
    // Reports the current element as not supported and skips it.
    void refuse(std::string why);
    // Logs the reader's well-formedness error once, if any.
    void reportXmlError();

private:
    std::string path_;
    QByteArray bytes_;
    ProblemLog& log_;
    XhtmlEntityResolver entities_;
    QXmlStreamReader reader_;
    QString rootNamespace_;
    bool xmlErrorReported_ = false;
};

// "<what> is longer than <limit> bytes, the most a package holds" when it is; empty otherwise.
// The importer checks the package format's limits (vigil/exam/serialization.h) where it reads
// each value, so a refusal names its file and line.
std::string lengthProblem(const std::string& what, const std::string& value, std::size_t limit);

std::optional<bool> parseXmlBool(const std::string& text);
std::optional<int> parseXmlInt(const std::string& text);
std::optional<double> parseXmlDouble(const std::string& text);

} // namespace vigil::exam::qti
