// The incremental journal verifier the console runs on each sitting's events as they arrive:
// events that extend the chain under a head signed by the kiosk are accepted; a gap, a fork, a
// bad or foreign signature, a replayed event and a head that does not match are refused, each
// with its own error, and a refusal changes nothing.

#include "engine_fixture.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
namespace crypto = vigil::crypto;
using namespace std::chrono_literals;

namespace {

const std::string kSittingId = "verify-1";

SignedJournalHead headAt(const SittingEvent& event,
                         const crypto::SigningKeyPair& keys = kioskKeys()) {
    return signJournalHead(kSittingId, {event.sequence, chainHashOf(event)}, keys);
}

QString nameOf(JournalLinkError error) {
    return QString::fromLatin1(describe(error).data(),
                               static_cast<qsizetype>(describe(error).size()));
}

} // namespace

class JournalVerifierTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(4);
    std::vector<SittingEvent> events_; // a real sitting's journal, as the kiosk wrote it

    // A verifier that has accepted events 0..last, one at a time, as the console would.
    JournalVerifier verifiedThrough(std::size_t last) {
        JournalVerifier verifier(kSittingId, kioskKeys().publicKey);
        for (std::size_t i = 0; i <= last; ++i) {
            const auto accepted = verifier.extend({&events_[i], 1}, headAt(events_[i]));
            if (!accepted) {
                qFatal("event %zu was refused: %s", i, accepted.error().detail.c_str());
            }
        }
        return verifier;
    }

    void expectRefused(JournalVerifier& verifier, std::span<const SittingEvent> events,
                       const SignedJournalHead& head, JournalLinkError expected,
                       std::int64_t sequence) {
        const auto before = verifier.head();
        const auto result = verifier.extend(events, head);
        QVERIFY(!result.ok());
        QCOMPARE(nameOf(result.error().error), nameOf(expected));
        QCOMPARE(result.error().sequence, sequence);
        QVERIFY(result.error().detail.find("event " + std::to_string(sequence)) !=
                std::string::npos);
        QVERIFY(verifier.head() == before); // nothing changed
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor(kSittingId), clock, kioskKeys());
        startSitting(sitting);
        sitting.answer("Q1", {"A"});
        clock.advance(5s);
        sitting.checkpoint();
        sitting.answer("Q2", {"B"});
        sitting.setFlag("Q3", true);
        events_ = sitting.events();
        QCOMPARE(events_.size(), std::size_t(8));
    }

    void eventsInOrderAreAcceptedOneByOneOrTogether() {
        auto oneByOne = verifiedThrough(events_.size() - 1);
        QCOMPARE(oneByOne.head().sequence, events_.back().sequence);
        QCOMPARE(oneByOne.head().hash, chainHashOf(events_.back()));

        JournalVerifier together(kSittingId, kioskKeys().publicKey);
        QVERIFY(together.extend(events_, headAt(events_.back())).ok());
        QVERIFY(together.head() == oneByOne.head());

        // Resuming from a head verified earlier (the console restarted).
        JournalVerifier resumed(kSittingId, kioskKeys().publicKey,
                                {events_[3].sequence, chainHashOf(events_[3])});
        QVERIFY(resumed.extend(std::span(events_).subspan(4), headAt(events_.back())).ok());
        QVERIFY(resumed.head() == oneByOne.head());
    }

    void aGapIsRefused() {
        auto verifier = verifiedThrough(2);
        // Event 3 never arrived; 4 does.
        expectRefused(verifier, {&events_[4], 1}, headAt(events_[4]), JournalLinkError::Gap, 3);
        // Within a batch too.
        std::vector<SittingEvent> batch{events_[3], events_[5]};
        expectRefused(verifier, batch, headAt(events_[5]), JournalLinkError::Gap, 4);
    }

    void aForkIsRefused() {
        auto verifier = verifiedThrough(5);
        // A different event 5 (a checkpoint with more time used), linked to event 4 and signed.
        auto other = events_[5];
        other.timeUsedMs += 1000;
        expectRefused(verifier, {&other, 1}, headAt(other), JournalLinkError::Fork, 5);
        // An event 6 that does not follow the event 5 already verified.
        auto stray = events_[6];
        stray.previousHash = chainHashOf(other);
        expectRefused(verifier, {&stray, 1}, headAt(stray), JournalLinkError::Fork, 6);
        // A head signed at the verified sequence over another hash.
        expectRefused(verifier, {}, headAt(other), JournalLinkError::Fork, 5);
    }

    void aBadSignatureIsRefused() {
        auto verifier = verifiedThrough(3);
        auto head = headAt(events_[4]);
        head.signature[10] ^= 0x01;
        expectRefused(verifier, {&events_[4], 1}, head, JournalLinkError::BadSignature, 4);
        // The head's fields are what is signed: a head moved on is not the kiosk's.
        auto moved = headAt(events_[4]);
        moved.head.sequence = 5;
        expectRefused(verifier, {&events_[4], 1}, moved, JournalLinkError::BadSignature, 5);
        // Signed by another key that claims to be the kiosk's.
        const auto stranger = crypto::generateSigningKeyPair();
        auto forged = headAt(events_[4], stranger);
        forged.signer = kioskKeys().publicKey;
        expectRefused(verifier, {&events_[4], 1}, forged, JournalLinkError::BadSignature, 4);
        // Signed by another kiosk, honestly.
        expectRefused(verifier, {&events_[4], 1}, headAt(events_[4], stranger),
                      JournalLinkError::WrongSigner, 4);
        // Another sitting's head.
        auto elsewhere = signJournalHead("verify-2", {events_[4].sequence, chainHashOf(events_[4])},
                                         kioskKeys());
        QCOMPARE(nameOf(verifier.extend({&events_[4], 1}, elsewhere).error().error),
                 nameOf(JournalLinkError::WrongSitting));
        QVERIFY(verifier.extend({&events_[4], 1}, headAt(events_[4])).ok());
    }

    void aReplayedOlderEventIsRefused() {
        auto verifier = verifiedThrough(5);
        expectRefused(verifier, {&events_[2], 1}, headAt(events_[2]), JournalLinkError::Replayed,
                      2);
        expectRefused(verifier, {&events_[5], 1}, headAt(events_[5]), JournalLinkError::Replayed,
                      5);
        // An old event slipped in front of new ones, under the newest head.
        std::vector<SittingEvent> batch{events_[4], events_[6]};
        expectRefused(verifier, batch, headAt(events_[6]), JournalLinkError::Replayed, 4);
        // An old head alone.
        expectRefused(verifier, {}, headAt(events_[3]), JournalLinkError::Replayed, 3);
    }

    void eventsThatDoNotEndAtTheSignedHeadAreRefused() {
        auto verifier = verifiedThrough(3);
        // An event added after the signed head.
        std::vector<SittingEvent> batch{events_[4], events_[5]};
        expectRefused(verifier, batch, headAt(events_[4]), JournalLinkError::HeadMismatch, 5);
        // The signed head is further on than the events sent: events are missing at the end.
        expectRefused(verifier, {&events_[4], 1}, headAt(events_[5]),
                      JournalLinkError::HeadMismatch, 5);
        // The last event altered (its link is intact, its content is not what was signed).
        auto altered = events_[4];
        altered.timeUsedMs += 60'000;
        expectRefused(verifier, {&altered, 1}, headAt(events_[4]), JournalLinkError::HeadMismatch,
                      4);
    }

    void anAlteredEventInsideABatchBreaksTheLinkAfterIt() {
        auto verifier = verifiedThrough(2);
        std::vector<SittingEvent> batch(events_.begin() + 3, events_.end());
        batch[1].choiceIds = {"C"}; // event 4, an answer
        expectRefused(verifier, batch, headAt(events_.back()), JournalLinkError::BrokenLink, 4);
    }
};

QTEST_GUILESS_MAIN(JournalVerifierTest)
#include "tst_journal_verifier.moc"
