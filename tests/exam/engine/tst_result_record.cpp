// The result record: scored from the sitting, bound to the journal head it was issued at and
// to the assignment and package digests, signed with the kiosk key under its own context tag,
// sealed to the awarding body, stored with the sitting; opening checks every layer.

#include "engine_fixture.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/result_record.h"
#include "vigil/exam/sitting_journal_chain.h"

#include <QTest>

using namespace vigil::exam;
using namespace vigil::exam::testing;
namespace crypto = vigil::crypto;
using namespace std::chrono_literals;

class ResultRecordTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::optional<vigil::store::Database> db_;
    Assessment assessment_ = smallAssessment(5); // pass mark 80 %
    crypto::SigningKeyPair kiosk_ = crypto::generateSigningKeyPair();
    crypto::BoxKeyPair awardingBody_ = crypto::generateBoxKeyPair();
    std::optional<IssuedResult> issued_;
    std::vector<SittingEvent> eventsAtSubmission_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        db_.emplace(openStore(dir_));
        ManualClock clock;
        auto sitting = Sitting::create(*db_, assessment_, setupFor("r1"), clock, kiosk_);
        startSitting(sitting);
        clock.advance(90s);
        for (const char* item : {"Q1", "Q2", "Q3", "Q4"}) {
            sitting.answer(item, {"A"});
        }
        sitting.answer("Q5", {"B"}); // wrong
        sitting.pause("fire alarm", "inv-1");
        sitting.resume("inv-1");
        sitting.submit();
        eventsAtSubmission_ = sitting.events();
        issued_ = sitting.issueResult(awardingBody_.publicKey);
        QCOMPARE(nameOf(sitting.state()), nameOf(SittingState::Resulted));
    }

    void recordCarriesTheSitting() {
        const auto& record = issued_->record;
        QCOMPARE(record.sittingId, std::string("r1"));
        QCOMPARE(record.candidateRegistration, std::string("REG-0001"));
        QCOMPARE(record.centreId, std::string("C-123"));
        QCOMPARE(record.sessionId, std::string("S-2026-11-23-W2"));
        QCOMPARE(record.seat, std::string("PC-07"));
        QCOMPARE(record.assessmentId, std::string("MOT-G2-TEST"));
        QCOMPARE(record.assessmentVersion, std::string("2026.1"));
        QCOMPARE(record.timeUsedMs, 90000);
        QVERIFY(record.submittedWallMs - record.startedWallMs >= 90000);
        QCOMPARE(record.score, 4.0);
        QCOMPARE(record.maxScore, 5.0);
        QCOMPARE(record.percentage, 80.0);
        QVERIFY(record.passed); // exactly at the 80 % mark
        QCOMPARE(record.incidents, 1);
        QCOMPARE(record.responses.size(), std::size_t(5));
        QCOMPARE(record.journalSequence, eventsAtSubmission_.back().sequence);
        QCOMPARE(record.journalHead, chainHashOf(eventsAtSubmission_.back()));
        QCOMPARE(record.assignmentDigest, testAssignmentDigest());
        QCOMPARE(record.packageDigest, testPackageDigest());
        QCOMPARE(record.kioskKeyId, crypto::keyIdOf(kiosk_.publicKey));
        QVERIFY(issued_->score.passed);
    }

    void opensAndVerifies() {
        const auto opened = openResultRecord(issued_->sealed, awardingBody_, kiosk_.publicKey);
        QVERIFY(opened.ok());
        QVERIFY(opened.value() == issued_->record);
    }

    void sealedRecordIsStoredWithTheSitting() {
        SittingJournal journal(*db_, "r1");
        QCOMPARE(journal.sealedResult(), std::optional(issued_->sealed));
        QCOMPARE(nameOf(SittingJournal::list(*db_).front().state), nameOf(SittingState::Resulted));
    }

    void wrongRecipientCannotOpen() {
        const auto other = crypto::generateBoxKeyPair();
        const auto opened = openResultRecord(issued_->sealed, other, kiosk_.publicKey);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), crypto::Error::AuthenticationFailed);
    }

    void flippedByteIsDetected() {
        auto sealed = issued_->sealed;
        sealed[sealed.size() / 2] ^= 0x01;
        const auto opened = openResultRecord(sealed, awardingBody_, kiosk_.publicKey);
        QCOMPARE(opened.error(), crypto::Error::AuthenticationFailed);
    }

    void otherKioskKeyIsAMismatch() {
        const auto other = crypto::generateSigningKeyPair();
        const auto opened = openResultRecord(issued_->sealed, awardingBody_, other.publicKey);
        QCOMPARE(opened.error(), crypto::Error::KeyMismatch);
    }

    void alteredScoreBreaksTheSignature() {
        // Someone with the awarding body's public key re-seals an edited record.
        auto signedResult = openSealedResult(issued_->sealed, awardingBody_);
        QVERIFY(signedResult.ok());
        auto& json = signedResult.value().json;
        const auto at = json.find("\"passed\":true");
        QVERIFY(at != std::string::npos);
        auto forged = json;
        forged.replace(at, 13, "\"passed\":fals"); // same length, different bytes
        signedResult.value().json = forged;
        QCOMPARE(verifySignedResult(signedResult.value(), kiosk_.publicKey).error(),
                 crypto::Error::BadSignature);
    }

    void malformedEnvelopes() {
        const std::vector<std::uint8_t> tooShort{'V', 'G', 'L', 'R', 1};
        QCOMPARE(openResultRecord(crypto::sealTo(awardingBody_.publicKey, tooShort), awardingBody_,
                                  kiosk_.publicKey)
                     .error(),
                 crypto::Error::Truncated);
        std::vector<std::uint8_t> wrongMagic(200, 0);
        QCOMPARE(openResultRecord(crypto::sealTo(awardingBody_.publicKey, wrongMagic),
                                  awardingBody_, kiosk_.publicKey)
                     .error(),
                 crypto::Error::UnknownFormat);
        QVERIFY(!openResultRecord({}, awardingBody_, kiosk_.publicKey).ok());
    }

    void signedButNotARecordIsUnknownFormat() {
        SignedResult fake;
        fake.json = "{\"format\":\"something-else\"}";
        fake.kioskKeyId = crypto::keyIdOf(kiosk_.publicKey);
        fake.signature = crypto::sign(kiosk_, resultSignedBytes(fake.json));
        QCOMPARE(verifySignedResult(fake, kiosk_.publicKey).error(), crypto::Error::UnknownFormat);
    }

    void theRecordNamesTheHeadTheJournalReaches() {
        // The awarding body (or the console) holding the journal recomputes the chain up to
        // the head the record names.
        const auto& record = issued_->record;
        JournalVerifier verifier("r1", kiosk_.publicKey);
        const auto signedHead =
            signJournalHead("r1", {record.journalSequence, record.journalHead}, kiosk_);
        QVERIFY(verifier.extend(eventsAtSubmission_, signedHead).ok());
        QCOMPARE(verifier.head().hash, record.journalHead);
    }

    void flippedByteOfTheHeadOrADigestBreaksTheSignature() {
        for (const char* field :
             {"\"journalHead\":\"", "\"assignmentDigest\":\"", "\"packageDigest\":\""}) {
            auto signedResult = openSealedResult(issued_->sealed, awardingBody_);
            QVERIFY(signedResult.ok());
            auto& json = signedResult.value().json;
            const auto at = json.find(field);
            QVERIFY2(at != std::string::npos, field);
            const auto digit = at + std::string_view(field).size();
            json[digit] = json[digit] == '0' ? '1' : '0';
            QCOMPARE(verifySignedResult(signedResult.value(), kiosk_.publicKey).error(),
                     crypto::Error::BadSignature);
        }
    }

    void aSignatureWithoutTheContextTagIsRefused() {
        // The kiosk's signature over the bare JSON (as version 1 made it) is not a record's.
        auto signedResult = openSealedResult(issued_->sealed, awardingBody_);
        QVERIFY(signedResult.ok());
        const auto& json = signedResult.value().json;
        signedResult.value().signature =
            crypto::sign(kiosk_, {reinterpret_cast<const std::uint8_t*>(json.data()), json.size()});
        QCOMPARE(verifySignedResult(signedResult.value(), kiosk_.publicKey).error(),
                 crypto::Error::BadSignature);
    }

    void canonicalJsonRoundTrips() {
        const auto json = canonicalResultJson(issued_->record);
        const auto parsed = parseResultJson(json);
        QVERIFY(parsed.ok());
        QVERIFY(parsed.value() == issued_->record);
        QCOMPARE(canonicalResultJson(parsed.value()), json);
    }

    void resultOnlyOnce() {
        ManualClock clock;
        auto sitting = Sitting::load(*db_, assessment_, "r1", clock, kiosk_);
        QVERIFY_THROWS_EXCEPTION(SittingError, (void)sitting.issueResult(awardingBody_.publicKey));
    }
};

QTEST_GUILESS_MAIN(ResultRecordTest)
#include "tst_result_record.moc"
