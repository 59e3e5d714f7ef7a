// Incidents at the seat reach the invigilator: lockdown findings and problem reports are
// counted as pending on the candidate's screens until an invigilator logs in at the seat,
// reads them (the sitting paused, no time lost) and marks them reviewed in the journal.
#include "session_harness.h"
#include "vigil/kiosk/incident_rows.h"
#include "vigil/kiosk/kiosk_log.h"

#include <QSignalSpy>
#include <QTest>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;
using Screen = SessionController::Screen;
using namespace std::chrono_literals;

namespace {

QVariantMap incident(SessionController& s, int row) {
    return s.incidents().at(row).toMap();
}

int pendingRows(SessionController& s) {
    int pending = 0;
    for (const auto& row : s.incidents()) {
        pending += row.toMap().value(QStringLiteral("pending")).toBool() ? 1 : 0;
    }
    return pending;
}

} // namespace

class TestIncidentReview : public QObject {
    Q_OBJECT
private slots:
    void findingsAndReportsArePendingUntilReviewed() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        QCOMPARE(s.pendingIncidents(), 0);
        QSignalSpy changed(&s, &SessionController::incidentsChanged);

        s.recordMonitorFinding(QStringLiteral("focus"), QStringLiteral("the kiosk lost focus"));
        QVERIFY(s.reportProblem(QStringLiteral("the diagram has no labels")));
        QVERIFY(changed.count() >= 2);
        QCOMPARE(s.pendingIncidents(), 2);
        QCOMPARE(s.incidents().size(), 2);
        QCOMPARE(incident(s, 0).value(QStringLiteral("source")).toString(),
                 QStringLiteral("Kiosk"));
        QVERIFY(incident(s, 0)
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("the kiosk lost focus")));
        QCOMPARE(incident(s, 1).value(QStringLiteral("source")).toString(),
                 QStringLiteral("Candidate"));
        // The list names the question by number and assessment id, never by its content.
        QVERIFY(!incident(s, 1)
                     .value(QStringLiteral("text"))
                     .toString()
                     .contains(QString::fromLatin1(kSampleItemMarker)));

        h.clock().advance(60s);
        s.tick();
        const int leftBeforeReview = s.secondsLeft();
        s.beginIncidentReview();
        QCOMPARE(s.screen(), Screen::Login);
        QCOMPARE(s.loginPurpose(), SessionController::LoginPurpose::ReviewIncidents);
        QVERIFY(!s.submitLogin(QStringLiteral("000000"), QStringLiteral("nope")));
        QCOMPARE(s.screen(), Screen::Login);
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Incidents);
        QVERIFY(s.sitting()->state() == exam::SittingState::Paused);

        // Reading takes five minutes; the candidate loses none of them.
        h.clock().advance(5min);
        s.tick();
        QCOMPARE(s.secondsLeft(), leftBeforeReview);
        // The pause itself is listed, but only notes await review.
        QCOMPARE(s.incidents().size(), 3);
        QCOMPARE(s.pendingIncidents(), 2);

        s.acknowledgeIncidents();
        QCOMPARE(s.screen(), Screen::Question);
        QVERIFY(s.sitting()->state() == exam::SittingState::InProgress);
        QCOMPARE(s.pendingIncidents(), 0);
        QCOMPARE(pendingRows(s), 0);
        QCOMPARE(s.secondsLeft(), leftBeforeReview);
        const auto& last = s.sitting()->events().back();
        QVERIFY(last.kind == exam::EventKind::Resumed);
        const auto& review = s.sitting()->events()[s.sitting()->events().size() - 2];
        QVERIFY(review.kind == exam::EventKind::IncidentsReviewed);
        QCOMPARE(review.actor, std::string(kSampleInvigilatorId));

        s.recordMonitorFinding(QStringLiteral("display"), QStringLiteral("a second display"));
        QCOMPARE(s.pendingIncidents(), 1);
        QCOMPARE(pendingRows(s), 1);
        QCOMPARE(KioskLog(h.db()).entries("login-succeeded").back().detail,
                 std::string("review incidents"));
    }

    void reviewCanLeaveTheSittingPaused() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        s.recordMonitorFinding(QStringLiteral("process:anydesk"), QStringLiteral("AnyDesk runs"));
        s.beginIncidentReview();
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Incidents);
        s.acknowledgeIncidentsAndKeepPaused();
        QCOMPARE(s.screen(), Screen::Paused);
        QCOMPARE(s.pendingIncidents(), 0);
        s.beginResumeFromPause();
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Question);
    }

    void cancellingTheLoginChangesNothing() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        s.recordMonitorFinding(QStringLiteral("focus"), QStringLiteral("the kiosk lost focus"));
        const auto events = s.sitting()->events().size();
        s.beginIncidentReview();
        s.cancelLogin();
        QCOMPARE(s.screen(), Screen::Question);
        QCOMPARE(s.sitting()->events().size(), events);
        QCOMPARE(s.pendingIncidents(), 1);
        // Nothing to review outside a running sitting.
        s.acknowledgeIncidents();
        QCOMPARE(s.screen(), Screen::Question);
    }

    void pendingIncidentsSurviveAKill() {
        SessionHarness h;
        h.startSitting();
        h.session().recordMonitorFinding(QStringLiteral("focus"), QStringLiteral("focus lost"));
        h.reopen();
        auto& s = h.session();
        QCOMPARE(s.screen(), Screen::Locked);
        s.beginLogin();
        QVERIFY(h.loginAsInvigilator());
        QCOMPARE(s.screen(), Screen::Question);
        QCOMPARE(s.pendingIncidents(), 1);
        // The interruption is listed too, as the console will log it.
        bool interruptionListed = false;
        for (const auto& row : s.incidents()) {
            interruptionListed =
                interruptionListed || row.toMap()
                                          .value(QStringLiteral("text"))
                                          .toString()
                                          .startsWith(QStringLiteral("Sitting interrupted"));
        }
        QVERIFY(interruptionListed);
    }

    void rowsWordEachKindOfIncident() {
        std::vector<exam::SittingEvent> events(4);
        events[0].sequence = 0;
        events[0].kind = exam::EventKind::ExtraTimeGranted;
        events[0].number = 600;
        events[0].text = "access arrangement";
        events[0].actor = "INV-1";
        events[1].sequence = 1;
        events[1].kind = exam::EventKind::IncidentNoted;
        events[1].text = "lockdown: focus";
        events[1].actor = "kiosk";
        events[2].sequence = 2;
        events[2].kind = exam::EventKind::AnswerChanged; // not an incident
        events[3].sequence = 3;
        events[3].kind = exam::EventKind::EarlySubmissionConfirmed;
        events[3].number = 4;
        const auto rows = incidentRows(events, 1);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0].text, QStringLiteral("Extra time of 10 minutes: access arrangement"));
        QCOMPARE(rows[0].source, QStringLiteral("INV-1"));
        QVERIFY(!rows[1].pending); // reviewed through sequence 1
        QCOMPARE(rows[2].text, QStringLiteral("Submitted early with 4 questions unanswered"));
        QVERIFY(!incidentRows(events, 0)[0].pending);
        QVERIFY(incidentRows(events, 0)[1].pending);
    }
};

QTEST_MAIN(TestIncidentReview)
#include "tst_incident_review.moc"
