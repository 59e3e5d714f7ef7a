// Content, sections and expressions nested deeper than the readers descend are refused with
// their line, never by exhausting the stack: the QTI fuzz target's finding, a package whose
// item body, test sections or outcome expression nested 100,000 elements deep crashed the
// importer.
#include "fixture_package.h"
#include "vigil/exam/qti_import.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;

namespace {

QByteArray nested(const QByteArray& open, const QByteArray& close, int depth,
                  const QByteArray& inside = {}) {
    return open.repeated(depth) + inside + close.repeated(depth);
}

QByteArray replaced(const QByteArray& fixture, const QByteArray& what, const QByteArray& with) {
    QByteArray bytes = readFixture(fixture);
    if (!bytes.contains(what)) {
        qFatal("%s does not contain %s", qPrintable(fixture), what.constData());
    }
    return bytes.replace(what, with);
}

// The base item with its first paragraph (line 8) replaced by `body`.
QByteArray itemWithBody(const QByteArray& body) {
    return replaced("base/items/q1.xml",
                    "<p>What is the minimum legal tread depth for a car tyre?</p>", body);
}

bool hasProblemContaining(const QtiImportResult& result, const std::string& file,
                          const std::string& fragment) {
    return std::any_of(result.problems.begin(), result.problems.end(), [&](const QtiProblem& p) {
        return p.file == file && p.message.find(fragment) != std::string::npos;
    });
}

} // namespace

class QtiNestingTest : public QObject {
    Q_OBJECT

private slots:
    void contentNested32DeepImports() {
        const FixturePackage package;
        package.write("items/q1.xml", itemWithBody(nested("<div>", "</div>", 32, "deep")));
        const auto result = importQtiPackage(package.path());
        VIGIL_IMPORT_OK(result);
        QVERIFY(result.assessment->items.front().bodyHtml.find("deep") != std::string::npos);
    }

    void contentNestedDeeperIsRefusedWithItsLine() {
        const FixturePackage package;
        package.write("items/q1.xml", itemWithBody(nested("<div>", "</div>", 33, "deep")));
        const auto result = importQtiPackage(package.path());
        VIGIL_EXPECT_PROBLEM(result, "items/q1.xml", 8, "div", "nested deeper than 32");
    }

    void content100000DeepIsRefusedNotACrash() {
        const FixturePackage package;
        package.write("items/q1.xml", itemWithBody(nested("<span>", "</span>", 100'000)));
        const auto result = importQtiPackage(package.zip());
        VIGIL_EXPECT_PROBLEM(result, "items/q1.xml", 8, "span", "nested deeper than 32");
    }

    void sections100000DeepAreRefusedNotACrash() {
        const FixturePackage package;
        const QByteArray itemRef = R"(<assessmentItemRef identifier="q1" href="items/q1.xml"/>)";
        package.write("test.xml", replaced("base/test.xml", itemRef,
                                           nested(R"(<assessmentSection identifier="S" title="S">)",
                                                  "</assessmentSection>", 100'000) +
                                               itemRef));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(hasProblemContaining(result, "test.xml", "sections nested deeper than 32"),
                 qPrintable(describe(result)));
    }

    void outcomeExpression100000DeepIsRefusedNotACrash() {
        const FixturePackage package;
        package.write("test.xml",
                      replaced("base/test.xml", R"(<testVariables variableIdentifier="SCORE"/>)",
                               nested("<sum>", "</sum>", 100'000)));
        const auto result = importQtiPackage(package.path());
        QVERIFY(!result.assessment);
        QVERIFY2(hasProblemContaining(result, "test.xml", "pass marks come from"),
                 qPrintable(describe(result)));
    }
};

QTEST_GUILESS_MAIN(QtiNestingTest)
#include "tst_qti_nesting.moc"
