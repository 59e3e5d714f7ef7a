// The seat's sitting: one assignment has at most one live sitting, an interrupted one is always
// resumed, and neither the ids nor the order of creation change the answer. Every sitting is
// made by the real engine in a real store.

#include "engine_fixture.h"
#include "vigil/exam/seat_sittings.h"

#include <QTest>
#include <algorithm>
#include <map>

using namespace vigil;
using namespace vigil::exam;
using namespace vigil::exam::testing;
using namespace std::chrono_literals;

namespace {

enum class Kind { Voided, Interrupted, Completed };

const char* nameOf(Kind kind) {
    switch (kind) {
    case Kind::Voided:
        return "voided";
    case Kind::Interrupted:
        return "interrupted";
    case Kind::Completed:
        return "completed";
    }
    return "?";
}

QString nameOf(SeatSittingVerdict verdict) {
    switch (verdict) {
    case SeatSittingVerdict::NoSittingYet:
        return QStringLiteral("no sitting yet");
    case SeatSittingVerdict::Resume:
        return QStringLiteral("resume");
    case SeatSittingVerdict::Completed:
        return QStringLiteral("completed");
    case SeatSittingVerdict::Refuse:
        return QStringLiteral("refuse");
    }
    return {};
}

AssignmentOfSeat theAssignment() {
    const auto setup = setupFor("unused");
    return {setup.candidateRegistration, smallAssessment().metadata.id, setup.seat,
            setup.sessionId};
}

// A store holding sittings made through the engine, each as a kiosk would leave it.
class Store {
public:
    Store() {
        if (!dir_.isValid()) {
            throw std::runtime_error("no temporary directory");
        }
        db_.emplace(openStore(dir_));
        clock_.setWall(1'795'000'000'000);
    }

    store::Database& db() { return *db_; }

    void add(Kind kind, const std::string& id, SittingSetup setup) {
        setup.sittingId = id;
        clock_.advance(1min); // created later than the one before
        auto sitting = Sitting::create(*db_, assessment_, setup, clock_, kioskKeys());
        switch (kind) {
        case Kind::Voided: // the wrong candidate at the seat
            sitting.verifyInvigilator("inv-1");
            sitting.voidSitting("wrong candidate at the seat", "inv-1");
            break;
        case Kind::Interrupted: { // answered for a while, then the kiosk was killed
            startSitting(sitting);
            sitting.answer("Q1", {"A"});
            clock_.advance(30s);
            sitting.checkpoint();
            const auto reloaded = Sitting::load(*db_, assessment_, id, clock_, kioskKeys());
            if (reloaded.state() != SittingState::Interrupted) {
                throw std::logic_error("the reloaded sitting is not interrupted");
            }
            break;
        }
        case Kind::Completed:
            startSitting(sitting);
            sitting.answer("Q1", {"A"});
            sitting.submit(int(assessment_.items.size()) - 1);
            (void)sitting.issueResult(awardingBody_.publicKey);
            break;
        }
    }

    void add(Kind kind, const std::string& id) { add(kind, id, setupFor(id)); }

    // Sittings of other assignments, ids spread among the seat's own: none of them may count.
    void addOtherAssignments() {
        auto otherCandidate = setupFor("");
        otherCandidate.candidateRegistration = "REG-0002";
        add(Kind::Interrupted, "b-other-candidate", otherCandidate);
        auto otherSession = setupFor("");
        otherSession.sessionId = "S-2026-11-25-W2"; // the same candidate's resit, another day
        add(Kind::Interrupted, "n-other-session", otherSession);
        auto otherSeat = setupFor("");
        otherSeat.seat = "PC-08";
        add(Kind::Completed, "y-other-seat", otherSeat);
    }

private:
    QTemporaryDir dir_;
    std::optional<store::Database> db_;
    ManualClock clock_;
    Assessment assessment_ = smallAssessment(3);
    crypto::BoxKeyPair awardingBody_ = crypto::generateBoxKeyPair();
};

std::vector<std::vector<Kind>> everyOrderOfEverySubset() {
    const std::vector<Kind> all{Kind::Voided, Kind::Interrupted, Kind::Completed};
    std::vector<std::vector<Kind>> orders;
    for (unsigned mask = 1; mask < 8; ++mask) {
        std::vector<Kind> subset;
        for (unsigned i = 0; i < 3; ++i) {
            if (mask & (1u << i)) {
                subset.push_back(all[i]);
            }
        }
        do {
            orders.push_back(subset);
        } while (std::next_permutation(subset.begin(), subset.end()));
    }
    return orders;
}

} // namespace

class SeatSittingsTest : public QObject {
    Q_OBJECT

private slots:
    void anEmptyStoreHasNoSittingYet() {
        Store store;
        store.addOtherAssignments();
        const auto decision = findSeatSitting(store.db(), theAssignment());
        QCOMPARE(nameOf(decision.verdict), nameOf(SeatSittingVerdict::NoSittingYet));
    }

    // Every order of creation of voided, interrupted and completed sittings (and of every
    // subset), under every order of their ids, with other assignments' sittings mixed in.
    void theInterruptedSittingIsResumedWhateverElseTheStoreHolds() {
        const std::vector<std::string> idPrefixes{"a", "m", "z"};
        int stores = 0;
        for (const auto& creationOrder : everyOrderOfEverySubset()) {
            std::vector<std::size_t> idRank(creationOrder.size());
            for (std::size_t i = 0; i < idRank.size(); ++i) {
                idRank[i] = i;
            }
            do {
                Store store;
                store.addOtherAssignments();
                std::map<Kind, std::string> idOf;
                QString story;
                for (std::size_t i = 0; i < creationOrder.size(); ++i) {
                    const auto kind = creationOrder[i];
                    const auto id = idPrefixes[idRank[i]] + "-" + nameOf(kind);
                    store.add(kind, id);
                    idOf[kind] = id;
                    story += QString::fromStdString(id) + QLatin1Char(' ');
                }
                const auto decision = findSeatSitting(store.db(), theAssignment());
                const QByteArray where = story.toUtf8();
                if (idOf.count(Kind::Interrupted)) {
                    QVERIFY2(decision.verdict == SeatSittingVerdict::Resume, where);
                    QVERIFY2(decision.sittingId == idOf[Kind::Interrupted], where);
                } else if (idOf.count(Kind::Completed)) {
                    QVERIFY2(decision.verdict == SeatSittingVerdict::Completed, where);
                    QVERIFY2(decision.sittingId == idOf[Kind::Completed], where);
                } else {
                    QVERIFY2(decision.verdict == SeatSittingVerdict::NoSittingYet, where);
                }
                ++stores;
            } while (std::next_permutation(idRank.begin(), idRank.end()));
        }
        QCOMPARE(stores, 3 * 1 + 6 * 2 + 6 * 6);
    }

    // A sitting created and not yet started is live too: it is continued, never doubled.
    void aSittingNotYetStartedIsContinued() {
        Store store;
        store.add(Kind::Voided, "z-voided");
        ManualClock clock;
        auto assessment = smallAssessment(3);
        auto sitting =
            Sitting::create(store.db(), assessment, setupFor("a-verified"), clock, kioskKeys());
        sitting.verifyInvigilator("inv-1");
        const auto decision = findSeatSitting(store.db(), theAssignment());
        QCOMPARE(nameOf(decision.verdict), nameOf(SeatSittingVerdict::Resume));
        QCOMPARE(decision.sittingId, std::string("a-verified"));
    }

    // Two live sittings of one assignment: the kiosk never makes them, so the store is damaged.
    void twoLiveSittingsAreRefusedNamingBothInOrderOfCreation() {
        for (const bool laterHasSmallerId : {false, true}) {
            Store store;
            const std::string first = laterHasSmallerId ? "z-first" : "a-first";
            const std::string second = laterHasSmallerId ? "a-second" : "z-second";
            store.add(Kind::Interrupted, first);
            store.add(Kind::Interrupted, second);
            const auto decision = findSeatSitting(store.db(), theAssignment());
            QCOMPARE(nameOf(decision.verdict), nameOf(SeatSittingVerdict::Refuse));
            const auto at = decision.reason.find(first);
            QVERIFY2(at != std::string::npos && decision.reason.find(second) > at,
                     decision.reason.c_str());
        }
    }

    // The rule itself, without a store: the order the summaries come in does not matter.
    void theOrderOfTheSummariesDoesNotMatter() {
        const auto assignment = theAssignment();
        std::vector<StoredSitting> sittings{
            {"c", assignment, SittingState::Resulted, 3},
            {"a", assignment, SittingState::Interrupted, 2},
            {"b", assignment, SittingState::Voided, 1},
            {"d",
             {"REG-0002", assignment.assessmentId, assignment.seat, assignment.sessionId},
             SittingState::InProgress,
             4},
        };
        std::sort(sittings.begin(), sittings.end(),
                  [](const auto& l, const auto& r) { return l.sittingId < r.sittingId; });
        do {
            const auto decision = decideSeatSitting(sittings, assignment);
            QVERIFY(decision.verdict == SeatSittingVerdict::Resume);
            QCOMPARE(decision.sittingId, std::string("a"));
        } while (std::next_permutation(
            sittings.begin(), sittings.end(),
            [](const auto& l, const auto& r) { return l.sittingId < r.sittingId; }));
    }
};

QTEST_GUILESS_MAIN(SeatSittingsTest)
#include "tst_seat_sittings.moc"
