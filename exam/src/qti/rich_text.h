#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class XmlDocument;

// An image the rich text refers to, to be loaded from the package.
struct MediaReference {
    std::string path; // package path, as written into the src of the emitted <img>
    std::string file; // the referencing file, for problems
    int line = 0;
    std::string element;
};

// Turns QTI content (XHTML in the QTI namespace) into the sanitised subset of assessment.h.
// Attributes other than a few safe layout ones are dropped; any other element is refused.
class RichTextConverter {
public:
    // Consumes an interaction element met in the content, or a feedbackBlock (the reader
    // decides whether it may be there); absent where neither may appear.
    using InteractionReader = std::function<void()>;

    RichTextConverter(XmlDocument& document, std::vector<MediaReference>& media)
        : document_(document)
        , media_(media) {}

    // Converts the children of the current element, up to and including its end tag.
    std::string convertChildren(const InteractionReader& interactions = {});

private:
    struct ImageReference {
        std::string source, alt, width, height;
        int line = 0;
        std::string element;
    };
    void convertInto(std::string& out, const InteractionReader& interactions);
    void convertElement(std::string& out, const InteractionReader& interactions);
    void writeImage(std::string& out, const ImageReference& image);

    XmlDocument& document_;
    std::vector<MediaReference>& media_;
    int depth_ = 0; // container elements open around the current one
};

// Collapses runs of XML white space to one space and trims the ends (no escaping).
std::string collapseWhitespace(const std::string& text);

} // namespace vigil::exam::qti
