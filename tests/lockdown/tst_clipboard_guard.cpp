#include "vigil/lockdown/clipboard_guard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace vigil::lockdown;

class TestClipboardGuard : public QObject {
    Q_OBJECT
private slots:
    void clearsAtStartDuringAndAtEnd() {
        QClipboard* clipboard = QGuiApplication::clipboard();
        clipboard->setText(QStringLiteral("answer notes from before the sitting"));
        QCOMPARE(clipboard->text(), QStringLiteral("answer notes from before the sitting"));

        ClipboardGuard guard;
        QSignalSpy removed(&guard, &ClipboardGuard::contentRemoved);
        guard.start();
        QVERIFY(guard.isActive());
        QVERIFY(clipboard->text().isEmpty());
        QCOMPARE(removed.size(), 0); // clearing at start is not an attempt

        QTest::ignoreMessage(QtWarningMsg,
                             "cleared content put on the clipboard during the sitting");
        clipboard->setText(QStringLiteral("Question 4: which refrigerant..."));
        QVERIFY(clipboard->text().isEmpty());
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(0).value<QClipboard::Mode>(), QClipboard::Clipboard);

        auto* image = new QMimeData;
        image->setImageData(QImage(4, 4, QImage::Format_RGB32));
        QTest::ignoreMessage(QtWarningMsg,
                             "cleared content put on the clipboard during the sitting");
        clipboard->setMimeData(image);
        QVERIFY(!clipboard->mimeData() || clipboard->mimeData()->formats().isEmpty());
        QCOMPARE(removed.size(), 2);

        guard.stop();
        QVERIFY(!guard.isActive());
        QVERIFY(clipboard->text().isEmpty());
        clipboard->setText(QStringLiteral("after the sitting"));
        QCOMPARE(clipboard->text(), QStringLiteral("after the sitting")); // no longer guarded
        QCOMPARE(removed.size(), 2);
    }

    void stopClearsWhatWasLeftOnTheSelection() {
        QClipboard* clipboard = QGuiApplication::clipboard();
        if (!clipboard->supportsSelection())
            QSKIP("this platform has no primary selection");
        clipboard->setText(QStringLiteral("selected text"), QClipboard::Selection);
        ClipboardGuard guard;
        guard.start();
        QVERIFY(clipboard->text(QClipboard::Selection).isEmpty());
        guard.stop();
    }
};

QTEST_MAIN(TestClipboardGuard)
#include "tst_clipboard_guard.moc"
