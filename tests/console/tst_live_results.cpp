// Issue 11, result records over the LAN link into the centre's outbox, through the console's
// real service: a kiosk (a real link endpoint with a real sitting in its store) submits its
// sitting; the sealed result record it issued arrives over the link and the console queues it
// in its outbox as a result-record item whose id is that of the kiosk's bytes, and acknowledges
// it. The kiosk restarted remembers the acknowledgement (its store): still one item.
#include "live_fixture.h"
#include "vigil/receiver/item.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vigil;
using namespace vigil::console;
using namespace vigil::console::testing;

class LiveResultsTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    exam::ManualClock clock_;

private slots:
    void aSubmittedSittingsResultRecordIsQueuedInTheOutboxOnce() {
        LiveConsole console(dir_.filePath("results").toStdString(), clock_);
        auto pc01 = console.enrolledKiosk("PC01");
        pc01->sit(console.sessionId(), "AB123456",
                  smallAssessment(LiveConsole::kAssessment, false));
        pc01->answer("q01", "A");
        QCOMPARE(console.service().outboxStatus().waiting.size(), std::size_t{0});

        const auto sealed = pc01->submit(console.service().centre().awardingBodyBoxKey());
        QVERIFY(!sealed.empty());
        QVERIFY(eventually([&] { return pc01->resultAcknowledged(); }));
        auto waiting = console.service().outboxStatus().waiting;
        QCOMPARE(waiting.size(), std::size_t{1});
        QVERIFY(waiting[0].kind == receiver::ItemKind::ResultRecord);
        QVERIFY(waiting[0].id == receiver::itemIdOf(sealed));
        QVERIFY2(waiting[0].label.find("PC01") != std::string::npos, waiting[0].label.c_str());

        // The kiosk restarts: the acknowledgement is in its store, and the outbox still holds
        // one item.
        pc01->stop();
        pc01->start();
        QVERIFY(eventually([&] { return pc01->resultAcknowledged(); }));
        waiting = console.service().outboxStatus().waiting;
        QCOMPARE(waiting.size(), std::size_t{1});
        QVERIFY(waiting[0].id == receiver::itemIdOf(sealed));
        // The same bytes queued through the service's own call are the same item.
        const auto again =
            console.service().queueItem(receiver::ItemKind::ResultRecord, sealed, "result of PC01");
        QVERIFY(again.ok());
        QVERIFY(again.value() == receiver::itemIdOf(sealed));
        QCOMPARE(console.service().outboxStatus().waiting.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(LiveResultsTest)
#include "tst_live_results.moc"
