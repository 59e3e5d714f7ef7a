// Which console order applies to a sitting in which state (sitting_order_rules.h), every pair:
// the session refuses the rest with nothing written.
#include "vigil/kiosk/sitting_order_rules.h"

#include <QTest>

using vigil::exam::SittingState;
using vigil::kiosk::orderApplies;
using Kind = vigil::kiosk::SittingOrder::Kind;

class TestSittingOrderRules : public QObject {
    Q_OBJECT
private slots:
    void everyOrderAgainstEveryState() {
        const SittingState states[] = {
            SittingState::Locked,
            SittingState::InvigilatorVerified,
            SittingState::CandidateConfirmed,
            SittingState::InProgress,
            SittingState::Paused,
            SittingState::Interrupted,
            SittingState::Submitted,
            SittingState::Resulted,
            SittingState::Voided,
            SittingState::Moved,
        };
        for (const auto state : states) {
            // A sitting moved to another PC is ended here too.
            const bool ended = state == SittingState::Submitted ||
                               state == SittingState::Resulted || state == SittingState::Voided ||
                               state == SittingState::Moved;
            const bool started = state == SittingState::InProgress ||
                                 state == SittingState::Paused ||
                                 state == SittingState::Interrupted;
            const auto name = vigil::exam::toString(state);
            const QByteArray where(name.data(), qsizetype(name.size()));
            QVERIFY2(orderApplies(Kind::Pause, state) == (state == SittingState::InProgress),
                     where);
            QVERIFY2(orderApplies(Kind::Resume, state) == (state == SittingState::Paused), where);
            QVERIFY2(orderApplies(Kind::AuthoriseResume, state) ==
                         (state == SittingState::Interrupted),
                     where);
            QVERIFY2(orderApplies(Kind::GrantExtraTime, state) == !ended, where);
            QVERIFY2(orderApplies(Kind::Void, state) == !ended, where);
            QVERIFY2(orderApplies(Kind::MoveAway, state) == started, where);
        }
    }
};

QTEST_GUILESS_MAIN(TestSittingOrderRules)
#include "tst_sitting_order_rules.moc"
