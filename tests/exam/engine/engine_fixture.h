#pragma once

// Shared by the engine's tests: a small assessment built in code and a fresh encrypted store.

#include "vigil/exam/assessment.h"
#include "vigil/exam/sitting.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/store/database.h"

#include <QTemporaryDir>
#include <array>
#include <string>

namespace vigil::exam::testing {

inline Item singleItem(const std::string& id, int choices = 4, const std::string& correct = "A") {
    Item item;
    item.identifier = id;
    item.title = "Question " + id;
    item.bodyHtml = "<p>Which one?</p>";
    for (int c = 0; c < choices; ++c) {
        item.choices.push_back(
            {std::string(1, static_cast<char>('A' + c)), "<p>choice</p>", false});
    }
    item.shuffle = true;
    item.correctResponse = {correct};
    return item;
}

inline Assessment smallAssessment(int items = 6, NavigationMode mode = NavigationMode::Nonlinear) {
    Assessment assessment;
    assessment.metadata.id = "MOT-G2-TEST";
    assessment.metadata.title = "MOT tester test";
    assessment.metadata.qualificationCode = "601/8928/9";
    assessment.metadata.version = "2026.1";
    assessment.metadata.durationSeconds = 600;
    assessment.metadata.passMarkPercent = 80.0;
    assessment.navigation = mode;
    for (int i = 0; i < items; ++i) {
        assessment.items.push_back(singleItem("Q" + std::to_string(i + 1)));
    }
    assessment.metadata.itemCount = items;
    return assessment;
}

inline std::array<store::Migration, 2> engineMigrations() {
    return {store::Migration{1, sittingSchemaSql()}, store::Migration{2, sittingHeadSchemaSql()}};
}

// The kiosk's signing key, the same for the whole run and in every child process (the crash
// test's children reopen the journals their predecessors signed).
inline const crypto::SigningKeyPair& kioskKeys() {
    static const auto keys = [] {
        std::array<std::uint8_t, 32> seed{};
        seed.fill(0x4b);
        return std::move(crypto::signingKeyPairFromSeed(seed)).value();
    }();
    return keys;
}

// What the tests' sittings are delivered from: stand-ins for BLAKE2b of the files.
inline crypto::Digest testAssignmentDigest() {
    crypto::Digest digest{};
    digest.fill(0xa5);
    return digest;
}
inline crypto::Digest testPackageDigest() {
    crypto::Digest digest{};
    digest.fill(0x5a);
    return digest;
}

// A 32-byte key that stays the same for the whole test run, so a store can be reopened.
inline const crypto::SecureBuffer& storeKey() {
    static const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    return key;
}

inline store::Database openStore(const QTemporaryDir& dir, const char* name = "kiosk.db") {
    const auto migrations = engineMigrations();
    return store::Database::open(std::filesystem::path(dir.path().toStdString()) / name, storeKey(),
                                 migrations);
}

inline SittingSetup setupFor(const std::string& id, std::uint64_t seed = 42) {
    SittingSetup setup;
    setup.sittingId = id;
    setup.candidateRegistration = "REG-0001";
    setup.centreId = "C-123";
    setup.sessionId = "S-2026-11-23-W2";
    setup.seat = "PC-07";
    setup.seed = seed;
    setup.assignmentDigest = testAssignmentDigest();
    setup.packageDigest = testPackageDigest();
    return setup;
}

// Locked -> InProgress through the invigilator steps.
inline void startSitting(Sitting& sitting) {
    sitting.verifyInvigilator("inv-1");
    sitting.confirmCandidate("inv-1");
    sitting.start();
}

// QCOMPARE cannot print the engine's enums (their toString() returns a string_view): compare
// their names instead.
inline QString nameOf(SittingState state) {
    return QString::fromLatin1(toString(state).data(),
                               static_cast<qsizetype>(toString(state).size()));
}
inline QString nameOf(EventKind kind) {
    return QString::fromLatin1(toString(kind).data(),
                               static_cast<qsizetype>(toString(kind).size()));
}

inline std::int64_t storedEventCount(store::Database& db, const std::string& sittingId) {
    auto query = db.prepare("SELECT COUNT(*) FROM sitting_events WHERE sitting_id = ?");
    query.bind(1, sittingId);
    query.step();
    return query.int64(0);
}

} // namespace vigil::exam::testing
