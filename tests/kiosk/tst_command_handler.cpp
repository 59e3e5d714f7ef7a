// The hand-over of a console command from the link's thread to the screens' thread
// (command_handler.h): applied there, between two events, and answered; and when the screens'
// thread does not take it up (here it waits for the link's thread to end, as when it stops the
// link), given up after 10 s, answered "nothing was applied", and never applied later.
#include "vigil/kiosk/command_handler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>

using namespace vigil;

namespace {

sync::ConsoleCommand pauseCommand() {
    sync::ConsoleCommand command;
    command.commandId = std::string(32, 'a');
    command.seat = "PC07";
    command.kind = sync::CommandKind::Pause;
    command.body = R"({"reason":"fire alarm"})";
    return command;
}

} // namespace

class CommandHandlerTest : public QObject {
    Q_OBJECT

private slots:
    void aCommandIsAppliedOnTheScreensThreadAndAnswered() {
        QObject screens;
        std::atomic<int> applied{0};
        Qt::HANDLE appliedOn = nullptr;
        const auto handler = kiosk::onThreadOf(&screens, [&](const sync::ConsoleCommand& c) {
            appliedOn = QThread::currentThreadId();
            ++applied;
            return sync::CommandResult{c.commandId, true, {}, false};
        });
        sync::CommandResult answer;
        std::atomic<bool> answered{false};
        std::thread link([&] {
            answer = handler(pauseCommand());
            answered = true;
        });
        QTRY_VERIFY(answered.load()); // the screens' thread turns its events meanwhile
        link.join();
        QVERIFY(answer.applied);
        QCOMPARE(answer.commandId, std::string(32, 'a'));
        QCOMPARE(applied.load(), 1);
        QCOMPARE(appliedOn, QThread::currentThreadId());
    }

    void aCommandTheScreensThreadNeverTakesUpIsGivenUpAndNeverApplied() {
        QObject screens;
        std::atomic<int> applied{0};
        const auto handler = kiosk::onThreadOf(&screens, [&](const sync::ConsoleCommand& c) {
            ++applied;
            return sync::CommandResult{c.commandId, true, {}, false};
        });
        sync::CommandResult answer;
        QElapsedTimer waited;
        waited.start();
        std::thread link([&] { answer = handler(pauseCommand()); });
        link.join(); // the screens' thread waits for the link's thread: no event is turned
        QVERIFY2(waited.elapsed() >= 9'000, qPrintable(QString::number(waited.elapsed())));
        QVERIFY(!answer.applied);
        QVERIFY2(answer.reason.find("nothing was applied") != std::string::npos,
                 answer.reason.c_str());
        // The queued hand-over runs now, and does nothing: the command was given up.
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QCOMPARE(applied.load(), 0);
    }
};

QTEST_GUILESS_MAIN(CommandHandlerTest)
#include "tst_command_handler.moc"
