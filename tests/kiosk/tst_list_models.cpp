#include "vigil/kiosk/choice_model.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/question_palette_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace vigil::kiosk;

class TestListModels : public QObject {
    Q_OBJECT
private slots:
    void choiceModelRolesAndSelection() {
        ChoiceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({{"A", "<p>one</p>", false}, {"B", "<p>two</p>", true}});
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

    // Another question with as many choices: every row stays (no reset, no insert, no
    // remove) and each changed row says which roles changed, so QML keeps the delegates and
    // re-reads only those; a row that shows the same answer says nothing.
    void choiceModelUpdatesRowsInPlace() {
        ChoiceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(
            {{"A", "<p>one</p>", true}, {"B", "<p>two</p>", false}, {"C", "<p>three</p>", false}});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setRows(
            {{"C", "<p>three</p>", false}, {"B", "<p>two</p>", false}, {"A", "<p>uno</p>", false}});

        QCOMPARE(reset.count() + inserted.count() + removed.count(), 0);
        QCOMPARE(changed.count(), 2); // row 1 shows the same answer as before
        const auto rolesOf = [&](int signal) {
            auto roles = changed.at(signal).at(2).value<QList<int>>();
            std::sort(roles.begin(), roles.end());
            return roles;
        };
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        // The reading text (letter and words, for screen readers) changes with the text.
        QCOMPARE(rolesOf(0),
                 (QList<int>{Qt::DisplayRole, ChoiceModel::IdentifierRole, ChoiceModel::TextRole,
                             ChoiceModel::SelectedRole, ChoiceModel::ReadingTextRole}));
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 2);
        QCOMPARE(rolesOf(1), (QList<int>{Qt::DisplayRole, ChoiceModel::IdentifierRole,
                                         ChoiceModel::TextRole, ChoiceModel::ReadingTextRole}));
        QCOMPARE(model.data(model.index(0), ChoiceModel::IdentifierRole).toString(),
                 QStringLiteral("C"));
        QVERIFY(!model.data(model.index(0), ChoiceModel::SelectedRole).toBool());
        QCOMPARE(model.data(model.index(2), ChoiceModel::TextRole).toString(),
                 QStringLiteral("<p>uno</p>"));
        QCOMPARE(model.data(model.index(2), ChoiceModel::ReadingTextRole).toString(),
                 QStringLiteral("C. uno"));
    }

    // More or fewer choices than the question before: the rows both have are updated in
    // place, the rest inserted or removed at the end.
    void choiceModelInsertsAndRemovesOnlyTheDifference() {
        ChoiceModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setRows({{"A", "a", false}, {"B", "b", false}});
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1);

        model.setRows({{"X", "x", false}, {"B", "b", false}, {"Y", "y", true}, {"Z", "z", false}});
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 2);
        QCOMPARE(inserted.at(1).at(2).toInt(), 3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(2), ChoiceModel::IdentifierRole).toString(),
                 QStringLiteral("Y"));
        QVERIFY(model.data(model.index(2), ChoiceModel::SelectedRole).toBool());
        QCOMPARE(model.data(model.index(3), ChoiceModel::LetterRole).toString(),
                 QStringLiteral("D"));

        model.setRows({{"P", "p", false}});
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 3);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), ChoiceModel::IdentifierRole).toString(),
                 QStringLiteral("P"));

        model.setRows({});
        QCOMPARE(removed.count(), 2);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.count(), 0);
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
