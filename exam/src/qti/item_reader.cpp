#include "item_reader.h"

#include "problem_log.h"
#include "qti_xml.h"
#include "response_templates.h"
#include "vigil/exam/serialization.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace vigil::exam::qti {
namespace {

// The standard templates score the response called RESPONSE into SCORE; nothing else.
const char* const kTemplateResponse = "RESPONSE";

struct ResponseDeclaration {
    int line = 0;
    std::string cardinality;
    std::string baseType;
    std::vector<std::string> correct;
    int correctLine = 0;
    std::optional<ScoreMapping> mapping;
    int mappingLine = 0;
    std::vector<std::pair<std::string, int>> mapKeys; // with their lines
};

struct Interaction {
    int line = 0;
    std::string responseIdentifier;
};

class ItemReader {
public:
    ItemReader(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log,
               FeedbackUse feedback)
        : log_(log)
        , feedbackUse_(feedback)
        , problemsBefore_(log.count())
        , document_(packagePath, bytes, log)
        , richText_(document_, media_) {}

    ItemReadResult read();

private:
    void readRoot();
    void readResponseDeclaration();
    void readCorrectResponse(ResponseDeclaration& declaration);
    void readMapping(ResponseDeclaration& declaration);
    void readItemBody();
    void readInteraction();
    void readChoiceInteraction();
    void readSimpleChoice();
    void readFeedback();
    void readResponseProcessing();
    void validateFeedback();
    void validate();
    void validateResponse(const ResponseDeclaration& declaration);
    [[nodiscard]] bool isChoice(const std::string& identifier) const;
    [[nodiscard]] double bestMappedScore() const;

    ProblemLog& log_;
    FeedbackUse feedbackUse_;
    std::size_t problemsBefore_;
    XmlDocument document_;
    std::vector<MediaReference> media_;
    RichTextConverter richText_;
    Item item_;
    int rootLine_ = 0;
    int bodyLine_ = 0;
    std::map<std::string, ResponseDeclaration> responses_;
    std::vector<Interaction> interactions_;
    std::optional<ResponseProcessing> processing_;
    std::vector<int> feedbackLines_; // of item_.feedback, in order
    int processingLine_ = 0;
    bool hasResponseProcessing_ = false;
};

ItemReadResult ItemReader::read() {
    if (document_.readRoot()) {
        readRoot();
    }
    document_.reportXmlError();
    if (log_.count() == problemsBefore_) {
        validate();
    }
    ItemReadResult result;
    if (log_.count() == problemsBefore_) {
        result.item = std::move(item_);
    }
    result.media = std::move(media_);
    return result;
}

void ItemReader::readRoot() {
    auto& reader = document_.reader();
    rootLine_ = document_.line();
    const auto ns = reader.namespaceUri();
    if (reader.name() != u"assessmentItem") {
        document_.problem("expected an assessmentItem");
        return;
    }
    if (ns != QLatin1String(kQti21Namespace) && ns != QLatin1String(kQti22Namespace)) {
        document_.problem("not a QTI 2.1 or 2.2 item (namespace \"" + ns.toString().toStdString() +
                          "\")");
        return;
    }
    item_.identifier = document_.attribute(u"identifier");
    item_.title = document_.attribute(u"title");
    if (item_.identifier.empty()) {
        document_.problem("assessmentItem has no identifier");
    }
    if (auto tooLong = lengthProblem("title", item_.title, kMaxShortTextBytes); !tooLong.empty()) {
        document_.problem(tooLong);
    }
    if (parseXmlBool(document_.attribute(u"adaptive")).value_or(false)) {
        document_.problem("adaptive items not supported");
    }
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in an assessmentItem");
        } else if (name == "responseDeclaration") {
            readResponseDeclaration();
        } else if (name == "outcomeDeclaration" || name == "stylesheet") {
            reader.skipCurrentElement(); // declarations the templates use; presentation only
        } else if (name == "itemBody") {
            readItemBody();
        } else if (name == "responseProcessing") {
            readResponseProcessing();
        } else if (name == "templateDeclaration" || name == "templateProcessing") {
            document_.refuse("template variables not supported");
        } else if (name == "modalFeedback") {
            readFeedback();
        } else {
            document_.refuse("element not supported in an assessmentItem");
        }
    }
}

void ItemReader::readResponseDeclaration() {
    ResponseDeclaration declaration;
    declaration.line = document_.line();
    const std::string identifier = document_.attribute(u"identifier");
    declaration.cardinality = document_.attribute(u"cardinality");
    declaration.baseType = document_.attribute(u"baseType");
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in a responseDeclaration");
        } else if (name == "correctResponse") {
            readCorrectResponse(declaration);
        } else if (name == "mapping") {
            readMapping(declaration);
        } else if (name == "areaMapping") {
            document_.refuse("area mapping not supported: only choiceInteraction is");
        } else if (name == "defaultValue") {
            document_.refuse("a default response is not supported: a candidate starts with "
                             "nothing chosen");
        } else {
            document_.refuse("element not supported in a responseDeclaration");
        }
    }
    if (!responses_.emplace(identifier, std::move(declaration)).second) {
        document_.problemAt(declaration.line, "responseDeclaration",
                            "response \"" + identifier + "\" declared twice");
    }
}

void ItemReader::readCorrectResponse(ResponseDeclaration& declaration) {
    declaration.correctLine = document_.line();
    while (document_.nextChild()) {
        if (document_.inRootNamespace() && document_.elementName() == "value") {
            declaration.correct.push_back(
                collapseWhitespace(document_.reader().readElementText().toStdString()));
        } else {
            document_.refuse("element not supported in a correctResponse");
        }
    }
}

void ItemReader::readMapping(ResponseDeclaration& declaration) {
    declaration.mappingLine = document_.line();
    ScoreMapping mapping;
    auto number = [&](QStringView attribute, std::optional<double>& target) {
        if (!document_.hasAttribute(attribute)) {
            return;
        }
        target = parseXmlDouble(document_.attribute(attribute));
        if (!target) {
            document_.problem(attribute.toString().toStdString() + " is not a number");
        }
    };
    std::optional<double> defaultValue;
    number(u"defaultValue", defaultValue);
    mapping.defaultValue = defaultValue.value_or(0.0);
    number(u"lowerBound", mapping.lowerBound);
    number(u"upperBound", mapping.upperBound);
    if (mapping.lowerBound && mapping.upperBound && *mapping.lowerBound > *mapping.upperBound) {
        document_.problem("lowerBound is above upperBound");
    }
    while (document_.nextChild()) {
        if (!document_.inRootNamespace() || document_.elementName() != "mapEntry") {
            document_.refuse("element not supported in a mapping");
            continue;
        }
        const std::string key = collapseWhitespace(document_.attribute(u"mapKey"));
        const auto value = parseXmlDouble(document_.attribute(u"mappedValue"));
        if (!value) {
            document_.problem("mappedValue is not a number");
        } else if (!mapping.entries.emplace(key, *value).second) {
            document_.problem("mapKey \"" + key + "\" mapped twice");
        }
        declaration.mapKeys.emplace_back(key, document_.line());
        document_.reader().skipCurrentElement();
    }
    declaration.mapping = std::move(mapping);
}

void ItemReader::readItemBody() {
    bodyLine_ = document_.line();
    item_.bodyHtml = richText_.convertChildren([this] { readInteraction(); });
    if (auto tooLong = lengthProblem("the item body", item_.bodyHtml, kMaxTextBytes);
        !tooLong.empty()) {
        document_.problemAt(bodyLine_, "itemBody", tooLong);
    }
}

// A practice quiz's modalFeedback or feedbackBlock: shown after the quiz is submitted when its
// identifier is a choice the candidate picked, or "correct" / "incorrect" as the answer was
// (the standard templates set no FEEDBACK outcome, so these are what it can name). Its content
// is rich text in the same sanitised subset as the item.
void ItemReader::readFeedback() {
    if (feedbackUse_ == FeedbackUse::Refuse) {
        document_.refuse("feedback not supported: Vigil shows no feedback during an assessment "
                         "(only a practice quiz, \"kind\": \"practice\", shows it)");
        return;
    }
    const int line = document_.line();
    ItemFeedback feedback;
    feedback.identifier = document_.attribute(u"identifier");
    const std::string showHide = document_.attribute(u"showHide");
    if (showHide != "show") {
        document_.problem("showHide=\"" + showHide +
                          "\" not supported: feedback is shown when its identifier matches "
                          "(showHide=\"show\")");
    }
    feedback.contentHtml = richText_.convertChildren();
    const auto tooLong = lengthProblem("the identifier", feedback.identifier, kMaxIdentifierBytes) +
                         lengthProblem("the feedback", feedback.contentHtml, kMaxTextBytes);
    if (!tooLong.empty()) {
        document_.problemAt(line, "feedback", tooLong);
    }
    feedbackLines_.push_back(line);
    item_.feedback.push_back(std::move(feedback));
}

void ItemReader::validateFeedback() {
    if (item_.feedback.size() > kMaxFeedbackPerItem) {
        log_.add(document_.path(), feedbackLines_.back(), "modalFeedback",
                 "more than " + std::to_string(kMaxFeedbackPerItem) + " feedback elements");
    }
    for (std::size_t i = 0; i < item_.feedback.size(); ++i) {
        const auto& identifier = item_.feedback[i].identifier;
        if (!isChoice(identifier) && identifier != kFeedbackWhenCorrect &&
            identifier != kFeedbackWhenIncorrect) {
            log_.add(document_.path(), feedbackLines_[i], "feedback",
                     "feedback identifier \"" + identifier +
                         "\" names neither a choice of this item nor correct / incorrect");
        }
        if (item_.feedback[i].contentHtml.empty()) {
            log_.add(document_.path(), feedbackLines_[i], "feedback", "the feedback is empty");
        }
    }
}

void ItemReader::readInteraction() {
    const std::string name = document_.elementName();
    if (name == "feedbackBlock") {
        readFeedback();
        return;
    }
    if (!interactions_.empty()) {
        document_.refuse("a second interaction: Vigil delivers one interaction per item");
        return;
    }
    interactions_.push_back({document_.line(), document_.attribute(u"responseIdentifier")});
    if (name != "choiceInteraction") {
        document_.refuse(name + " not supported: only choiceInteraction (multiple choice and "
                                "multiple response) is");
        return;
    }
    readChoiceInteraction();
}

void ItemReader::readChoiceInteraction() {
    const auto flag = [&](QStringView attribute, bool fallback) {
        if (!document_.hasAttribute(attribute)) {
            return fallback;
        }
        const auto value = parseXmlBool(document_.attribute(attribute));
        if (!value) {
            document_.problem(attribute.toString().toStdString() + " must be true or false");
        }
        return value.value_or(fallback);
    };
    const auto count = [&](QStringView attribute, int fallback) {
        if (!document_.hasAttribute(attribute)) {
            return fallback;
        }
        const auto value = parseXmlInt(document_.attribute(attribute));
        if (!value || *value < 0) {
            document_.problem(attribute.toString().toStdString() +
                              " must be a whole number, 0 or more");
        }
        return value.value_or(fallback);
    };
    item_.shuffle = flag(u"shuffle", false);
    item_.maxChoices = count(u"maxChoices", 1);
    item_.minChoices = count(u"minChoices", 0);
    if (item_.maxChoices > 0 && item_.minChoices > item_.maxChoices) {
        document_.problem("minChoices is above maxChoices");
    }
    if (static_cast<std::size_t>(item_.maxChoices) > kMaxChoicesPerItem) {
        document_.problem("maxChoices is above " + std::to_string(kMaxChoicesPerItem) +
                          ", the most choices an item may have");
    }
    bool promptSeen = false;
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (document_.inRootNamespace() && name == "prompt" && !promptSeen &&
            item_.choices.empty()) {
            promptSeen = true;
            const int line = document_.line();
            item_.promptHtml = richText_.convertChildren();
            if (auto tooLong = lengthProblem("the prompt", item_.promptHtml, kMaxTextBytes);
                !tooLong.empty()) {
                document_.problemAt(line, "prompt", tooLong);
            }
        } else if (document_.inRootNamespace() && name == "simpleChoice") {
            readSimpleChoice();
        } else if (name == "prompt") {
            document_.refuse("a choiceInteraction has at most one prompt, before its choices");
        } else {
            document_.refuse(name.starts_with("feedback")
                                 ? "feedback not supported: Vigil shows no feedback during an "
                                   "assessment"
                                 : "element not supported in a choiceInteraction");
        }
    }
    if (item_.choices.size() < 2) {
        document_.problemAt(interactions_.back().line, "choiceInteraction",
                            "a choiceInteraction needs at least two simpleChoice elements");
    } else if (item_.choices.size() > kMaxChoicesPerItem) {
        document_.problemAt(interactions_.back().line, "choiceInteraction",
                            "more than " + std::to_string(kMaxChoicesPerItem) +
                                " simpleChoice elements, the most an item may have");
    } else if (static_cast<std::size_t>(item_.minChoices) > item_.choices.size()) {
        document_.problemAt(interactions_.back().line, "choiceInteraction",
                            "minChoices is above the number of choices");
    }
}

void ItemReader::readSimpleChoice() {
    Choice choice;
    const int line = document_.line();
    choice.identifier = document_.attribute(u"identifier");
    if (document_.hasAttribute(u"templateIdentifier")) {
        document_.refuse("choices shown or hidden by template variables not supported");
        return;
    }
    // Without a template variable showHide changes nothing; TAO writes showHide="show" on
    // every choice it exports.
    if (const std::string showHide = document_.attribute(u"showHide");
        document_.hasAttribute(u"showHide") && showHide != "show" && showHide != "hide") {
        document_.problem("showHide must be show or hide");
    }
    if (document_.hasAttribute(u"fixed")) {
        const auto fixed = parseXmlBool(document_.attribute(u"fixed"));
        if (!fixed) {
            document_.problem("fixed must be true or false");
        }
        choice.fixed = fixed.value_or(false);
    }
    choice.contentHtml = richText_.convertChildren();
    const auto tooLong = lengthProblem("the identifier", choice.identifier, kMaxIdentifierBytes) +
                         lengthProblem("the content", choice.contentHtml, kMaxTextBytes);
    if (choice.identifier.empty()) {
        document_.problemAt(line, "simpleChoice", "simpleChoice has no identifier");
    } else if (!tooLong.empty()) {
        document_.problemAt(line, "simpleChoice", tooLong);
    } else if (isChoice(choice.identifier)) {
        document_.problemAt(line, "simpleChoice",
                            "choice identifier \"" + choice.identifier + "\" used twice");
    }
    item_.choices.push_back(std::move(choice));
}

void ItemReader::readResponseProcessing() {
    hasResponseProcessing_ = true;
    processingLine_ = document_.line();
    const std::string uri = document_.attribute(u"template");
    if (uri.empty()) {
        document_.refuse("custom response processing not supported: use the standard template "
                         "match_correct or map_response (template=\"http://www.imsglobal.org/"
                         "question/qti_v2p1/rptemplates/match_correct\")");
        return;
    }
    processing_ = standardTemplate(uri);
    if (!processing_) {
        document_.problem("response processing template \"" + uri +
                          "\" not supported: only match_correct and map_response are");
    }
    // templateLocation is only a hint where to fetch the template: the URI decides.
    while (document_.nextChild()) {
        document_.refuse("responseProcessing with a template must be empty");
    }
}

bool ItemReader::isChoice(const std::string& identifier) const {
    return std::any_of(item_.choices.begin(), item_.choices.end(),
                       [&](const Choice& choice) { return choice.identifier == identifier; });
}

void ItemReader::validate() {
    const std::string& file = document_.path();
    if (interactions_.empty()) {
        log_.add(file, bodyLine_ ? bodyLine_ : rootLine_, bodyLine_ ? "itemBody" : "assessmentItem",
                 "item has no interaction: Vigil delivers one choiceInteraction per item");
        return;
    }
    const Interaction& interaction = interactions_.front();
    const auto declaration = responses_.find(interaction.responseIdentifier);
    if (declaration == responses_.end()) {
        log_.add(file, interaction.line, "choiceInteraction",
                 "responseIdentifier \"" + interaction.responseIdentifier +
                     "\" has no responseDeclaration");
        return;
    }
    for (const auto& [identifier, other] : responses_) {
        if (identifier != interaction.responseIdentifier) {
            log_.add(file, other.line, "responseDeclaration",
                     "response \"" + identifier + "\" belongs to no interaction");
        }
    }
    if (!hasResponseProcessing_) {
        log_.add(file, rootLine_, "assessmentItem",
                 "item has no responseProcessing: it could never be scored");
        return;
    }
    if (!processing_) {
        return; // already reported
    }
    if (interaction.responseIdentifier != kTemplateResponse) {
        log_.add(file, interaction.line, "choiceInteraction",
                 "the standard templates score the response \"RESPONSE\", not \"" +
                     interaction.responseIdentifier + "\"");
        return;
    }
    validateResponse(declaration->second);
    validateFeedback();
}

void ItemReader::validateResponse(const ResponseDeclaration& declaration) {
    const std::string& file = document_.path();
    const std::size_t problemsBefore = log_.count();
    if (declaration.baseType != "identifier") {
        log_.add(file, declaration.line, "responseDeclaration",
                 "baseType must be \"identifier\" for a choiceInteraction, not \"" +
                     declaration.baseType + "\"");
    }
    if (declaration.cardinality == "single") {
        item_.cardinality = Cardinality::Single;
        if (item_.maxChoices != 1) {
            log_.add(file, interactions_.front().line, "choiceInteraction",
                     "maxChoices must be 1 for a response of single cardinality");
        }
    } else if (declaration.cardinality == "multiple") {
        item_.cardinality = Cardinality::Multiple;
    } else {
        log_.add(file, declaration.line, "responseDeclaration",
                 "cardinality \"" + declaration.cardinality +
                     "\" not supported: only single and multiple are");
    }
    for (const auto& value : declaration.correct) {
        if (!isChoice(value)) {
            log_.add(file, declaration.correctLine, "correctResponse",
                     "correct value \"" + value + "\" is not a choice of this item");
        }
    }
    if (item_.cardinality == Cardinality::Single && declaration.correct.size() > 1) {
        log_.add(file, declaration.correctLine, "correctResponse",
                 "a single-cardinality response has one correct value");
    }
    for (const auto& [key, line] : declaration.mapKeys) {
        if (!isChoice(key)) {
            log_.add(file, line, "mapEntry", "mapKey \"" + key + "\" is not a choice of this item");
        }
    }
    item_.processing = *processing_;
    item_.correctResponse = declaration.correct;
    item_.mapping = declaration.mapping;
    if (*processing_ == ResponseProcessing::MatchCorrect) {
        if (declaration.correct.empty()) {
            log_.add(file, processingLine_, "responseProcessing",
                     "match_correct needs a correctResponse in the responseDeclaration");
        }
        item_.maxScore = 1.0;
    } else if (!declaration.mapping) {
        log_.add(file, processingLine_, "responseProcessing",
                 "map_response needs a mapping in the responseDeclaration");
    } else if (log_.count() == problemsBefore) {
        item_.maxScore = bestMappedScore();
        if (!std::isfinite(item_.maxScore)) {
            log_.add(file, declaration.mappingLine, "mapping",
                     "the best mapped score is beyond any number a score can hold");
        } else if (item_.maxScore <= 0.0) {
            log_.add(file, declaration.mappingLine, "mapping",
                     "no choice scores above zero: the item could never give a mark");
        }
    }
}

// The best a candidate can score: the highest positive values, as many as may be chosen,
// capped by upperBound.
double ItemReader::bestMappedScore() const {
    const ScoreMapping& mapping = *item_.mapping;
    std::vector<double> values;
    for (const auto& choice : item_.choices) {
        const auto entry = mapping.entries.find(choice.identifier);
        values.push_back(entry == mapping.entries.end() ? mapping.defaultValue : entry->second);
    }
    std::sort(values.begin(), values.end(), std::greater<>());
    const std::size_t choosable =
        item_.maxChoices == 0 ? values.size()
                              : std::min(values.size(), static_cast<std::size_t>(item_.maxChoices));
    double best = 0.0;
    for (std::size_t i = 0; i < choosable && values[i] > 0.0; ++i) {
        best += values[i];
    }
    if (mapping.upperBound) {
        best = std::min(best, *mapping.upperBound);
    }
    return best;
}

} // namespace

ItemReadResult readItem(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log,
                        FeedbackUse feedback) {
    return ItemReader(packagePath, bytes, log, feedback).read();
}

} // namespace vigil::exam::qti
