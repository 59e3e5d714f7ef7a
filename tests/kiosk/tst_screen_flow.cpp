// The kiosk's screen flow as a table (screen_flow.h): every row walked from the Locked screen
// through the real ScreenFlow, every screen reachable and none a dead end, everything the
// table does not list refused with the screen unchanged, the guards' own refusals, and the
// session following the table where the old scattered checks let a second login strand it.
#include "session_harness.h"
#include "vigil/kiosk/screen_flow.h"

#include <QTest>
#include <deque>
#include <map>
#include <set>
#include <vector>

using namespace vigil;
using namespace vigil::kiosk;
using namespace vigil::kiosk::testing;

namespace {

constexpr ScreenFacts kAllClear{true, true};

std::vector<KioskScreen> allScreens() {
    std::vector<KioskScreen> screens;
    for (int value = int(KioskScreen::Locked); value <= int(KioskScreen::Incidents); ++value) {
        screens.push_back(KioskScreen(value));
    }
    return screens;
}

std::vector<ScreenEvent> allEvents() {
    std::vector<ScreenEvent> events;
    for (int value = int(ScreenEvent::BeginLogin); value <= int(ScreenEvent::ConsoleEnded);
         ++value) {
        events.push_back(ScreenEvent(value));
    }
    return events;
}

bool listed(KioskScreen from, ScreenEvent event) {
    for (const auto& row : screenFlowTable()) {
        if (row.from == from && row.event == event) {
            return true;
        }
    }
    return false;
}

// The shortest way from Locked to every screen, as events the table allows with every guard
// holding (a breadth-first walk of the table, through ScreenFlow itself).
std::map<KioskScreen, std::vector<ScreenEvent>> waysFromLocked() {
    std::map<KioskScreen, std::vector<ScreenEvent>> ways{{KioskScreen::Locked, {}}};
    std::deque<KioskScreen> open{KioskScreen::Locked};
    while (!open.empty()) {
        const KioskScreen at = open.front();
        open.pop_front();
        for (const auto& row : screenFlowTable()) {
            if (row.from != at || !row.to || ways.contains(*row.to)) {
                continue;
            }
            auto way = ways[at];
            way.push_back(row.event);
            ways[*row.to] = way;
            open.push_back(*row.to);
        }
    }
    return ways;
}

ScreenFlow flowAt(KioskScreen screen) {
    ScreenFlow flow;
    const auto ways = waysFromLocked();
    for (const auto event : ways.at(screen)) {
        if (!flow.follow(event, kAllClear)) {
            throw std::runtime_error("the way to a screen was refused");
        }
    }
    return flow;
}

std::string name(KioskScreen screen) {
    return std::string(toString(screen));
}

// Plain enums, compared by name so a failure says which.
QString named(KioskScreen screen) {
    return QString::fromStdString(name(screen));
}
QString named(ScreenEvent event) {
    return QString::fromUtf8(toString(event).data(), qsizetype(toString(event).size()));
}
QString named(ScreenRefusalReason reason) {
    switch (reason) {
    case ScreenRefusalReason::NotOffered:
        return QStringLiteral("NotOffered");
    case ScreenRefusalReason::SeatNotOpen:
        return QStringLiteral("SeatNotOpen");
    case ScreenRefusalReason::FindingsOpen:
        return QStringLiteral("FindingsOpen");
    }
    return QStringLiteral("?");
}

} // namespace

class ScreenFlowTest : public QObject {
    Q_OBJECT

private slots:
    void everyRowLeadsWhereTheTableSays() {
        const auto ways = waysFromLocked();
        QVERIFY(!screenFlowTable().empty());
        for (const auto& row : screenFlowTable()) {
            const auto context = name(row.from) + " + " + std::string(toString(row.event));
            QVERIFY2(ways.contains(row.from), context.c_str());
            auto flow = flowAt(row.from);
            QCOMPARE(named(flow.screen()), named(row.from));
            const KioskScreen expected = row.to.value_or(flow.beforeLogin());
            const auto step = flow.follow(row.event, kAllClear);
            QVERIFY2(step.ok(), context.c_str());
            QCOMPARE(named(step.value()), named(expected));
            QCOMPARE(named(flow.screen()), named(expected));
        }
    }

    void everyScreenIsReachableAndLeadsBackToLocked() {
        const auto ways = waysFromLocked();
        for (const auto screen : allScreens()) {
            QVERIFY2(ways.contains(screen), name(screen).c_str());
            // No dead end: from every screen some walk of the table reaches Locked again.
            std::set<KioskScreen> seen{screen};
            std::deque<KioskScreen> open{screen};
            while (!open.empty() && !seen.contains(KioskScreen::Locked)) {
                const KioskScreen at = open.front();
                open.pop_front();
                for (const auto& row : screenFlowTable()) {
                    const KioskScreen to = row.to.value_or(KioskScreen::Locked);
                    if (row.from == at && !seen.contains(to)) {
                        seen.insert(to);
                        open.push_back(to);
                    }
                }
            }
            QVERIFY2(seen.contains(KioskScreen::Locked) || screen == KioskScreen::Locked,
                     name(screen).c_str());
        }
    }

    void everythingTheTableDoesNotListIsRefusedAndTheScreenStays() {
        int refused = 0;
        for (const auto screen : allScreens()) {
            for (const auto event : allEvents()) {
                if (listed(screen, event)) {
                    continue;
                }
                auto flow = flowAt(screen);
                const auto step = flow.follow(event, kAllClear);
                QVERIFY(!step.ok());
                QCOMPARE(named(step.error().reason), named(ScreenRefusalReason::NotOffered));
                QCOMPARE(named(step.error().screen), named(screen));
                QCOMPARE(named(step.error().event), named(event));
                QCOMPARE(named(flow.screen()), named(screen));
                ++refused;
            }
        }
        QVERIFY(refused > 0);
        const auto text =
            nextScreen(KioskScreen::Locked, ScreenEvent::OpenReview, kAllClear).error().describe();
        QCOMPARE(QString::fromStdString(text), QStringLiteral("Locked does not offer OpenReview"));
    }

    void theGuardsRefuseWithTheirOwnReason() {
        ScreenFlow flow;
        const auto noSeat = flow.follow(ScreenEvent::BeginLogin, ScreenFacts{false, true});
        QVERIFY(!noSeat.ok());
        QCOMPARE(named(noSeat.error().reason), named(ScreenRefusalReason::SeatNotOpen));
        QCOMPARE(named(flow.screen()), named(KioskScreen::Locked));

        auto check = flowAt(KioskScreen::MachineCheck);
        const auto findings =
            check.follow(ScreenEvent::ContinueAfterMachineCheck, ScreenFacts{true, false});
        QVERIFY(!findings.ok());
        QCOMPARE(named(findings.error().reason), named(ScreenRefusalReason::FindingsOpen));
        QVERIFY(findings.error().describe().find("machine check finding") != std::string::npos);
        QCOMPARE(named(check.screen()), named(KioskScreen::MachineCheck));
        QVERIFY(check.follow(ScreenEvent::ContinueAfterMachineCheck, kAllClear).ok());
        QCOMPARE(named(check.screen()), named(KioskScreen::Confirm));
    }

    void cancellingTheLoginReturnsWhereItWasOpenedFrom() {
        const std::vector<std::pair<KioskScreen, ScreenEvent>> openers{
            {KioskScreen::Locked, ScreenEvent::BeginLogin},
            {KioskScreen::Question, ScreenEvent::BeginPause},
            {KioskScreen::Review, ScreenEvent::BeginIncidentReview},
            {KioskScreen::SubmitConfirm, ScreenEvent::BeginPause},
            {KioskScreen::Paused, ScreenEvent::BeginResumeFromPause},
        };
        for (const auto& [origin, opener] : openers) {
            auto flow = flowAt(origin);
            QVERIFY(flow.follow(opener, kAllClear).ok());
            QCOMPARE(named(flow.screen()), named(KioskScreen::Login));
            // Asked again while the Login screen is up: refused, the way back is kept.
            QVERIFY(!flow.follow(ScreenEvent::BeginPause, kAllClear).ok());
            QVERIFY(flow.follow(ScreenEvent::CancelLogin, kAllClear).ok());
            QCOMPARE(named(flow.screen()), named(origin));
        }
    }

    // Before the table, beginIncidentReview() on the Login screen of a pause took the Login
    // screen itself as the way back: Cancel then stayed on Login for good, the sitting
    // running behind it.
    void theSessionRefusesASecondLoginAndCancelReturnsToTheQuestion() {
        SessionHarness h;
        h.startSitting();
        auto& s = h.session();
        using QmlScreen = SessionController::Screen;
        QCOMPARE(s.screen(), QmlScreen::Question);
        s.beginPause();
        QCOMPARE(s.screen(), QmlScreen::Login);
        QCOMPARE(s.loginPurpose(), SessionController::LoginPurpose::PauseSitting);
        s.beginIncidentReview();
        QCOMPARE(s.loginPurpose(), SessionController::LoginPurpose::PauseSitting);
        s.cancelLogin();
        QCOMPARE(s.screen(), QmlScreen::Question);
        // And the Locked screen's login is not offered on the question.
        s.beginLogin();
        QCOMPARE(s.screen(), QmlScreen::Question);
    }
};

QTEST_GUILESS_MAIN(ScreenFlowTest)
#include "tst_screen_flow.moc"
