#include "test_reader.h"

#include "package_path.h"
#include "problem_log.h"
#include "qti_xml.h"
#include "rich_text.h"
#include "vigil/exam/serialization.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vigil::exam::qti {
namespace {

class TestReader {
public:
    TestReader(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log)
        : document_(packagePath, bytes, log) {}

    TestPlan read();

private:
    void readTestPart(bool first);
    void readSection();
    void readItemRef();
    void readTimeLimits();
    void readItemSessionControl();
    void readOutcomeProcessing();

    // A small element subtree, for recognising a fixed expression.
    struct ElementTree {
        std::string name; // empty for an element outside the QTI namespace
        QXmlStreamAttributes attributes;
        std::vector<ElementTree> children;
    };
    ElementTree readTree(int depth = 0);
    static bool isScoreSum(const ElementTree& statement);

    XmlDocument document_;
    TestPlan plan_;
    std::set<std::string> identifiers_;
    int sectionDepth_ = 0; // sections open around the current one
};

TestPlan TestReader::read() {
    if (!document_.readRoot()) {
        return plan_;
    }
    auto& reader = document_.reader();
    const auto ns = reader.namespaceUri();
    if (reader.name() != u"assessmentTest") {
        document_.problem("expected an assessmentTest");
        return plan_;
    }
    if (ns != QLatin1String(kQti21Namespace) && ns != QLatin1String(kQti22Namespace)) {
        document_.problem("not a QTI 2.1 or 2.2 test (namespace \"" + ns.toString().toStdString() +
                          "\")");
        return plan_;
    }
    plan_.line = document_.line();
    plan_.identifier = document_.attribute(u"identifier");
    plan_.title = collapseWhitespace(document_.attribute(u"title"));
    if (plan_.identifier.empty()) {
        document_.problem("assessmentTest has no identifier");
    }
    if (plan_.title.empty()) {
        document_.problem("assessmentTest has no title: candidates and centres see it");
    }
    for (const auto& tooLong :
         {lengthProblem("the identifier", plan_.identifier, kMaxIdentifierBytes),
          lengthProblem("the title", plan_.title, kMaxShortTextBytes)}) {
        if (!tooLong.empty()) {
            document_.problem(tooLong);
        }
    }
    bool firstPart = true;
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in an assessmentTest");
        } else if (name == "outcomeDeclaration") {
            reader.skipCurrentElement();
        } else if (name == "timeLimits") {
            readTimeLimits();
        } else if (name == "testPart") {
            readTestPart(firstPart);
            firstPart = false;
        } else if (name == "outcomeProcessing") {
            readOutcomeProcessing();
        } else if (name == "testFeedback") {
            document_.refuse("feedback not supported: Vigil shows no feedback during an "
                             "assessment");
        } else {
            document_.refuse("element not supported in an assessmentTest");
        }
    }
    if (firstPart && !document_.reader().hasError()) {
        document_.problemAt(0, "assessmentTest", "assessmentTest has no testPart");
    }
    plan_.readToTheEnd = !document_.reader().hasError();
    return plan_;
}

void TestReader::readTimeLimits() {
    plan_.timeLimitsLine = document_.line();
    if (document_.hasAttribute(u"minTime")) {
        document_.problem("minTime not supported: a candidate may always submit early");
    }
    if (!document_.hasAttribute(u"maxTime")) {
        document_.problem("timeLimits without maxTime: the assessment needs a time limit");
    } else {
        const auto seconds = parseXmlDouble(document_.attribute(u"maxTime"));
        if (!seconds || *seconds <= 0 || *seconds > 24 * 3600) {
            document_.problem("maxTime must be a number of seconds above 0 and at most a day");
        } else {
            plan_.durationSeconds = std::llround(*seconds);
        }
    }
    document_.reader().skipCurrentElement();
}

void TestReader::readTestPart(bool first) {
    const std::string navigation = document_.attribute(u"navigationMode");
    const std::string submission = document_.attribute(u"submissionMode");
    NavigationMode navigationMode = NavigationMode::Nonlinear;
    SubmissionMode submissionMode = SubmissionMode::Simultaneous;
    if (navigation == "linear") {
        navigationMode = NavigationMode::Linear;
    } else if (navigation != "nonlinear") {
        document_.problem("navigationMode must be linear or nonlinear");
    }
    if (submission == "individual") {
        submissionMode = SubmissionMode::Individual;
    } else if (submission != "simultaneous") {
        document_.problem("submissionMode must be individual or simultaneous");
    }
    if (first) {
        plan_.navigation = navigationMode;
        plan_.submission = submissionMode;
    } else if (navigationMode != plan_.navigation || submissionMode != plan_.submission) {
        document_.problem("testParts with different navigation or submission modes not "
                          "supported: the whole assessment has one");
    }
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in a testPart");
        } else if (name == "assessmentSection") {
            readSection();
        } else if (name == "itemSessionControl") {
            readItemSessionControl();
        } else if (name == "timeLimits") {
            document_.refuse("time limits on a testPart not supported: set maxTime on the "
                             "assessmentTest");
        } else if (name == "testFeedback") {
            document_.refuse("feedback not supported: Vigil shows no feedback during an "
                             "assessment");
        } else if (name == "preCondition" || name == "branchRule") {
            document_.refuse("conditional navigation not supported");
        } else {
            document_.refuse("element not supported in a testPart");
        }
    }
}

void TestReader::readSection() {
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in an assessmentSection");
        } else if (name == "assessmentSection") {
            if (sectionDepth_ == kMaxNesting) {
                document_.refuse("sections nested deeper than " + std::to_string(kMaxNesting) +
                                 " not supported");
                continue;
            }
            ++sectionDepth_;
            readSection();
            --sectionDepth_;
        } else if (name == "assessmentItemRef") {
            readItemRef();
        } else if (name == "itemSessionControl") {
            readItemSessionControl();
        } else if (name == "ordering") {
            if (parseXmlBool(document_.attribute(u"shuffle")).value_or(false)) {
                document_.problem("shuffling the items of a section not supported: every "
                                  "candidate gets the authored order");
            }
            document_.reader().skipCurrentElement();
        } else if (name == "selection") {
            document_.refuse("item selection not supported: every candidate gets every item");
        } else if (name == "rubricBlock") {
            document_.refuse("rubricBlock not supported: put instructions in the items");
        } else if (name == "timeLimits") {
            document_.refuse("time limits on a section not supported: set maxTime on the "
                             "assessmentTest");
        } else if (name == "preCondition" || name == "branchRule") {
            document_.refuse("conditional navigation not supported");
        } else if (name == "assessmentSectionRef") {
            document_.refuse("sections in separate files not supported");
        } else {
            document_.refuse("element not supported in an assessmentSection");
        }
    }
}

void TestReader::readItemRef() {
    ItemRef ref;
    ref.line = document_.line();
    ref.identifier = document_.attribute(u"identifier");
    const std::string href = document_.attribute(u"href");
    const auto path = resolveHref(document_.path(), href);
    bool usable = true;
    if (ref.identifier.empty()) {
        document_.problem("assessmentItemRef has no identifier");
        usable = false;
    } else if (auto tooLong = lengthProblem("the identifier", ref.identifier, kMaxIdentifierBytes);
               !tooLong.empty()) {
        document_.problem(tooLong);
        usable = false;
    } else if (!identifiers_.insert(ref.identifier).second) {
        document_.problem("item identifier \"" + ref.identifier + "\" used twice in the test");
        usable = false;
    }
    if (!path) {
        document_.problem("href \"" + href + "\" must name a file inside the package");
        usable = false;
    }
    while (document_.nextChild()) {
        const std::string name = document_.elementName();
        if (!document_.inRootNamespace()) {
            document_.refuse("element not supported in an assessmentItemRef");
        } else if (name == "itemSessionControl") {
            readItemSessionControl();
        } else if (name == "weight") {
            document_.refuse("weights not supported: every item counts its own score");
        } else if (name == "timeLimits") {
            document_.refuse("time limits on an item not supported: set maxTime on the "
                             "assessmentTest");
        } else if (name == "templateDefault") {
            document_.refuse("template variables not supported");
        } else if (name == "variableMapping") {
            document_.refuse("variable mapping not supported");
        } else if (name == "preCondition" || name == "branchRule") {
            document_.refuse("conditional navigation not supported");
        } else {
            document_.refuse("element not supported in an assessmentItemRef");
        }
    }
    if (usable) {
        ref.path = *path;
        plan_.items.push_back(std::move(ref));
    }
}

// Vigil's sitting allows skipping and review and shows no solutions, comments or feedback;
// settings asking for anything else cannot be honoured.
void TestReader::readItemSessionControl() {
    struct Setting {
        const char16_t* name;
        bool deliverable;
        const char* why;
    };
    static constexpr Setting settings[] = {
        {u"showFeedback", false, "feedback not supported"},
        {u"showSolution", false, "showing solutions not supported"},
        {u"allowComment", false, "candidate comments not supported"},
        {u"allowSkipping", true, "candidates may always leave an item unanswered"},
        {u"validateResponses", false, "response validation not supported"},
    };
    for (const auto& setting : settings) {
        const QStringView name(setting.name);
        if (!document_.hasAttribute(name)) {
            continue;
        }
        const auto value = parseXmlBool(document_.attribute(name));
        if (!value) {
            document_.problem(name.toString().toStdString() + " must be true or false");
        } else if (*value != setting.deliverable) {
            document_.problem(name.toString().toStdString() + "=\"" + (*value ? "true" : "false") +
                              "\": " + setting.why);
        }
    }
    // maxAttempts and allowReview need no action: one attempt per sitting, review allowed.
    document_.reader().skipCurrentElement();
}

void TestReader::readOutcomeProcessing() {
    const int line = document_.line();
    const ElementTree processing = readTree();
    const bool simpleSum =
        !processing.children.empty() &&
        std::all_of(processing.children.begin(), processing.children.end(), isScoreSum);
    if (!simpleSum) {
        document_.problemAt(line, "outcomeProcessing",
                            "outcome processing not supported beyond SCORE = sum of the items' "
                            "SCORE: pass marks come from vigil-assessment.json");
    }
}

// Deeper than kMaxNesting, the rest of the subtree is skipped: no fixed expression is that deep.
TestReader::ElementTree TestReader::readTree(int depth) {
    ElementTree tree{document_.inRootNamespace() ? document_.elementName() : "",
                     document_.reader().attributes(),
                     {}};
    if (depth == kMaxNesting) {
        document_.reader().skipCurrentElement();
        return tree;
    }
    while (document_.nextChild()) {
        tree.children.push_back(readTree(depth + 1));
    }
    return tree;
}

// <setOutcomeValue identifier="SCORE"><sum><testVariables variableIdentifier="SCORE"/></sum>
bool TestReader::isScoreSum(const ElementTree& statement) {
    if (statement.name != "setOutcomeValue" ||
        statement.attributes.value(QLatin1String("identifier")) != u"SCORE" ||
        statement.children.size() != 1) {
        return false;
    }
    const ElementTree& sum = statement.children.front();
    if (sum.name != "sum" || sum.children.size() != 1) {
        return false;
    }
    const ElementTree& variables = sum.children.front();
    return variables.name == "testVariables" && variables.children.empty() &&
           variables.attributes.value(QLatin1String("variableIdentifier")) == u"SCORE" &&
           !variables.attributes.hasAttribute(QLatin1String("weightIdentifier"));
}

} // namespace

TestPlan readTest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log) {
    return TestReader(packagePath, bytes, log).read();
}

} // namespace vigil::exam::qti
