#include "vigil/kiosk/choice_model.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/question_palette_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vigil::kiosk;

class TestListModels : public QObject {
    Q_OBJECT
private slots:
    void choiceModelRolesAndSelection() {
        ChoiceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({{"A", "<p>one</p>", false}, {"B", "<p>two</p>", true}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(1), ChoiceModel::LetterRole).toString(),
                 QStringLiteral("B"));
        QVERIFY(model.data(model.index(1), ChoiceModel::SelectedRole).toBool());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSelection({QStringLiteral("A")});
        QCOMPARE(changed.count(), 2);
        QVERIFY(model.data(model.index(0), ChoiceModel::SelectedRole).toBool());
        QVERIFY(!model.data(model.index(1), ChoiceModel::SelectedRole).toBool());
        QVERIFY(!model.data(model.index(5), ChoiceModel::TextRole).isValid());
    }

    void paletteModelTracksAnsweredFlaggedCurrent() {
        QuestionPaletteModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &QuestionPaletteModel::countChanged);
        model.reset({{false, false}, {true, false}, {false, true}}, 0);
        QCOMPARE(count.count(), 1);
        QCOMPARE(model.data(model.index(2), QuestionPaletteModel::StatusTextRole).toString(),
                 QStringLiteral("unanswered, flagged for review"));
        model.setEntry(0, {true, false});
        QVERIFY(model.data(model.index(0), QuestionPaletteModel::AnsweredRole).toBool());
        model.setCurrent(2);
        QVERIFY(!model.data(model.index(0), QuestionPaletteModel::CurrentRole).toBool());
        QVERIFY(model.data(model.index(2), QuestionPaletteModel::CurrentRole).toBool());
        model.setEntry(7, {true, true}); // out of range: ignored
        QCOMPARE(model.count(), 3);
    }

    void imagesComeFromMemoryOnly() {
        auto library = std::make_shared<MediaLibrary>();
        library->insert(QStringLiteral("media/d.svg"),
                        {QStringLiteral("image/svg+xml"),
                         "<svg xmlns='http://www.w3.org/2000/svg' width='40' height='20'>"
                         "<rect width='40' height='20' fill='red'/></svg>"});
        ItemImageProvider provider(library);
        QSize size;
        const QImage svg = provider.requestImage(QStringLiteral("media/d.svg"), &size, {});
        QCOMPARE(size, QSize(40, 20));
        QCOMPARE(svg.pixelColor(10, 10), QColor(Qt::red));
        // A path that exists on disk but not in the package gives nothing.
        QVERIFY(provider.requestImage(QStringLiteral("/etc/hostname"), &size, {}).isNull());
        QVERIFY(provider.requestImage(QStringLiteral("media/missing.png"), &size, {}).isNull());
    }

    void richTextImagesPointAtTheProvider() {
        QCOMPARE(routeImagesToProvider(
                     QStringLiteral("<p><img src=\"media/a b.svg\" width=\"9\"/></p>")),
                 QStringLiteral("<p><img src=\"image://vigil/media/a%20b.svg\" width=\"9\"/></p>"));
        QCOMPARE(routeImagesToProvider(QStringLiteral("<img src='file:///etc/passwd'>")),
                 QStringLiteral("<img src=\"image://vigil/file%3A///etc/passwd\">"));
    }
};

QTEST_GUILESS_MAIN(TestListModels)
#include "tst_list_models.moc"
